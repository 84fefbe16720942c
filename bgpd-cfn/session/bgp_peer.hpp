// One configured BGP neighbor on the daemon's loop: runs the RFC 4271 FSM (bgp_fsm) and
// executes its actions (TCP connect and accept, OPEN/KEEPALIVE/NOTIFICATION, timers), checks
// the peer's OPEN, negotiates capabilities and resolves connection collisions (RFC 4271 6.8).
// Routes are the speaker's business: it hears about UPDATEs, refreshes and state changes.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "bgpd-cfn/session/bgp_connection.hpp"
#include "bgpd-cfn/session/bgp_fsm.hpp"
#include "bgpd-cfn/session/peer_counters.hpp"
#include "bgpd-cfn/wire/decode.hpp"
#include "bgpd-cfn/wire/encode.hpp"
#include "bgpd-cfn/wire/open_check.hpp"
#include "libcfn/core/timer_service.hpp"
#include "libcfn/net/address.hpp"

namespace cfn::bgp {

// Everything about the session that comes from configuration.
struct PeerSettings {
  net::IpAddress remote;
  std::uint16_t port = 179;
  std::optional<net::IpAddress> local;  // `update-source` (an address)
  wire::OpenExpectation expect;         // local AS and identifier, remote AS
  SessionTimers timers;
  std::uint8_t ttl = 1;  // eBGP single hop; 255 for iBGP and `ebgp-multihop`
  bool ipv4_unicast = true;
  bool ipv6_unicast = false;
  bool shutdown = false;
  std::optional<std::string> shutdown_message;  // RFC 9003
  bool operator==(const PeerSettings&) const = default;
};

// What was agreed with the peer once both OPENs are through.
struct Negotiated {
  wire::DecodeContext decode;
  wire::EncodeContext encode;
  bool route_refresh = false;  // the peer accepts ROUTE-REFRESH
  wire::Open peer_open;
  wire::Open our_open;
};

class BgpPeer {
 public:
  struct Events {
    std::function<void()> established;          // send the initial table
    std::function<void()> down;                 // forget the peer's routes (ReleaseResources)
    std::function<void(wire::Update&)> update;  // after RFC 7606 handling (problems logged)
    std::function<void(const wire::RouteRefresh&)> route_refresh;
  };

  BgpPeer(boost::asio::io_context& io, core::TimerService& timers, PeerSettings settings,
          Events events);
  ~BgpPeer();
  BgpPeer(const BgpPeer&) = delete;
  BgpPeer& operator=(const BgpPeer&) = delete;

  // ManualStart (active or passive); nothing while `shutdown` is configured.
  void start();
  // ManualStop: Cease/Administrative Shutdown with the RFC 9003 message when given.
  void stop(const std::optional<std::string>& message);
  // `clear bgp X`: Cease/Administrative Reset, then an automatic restart.
  void reset();
  // A connection accepted by the listener from this peer's address. False when the peer
  // refuses it (Idle, or already Established): the caller closes the socket.
  bool accept(boost::asio::ip::tcp::socket socket);

  // Sends encoded UPDATEs / ROUTE-REFRESH (Established only; dropped otherwise).
  void send_updates(std::vector<std::uint8_t> bytes, std::uint64_t count);
  void send_route_refresh(const wire::RouteRefresh& refresh);

  const PeerSettings& settings() const { return settings_; }
  const Session& session() const { return session_; }
  State state() const { return session_.state; }
  const std::optional<Negotiated>& negotiated() const { return negotiated_; }
  const PeerCounters& counters() const { return counters_; }
  std::size_t queued_writes() const { return connection_ ? connection_->queued_writes() : 0; }
  std::optional<boost::asio::ip::tcp::endpoint> local_endpoint() const;
  std::optional<boost::asio::ip::tcp::endpoint> remote_endpoint() const;
  // Our address on the session (the next hop we advertise), once connected.
  std::optional<net::IpAddress> local_address() const;
  std::string name() const { return settings_.remote.to_string(); }

 private:
  void feed(const EventInput& input);
  void execute(const Action& action);
  void start_timer(core::TimerId& id, std::chrono::seconds duration, Event event);
  void stop_timer(core::TimerId& id);
  void connect();
  void connected(const boost::system::error_code& error);
  std::shared_ptr<BgpConnection> open_connection(boost::asio::ip::tcp::socket socket,
                                                 bool incoming_side);
  void received(std::span<const std::uint8_t> bytes);
  void received_on_incoming(std::span<const std::uint8_t> bytes);
  void log_problems(const std::vector<wire::Problem>& problems) const;
  void open_received(const wire::Open& open);
  void notification_received(const wire::Notification& notification);
  void adopt_incoming(const wire::Open& peer_open);
  void drop_incoming();
  void send(std::vector<std::uint8_t> bytes, std::uint64_t MessageCounts::*kind,
            std::uint64_t count = 1);
  wire::Open build_open() const;
  void record_down(std::string reason);

  boost::asio::io_context& io_;
  core::TimerService& timers_;
  PeerSettings settings_;
  Events events_;
  Session session_;
  std::shared_ptr<BgpConnection> connection_;
  bool connection_outbound_ = false;
  std::uint64_t connection_id_ = 0;  // handlers of older connections are ignored
  std::unique_ptr<boost::asio::ip::tcp::socket> connecting_;
  std::uint64_t connect_attempt_ = 0;
  // A second connection (RFC 4271 6.8) held until its OPEN decides, from Connect (our own
  // connect under way) to OpenConfirm.
  std::shared_ptr<BgpConnection> incoming_;
  std::uint64_t incoming_id_ = 0;
  std::uint64_t next_connection_id_ = 0;
  std::optional<wire::Open> our_open_;
  bool up_ = false;  // Established reported to the speaker, down not yet
  std::optional<Negotiated> negotiated_;
  wire::Update* pending_update_ = nullptr;  // the UPDATE the FSM is processing
  core::TimerId connect_retry_timer_ = core::kNoTimer;
  core::TimerId hold_timer_ = core::kNoTimer;
  core::TimerId keepalive_timer_ = core::kNoTimer;
  core::TimerId idle_hold_timer_ = core::kNoTimer;
  PeerCounters counters_;
  std::shared_ptr<int> life_ = std::make_shared<int>(0);  // async handlers check it
};

}  // namespace cfn::bgp
