// Shared by the filter tests: a simulated clock in milliseconds and parameters with every
// filter off, so each test turns on exactly what it tests.
#pragma once

#include <chrono>

#include "libcfnmetric/filter/filter_params.hpp"

inline cfn::metric::FilterTime at_ms(long long ms) {
  return cfn::metric::FilterTime{} + std::chrono::milliseconds(ms);
}

inline cfn::metric::FilterParams all_off() {
  cfn::metric::FilterParams p;
  p.smoothing_half_life = std::chrono::milliseconds(0);
  p.dead_band = 0;
  p.min_interval = std::chrono::milliseconds(0);
  p.hold_down = std::chrono::milliseconds(0);
  p.rate_limit = 0;
  p.step_threshold = 0;
  return p;
}
