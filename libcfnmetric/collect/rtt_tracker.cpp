// RTT smoothing per path, RFC 6298 section 2.
#include "libcfnmetric/collect/rtt_tracker.hpp"

#include <algorithm>
#include <cmath>

namespace cfn::metric {

namespace {

constexpr double kAlpha = 1.0 / 8;
constexpr double kBeta = 1.0 / 4;

}  // namespace

bool RttTracker::add_sample(const std::string& path, RttEstimate::Duration rtt, TimePoint now) {
  if (!std::isfinite(rtt.count()) || rtt.count() < 0) return false;
  auto [it, first] = paths_.try_emplace(path);
  RttEstimate& e = it->second;
  if (first) {
    // RFC 6298 2.2: SRTT <- R, RTTVAR <- R/2.
    e.srtt = rtt;
    e.rttvar = rtt / 2;
    e.min_rtt = rtt;
    e.last_sample = now;
  } else {
    // RFC 6298 2.3: RTTVAR first (it uses the old SRTT), then SRTT.
    e.rttvar =
        (1 - kBeta) * e.rttvar + kBeta * RttEstimate::Duration(std::abs((e.srtt - rtt).count()));
    e.srtt = (1 - kAlpha) * e.srtt + kAlpha * rtt;
    e.min_rtt = std::min(e.min_rtt, rtt);
  }
  ++e.samples;
  e.last_sample = std::max(e.last_sample, now);
  return true;
}

std::optional<RttEstimate> RttTracker::estimate(const std::string& path, TimePoint now) const {
  auto it = paths_.find(path);
  if (it == paths_.end()) return std::nullopt;
  RttEstimate e = it->second;
  e.stale = now - e.last_sample > stale_after_;
  return e;
}

}  // namespace cfn::metric
