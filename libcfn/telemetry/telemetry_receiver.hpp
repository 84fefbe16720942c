// The telemetry receiver: a TCP listener for cfn-agent reports on the daemon's io_context.
// Connections read frames; TelemetryState verifies them; a timer on the loop marks silent
// instances stale. Accepted reports and stale marks go to the loop owner's handlers, called on
// the loop; refused frames are counted (per reason) and logged, never handed on.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "libcfn/core/clock.hpp"
#include "libcfn/core/timer_service.hpp"
#include "libcfn/telemetry/telemetry_connection.hpp"
#include "libcfn/telemetry/telemetry_state.hpp"

namespace cfn::telemetry {

struct TelemetryHandlers {
  std::function<void(const metric::AgentReport&)> on_report;
  std::function<void(const InstanceKey&)> on_stale;
};

class TelemetryReceiver {
 public:
  // timers and clock must outlive every handler the io_context may still run.
  TelemetryReceiver(boost::asio::io_context& io, core::TimerService& timers,
                    const core::Clock& clock, metric::KeyRing keys, StaleSettings stale,
                    TelemetryHandlers handlers);
  ~TelemetryReceiver();
  TelemetryReceiver(const TelemetryReceiver&) = delete;
  TelemetryReceiver& operator=(const TelemetryReceiver&) = delete;

  // Listens on address:port (port 0 picks a free one) and starts the stale check every
  // interval. A connection without a complete frame for the stale window is closed.
  bool listen(const std::string& address, std::uint16_t port, std::string& error);
  std::uint16_t port() const;  // 0 when not listening
  // Stops listening, the stale check and every connection. State and counters stay.
  void close();

  const TelemetryState& state() const;

 private:
  class Inbox;

  void accept();
  void check_stale();

  core::TimerService& timers_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<Inbox> inbox_;  // connections hold it weakly
  std::vector<std::weak_ptr<TelemetryConnection>> connections_;
  core::TimerId stale_timer_ = core::kNoTimer;
};

}  // namespace cfn::telemetry
