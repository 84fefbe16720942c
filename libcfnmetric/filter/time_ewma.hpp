// Time-aware exponentially weighted moving average: samples may arrive at any interval; the
// weight of the new sample follows the time elapsed, alpha = 1 - 2^(-dt / half_life).
#pragma once

#include <chrono>
#include <optional>

#include "libcfnmetric/filter/filter_params.hpp"

namespace cfn::metric {

class TimeEwma {
 public:
  // A half-life of 0 turns smoothing off: the value is always the last sample.
  explicit TimeEwma(std::chrono::milliseconds half_life) : half_life_(half_life) {}

  // Folds in a sample taken at `now`; the first sample (or one after clear) is taken as is.
  // A sample not later than the previous one (dt <= 0) has no weight.
  double update(FilterTime now, double sample);
  // Restarts from `sample` (a step: the old history no longer describes the input).
  void reset(FilterTime now, double sample);
  void clear() { value_.reset(); }

  std::optional<double> value() const { return value_; }

 private:
  std::chrono::milliseconds half_life_;
  std::optional<double> value_;
  FilterTime last_{};
};

}  // namespace cfn::metric
