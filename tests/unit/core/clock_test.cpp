// Tests for SteadyClock and ManualClock.
#include <catch2/catch.hpp>

#include "libcfn/core/clock.hpp"

using namespace std::chrono_literals;
using cfn::core::Clock;
using cfn::core::ManualClock;
using cfn::core::SteadyClock;

TEST_CASE("SteadyClock never goes backwards", "[core][clock]") {
  const SteadyClock clock;
  const Clock& as_interface = clock;
  const auto first = as_interface.now();
  CHECK(as_interface.now() >= first);
}

TEST_CASE("ManualClock moves only when told", "[core][clock]") {
  ManualClock clock;
  CHECK(clock.now() == Clock::TimePoint{});
  clock.advance(1500ms);
  CHECK(clock.now() == Clock::TimePoint{} + 1500ms);
  CHECK(clock.now() == clock.now());
  clock.set(Clock::TimePoint{} + 10s);
  CHECK(clock.now() == Clock::TimePoint{} + 10s);
  const ManualClock started(Clock::TimePoint{} + 1h);
  CHECK(started.now() == Clock::TimePoint{} + 1h);
}
