// Tests for RttTracker: RFC 6298 SRTT/RTTVAR with exact values, min RTT, counts per path,
// staleness from the time passed in, refusal of negative samples.
#include <catch2/catch.hpp>

#include "libcfnmetric/collect/rtt_tracker.hpp"

using namespace cfn::metric;
using namespace std::chrono_literals;
using Us = RttEstimate::Duration;

namespace {
const auto kT0 = std::chrono::steady_clock::time_point{} + 1h;
}  // namespace

TEST_CASE("RTT: first sample sets SRTT = R, RTTVAR = R/2 (RFC 6298 2.2)", "[collect][rtt]") {
  RttTracker tracker(10s);
  REQUIRE(tracker.add_sample("site-a", Us(100), kT0));
  auto e = tracker.estimate("site-a", kT0);
  REQUIRE(e);
  CHECK(e->srtt == Us(100));
  CHECK(e->rttvar == Us(50));
  CHECK(e->min_rtt == Us(100));
  CHECK(e->samples == 1);
  CHECK_FALSE(e->stale);
}

TEST_CASE("RTT: later samples follow RFC 6298 2.3 (alpha 1/8, beta 1/4)", "[collect][rtt]") {
  RttTracker tracker(10s);
  tracker.add_sample("site-a", Us(100), kT0);
  tracker.add_sample("site-a", Us(200), kT0 + 1s);
  // RTTVAR = 3/4 * 50 + 1/4 * |100 - 200| = 62.5; SRTT = 7/8 * 100 + 1/8 * 200 = 112.5
  auto e = tracker.estimate("site-a", kT0 + 1s);
  CHECK(e->rttvar == Us(62.5));
  CHECK(e->srtt == Us(112.5));
  tracker.add_sample("site-a", Us(48.5), kT0 + 2s);
  // RTTVAR = 3/4 * 62.5 + 1/4 * |112.5 - 48.5| = 62.875; SRTT = 7/8 * 112.5 + 1/8 * 48.5 = 104.5
  e = tracker.estimate("site-a", kT0 + 2s);
  CHECK(e->rttvar == Us(62.875));
  CHECK(e->srtt == Us(104.5));
  CHECK(e->min_rtt == Us(48.5));
  CHECK(e->samples == 3);
  CHECK(e->last_sample == kT0 + 2s);
}

TEST_CASE("RTT: paths are independent; unknown paths have no estimate", "[collect][rtt]") {
  RttTracker tracker(10s);
  tracker.add_sample("site-a", Us(100), kT0);
  tracker.add_sample("site-b", Us(30), kT0);
  CHECK(tracker.estimate("site-b", kT0)->srtt == Us(30));
  CHECK(tracker.estimate("site-a", kT0)->samples == 1);
  CHECK_FALSE(tracker.estimate("site-c", kT0));
  tracker.forget("site-a");
  CHECK_FALSE(tracker.estimate("site-a", kT0));
}

TEST_CASE("RTT: stale after the configured time without a sample", "[collect][rtt]") {
  RttTracker tracker(10s);
  tracker.add_sample("site-a", Us(100), kT0);
  CHECK_FALSE(tracker.estimate("site-a", kT0 + 10s)->stale);
  CHECK(tracker.estimate("site-a", kT0 + 10s + 1ns)->stale);
  tracker.add_sample("site-a", Us(100), kT0 + 11s);
  CHECK_FALSE(tracker.estimate("site-a", kT0 + 12s)->stale);
}

TEST_CASE("RTT: negative or non-finite samples are refused", "[collect][rtt]") {
  RttTracker tracker(10s);
  CHECK_FALSE(tracker.add_sample("site-a", Us(-1), kT0));
  CHECK_FALSE(tracker.add_sample("site-a", Us(std::numeric_limits<double>::infinity()), kT0));
  CHECK_FALSE(tracker.estimate("site-a", kT0));
  CHECK(tracker.add_sample("site-a", Us(0), kT0));
}
