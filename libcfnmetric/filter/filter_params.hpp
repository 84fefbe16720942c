// Parameters of the stability filters between the metric model and the protocols (what is
// advertised, and when), with their defaults. Every parameter's 0 turns that filter off.
#pragma once

#include <chrono>
#include <cstdint>

namespace cfn::metric {

// The filters never read a clock: the owner passes its event loop's time in.
using FilterClock = std::chrono::steady_clock;
using FilterTime = FilterClock::time_point;

struct FilterParams {
  // EWMA half-life: a sample older by one half-life weighs half as much (alpha = 1 - 2^(-dt/h)).
  std::chrono::milliseconds smoothing_half_life{5000};
  // No re-advertisement unless the smoothed L2 cost moves more than this from the advertised one.
  std::uint8_t dead_band = 8;
  // Least time between two advertisements of one service (RFC 2328 MinLSInterval, 5 s).
  std::chrono::milliseconds min_interval{5000};
  // After a withdraw, the service is not advertised again before this has passed.
  std::chrono::milliseconds hold_down{15000};
  // Advertisements per second across all services (token bucket, bursts of one second's worth).
  std::uint32_t rate_limit = 100;
  // A raw sample further than this from the smoothed value bypasses smoothing and dead band;
  // drain (255), entered or left, always does.
  std::uint8_t step_threshold = 64;

  bool operator==(const FilterParams&) const = default;
};

}  // namespace cfn::metric
