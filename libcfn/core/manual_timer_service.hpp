// Deterministic TimerService for tests: timers fire only inside advance(), in deadline order.
#pragma once

#include <cstddef>
#include <map>
#include <unordered_map>
#include <utility>

#include "libcfn/core/clock.hpp"
#include "libcfn/core/timer_service.hpp"

namespace cfn::core {

class ManualTimerService final : public TimerService {
 public:
  explicit ManualTimerService(ManualClock& clock) : clock_(clock) {}

  TimerId schedule_after(std::chrono::milliseconds delay, std::function<void()> callback) override;
  void cancel(TimerId id) override;

  // Moves the clock forward by `by`, firing every timer due by the end of the window in
  // deadline order (ties in scheduling order). The clock reads each timer's deadline while
  // its callback runs, so timers scheduled from a callback fire too if they fall due within
  // the window. advance(0) fires whatever is already due.
  void advance(Clock::Duration by);

  std::size_t pending() const { return deadlines_.size(); }

 private:
  using Key = std::pair<Clock::TimePoint, TimerId>;

  ManualClock& clock_;
  TimerId last_id_ = kNoTimer;
  std::map<Key, std::function<void()>> queue_;
  std::unordered_map<TimerId, Clock::TimePoint> deadlines_;
};

}  // namespace cfn::core
