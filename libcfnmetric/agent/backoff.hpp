// Reconnect delays for cfn-agent's router connections: capped exponential backoff with jitter.
#pragma once

#include <chrono>

namespace cfn::metric {

struct BackoffPolicy {
  std::chrono::milliseconds initial{500};
  std::chrono::milliseconds cap{30000};
};

// The wait before the next attempt after `failures` consecutive failures (1 for the first):
// step = min(cap, initial * 2^(failures - 1)), then "equal jitter": step/2 + step/2 * jitter,
// jitter in [0, 1], so agents that lost a router together do not all come back at once.
std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, unsigned failures,
                                        double jitter);

}  // namespace cfn::metric
