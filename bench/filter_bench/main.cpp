// filter_bench: what the stability filters save on a 1 Hz oscillation (10 minutes of simulated
// time, several services) and what they cost in step-response delay, with no filter, each
// filter alone (at its default) and all of them. Simulated clock: runs in well under a second.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>
#include <vector>

#include "libcfnmetric/filter/replay.hpp"

namespace {

using cfn::metric::FilterParams;
using cfn::metric::FilterSample;
using std::chrono::milliseconds;

constexpr int kServices = 20;
constexpr double kMean = 100.0;
constexpr double kAmplitude = 20.0;
constexpr milliseconds kSamplePeriod(100);  // 10 Hz
constexpr std::chrono::minutes kLength(10);
constexpr std::chrono::seconds kStepAt(60);
constexpr double kIdle = 10.0;
constexpr double kSaturated = 250.0;

FilterParams all_off() {
  FilterParams p;
  p.smoothing_half_life = milliseconds(0);
  p.dead_band = 0;
  p.min_interval = milliseconds(0);
  p.hold_down = milliseconds(0);
  p.rate_limit = 0;
  p.step_threshold = 0;
  return p;
}

struct Config {
  std::string name;
  FilterParams params;
};

std::vector<Config> configs() {
  const FilterParams defaults;
  std::vector<Config> out;
  out.push_back({"no filters", all_off()});
  auto alone = [&](std::string name, auto set) {
    FilterParams p = all_off();
    set(p);
    out.push_back({std::move(name), p});
  };
  alone("smoothing half-life " + std::to_string(defaults.smoothing_half_life.count()) + " ms",
        [&](FilterParams& p) { p.smoothing_half_life = defaults.smoothing_half_life; });
  alone("dead-band " + std::to_string(defaults.dead_band),
        [&](FilterParams& p) { p.dead_band = defaults.dead_band; });
  alone("advertise min-interval " + std::to_string(defaults.min_interval.count()) + " ms",
        [&](FilterParams& p) { p.min_interval = defaults.min_interval; });
  alone("advertise hold-down " + std::to_string(defaults.hold_down.count()) + " ms",
        [&](FilterParams& p) { p.hold_down = defaults.hold_down; });
  alone("advertise rate-limit " + std::to_string(defaults.rate_limit) + "/s",
        [&](FilterParams& p) { p.rate_limit = defaults.rate_limit; });
  alone("step-threshold " + std::to_string(defaults.step_threshold),
        [&](FilterParams& p) { p.step_threshold = defaults.step_threshold; });
  out.push_back({"all filters (defaults)", defaults});
  FilterParams no_bypass = defaults;
  no_bypass.step_threshold = 0;
  out.push_back({"all filters, step-threshold 0", no_bypass});
  return out;
}

// kServices services oscillating at 1 Hz around kMean, each with its own phase, in time order.
std::vector<FilterSample> oscillation() {
  std::vector<FilterSample> samples;
  for (int i = 0; i < kServices; ++i) {
    const double phase = 2 * std::numbers::pi * i / kServices;
    auto one = cfn::metric::sample_signal(
        "svc" + std::to_string(i),
        [phase](double t) {
          return kMean + kAmplitude * std::sin(2 * std::numbers::pi * t + phase);
        },
        kSamplePeriod, kLength);
    samples.insert(samples.end(), one.begin(), one.end());
  }
  std::stable_sort(samples.begin(), samples.end(),
                   [](const FilterSample& a, const FilterSample& b) { return a.at < b.at; });
  return samples;
}

// Time from the idle -> saturated step until a cost within the dead band of saturation is
// advertised; negative when it never is.
double step_delay_ms(const FilterParams& params) {
  const double step_s = std::chrono::duration<double>(kStepAt).count();
  const auto samples = cfn::metric::sample_signal(
      "svc", [step_s](double t) { return t < step_s ? kIdle : kSaturated; }, kSamplePeriod,
      kStepAt * 3);
  for (const auto& u : cfn::metric::replay(params, samples)) {
    if (u.at >= kStepAt && u.update.l2 >= kSaturated - FilterParams{}.dead_band) {
      return std::chrono::duration<double, std::milli>(u.at - kStepAt).count();
    }
  }
  return -1.0;
}

}  // namespace

int main() {
  const auto samples = oscillation();
  std::printf(
      "filter_bench: %d services, L2 = %.0f + %.0f sin(2 pi t + phase) (1 Hz), sampled at %lld "
      "Hz, %lld min simulated; step %.0f -> %.0f at t = %lld s\n\n",
      kServices, kMean, kAmplitude, 1000 / static_cast<long long>(kSamplePeriod.count()),
      static_cast<long long>(kLength.count()), kIdle, kSaturated,
      static_cast<long long>(kStepAt.count()));
  std::printf("%-34s %10s %14s %12s %16s\n", "filters", "updates", "per svc/min", "reduction",
              "step delay ms");
  double unfiltered = 0;
  for (const auto& config : configs()) {
    const auto updates = cfn::metric::replay(config.params, samples);
    const double count = static_cast<double>(updates.size());
    if (unfiltered == 0) unfiltered = count;
    const double minutes = std::chrono::duration<double, std::ratio<60>>(kLength).count();
    const double delay = step_delay_ms(config.params);
    char delay_text[32];
    if (delay < 0) {
      std::snprintf(delay_text, sizeof delay_text, "never");
    } else {
      std::snprintf(delay_text, sizeof delay_text, "%.0f", delay);
    }
    std::printf("%-34s %10zu %14.1f %11.1fx %16s\n", config.name.c_str(), updates.size(),
                count / kServices / minutes, unfiltered / std::max(count, 1.0), delay_text);
  }
  return 0;
}
