// Runs the filters over recorded or synthetic samples on a simulated clock, polling at every
// deadline as an event loop would: how the tests and bench/filter_bench measure what the
// filters advertise, and when.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "libcfnmetric/filter/filter_params.hpp"
#include "libcfnmetric/filter/filter_set.hpp"

namespace cfn::metric {

// Times count from the start of the simulation.
struct FilterSample {
  FilterClock::duration at{};
  std::string service;
  std::uint8_t raw_l2 = 0;
};

struct TimedUpdate {
  FilterClock::duration at{};
  FilterUpdate update;
};

// `signal(seconds since start)` sampled every `period` over [0, length), rounded and clamped
// to 0..255.
std::vector<FilterSample> sample_signal(const std::string& service,
                                        const std::function<double(double)>& signal,
                                        FilterClock::duration period, FilterClock::duration length);

// Feeds `samples` (in time order) to a FilterSet; polls at each deadline before the next
// sample, and after the last sample until nothing waits.
std::vector<TimedUpdate> replay(const FilterParams& params, std::span<const FilterSample> samples);

}  // namespace cfn::metric
