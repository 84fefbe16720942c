// Reconnect backoff: doubling steps, the cap, and the jittered half.
#include <catch2/catch.hpp>

#include "libcfnmetric/agent/backoff.hpp"

using cfn::metric::backoff_delay;
using namespace std::chrono_literals;

TEST_CASE("Backoff doubles per failure up to the cap; jitter moves the upper half",
          "[agent][backoff]") {
  const cfn::metric::BackoffPolicy policy{500ms, 30000ms};
  CHECK(backoff_delay(policy, 1, 0.0) == 250ms);
  CHECK(backoff_delay(policy, 1, 1.0) == 500ms);
  CHECK(backoff_delay(policy, 2, 0.5) == 750ms);
  CHECK(backoff_delay(policy, 3, 1.0) == 2000ms);
  CHECK(backoff_delay(policy, 7, 1.0) == 30000ms);  // 32000 capped
  CHECK(backoff_delay(policy, 7, 0.0) == 15000ms);
  CHECK(backoff_delay(policy, 1000000, 1.0) == 30000ms);
  CHECK(backoff_delay(policy, 1, 7.0) == 500ms);  // jitter outside [0, 1] is clamped
}
