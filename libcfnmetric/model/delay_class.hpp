// The delay class: a processing or completion time in microseconds on a one-octet log scale,
// us = 2^(v/8) - 1, shared by the model (the L1 delay cost) and the wire encodings.
#pragma once

#include <cstdint>

namespace cfn::metric {

// 255 is reserved for "no data" on the wire; measured times saturate at 254 (about 57 min).
inline constexpr std::uint8_t kDelayClassMax = 254;

// v = floor(8 * log2(1 + us) + 0.5), clamped to 0..254; zero, negative and NaN give 0.
std::uint8_t delay_class_from_us(double us);

// us = 2^(v/8) - 1; 255 is not a time and gives the value of 254.
double delay_class_to_us(std::uint8_t v);

}  // namespace cfn::metric
