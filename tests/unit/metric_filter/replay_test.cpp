// The filters on simulated signals (replay): a 1 Hz oscillation gives at least 10x fewer
// advertisements than no filtering, each within the dead band of the true mean, and an
// idle -> saturated step is advertised within the minimum interval.
//
// Parameters of this file: signal 100 + 20 sin(2 pi t) (mean 100, amplitude 20 points, 1 Hz),
// sampled at 10 Hz for 10 minutes of simulated time; filters: half-life 2000 ms, dead band 5,
// minimum interval 1000 ms, hold-down 10000 ms, rate cap 10/s, step threshold 40 (above the
// oscillation's peak-to-mean 20, so the oscillation is never taken for a step).
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

#include "libcfnmetric/filter/replay.hpp"
#include "tests/unit/metric_filter/filter_test_support.hpp"

using cfn::metric::FilterParams;
using cfn::metric::FilterSample;
using cfn::metric::FilterUpdate;
using cfn::metric::TimedUpdate;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

constexpr double kMean = 100.0;
constexpr double kAmplitude = 20.0;
constexpr int kDeadBand = 5;
constexpr milliseconds kSamplePeriod(100);
constexpr milliseconds kMinInterval(1000);

FilterParams test_params() {
  FilterParams p;
  p.smoothing_half_life = milliseconds(2000);
  p.dead_band = kDeadBand;
  p.min_interval = kMinInterval;
  p.hold_down = milliseconds(10000);
  p.rate_limit = 10;
  p.step_threshold = 40;
  return p;
}

std::vector<FilterSample> oscillation(double phase) {
  return cfn::metric::sample_signal(
      "svc",
      [phase](double t) { return kMean + kAmplitude * std::sin(2 * std::numbers::pi * t + phase); },
      kSamplePeriod, minutes(10));
}

// What unfiltered advertising sends: every sample whose value changed (the first included).
std::size_t changed_samples(const std::vector<FilterSample>& samples) {
  std::size_t changes = 0;
  std::optional<std::uint8_t> last;
  for (const auto& s : samples) {
    if (last != s.raw_l2) ++changes;
    last = s.raw_l2;
  }
  return changes;
}

}  // namespace

TEST_CASE("with every filter off, replay advertises exactly the changed samples",
          "[metric_filter][replay]") {
  const auto samples = oscillation(0.0);
  const auto updates = cfn::metric::replay(all_off(), samples);
  REQUIRE(updates.size() == changed_samples(samples));
  CHECK(updates.size() > 4000);  // 8 changes per 1 Hz cycle at 10 Hz, 600 cycles
  for (const auto& u : updates) {
    const auto index = static_cast<std::size_t>(u.at / kSamplePeriod);
    REQUIRE(u.at == index * kSamplePeriod);  // at a sample's time, not later
    CHECK(u.update.l2 == samples[index].raw_l2);
  }
}

TEST_CASE("1 Hz oscillation: at least 10x fewer advertisements, within the dead band of the mean",
          "[metric_filter][replay]") {
  // Starting on the mean needs no warm-up: the EWMA starts from the first sample (100), so
  // every advertisement, the first included, must be within the dead band of the mean.
  const auto samples = oscillation(0.0);
  const auto unfiltered = changed_samples(samples);
  const auto updates = cfn::metric::replay(test_params(), samples);
  INFO("unfiltered " << unfiltered << ", filtered " << updates.size());
  REQUIRE_FALSE(updates.empty());
  CHECK(updates.size() * 10 <= unfiltered);
  for (const auto& u : updates) {
    CHECK(u.update.kind == FilterUpdate::Kind::kAdvertise);
    CHECK(std::abs(u.update.l2 - kMean) <= kDeadBand);
  }
}

TEST_CASE("1 Hz oscillation starting on a crest: within the dead band after 10 half-lives",
          "[metric_filter][replay]") {
  // The first sample is 120, 20 off the mean: the EWMA needs a warm-up to forget it. From 10
  // half-lives (20 s) on, the cost advertised at every moment is within the dead band.
  const auto samples = oscillation(std::numbers::pi / 2);
  REQUIRE(samples.front().raw_l2 == 120);
  const auto updates = cfn::metric::replay(test_params(), samples);
  CHECK(updates.size() * 10 <= changed_samples(samples));
  const auto warm_up = seconds(20);
  std::optional<std::uint8_t> in_force;  // what is advertised when the warm-up ends
  for (const auto& u : updates) {
    if (u.at <= warm_up) {
      in_force = u.update.l2;
    } else {
      CHECK(std::abs(u.update.l2 - kMean) <= kDeadBand);
    }
  }
  REQUIRE(in_force);
  CHECK(std::abs(*in_force - kMean) <= kDeadBand);
}

TEST_CASE("idle -> saturated step: advertised within the minimum interval",
          "[metric_filter][replay]") {
  const auto step_at = seconds(60);
  const auto secs = [](auto d) { return std::chrono::duration<double>(d).count(); };
  const auto samples = cfn::metric::sample_signal(
      "svc", [&](double t) { return t < secs(step_at) ? 10.0 : 250.0; }, kSamplePeriod, minutes(2));

  auto first_saturated = [&](const FilterParams& params) {
    for (const auto& u : cfn::metric::replay(params, samples)) {
      if (u.at >= step_at && u.update.l2 >= 250 - kDeadBand) return u.at - step_at;
    }
    FAIL("the saturated cost was never advertised");
    return std::chrono::nanoseconds::max();
  };
  CHECK(first_saturated(test_params()) <= kMinInterval);

  // Without the step bypass the same step crawls through the EWMA: several half-lives.
  FilterParams no_bypass = test_params();
  no_bypass.step_threshold = 0;
  CHECK(first_saturated(no_bypass) > seconds(10));
}
