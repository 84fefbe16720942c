// score(): one number per candidate path, network and compute combined under the policy.
#include "libcfnmetric/model/score.hpp"

#include <limits>

namespace cfn::metric {

double score(const NetworkPart& network, const Evaluation& evaluation, const Policy& policy) {
  if (evaluation.drain) return std::numeric_limits<double>::infinity();
  switch (policy.kind) {
    case PolicyKind::kLatency:
      // Both in microseconds: the time until the result is back, as far as it is known.
      if (network.metric == NetworkMetric::kRttUs && evaluation.completion_time_us)
        return network.value + *evaluation.completion_time_us;
      break;
    case PolicyKind::kCost:
      return policy.bandwidth_price * network.value + evaluation.l2;
    case PolicyKind::kBalanced:
    case PolicyKind::kCustom:
      break;
  }
  return network.value + evaluation.l2;
}

}  // namespace cfn::metric
