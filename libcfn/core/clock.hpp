// Time source behind an interface so protocol code can be driven by tests (ManualClock).
#pragma once

#include <chrono>

namespace cfn::core {

class Clock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  using Duration = std::chrono::steady_clock::duration;

  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SteadyClock final : public Clock {
 public:
  TimePoint now() const override;
};

// Time stands still until the test moves it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start = TimePoint{}) : now_(start) {}

  TimePoint now() const override { return now_; }
  void set(TimePoint time) { now_ = time; }
  void advance(Duration by) { now_ += by; }

 private:
  TimePoint now_;
};

}  // namespace cfn::core
