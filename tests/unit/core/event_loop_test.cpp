// Tests for EventLoop: post, stop, restartable run, timers and signal handling.
#include <boost/asio/post.hpp>
#include <catch2/catch.hpp>
#include <csignal>
#include <vector>

#include "libcfn/core/event_loop.hpp"

using namespace std::chrono_literals;
using cfn::core::EventLoop;

TEST_CASE("posted tasks run in order and stop() ends run()", "[core][loop]") {
  EventLoop loop;
  std::vector<int> order;
  loop.post([&] { order.push_back(1); });
  loop.post([&] {
    order.push_back(2);
    loop.stop();
  });
  loop.run();
  CHECK(order == std::vector<int>{1, 2});
}

TEST_CASE("run() waits for work instead of returning when idle", "[core][loop]") {
  EventLoop loop;
  bool fired = false;
  // With nothing queued, run() returns only once the timer fires and stops the loop.
  loop.timers().schedule_after(2ms, [&] {
    fired = true;
    loop.stop();
  });
  loop.run();
  CHECK(fired);
}

TEST_CASE("stop() before run() returns at once and run() works again", "[core][loop]") {
  EventLoop loop;
  loop.stop();
  loop.run();
  bool ran = false;
  loop.post([&] {
    ran = true;
    loop.stop();
  });
  loop.run();
  CHECK(ran);
}

TEST_CASE("io() is the loop's context", "[core][loop]") {
  EventLoop loop;
  bool ran = false;
  boost::asio::post(loop.io(), [&] {
    ran = true;
    loop.stop();
  });
  loop.run();
  CHECK(ran);
}

TEST_CASE("signal handlers run on the loop, once per signal", "[core][loop][signal]") {
  EventLoop loop;
  std::vector<int> received;
  loop.on_signal({SIGUSR1, SIGUSR2}, [&](int signal_number) {
    received.push_back(signal_number);
    if (received.size() == 1) {
      std::raise(SIGUSR2);  // the handler stays armed for the next one
    } else {
      loop.stop();
    }
  });
  loop.post([] { std::raise(SIGUSR1); });
  loop.run();
  CHECK(received == std::vector<int>{SIGUSR1, SIGUSR2});
}
