// EventLoop: the daemon's single boost::asio::io_context, its timers and signal handling.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <functional>
#include <initializer_list>
#include <memory>
#include <vector>

#include "libcfn/core/asio_timer_service.hpp"

namespace cfn::core {

// One per daemon. Everything it owns is used from the thread that calls run().
class EventLoop {
 public:
  EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  boost::asio::io_context& io() { return io_; }
  AsioTimerService& timers() { return timers_; }

  // Runs handlers until stop(), even when there is no pending work. A stop() issued before
  // run() makes the next run() return at once; after returning, run() may be called again.
  void run();
  void stop();
  void post(std::function<void()> task);

  // Calls handler(signal_number) on the loop each time one of signals arrives, e.g.
  // on_signal({SIGTERM, SIGINT}, [&](int) { loop.stop(); }).
  void on_signal(std::initializer_list<int> signals, std::function<void(int)> handler);

 private:
  void wait_for_signal(boost::asio::signal_set& set, std::function<void(int)> handler);

  boost::asio::io_context io_;
  AsioTimerService timers_;
  std::vector<std::unique_ptr<boost::asio::signal_set>> signal_sets_;
};

}  // namespace cfn::core
