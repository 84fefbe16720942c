// The name rule shared by the agent config, the service push lines and the receiver.
#include "libcfnmetric/agent/agent_report.hpp"

#include <algorithm>

namespace cfn::metric {

bool is_valid_name(std::string_view name) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == ':' || c == '-';
  };
  return !name.empty() && name.size() <= kMaxNameLength &&
         std::all_of(name.begin(), name.end(), allowed);
}

}  // namespace cfn::metric
