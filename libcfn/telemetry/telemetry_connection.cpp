// TelemetryConnection: header then payload reads, the idle timer, and how a stream ends.
#include "libcfn/telemetry/telemetry_connection.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/read.hpp>

namespace cfn::telemetry {

namespace {

std::string describe(const boost::asio::ip::tcp::socket& socket) {
  boost::system::error_code ec;
  const auto endpoint = socket.remote_endpoint(ec);
  if (ec) return "unknown peer";
  return fmt::format("{}:{}", endpoint.address().to_string(), endpoint.port());
}

}  // namespace

TelemetryConnection::TelemetryConnection(boost::asio::ip::tcp::socket socket,
                                         std::weak_ptr<FrameSink> sink, core::TimerService& timers,
                                         std::chrono::milliseconds idle_timeout)
    : socket_(std::move(socket)),
      sink_(std::move(sink)),
      timers_(timers),
      idle_timeout_(idle_timeout),
      peer_(describe(socket_)) {}

void TelemetryConnection::start() {
  arm_idle_timer();
  read_header();
}

void TelemetryConnection::close() {
  timers_.cancel(idle_timer_);
  idle_timer_ = core::kNoTimer;
  boost::system::error_code ignored;
  socket_.close(ignored);
}

void TelemetryConnection::read_header() {
  boost::asio::async_read(
      socket_, boost::asio::buffer(header_),
      [self = shared_from_this()](boost::system::error_code ec, std::size_t got) {
        if (ec) return self->end(ec, got > 0);
        const auto sink = self->sink_.lock();
        if (!sink) return self->close();
        const auto length = metric::decode_frame_length(self->header_);
        if (!length) {
          sink->on_malformed(length.error, self->peer_);
          return self->close();
        }
        self->read_payload(*length.value);
      });
}

void TelemetryConnection::read_payload(std::size_t length) {
  payload_.resize(length);
  boost::asio::async_read(socket_, boost::asio::buffer(payload_),
                          [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                            if (ec) return self->end(ec, true);
                            const auto sink = self->sink_.lock();
                            if (!sink || !sink->on_payload(self->payload_, self->peer_))
                              return self->close();
                            self->arm_idle_timer();
                            self->read_header();
                          });
}

void TelemetryConnection::end(const boost::system::error_code& ec, bool mid_frame) {
  if (ec == boost::asio::error::operation_aborted) return;
  const auto sink = sink_.lock();
  if (sink && mid_frame) sink->on_malformed(metric::FrameError::kTruncated, peer_);
  if (!mid_frame && ec != boost::asio::error::eof)
    spdlog::debug("telemetry: connection from {} failed: {}", peer_, ec.message());
  close();
}

void TelemetryConnection::arm_idle_timer() {
  timers_.cancel(idle_timer_);
  idle_timer_ = timers_.schedule_after(idle_timeout_, [weak = weak_from_this()] {
    const auto self = weak.lock();
    if (!self) return;
    spdlog::info("telemetry: closing {}: no report for {} ms", self->peer_,
                 self->idle_timeout_.count());
    self->idle_timer_ = core::kNoTimer;
    self->close();
  });
}

}  // namespace cfn::telemetry
