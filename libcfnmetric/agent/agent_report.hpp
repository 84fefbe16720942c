// One cfn-agent report as both ends see it: who (site, service, instance), when, its sequence
// number and the L0 metrics; and the rule for names that identify a report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "libcfnmetric/l0_metrics.hpp"

namespace cfn::metric {

struct AgentReport {
  std::string site;
  std::string service;
  std::string instance;
  std::uint64_t timestamp_ms = 0;  // unix time of the sample
  std::uint64_t sequence = 0;      // strictly increasing per (site, service, instance)
  L0Metrics metrics;               // metrics.healthy travels as the report's health

  bool operator==(const AgentReport&) const = default;
};

inline constexpr std::size_t kMaxNameLength = 64;

// Site, service and instance names: 1 to 64 of [A-Za-z0-9._:-].
bool is_valid_name(std::string_view name);

}  // namespace cfn::metric
