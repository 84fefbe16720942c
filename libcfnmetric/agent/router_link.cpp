// RouterLink: connect, ordered writes, close detection, backoff and reconnect.
#include "libcfnmetric/agent/router_link.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

namespace cfn::metric {

RouterLink::RouterLink(boost::asio::io_context& io, core::TimerService& timers,
                       boost::asio::ip::tcp::endpoint router, BackoffPolicy backoff,
                       std::function<double()> jitter)
    : io_(io),
      timers_(timers),
      router_(std::move(router)),
      backoff_(backoff),
      jitter_(std::move(jitter)),
      socket_(io),
      self_(std::make_shared<RouterLink*>(this)) {}

RouterLink::~RouterLink() {
  stop();
}

std::string RouterLink::describe() const {
  return fmt::format("{} port {}", router_.address().to_string(), router_.port());
}

template <typename Handler>
auto RouterLink::guarded(Handler handler) {
  return [weak = std::weak_ptr(self_), generation = generation_,
          handler = std::move(handler)](auto&&... args) {
    const auto self = weak.lock();
    if (!self || (*self)->generation_ != generation || (*self)->state_ == State::kStopped) return;
    handler(std::forward<decltype(args)>(args)...);
  };
}

void RouterLink::start() {
  if (state_ == State::kStopped) connect();
}

void RouterLink::stop() {
  state_ = State::kStopped;
  ++generation_;
  timers_.cancel(retry_timer_);
  retry_timer_ = core::kNoTimer;
  boost::system::error_code ignored;
  socket_.close(ignored);
  queue_.clear();
  writing_ = false;
}

void RouterLink::send(Bytes frame) {
  if (state_ != State::kConnected && state_ != State::kConnecting) {
    ++counters_.dropped;
    return;
  }
  if (queue_.size() >= kMaxQueuedFrames) {
    // The front may be in the middle of a write; the oldest waiting one goes.
    queue_.erase(queue_.begin() + (writing_ ? 1 : 0));
    ++counters_.dropped;
  }
  queue_.push_back(std::move(frame));
  if (state_ == State::kConnected) write_next();
}

void RouterLink::connect() {
  state_ = State::kConnecting;
  ++generation_;
  boost::system::error_code ignored;
  socket_.close(ignored);
  socket_ = boost::asio::ip::tcp::socket(io_);
  socket_.async_connect(router_, guarded([this](boost::system::error_code ec) {
                          if (ec) return fail(ec, "connect");
                          on_connected();
                        }));
}

void RouterLink::on_connected() {
  state_ = State::kConnected;
  failures_in_a_row_ = 0;
  ++counters_.connects;
  spdlog::info("cfn-agent: connected to router {}", describe());
  watch_for_close();
  write_next();
}

void RouterLink::fail(const boost::system::error_code& ec, const char* what) {
  ++counters_.failures;
  counters_.dropped += queue_.size();
  queue_.clear();
  writing_ = false;
  boost::system::error_code ignored;
  socket_.close(ignored);
  ++generation_;
  state_ = State::kWaiting;
  const auto delay = backoff_delay(backoff_, ++failures_in_a_row_, jitter_());
  spdlog::warn("cfn-agent: router {}: {}: {}; retrying in {} ms", describe(), what, ec.message(),
               delay.count());
  retry_timer_ = timers_.schedule_after(delay, guarded([this] {
                                          retry_timer_ = core::kNoTimer;
                                          connect();
                                        }));
}

// The router never writes on this connection, so a completed read means it closed (or broke)
// the connection; stray bytes are ignored.
void RouterLink::watch_for_close() {
  socket_.async_read_some(boost::asio::buffer(&read_byte_, 1),
                          guarded([this](boost::system::error_code ec, std::size_t) {
                            if (ec) return fail(ec, "connection closed");
                            watch_for_close();
                          }));
}

void RouterLink::write_next() {
  if (writing_ || queue_.empty()) return;
  writing_ = true;
  boost::asio::async_write(socket_, boost::asio::buffer(queue_.front()),
                           guarded([this](boost::system::error_code ec, std::size_t) {
                             if (ec) return fail(ec, "write");
                             writing_ = false;
                             queue_.pop_front();
                             ++counters_.sent;
                             write_next();
                           }));
}

}  // namespace cfn::metric
