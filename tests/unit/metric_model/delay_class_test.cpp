// Tests for the delay class: known points, rounding boundary, saturation, inverse.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "libcfnmetric/model/delay_class.hpp"

using cfn::metric::delay_class_from_us;
using cfn::metric::delay_class_to_us;

TEST_CASE("Delay class of known times", "[metric][delay_class]") {
  CHECK(delay_class_from_us(0) == 0);
  CHECK(delay_class_from_us(1) == 8);      // 8 * log2(2)
  CHECK(delay_class_from_us(1000) == 80);  // 8 * log2(1001) = 79.73
  CHECK(delay_class_from_us(4000) == 96);  // 8 * log2(4001) = 95.73
  CHECK(delay_class_to_us(0) == 0);
  CHECK(delay_class_to_us(8) == Approx(1.0));
  CHECK(delay_class_to_us(80) == Approx(1023.0));
  CHECK(delay_class_to_us(96) == Approx(4095.0));
}

TEST_CASE("Delay class rounds half up in the log domain", "[metric][delay_class]") {
  const double boundary = std::exp2(79.5 / 8) - 1;  // 979.59 us
  CHECK(delay_class_from_us(boundary - 0.01) == 79);
  CHECK(delay_class_from_us(boundary + 0.01) == 80);
}

TEST_CASE("Delay class saturates at 254; bad input is class 0", "[metric][delay_class]") {
  const double top = std::exp2(253.5 / 8) - 1;  // about 3.46e9 us
  CHECK(delay_class_from_us(top * 0.999) == 253);
  CHECK(delay_class_from_us(top * 1.001) == 254);
  CHECK(delay_class_from_us(1e30) == 254);
  CHECK(delay_class_from_us(std::numeric_limits<double>::infinity()) == 254);
  CHECK(delay_class_from_us(-5) == 0);
  CHECK(delay_class_from_us(std::numeric_limits<double>::quiet_NaN()) == 0);
  CHECK(delay_class_to_us(255) == delay_class_to_us(254));
}

TEST_CASE("Delay class and microseconds invert each other", "[metric][delay_class]") {
  for (int v = 0; v <= 254; ++v) {
    INFO("v = " << v);
    CHECK(delay_class_from_us(delay_class_to_us(static_cast<std::uint8_t>(v))) == v);
  }
}
