// Shared test helpers for the collectors: fixture paths and texts, a parser's refusal reason,
// and scratch roots assembled from fixture trees (host + cgroup tree, moving from t0 to t1).
#pragma once

#include <filesystem>
#include <string>

#include "libcfnmetric/collect/parsed.hpp"

namespace cfn::metric::test {

// FIXTURES/<relative>, and its content.
std::filesystem::path fixture(const std::string& relative);
std::string fixture_text(const std::string& relative);

// The parser's reason for refusing `parsed`, or "accepted".
template <typename T>
std::string refusal(const Parsed<T>& parsed) {
  return parsed ? "accepted" : parsed.error;
}

class FixtureTree {
 public:
  FixtureTree();
  ~FixtureTree();
  FixtureTree(const FixtureTree&) = delete;
  FixtureTree& operator=(const FixtureTree&) = delete;

  // Copies FIXTURES/<relative> over the root (overwriting files); symlinks are kept as symlinks
  // unless `keep_symlinks` is false, in which case they are left out.
  void overlay(const std::string& relative, bool keep_symlinks = true);
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace cfn::metric::test
