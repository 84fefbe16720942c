// The path score of DESIGN.md section 4: network part + compute part under the policy. Lower
// is better; a drained site scores +infinity and is never a candidate.
#pragma once

#include <cstdint>

#include "libcfnmetric/model/evaluate.hpp"
#include "libcfnmetric/model/policy.hpp"

namespace cfn::metric {

enum class NetworkMetric : std::uint8_t {
  kIgpCost,  // IGP path cost (OSPF) or an AS-path length based figure (BGP)
  kRttUs,    // measured round-trip time in microseconds
};

struct NetworkPart {
  NetworkMetric metric = NetworkMetric::kIgpCost;
  double value = 0;  // >= 0
};

// latency with an RTT and a known completion time: rtt_us + completion_time_us;
// cost: bandwidth_price * network + L2; otherwise network + L2.
double score(const NetworkPart& network, const Evaluation& evaluation, const Policy& policy);

}  // namespace cfn::metric
