// backoff_delay: doubling steps up to the cap, half of each step jittered.
#include "libcfnmetric/agent/backoff.hpp"

#include <algorithm>

namespace cfn::metric {

std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, unsigned failures,
                                        double jitter) {
  std::chrono::milliseconds step = policy.initial;
  for (unsigned i = 1; i < failures && step < policy.cap; ++i) step *= 2;
  step = std::min(step, policy.cap);
  const double half = static_cast<double>(step.count()) / 2;
  return std::chrono::milliseconds(
      static_cast<std::chrono::milliseconds::rep>(half + half * std::clamp(jitter, 0.0, 1.0)));
}

}  // namespace cfn::metric
