// Merging daemon outputs: config blocks through libcfn/cli/config_text, JSON with nlohmann.
#include "vtysh-cfn/output_merge.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "libcfn/cli/config_text.hpp"

namespace cfn::vtysh {
namespace {

constexpr std::string_view kHostnamePrefix = "hostname ";

void merge_into(nlohmann::json& into, const nlohmann::json& from) {
  if (into.is_object() && from.is_object()) {
    for (const auto& [key, value] : from.items()) {
      auto it = into.find(key);
      if (it == into.end()) {
        into[key] = value;
      } else {
        merge_into(*it, value);
      }
    }
  } else if (into.is_array() && from.is_array()) {
    into.insert(into.end(), from.begin(), from.end());
  }
}

bool is_blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

std::string merged_running_config(std::span<const std::string> configs) {
  return cli::running_config_banner(cli::format_config(cli::merge_config_blocks(configs)));
}

std::string integrated_config(std::span<const std::string> configs) {
  return cli::format_config(cli::merge_config_blocks(configs)) + "end\n";
}

std::optional<std::string> configured_hostname(std::span<const std::string> configs) {
  for (const auto& block : cli::merge_config_blocks(configs)) {
    if (!block.is_block && block.header.starts_with(kHostnamePrefix)) {
      return block.header.substr(kHostnamePrefix.size());
    }
  }
  return std::nullopt;
}

std::optional<std::string> merge_json_objects(std::span<const std::string> texts) {
  nlohmann::json merged = nlohmann::json::object();
  for (const auto& text : texts) {
    if (is_blank(text)) continue;
    auto value = nlohmann::json::parse(text, nullptr, false);
    if (!value.is_object()) return std::nullopt;
    merge_into(merged, value);
  }
  return merged.dump(2) + "\n";
}

std::string concatenate_distinct(std::span<const std::string> texts) {
  std::string out;
  for (auto it = texts.begin(); it != texts.end(); ++it)
    if (std::find(texts.begin(), it, *it) == it) out += *it;
  return out;
}

}  // namespace cfn::vtysh
