// AsioTimerService: schedules callbacks as steady_timer waits and tracks them by id.
#include "libcfn/core/asio_timer_service.hpp"

namespace cfn::core {

AsioTimerService::AsioTimerService(boost::asio::io_context& io)
    : io_(io), timers_(std::make_shared<Table>()) {}

TimerId AsioTimerService::schedule_after(std::chrono::milliseconds delay,
                                         std::function<void()> callback) {
  const TimerId id = ++last_id_;
  auto timer = std::make_unique<boost::asio::steady_timer>(io_, delay);
  boost::asio::steady_timer& wait_on = *timer;
  timers_->emplace(id, Entry{std::move(timer), std::move(callback)});
  wait_on.async_wait([table = std::weak_ptr<Table>(timers_), id](boost::system::error_code) {
    // The table, not the error code, decides: a cancelled id is no longer in it.
    const auto timers = table.lock();
    if (!timers) return;
    const auto it = timers->find(id);
    if (it == timers->end()) return;
    std::function<void()> callback = std::move(it->second.callback);
    timers->erase(it);
    callback();
  });
  return id;
}

void AsioTimerService::cancel(TimerId id) {
  timers_->erase(id);
}

}  // namespace cfn::core
