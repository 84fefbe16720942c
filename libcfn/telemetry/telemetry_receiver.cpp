// TelemetryReceiver: listener, accept loop, the Inbox that turns payloads into verdicts,
// counters, log lines and handler calls, and the periodic stale check.
#include "libcfn/telemetry/telemetry_receiver.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/ip/address.hpp>

namespace cfn::telemetry {

class TelemetryReceiver::Inbox final : public FrameSink {
 public:
  Inbox(const core::Clock& clock, metric::KeyRing keys, StaleSettings stale,
        TelemetryHandlers handlers)
      : clock_(clock), state_(std::move(keys), stale), handlers_(std::move(handlers)) {}

  // Authentication failures and undecodable reports close the connection: a sender with the
  // wrong key or a broken encoder will not fix itself mid-stream. A replay only drops the frame.
  bool on_payload(std::span<const std::uint8_t> payload, const std::string& peer) override {
    const Outcome outcome = state_.accept(payload, clock_.now());
    switch (outcome.verdict) {
      case Verdict::kApplied:
        spdlog::debug("telemetry: report {} seq {} from {}", to_string(key_of(outcome.report)),
                      outcome.report.sequence, peer);
        if (handlers_.on_report) handlers_.on_report(outcome.report);
        return true;
      case Verdict::kReplay:
        spdlog::warn("telemetry: refused report {} seq {} from {}: replayed or out of order",
                     to_string(key_of(outcome.report)), outcome.report.sequence, peer);
        return true;
      case Verdict::kMalformed:
        log_malformed(outcome.error, peer);
        return false;
    }
    return false;
  }

  void on_malformed(metric::FrameError error, const std::string& peer) override {
    state_.count_malformed(error);
    log_malformed(error, peer);
  }

  void check_stale() {
    for (const InstanceKey& key : state_.mark_stale(clock_.now())) {
      spdlog::info("telemetry: {} is stale: no report for {} ms", to_string(key),
                   state_.stale_settings().window().count());
      if (handlers_.on_stale) handlers_.on_stale(key);
    }
  }

  TelemetryState& state() { return state_; }

 private:
  static void log_malformed(metric::FrameError error, const std::string& peer) {
    spdlog::warn("telemetry: refused frame from {}: {}", peer, metric::frame_error_name(error));
  }

  const core::Clock& clock_;
  TelemetryState state_;
  TelemetryHandlers handlers_;
};

TelemetryReceiver::TelemetryReceiver(boost::asio::io_context& io, core::TimerService& timers,
                                     const core::Clock& clock, metric::KeyRing keys,
                                     StaleSettings stale, TelemetryHandlers handlers)
    : timers_(timers),
      acceptor_(io),
      inbox_(std::make_shared<Inbox>(clock, std::move(keys), stale, std::move(handlers))) {}

TelemetryReceiver::~TelemetryReceiver() {
  close();
}

bool TelemetryReceiver::listen(const std::string& address, std::uint16_t port, std::string& error) {
  if (acceptor_.is_open()) {
    error = fmt::format("telemetry already listening on port {}", this->port());
    return false;
  }
  boost::system::error_code ec;
  const auto ip = boost::asio::ip::make_address(address, ec);
  const boost::asio::ip::tcp::endpoint endpoint(ip, port);
  if (!ec) acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(boost::asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = fmt::format("telemetry {} port {}: {}", address, port, ec.message());
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    return false;
  }
  accept();
  stale_timer_ =
      timers_.schedule_after(inbox_->state().stale_settings().interval, [this] { check_stale(); });
  return true;
}

std::uint16_t TelemetryReceiver::port() const {
  boost::system::error_code ec;
  const auto endpoint = acceptor_.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void TelemetryReceiver::close() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  timers_.cancel(stale_timer_);
  stale_timer_ = core::kNoTimer;
  for (const auto& weak : connections_) {
    if (const auto connection = weak.lock()) connection->close();
  }
  connections_.clear();
}

const TelemetryState& TelemetryReceiver::state() const {
  return inbox_->state();
}

void TelemetryReceiver::accept() {
  acceptor_.async_accept([this, weak = std::weak_ptr<Inbox>(inbox_)](
                             boost::system::error_code ec, boost::asio::ip::tcp::socket socket) {
    if (weak.expired() || ec == boost::asio::error::operation_aborted || !acceptor_.is_open())
      return;
    if (ec) {
      spdlog::warn("telemetry: accept failed: {}", ec.message());
    } else {
      inbox_->state().count_connection();
      auto connection = std::make_shared<TelemetryConnection>(
          std::move(socket), inbox_, timers_, inbox_->state().stale_settings().window());
      std::erase_if(connections_, [](const auto& c) { return c.expired(); });
      connections_.push_back(connection);
      connection->start();
    }
    accept();
  });
}

void TelemetryReceiver::check_stale() {
  inbox_->check_stale();
  stale_timer_ =
      timers_.schedule_after(inbox_->state().stale_settings().interval, [this] { check_stale(); });
}

}  // namespace cfn::telemetry
