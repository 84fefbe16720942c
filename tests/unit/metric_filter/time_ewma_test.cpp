// TimeEwma: the weight of a sample follows the time elapsed (alpha = 1 - 2^(-dt/h)).
#include <catch2/catch.hpp>

#include "libcfnmetric/filter/time_ewma.hpp"
#include "tests/unit/metric_filter/filter_test_support.hpp"

using cfn::metric::TimeEwma;
using std::chrono::milliseconds;

TEST_CASE("TimeEwma starts from the first sample and halves the gap each half-life",
          "[metric_filter][ewma]") {
  TimeEwma ewma(milliseconds(1000));
  CHECK_FALSE(ewma.value());
  CHECK(ewma.update(at_ms(0), 0.0) == 0.0);
  CHECK(ewma.update(at_ms(1000), 100.0) == Approx(50.0));  // one half-life: half way
  CHECK(ewma.update(at_ms(3000), 50.0) == Approx(50.0));
  CHECK(ewma.update(at_ms(5000), 250.0) == Approx(200.0));  // two half-lives: 3/4 of the way
}

TEST_CASE("TimeEwma weighs irregular samples by time, not by count", "[metric_filter][ewma]") {
  TimeEwma once(milliseconds(2000));
  once.update(at_ms(0), 0.0);
  once.update(at_ms(2000), 100.0);

  TimeEwma in_steps(milliseconds(2000));
  in_steps.update(at_ms(0), 0.0);
  for (int ms : {100, 350, 1200, 1201, 2000}) in_steps.update(at_ms(ms), 100.0);
  CHECK(*in_steps.value() == Approx(*once.value()));
  CHECK(*once.value() == Approx(50.0));
}

TEST_CASE("TimeEwma gives no weight to a sample that is not later", "[metric_filter][ewma]") {
  TimeEwma ewma(milliseconds(1000));
  ewma.update(at_ms(500), 10.0);
  CHECK(ewma.update(at_ms(500), 200.0) == 10.0);
  CHECK(ewma.update(at_ms(400), 200.0) == 10.0);
}

TEST_CASE("TimeEwma reset and clear restart the history", "[metric_filter][ewma]") {
  TimeEwma ewma(milliseconds(1000));
  ewma.update(at_ms(0), 10.0);
  ewma.reset(at_ms(100), 250.0);
  CHECK(*ewma.value() == 250.0);
  CHECK(ewma.update(at_ms(1100), 10.0) == Approx(130.0));
  ewma.clear();
  CHECK_FALSE(ewma.value());
  CHECK(ewma.update(at_ms(1200), 42.0) == 42.0);
}

TEST_CASE("TimeEwma with half-life 0 is off: the value is the last sample",
          "[metric_filter][ewma]") {
  TimeEwma ewma(milliseconds(0));
  ewma.update(at_ms(0), 10.0);
  CHECK(ewma.update(at_ms(1), 250.0) == 250.0);
  CHECK(ewma.update(at_ms(1), 7.0) == 7.0);
}
