// The line a service pushes to its cfn-agent over the local datagram socket, one line per
// datagram, parsed into the service-reported L0 metrics. Pure. Format (docs/metrics.md):
//   service=NAME [instance=ID] [queue=N] [inflight=N] [delay_us=X] [rps=X] [health=ok|fail]
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "libcfnmetric/l0_metrics.hpp"

namespace cfn::metric {

inline constexpr std::size_t kMaxPushDatagram = 1024;

struct ServicePush {
  std::string service;
  std::optional<std::string> instance;  // absent: whichever instance the agent runs
  L0Metrics metrics;  // only queue_depth, requests_in_flight, processing_delay_us,
                      // requests_per_second and healthy are ever set
  bool operator==(const ServicePush&) const = default;
};

struct PushParsed {
  std::optional<ServicePush> value;
  std::string error;  // why not, when value is empty
  explicit operator bool() const { return value.has_value(); }
};

// Tokens KEY=VALUE separated by spaces or tabs, in any order, each key at most once; one
// trailing "\n" allowed. Unknown keys, empty values, bad numbers and control bytes refuse the
// whole datagram.
PushParsed parse_service_push(std::string_view datagram);

// Copies the service-reported fields (the five above) from pushed over metrics, absent ones
// included; the collectors never set them.
void overlay_pushed(const L0Metrics& pushed, L0Metrics& metrics);

}  // namespace cfn::metric
