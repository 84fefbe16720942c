// Context steps: the shortest exit/enter sequence between two context line lists.
#include "vtysh-cfn/daemon_context.hpp"

#include <algorithm>

namespace cfn::vtysh {
namespace {

constexpr std::string_view kExitLine = "exit";
constexpr std::string_view kEndLine = "end";

}  // namespace

std::vector<std::string> DaemonContext::steps_to(const ContextLines& target) const {
  const auto [mine, theirs] =
      std::mismatch(lines_.begin(), lines_.end(), target.begin(), target.end());
  const auto common = static_cast<std::size_t>(mine - lines_.begin());
  std::vector<std::string> steps;
  if (target.empty()) {
    if (!lines_.empty()) steps.emplace_back(kEndLine);
    return steps;
  }
  steps.insert(steps.end(), lines_.size() - common, std::string(kExitLine));
  steps.insert(steps.end(), theirs, target.end());
  return steps;
}

void DaemonContext::record(std::string_view line) {
  if (line == kEndLine) {
    lines_.clear();
  } else if (line == kExitLine) {
    if (!lines_.empty()) lines_.pop_back();
  } else {
    lines_.emplace_back(line);
  }
}

}  // namespace cfn::vtysh
