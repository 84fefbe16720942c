// RTT per network path: RFC 6298 SRTT/RTTVAR (alpha 1/8, beta 1/4), minimum, sample count and
// staleness. Time is passed in; nothing here reads a clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace cfn::metric {

struct RttEstimate {
  using Duration = std::chrono::duration<double, std::micro>;
  Duration srtt{};    // smoothed RTT
  Duration rttvar{};  // RTT variation
  Duration min_rtt{};
  std::uint64_t samples = 0;
  std::chrono::steady_clock::time_point last_sample{};
  bool stale = false;  // no sample for longer than the tracker's stale_after
  bool operator==(const RttEstimate&) const = default;
};

class RttTracker {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit RttTracker(std::chrono::steady_clock::duration stale_after)
      : stale_after_(stale_after) {}

  // Adds one measurement for `path` (e.g. a next hop or "site-a"); a negative RTT is refused.
  bool add_sample(const std::string& path, RttEstimate::Duration rtt, TimePoint now);
  // The estimate as of `now`; empty for a path never sampled.
  std::optional<RttEstimate> estimate(const std::string& path, TimePoint now) const;
  void forget(const std::string& path) { paths_.erase(path); }

 private:
  std::chrono::steady_clock::duration stale_after_;
  std::map<std::string, RttEstimate, std::less<>> paths_;
};

}  // namespace cfn::metric
