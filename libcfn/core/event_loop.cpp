// EventLoop: run/stop/post on one io_context, and re-armed signal_set waits.
#include "libcfn/core/event_loop.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

namespace cfn::core {

// Concurrency hint 1: the loop is single-threaded, so asio can skip internal locking.
EventLoop::EventLoop() : io_(1), timers_(io_) {}

void EventLoop::run() {
  {
    const auto keep_running = boost::asio::make_work_guard(io_);
    io_.run();
  }  // releasing the last work stops io_, so the guard must go before restart()
  io_.restart();
}

void EventLoop::stop() {
  io_.stop();
}

void EventLoop::post(std::function<void()> task) {
  boost::asio::post(io_, std::move(task));
}

void EventLoop::on_signal(std::initializer_list<int> signals, std::function<void(int)> handler) {
  auto set = std::make_unique<boost::asio::signal_set>(io_);
  for (int signal_number : signals) set->add(signal_number);
  wait_for_signal(*set, std::move(handler));
  signal_sets_.push_back(std::move(set));
}

void EventLoop::wait_for_signal(boost::asio::signal_set& set, std::function<void(int)> handler) {
  set.async_wait(
      [this, &set, handler = std::move(handler)](boost::system::error_code ec, int signal_number) {
        if (ec) return;  // operation_aborted: the set is being destroyed
        handler(signal_number);
        wait_for_signal(set, handler);
      });
}

}  // namespace cfn::core
