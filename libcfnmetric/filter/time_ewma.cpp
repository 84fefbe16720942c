// Time-aware EWMA: see time_ewma.hpp.
#include "libcfnmetric/filter/time_ewma.hpp"

#include <cmath>

namespace cfn::metric {

double TimeEwma::update(FilterTime now, double sample) {
  if (!value_ || half_life_.count() == 0) {
    reset(now, sample);
    return *value_;
  }
  if (now > last_) {
    const std::chrono::duration<double> dt = now - last_;
    const std::chrono::duration<double> half_life = half_life_;
    const double alpha = 1.0 - std::exp2(-dt / half_life);
    *value_ += alpha * (sample - *value_);
    last_ = now;
  }
  return *value_;
}

void TimeEwma::reset(FilterTime now, double sample) {
  value_ = sample;
  last_ = now;
}

}  // namespace cfn::metric
