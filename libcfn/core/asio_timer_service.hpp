// TimerService on a boost::asio::io_context: one steady_timer per scheduled callback.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <unordered_map>

#include "libcfn/core/timer_service.hpp"

namespace cfn::core {

class AsioTimerService final : public TimerService {
 public:
  explicit AsioTimerService(boost::asio::io_context& io);
  AsioTimerService(const AsioTimerService&) = delete;
  AsioTimerService& operator=(const AsioTimerService&) = delete;

  TimerId schedule_after(std::chrono::milliseconds delay, std::function<void()> callback) override;
  // Also stops a timer whose wait already completed but whose handler has not run yet.
  void cancel(TimerId id) override;

 private:
  struct Entry {
    std::unique_ptr<boost::asio::steady_timer> timer;
    std::function<void()> callback;
  };
  using Table = std::unordered_map<TimerId, Entry>;

  boost::asio::io_context& io_;
  TimerId last_id_ = kNoTimer;
  // Destroying the service destroys the timers, which aborts their waits; the handlers hold
  // only a weak_ptr to the table, so one that runs after the service is gone does nothing.
  std::shared_ptr<Table> timers_;
};

}  // namespace cfn::core
