// cfn-agent's TCP connection to one site router: connects, writes frames in order, notices a
// close from the router, and reconnects with capped exponential backoff and jitter.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "libcfn/core/timer_service.hpp"
#include "libcfnmetric/agent/agent_frame.hpp"
#include "libcfnmetric/agent/backoff.hpp"

namespace cfn::metric {

class RouterLink {
 public:
  struct Counters {
    std::uint64_t sent = 0;      // frames written whole
    std::uint64_t dropped = 0;   // frames not sent: no connection, queue full, or lost in a break
    std::uint64_t connects = 0;  // connections made
    std::uint64_t failures = 0;  // failed connects and broken connections
  };

  // Frames wait at most this many deep; metrics are perishable, so the oldest goes first.
  static constexpr std::size_t kMaxQueuedFrames = 64;

  // jitter() returns a value in [0, 1] for each backoff delay. timers must outlive every
  // handler the io_context may still run.
  RouterLink(boost::asio::io_context& io, core::TimerService& timers,
             boost::asio::ip::tcp::endpoint router, BackoffPolicy backoff,
             std::function<double()> jitter);
  ~RouterLink();
  RouterLink(const RouterLink&) = delete;
  RouterLink& operator=(const RouterLink&) = delete;

  void start();  // connects; the link then keeps itself connected until stop()
  void stop();

  // Queues frame while connected or connecting; while waiting to reconnect it is dropped.
  void send(Bytes frame);

  bool connected() const { return state_ == State::kConnected; }
  const Counters& counters() const { return counters_; }
  std::string describe() const;  // "ADDR port N"

 private:
  enum class State { kStopped, kConnecting, kConnected, kWaiting };

  void connect();
  void on_connected();
  // Ends the current connection (or attempt) and schedules the next attempt.
  void fail(const boost::system::error_code& ec, const char* what);
  // Wraps a handler so it runs only while this link and this connection attempt still exist.
  template <typename Handler>
  auto guarded(Handler handler);
  void watch_for_close();
  void write_next();

  boost::asio::io_context& io_;
  core::TimerService& timers_;
  boost::asio::ip::tcp::endpoint router_;
  BackoffPolicy backoff_;
  std::function<double()> jitter_;
  boost::asio::ip::tcp::socket socket_;
  State state_ = State::kStopped;
  std::uint64_t generation_ = 0;  // one per connection attempt; older handlers are ignored
  unsigned failures_in_a_row_ = 0;
  core::TimerId retry_timer_ = core::kNoTimer;
  std::deque<Bytes> queue_;
  bool writing_ = false;
  std::uint8_t read_byte_ = 0;
  Counters counters_;
  // Handlers hold a weak_ptr to this, so one that runs after destruction does nothing.
  std::shared_ptr<RouterLink*> self_;
};

}  // namespace cfn::metric
