// Shared test helpers for the collectors.
#include "test_support.hpp"

#include <unistd.h>

#include <atomic>
#include <stdexcept>

#include "libcfnmetric/collect/source_log.hpp"

namespace cfn::metric::test {

namespace fs = std::filesystem;

fs::path fixture(const std::string& relative) {
  return fs::path(FIXTURES) / relative;
}

std::string fixture_text(const std::string& relative) {
  auto text = read_text_file(fixture(relative));
  if (!text) throw std::runtime_error(fixture(relative).string() + ": " + text.error);
  return *text.value;
}

FixtureTree::FixtureTree() {
  static std::atomic<unsigned> counter = 0;
  root_ = fs::temp_directory_path() /
          ("cfn-metric-collect-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(root_);
  fs::create_directories(root_);
}

FixtureTree::~FixtureTree() {
  std::error_code ignored;
  fs::remove_all(root_, ignored);
}

void FixtureTree::overlay(const std::string& relative, bool keep_symlinks) {
  fs::copy(fixture(relative), root_,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing |
               (keep_symlinks ? fs::copy_options::copy_symlinks : fs::copy_options::skip_symlinks));
}

}  // namespace cfn::metric::test
