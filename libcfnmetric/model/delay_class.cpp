// Delay class <-> microseconds, both directions.
#include "libcfnmetric/model/delay_class.hpp"

#include <algorithm>
#include <cmath>

namespace cfn::metric {

std::uint8_t delay_class_from_us(double us) {
  if (!(us > 0)) return 0;  // also NaN
  double v = std::floor(8.0 * std::log2(1.0 + us) + 0.5);
  return static_cast<std::uint8_t>(std::min(v, double{kDelayClassMax}));
}

double delay_class_to_us(std::uint8_t v) {
  return std::exp2(std::min(v, kDelayClassMax) / 8.0) - 1.0;
}

}  // namespace cfn::metric
