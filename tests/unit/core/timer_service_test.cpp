// Tests for ManualTimerService (ordering, cancel, re-entrancy) and AsioTimerService.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "libcfn/core/asio_timer_service.hpp"
#include "libcfn/core/manual_timer_service.hpp"

using namespace std::chrono_literals;
using cfn::core::AsioTimerService;
using cfn::core::Clock;
using cfn::core::kNoTimer;
using cfn::core::ManualClock;
using cfn::core::ManualTimerService;
using cfn::core::TimerId;

namespace {

Clock::TimePoint at(std::chrono::milliseconds offset) {
  return Clock::TimePoint{} + offset;
}

}  // namespace

TEST_CASE("manual timers fire in deadline order, ties in scheduling order", "[core][timer]") {
  ManualClock clock;
  ManualTimerService timers(clock);
  std::vector<std::string> fired;
  timers.schedule_after(30ms, [&] { fired.push_back("c"); });
  timers.schedule_after(10ms, [&] { fired.push_back("a"); });
  timers.schedule_after(20ms, [&] { fired.push_back("b1"); });
  timers.schedule_after(20ms, [&] { fired.push_back("b2"); });
  CHECK(timers.pending() == 4);

  timers.advance(9ms);
  CHECK(fired.empty());
  timers.advance(1ms);  // exactly at the first deadline
  CHECK(fired == std::vector<std::string>{"a"});
  timers.advance(100ms);
  CHECK(fired == std::vector<std::string>{"a", "b1", "b2", "c"});
  CHECK(timers.pending() == 0);
  CHECK(clock.now() == at(110ms));
}

TEST_CASE("manual timer callbacks see their own deadline as now", "[core][timer]") {
  ManualClock clock(at(1000ms));
  ManualTimerService timers(clock);
  std::vector<Clock::TimePoint> seen;
  timers.schedule_after(5ms, [&] { seen.push_back(clock.now()); });
  timers.schedule_after(50ms, [&] { seen.push_back(clock.now()); });
  timers.advance(1s);
  CHECK(seen == std::vector<Clock::TimePoint>{at(1005ms), at(1050ms)});
  CHECK(clock.now() == at(2000ms));
}

TEST_CASE("manual timer ids are fresh and cancel is safe", "[core][timer]") {
  ManualClock clock;
  ManualTimerService timers(clock);
  int fired = 0;
  const TimerId first = timers.schedule_after(10ms, [&] { ++fired; });
  const TimerId second = timers.schedule_after(10ms, [&] { ++fired; });
  CHECK(first != kNoTimer);
  CHECK(second != kNoTimer);
  CHECK(first != second);

  timers.cancel(first);
  CHECK(timers.pending() == 1);
  timers.cancel(first);     // twice
  timers.cancel(kNoTimer);  // never issued
  timers.cancel(12345);
  timers.advance(10ms);
  CHECK(fired == 1);
  timers.cancel(second);  // after it fired
  CHECK(timers.pending() == 0);
}

TEST_CASE("manual zero and negative delays fire on advance(0)", "[core][timer]") {
  ManualClock clock;
  ManualTimerService timers(clock);
  int fired = 0;
  timers.schedule_after(0ms, [&] { ++fired; });
  timers.schedule_after(-5ms, [&] { ++fired; });
  CHECK(fired == 0);  // never inline
  timers.advance(0ms);
  CHECK(fired == 2);
  CHECK(clock.now() == at(0ms));
}

TEST_CASE("timers scheduled by a callback fire within the same window", "[core][timer]") {
  ManualClock clock;
  ManualTimerService timers(clock);
  std::vector<std::pair<std::string, Clock::TimePoint>> fired;
  const auto record = [&](std::string name) { fired.emplace_back(std::move(name), clock.now()); };

  timers.schedule_after(10ms, [&] {
    record("outer");
    timers.schedule_after(5ms, [&] { record("inner-15"); });
    timers.schedule_after(0ms, [&] { record("inner-10"); });
    timers.schedule_after(100ms, [&] { record("inner-110"); });
  });
  timers.schedule_after(12ms, [&] { record("plain-12"); });

  timers.advance(20ms);
  const std::vector<std::pair<std::string, Clock::TimePoint>> expected{
      {"outer", at(10ms)}, {"inner-10", at(10ms)}, {"plain-12", at(12ms)}, {"inner-15", at(15ms)}};
  CHECK(fired == expected);
  CHECK(timers.pending() == 1);
  timers.advance(90ms);
  CHECK(fired.back() == std::make_pair(std::string("inner-110"), at(110ms)));
}

TEST_CASE("a callback can cancel a timer due later in the same window", "[core][timer]") {
  ManualClock clock;
  ManualTimerService timers(clock);
  bool victim_fired = false;
  const TimerId victim = timers.schedule_after(20ms, [&] { victim_fired = true; });
  timers.schedule_after(10ms, [&] { timers.cancel(victim); });
  timers.advance(30ms);
  CHECK_FALSE(victim_fired);
  CHECK(timers.pending() == 0);
}

TEST_CASE("a self-rearming timer fires once per period", "[core][timer]") {
  ManualClock clock;
  ManualTimerService timers(clock);
  int keepalives = 0;
  std::function<void()> keepalive = [&] {
    ++keepalives;
    timers.schedule_after(30ms, keepalive);
  };
  timers.schedule_after(30ms, keepalive);
  timers.advance(95ms);
  CHECK(keepalives == 3);
  timers.advance(5ms);
  CHECK(keepalives == 3);
  timers.advance(20ms);
  CHECK(keepalives == 4);
  CHECK(timers.pending() == 1);
}

TEST_CASE("asio timers fire on a real io_context", "[core][timer][asio]") {
  boost::asio::io_context io;
  AsioTimerService timers(io);
  int fired = 0;
  const TimerId id = timers.schedule_after(1ms, [&] { ++fired; });
  timers.schedule_after(0ms, [&] { ++fired; });
  CHECK(id != kNoTimer);
  io.run();
  CHECK(fired == 2);
  timers.cancel(id);  // after it fired: no effect
  io.restart();
  io.run();
  CHECK(fired == 2);
}

TEST_CASE("cancelled asio timers never fire", "[core][timer][asio]") {
  boost::asio::io_context io;
  AsioTimerService timers(io);
  bool fired = false;
  const TimerId id = timers.schedule_after(1ms, [&] { fired = true; });
  timers.cancel(id);
  timers.cancel(id);
  io.run();  // returns: nothing left to wait for
  CHECK_FALSE(fired);
}

TEST_CASE("an asio timer cancelled after expiring but before its handler ran",
          "[core][timer][asio]") {
  boost::asio::io_context io;
  AsioTimerService timers(io);
  // Both expire together; whichever runs first cancels the other.
  int fired = 0;
  TimerId a = kNoTimer, b = kNoTimer;
  a = timers.schedule_after(0ms, [&] {
    ++fired;
    timers.cancel(b);
  });
  b = timers.schedule_after(0ms, [&] {
    ++fired;
    timers.cancel(a);
  });
  io.run();
  CHECK(fired == 1);
}

TEST_CASE("asio timer callbacks can schedule more timers", "[core][timer][asio]") {
  boost::asio::io_context io;
  AsioTimerService timers(io);
  std::vector<int> fired;
  std::set<TimerId> ids;
  std::function<void()> step = [&] {
    fired.push_back(static_cast<int>(fired.size()));
    if (fired.size() < 3) ids.insert(timers.schedule_after(1ms, step));
  };
  ids.insert(timers.schedule_after(1ms, step));
  io.run();
  CHECK(fired == std::vector<int>{0, 1, 2});
  CHECK(ids.size() == 3);
}

TEST_CASE("destroying the asio timer service with pending timers is safe", "[core][timer][asio]") {
  boost::asio::io_context io;
  bool fired = false;
  {
    AsioTimerService timers(io);
    timers.schedule_after(0ms, [&] { fired = true; });
    timers.schedule_after(1h, [&] { fired = true; });
  }
  io.run();  // the aborted waits complete without calling back
  CHECK_FALSE(fired);
}
