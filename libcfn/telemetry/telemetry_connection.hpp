// One agent connection on the receiver: reads length-prefixed frames and hands each payload to
// a FrameSink; closes at EOF, on the first malformed frame, or after an idle window without a
// complete frame.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

#include "libcfn/core/timer_service.hpp"
#include "libcfnmetric/agent/agent_frame.hpp"

namespace cfn::telemetry {

// Where a connection delivers what it reads. A connection holds only a weak_ptr to its sink,
// so handlers that run after the receiver is gone do nothing.
class FrameSink {
 public:
  virtual ~FrameSink() = default;
  // A complete payload; returning false closes the connection.
  virtual bool on_payload(std::span<const std::uint8_t> payload, const std::string& peer) = 0;
  // The stream broke mid-frame (kTruncated) or announced too much (kOversize); it is closed.
  virtual void on_malformed(metric::FrameError error, const std::string& peer) = 0;
};

class TelemetryConnection : public std::enable_shared_from_this<TelemetryConnection> {
 public:
  TelemetryConnection(boost::asio::ip::tcp::socket socket, std::weak_ptr<FrameSink> sink,
                      core::TimerService& timers, std::chrono::milliseconds idle_timeout);

  // Starts reading; the pending operations keep the connection alive.
  void start();
  // Closes the socket; pending operations end with operation_aborted.
  void close();

 private:
  void read_header();
  void read_payload(std::size_t length);
  // Fails the connection: counts error, unless the stream ended at a frame boundary.
  void end(const boost::system::error_code& ec, bool mid_frame);
  void arm_idle_timer();

  boost::asio::ip::tcp::socket socket_;
  std::weak_ptr<FrameSink> sink_;
  core::TimerService& timers_;
  std::chrono::milliseconds idle_timeout_;
  core::TimerId idle_timer_ = core::kNoTimer;
  std::string peer_;
  std::array<std::uint8_t, metric::kFrameHeaderSize> header_{};
  std::vector<std::uint8_t> payload_;
};

}  // namespace cfn::telemetry
