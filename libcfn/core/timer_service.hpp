// One-shot timer interface used by protocol code; AsioTimerService runs it on an io_context,
// ManualTimerService lets tests drive it from a ManualClock.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace cfn::core {

using TimerId = std::uint64_t;
inline constexpr TimerId kNoTimer = 0;  // never returned by schedule_after

// Not thread-safe: call it from the thread that runs the owning loop.
class TimerService {
 public:
  virtual ~TimerService() = default;

  // Runs callback once, after delay, on the loop. Returns a fresh id (never kNoTimer).
  virtual TimerId schedule_after(std::chrono::milliseconds delay,
                                 std::function<void()> callback) = 0;
  // After cancel the callback never runs. Unknown, fired or already cancelled ids are ignored.
  virtual void cancel(TimerId id) = 0;
};

}  // namespace cfn::core
