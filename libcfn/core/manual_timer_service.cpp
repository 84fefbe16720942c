// ManualTimerService: a deadline-ordered queue fired by advance().
#include "libcfn/core/manual_timer_service.hpp"

#include <algorithm>

namespace cfn::core {

TimerId ManualTimerService::schedule_after(std::chrono::milliseconds delay,
                                           std::function<void()> callback) {
  const TimerId id = ++last_id_;
  const Clock::TimePoint deadline = clock_.now() + std::max(delay, std::chrono::milliseconds(0));
  queue_.emplace(Key{deadline, id}, std::move(callback));
  deadlines_.emplace(id, deadline);
  return id;
}

void ManualTimerService::cancel(TimerId id) {
  const auto it = deadlines_.find(id);
  if (it == deadlines_.end()) return;
  queue_.erase(Key{it->second, id});
  deadlines_.erase(it);
}

void ManualTimerService::advance(Clock::Duration by) {
  const Clock::TimePoint end = clock_.now() + by;
  while (!queue_.empty() && queue_.begin()->first.first <= end) {
    auto node = queue_.extract(queue_.begin());
    deadlines_.erase(node.key().second);
    clock_.set(std::max(clock_.now(), node.key().first));
    node.mapped()();
  }
  clock_.set(std::max(clock_.now(), end));
}

}  // namespace cfn::core
