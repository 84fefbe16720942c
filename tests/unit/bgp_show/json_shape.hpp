// The "same keys and types" check of our JSON against FRR's samples: a document flattened
// into key paths ("peers.*.pfxRcd", "paths.[].nexthops.[].ip") and their JSON types, with
// keys that are addresses or prefixes (peers, routes) written as "*".
#pragma once

#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "libcfn/net/address.hpp"

namespace cfn::test {

inline std::string json_type(const nlohmann::json& j) {
  if (j.is_object()) return "object";
  if (j.is_array()) return "array";
  if (j.is_string()) return "string";
  if (j.is_boolean()) return "boolean";
  if (j.is_number_float()) return "float";
  if (j.is_number()) return "integer";
  return "null";
}

inline void flatten_json(const nlohmann::json& j, const std::string& path,
                         std::map<std::string, std::string>& out) {
  if (!path.empty()) out[path] = json_type(j);
  const std::string prefix = path.empty() ? "" : path + ".";
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      const bool dynamic = net::IpAddress::parse(key) || net::Prefix::parse(key);
      flatten_json(value, prefix + (dynamic ? "*" : key), out);
    }
  } else if (j.is_array()) {
    for (const auto& value : j) flatten_json(value, prefix + "[]", out);
  }
}

inline std::map<std::string, std::string> json_shape(const nlohmann::json& j) {
  std::map<std::string, std::string> out;
  flatten_json(j, "", out);
  return out;
}

// The sample's key paths that ours lacks or types differently, leaving out every path with
// a segment named in `omitted` (what we deliberately do not model); "PATH: want T, got U".
inline std::set<std::string> shape_differences(const nlohmann::json& sample,
                                               const nlohmann::json& ours,
                                               const std::set<std::string>& omitted) {
  const auto want = json_shape(sample);
  const auto got = json_shape(ours);
  std::set<std::string> differences;
  for (const auto& [path, type] : want) {
    bool skip = false;
    std::size_t start = 0;
    while (!skip && start <= path.size()) {
      std::size_t end = path.find('.', start);
      if (end == std::string::npos) end = path.size();
      skip = omitted.contains(path.substr(start, end - start));
      start = end + 1;
    }
    if (skip) continue;
    auto found = got.find(path);
    if (found == got.end() || found->second != type) {
      differences.insert(path + ": want " + type + ", got " +
                         (found == got.end() ? "nothing" : found->second));
    }
  }
  return differences;
}

}  // namespace cfn::test
