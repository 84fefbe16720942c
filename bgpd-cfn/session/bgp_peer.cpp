// BgpPeer: the FSM's actions executed on the loop (see bgp_peer.hpp).
#include "bgpd-cfn/session/bgp_peer.hpp"

#include <boost/asio/ip/unicast.hpp>
#include <boost/asio/post.hpp>
#include <utility>
#include <variant>

#include <spdlog/spdlog.h>

#include "bgpd-cfn/session/asio_address.hpp"
#include "bgpd-cfn/wire/shutdown_communication.hpp"

namespace cfn::bgp {
namespace {

using boost::asio::ip::tcp;

std::string_view action_name(wire::Action action) {
  switch (action) {
    case wire::Action::kSessionReset:
      return "session-reset";
    case wire::Action::kTreatAsWithdraw:
      return "treat-as-withdraw";
    case wire::Action::kAttributeDiscard:
      return "attribute-discard";
    case wire::Action::kIgnore:
      return "ignore";
  }
  return "?";
}

// The FSM event for a received message that requires a session reset (RFC 4271 6).
Event error_event(wire::ErrorCode code) {
  switch (code) {
    case wire::ErrorCode::kMessageHeader:
      return Event::kBgpHeaderErr;
    case wire::ErrorCode::kOpenMessage:
      return Event::kBgpOpenMsgErr;
    default:
      return Event::kUpdateMsgErr;
  }
}

EventInput with_notification(Event event, const wire::Notification& n) {
  return EventInput{.event = event,
                    .peer_hold_time = 0,
                    .notification = {static_cast<std::uint8_t>(n.code), n.subcode, n.data}};
}

std::string describe(const wire::Notification& n) {
  return fmt::format("{}/{}", static_cast<int>(n.code), n.subcode);
}

}  // namespace

BgpPeer::BgpPeer(boost::asio::io_context& io, core::TimerService& timers, PeerSettings settings,
                 Events events)
    : io_(io), timers_(timers), settings_(std::move(settings)), events_(std::move(events)) {}

BgpPeer::~BgpPeer() {
  for (core::TimerId* id :
       {&connect_retry_timer_, &hold_timer_, &keepalive_timer_, &idle_hold_timer_})
    stop_timer(*id);
  if (connecting_) connecting_->close();
  if (connection_) connection_->close_after_sending();
  drop_incoming();
}

void BgpPeer::start() {
  if (settings_.shutdown) return;
  feed({.event = settings_.timers.passive ? Event::kManualStartWithPassiveTcpEstablishment
                                          : Event::kManualStart,
        .peer_hold_time = 0,
        .notification = {}});
}

void BgpPeer::stop(const std::optional<std::string>& message) {
  EventInput input{.event = Event::kManualStop, .peer_hold_time = 0, .notification = {}};
  if (message)
    input.notification.data =
        wire::shutdown_notification(kCeaseAdministrativeShutdown, *message).data;
  if (session_.state >= State::kOpenSent) counters_.last_reset = "Admin. shutdown";
  feed(input);
}

void BgpPeer::reset() {
  if (session_.state == State::kIdle && session_.stopped) return;
  counters_.last_reset = "User reset";
  feed({.event = Event::kManualStop,
        .peer_hold_time = 0,
        .notification = {kCease, kCeaseAdministrativeReset, {}}});
  start();
}

bool BgpPeer::accept(tcp::socket socket) {
  switch (session_.state) {
    case State::kConnect:
    case State::kActive:
      if (!connecting_) {
        connection_ = open_connection(std::move(socket), false);
        connection_outbound_ = false;
        feed({.event = Event::kTcpConnectionConfirmed, .peer_hold_time = 0, .notification = {}});
        return true;
      }
      [[fallthrough]];  // our own connect is under way: the peer's OPEN decides
    case State::kOpenSent:
    case State::kOpenConfirm:
      // RFC 4271 6.8: keep the second connection until its OPEN says which one survives.
      if (incoming_ || (connection_ && !connection_outbound_)) return false;
      incoming_ = open_connection(std::move(socket), true);
      return true;
    default:
      return false;
  }
}

std::shared_ptr<BgpConnection> BgpPeer::open_connection(tcp::socket socket, bool incoming_side) {
  boost::system::error_code ignored;
  socket.set_option(boost::asio::ip::unicast::hops(settings_.ttl), ignored);
  socket.set_option(tcp::no_delay(true), ignored);
  const std::uint64_t id = ++next_connection_id_;
  (incoming_side ? incoming_id_ : connection_id_) = id;
  // A connection's role is looked up at each call: a second connection may become the
  // session's (collision), and handlers of a dropped one are ignored.
  std::weak_ptr<int> life = life_;
  enum class Role { kNone, kSession, kIncoming };
  auto role = [this, life, id] {
    if (life.expired()) return Role::kNone;
    if (id == connection_id_) return Role::kSession;
    return id == incoming_id_ ? Role::kIncoming : Role::kNone;
  };
  BgpConnection::Handlers handlers{
      .on_message =
          [this, role](std::span<const std::uint8_t> bytes) {
            switch (role()) {
              case Role::kSession:
                return received(bytes);
              case Role::kIncoming:
                return received_on_incoming(bytes);
              case Role::kNone:
                return;
            }
          },
      .on_framing_error =
          [this, role](const wire::Problem& problem) {
            const Role r = role();
            if (r == Role::kNone) return;
            spdlog::warn("bgp: neighbor {}: {}", name(), problem.reason);
            if (r == Role::kIncoming) return drop_incoming();
            record_down("Bad message header: " + problem.reason);
            feed(with_notification(Event::kBgpHeaderErr, problem.notification));
          },
      .on_closed =
          [this, role](const boost::system::error_code& error) {
            const Role r = role();
            if (r == Role::kNone) return;
            if (r == Role::kIncoming) return drop_incoming();
            record_down(error ? "Connection error: " + error.message()
                              : std::string("Peer closed the session"));
            feed({.event = Event::kTcpConnectionFails, .peer_hold_time = 0, .notification = {}});
          }};
  auto connection = BgpConnection::create(std::move(socket), std::move(handlers));
  connection->start();
  return connection;
}

void BgpPeer::drop_incoming() {
  if (!incoming_) return;
  incoming_->close_after_sending();
  incoming_.reset();
  incoming_id_ = 0;
}

void BgpPeer::feed(const EventInput& input) {
  const State before = session_.state;
  Transition transition = step(session_, settings_.timers, input);
  session_ = transition.session;
  for (const Action& action : transition.actions) execute(action);
  if (before != session_.state)
    spdlog::debug("bgp: neighbor {}: {} -> {} on {}", name(), state_name(before),
                  state_name(session_.state), event_name(input.event));
  if (incoming_ && (session_.state == State::kIdle || session_.state == State::kEstablished))
    drop_incoming();
}

void BgpPeer::execute(const Action& action) {
  switch (action.kind) {
    case ActionKind::kInitiateTcpConnection:
      connect();
      break;
    case ActionKind::kDropTcpConnection:
      if (connecting_) connecting_->close();
      connecting_.reset();
      if (connection_) connection_->close_after_sending();
      connection_.reset();
      connection_id_ = 0;
      break;
    case ActionKind::kSendOpen: {
      our_open_ = build_open();
      wire::Buffer out;
      wire::encode_open(out, *our_open_);
      send(std::move(out), &MessageCounts::opens);
      break;
    }
    case ActionKind::kSendKeepalive: {
      wire::Buffer out;
      wire::encode_keepalive(out);
      send(std::move(out), &MessageCounts::keepalives);
      break;
    }
    case ActionKind::kSendNotification: {
      const wire::Notification n{static_cast<wire::ErrorCode>(action.notification.code),
                                 action.notification.subcode, action.notification.data};
      wire::Buffer out;
      wire::encode_notification(out, n, negotiated_ ? negotiated_->encode : wire::EncodeContext{});
      spdlog::warn("bgp: neighbor {}: sending NOTIFICATION {}", name(), describe(n));
      send(std::move(out), &MessageCounts::notifications);
      break;
    }
    case ActionKind::kStartConnectRetryTimer:
      start_timer(connect_retry_timer_, action.duration, Event::kConnectRetryTimerExpires);
      break;
    case ActionKind::kStopConnectRetryTimer:
      stop_timer(connect_retry_timer_);
      break;
    case ActionKind::kStartHoldTimer:
      start_timer(hold_timer_, action.duration, Event::kHoldTimerExpires);
      break;
    case ActionKind::kStopHoldTimer:
      stop_timer(hold_timer_);
      break;
    case ActionKind::kStartKeepaliveTimer:
      start_timer(keepalive_timer_, action.duration, Event::kKeepaliveTimerExpires);
      break;
    case ActionKind::kStopKeepaliveTimer:
      stop_timer(keepalive_timer_);
      break;
    case ActionKind::kStartIdleHoldTimer:
      start_timer(idle_hold_timer_, action.duration, Event::kIdleHoldTimerExpires);
      break;
    case ActionKind::kStopIdleHoldTimer:
      stop_timer(idle_hold_timer_);
      break;
    case ActionKind::kReleaseResources:
      if (up_) {
        up_ = false;
        ++counters_.dropped;
        counters_.last_change = std::chrono::steady_clock::now();
        spdlog::info("%ADJCHANGE: neighbor {} Down {}", name(), counters_.last_reset);
        if (events_.down) events_.down();
      }
      negotiated_.reset();
      break;
    case ActionKind::kSessionEstablished:
      up_ = true;
      ++counters_.established;
      counters_.last_change = std::chrono::steady_clock::now();
      counters_.established_at = std::chrono::system_clock::now();
      spdlog::info("%ADJCHANGE: neighbor {} Up", name());
      if (events_.established) events_.established();
      break;
    case ActionKind::kProcessUpdate:
      if (pending_update_ && events_.update) events_.update(*pending_update_);
      break;
  }
}

void BgpPeer::start_timer(core::TimerId& id, std::chrono::seconds duration, Event event) {
  stop_timer(id);
  std::weak_ptr<int> life = life_;
  core::TimerId* slot = &id;
  id = timers_.schedule_after(duration, [this, life, slot, event] {
    if (life.expired()) return;
    *slot = core::kNoTimer;
    if (event == Event::kHoldTimerExpires) record_down("Hold Timer Expired");
    feed({.event = event, .peer_hold_time = 0, .notification = {}});
  });
}

void BgpPeer::stop_timer(core::TimerId& id) {
  if (id != core::kNoTimer) timers_.cancel(id);
  id = core::kNoTimer;
}

void BgpPeer::connect() {
  const std::uint64_t attempt = ++connect_attempt_;
  std::weak_ptr<int> life = life_;
  auto finish = [this, life, attempt](const boost::system::error_code& error) {
    if (life.expired() || attempt != connect_attempt_ || !connecting_) return;
    connected(error);
  };
  connecting_ = std::make_unique<tcp::socket>(io_);
  const tcp::endpoint remote(to_asio(settings_.remote), settings_.port);
  boost::system::error_code error;
  connecting_->open(remote.protocol(), error);
  if (!error) connecting_->set_option(boost::asio::ip::unicast::hops(settings_.ttl), error);
  if (!error && settings_.local)
    connecting_->bind(tcp::endpoint(to_asio(*settings_.local), 0), error);
  if (error) {
    boost::asio::post(io_, [finish, error] { finish(error); });
    return;
  }
  connecting_->async_connect(remote, finish);
}

void BgpPeer::connected(const boost::system::error_code& error) {
  if (error) {
    connecting_.reset();
    spdlog::debug("bgp: neighbor {}: connect failed: {}", name(), error.message());
    feed({.event = Event::kTcpConnectionFails, .peer_hold_time = 0, .notification = {}});
    return;
  }
  tcp::socket socket = std::move(*connecting_);
  connecting_.reset();
  connection_ = open_connection(std::move(socket), false);
  connection_outbound_ = true;
  feed({.event = Event::kTcpCrAcked, .peer_hold_time = 0, .notification = {}});
}

void BgpPeer::log_problems(const std::vector<wire::Problem>& problems) const {
  for (const wire::Problem& p : problems) {
    const std::string_view what =
        p.notification.code == wire::ErrorCode::kOpenMessage     ? "OPEN error"
        : p.notification.code == wire::ErrorCode::kMessageHeader ? "message header error"
                                                                 : "UPDATE error";
    spdlog::warn("bgp: neighbor {}: {}, {}: {} ({})", name(), what, action_name(p.action), p.reason,
                 describe(p.notification));
  }
}

void BgpPeer::received(std::span<const std::uint8_t> bytes) {
  static const wire::DecodeContext kBeforeOpen{};
  wire::DecodeResult result =
      wire::decode_message(bytes, negotiated_ ? negotiated_->decode : kBeforeOpen);
  if (const wire::Problem* reset = result.session_reset()) {
    log_problems(result.problems);
    record_down(reset->reason);
    feed(with_notification(error_event(reset->notification.code), reset->notification));
    return;
  }
  std::visit(
      [&](auto& message) {
        using T = std::decay_t<decltype(message)>;
        if constexpr (std::is_same_v<T, wire::Open>) {
          ++counters_.received.opens;
          open_received(message);
        } else if constexpr (std::is_same_v<T, wire::Update>) {
          ++counters_.received.updates;
          log_problems(result.problems);
          pending_update_ = &message;
          feed({.event = Event::kUpdateMsg, .peer_hold_time = 0, .notification = {}});
          pending_update_ = nullptr;
        } else if constexpr (std::is_same_v<T, wire::Notification>) {
          ++counters_.received.notifications;
          notification_received(message);
        } else if constexpr (std::is_same_v<T, wire::Keepalive>) {
          ++counters_.received.keepalives;
          feed({.event = Event::kKeepAliveMsg, .peer_hold_time = 0, .notification = {}});
        } else {
          ++counters_.received.route_refreshes;
          if (session_.state == State::kEstablished && events_.route_refresh)
            events_.route_refresh(message);
        }
      },
      *result.message);
}

void BgpPeer::open_received(const wire::Open& open) {
  if (auto problem = wire::check_open(open, settings_.expect)) {
    spdlog::warn("bgp: neighbor {}: bad OPEN: {}", name(), problem->reason);
    record_down("Bad OPEN: " + problem->reason);
    feed(with_notification(Event::kBgpOpenMsgErr, problem->notification));
    return;
  }
  Negotiated n;
  n.peer_open = open;
  n.our_open = our_open_.value_or(build_open());
  const bool peer_as4 = open.capabilities.four_octet_as.has_value();
  const bool peer_mp = !open.capabilities.multiprotocol.empty();
  n.decode.four_octet_as = peer_as4;
  n.decode.extended_message = open.capabilities.extended_message;
  n.decode.is_ebgp = open.peer_as() != settings_.expect.local_as;
  // RFC 4760 8: a speaker without multiprotocol capabilities carries IPv4 unicast only.
  n.decode.ipv4_unicast =
      settings_.ipv4_unicast && (peer_mp ? open.capabilities.carries(wire::kIpv4Unicast) : true);
  n.decode.ipv6_unicast = settings_.ipv6_unicast && open.capabilities.carries(wire::kIpv6Unicast);
  n.encode = {.four_octet_as = peer_as4, .extended_message = open.capabilities.extended_message};
  n.route_refresh = open.capabilities.route_refresh || open.capabilities.route_refresh_cisco;
  negotiated_ = std::move(n);
  if (connection_) connection_->set_context(negotiated_->decode);
  feed({.event = Event::kBgpOpen, .peer_hold_time = open.hold_time, .notification = {}});
}

void BgpPeer::notification_received(const wire::Notification& n) {
  counters_.last_reset = "Notification received (" + describe(n) + ")";
  if (auto text = wire::shutdown_communication(n)) {
    counters_.shutdown_message = *text;
    spdlog::warn("bgp: neighbor {}: NOTIFICATION {} received, shutdown communication \"{}\"",
                 name(), describe(n), *text);
  } else {
    spdlog::warn("bgp: neighbor {}: NOTIFICATION {} received", name(), describe(n));
  }
  const bool version_error = n.code == wire::ErrorCode::kOpenMessage &&
                             n.subcode == wire::open_error::kUnsupportedVersionNumber;
  feed({.event = version_error ? Event::kNotifMsgVerErr : Event::kNotifMsg,
        .peer_hold_time = 0,
        .notification = {}});
}

// RFC 4271 6.8 on the second connection: its OPEN names the peer's BGP Identifier; the
// connection opened by the speaker with the higher identifier survives.
void BgpPeer::received_on_incoming(std::span<const std::uint8_t> bytes) {
  wire::DecodeResult result = wire::decode_message(bytes, wire::DecodeContext{});
  const wire::Open* open = result.message ? std::get_if<wire::Open>(&*result.message) : nullptr;
  if (!open || wire::check_open(*open, settings_.expect)) return drop_incoming();
  const wire::Open peer_open = *open;
  if (session_.state == State::kConnect || session_.state == State::kActive) {
    // Our own connection never came up: the peer's is the session's.
    if (connecting_) connecting_->close();
    connecting_.reset();
    return adopt_incoming(peer_open);
  }
  if (connection_ &&
      keep_locally_initiated(settings_.expect.local_identifier, peer_open.bgp_identifier)) {
    wire::Buffer out;
    wire::encode_notification(
        out, wire::Notification{wire::ErrorCode::kCease, kCeaseConnectionCollisionResolution, {}},
        {});
    incoming_->send(std::move(out));
    return drop_incoming();
  }
  // The peer's connection wins: dump ours, then run the FSM on the new one from Active (set
  // aside meanwhile: the fall to Idle would drop it).
  std::shared_ptr<BgpConnection> winner = std::move(incoming_);
  const std::uint64_t winner_id = std::exchange(incoming_id_, 0);
  counters_.last_reset = "Connection collision resolution";
  feed({.event = Event::kOpenCollisionDump, .peer_hold_time = 0, .notification = {}});
  stop_timer(idle_hold_timer_);
  feed({.event = Event::kManualStartWithPassiveTcpEstablishment,
        .peer_hold_time = 0,
        .notification = {}});
  incoming_ = std::move(winner);
  incoming_id_ = winner_id;
  adopt_incoming(peer_open);
}

// From Connect or Active: the held connection becomes the session's, our OPEN goes out on
// it, and the OPEN it already brought is processed.
void BgpPeer::adopt_incoming(const wire::Open& peer_open) {
  connection_ = std::move(incoming_);
  connection_id_ = incoming_id_;
  incoming_id_ = 0;
  connection_outbound_ = false;
  feed({.event = Event::kTcpConnectionConfirmed, .peer_hold_time = 0, .notification = {}});
  ++counters_.received.opens;
  open_received(peer_open);
}

void BgpPeer::send(std::vector<std::uint8_t> bytes, std::uint64_t MessageCounts::*kind,
                   std::uint64_t count) {
  if (!connection_) return;
  connection_->send(std::move(bytes));
  counters_.sent.*kind += count;
}

void BgpPeer::send_updates(std::vector<std::uint8_t> bytes, std::uint64_t count) {
  if (session_.state != State::kEstablished || bytes.empty()) return;
  send(std::move(bytes), &MessageCounts::updates, count);
}

void BgpPeer::send_route_refresh(const wire::RouteRefresh& refresh) {
  if (session_.state != State::kEstablished) return;
  wire::Buffer out;
  wire::encode_route_refresh(out, refresh);
  send(std::move(out), &MessageCounts::route_refreshes);
}

wire::Open BgpPeer::build_open() const {
  wire::Open open;
  open.my_as = wire::two_octet_as(settings_.expect.local_as);
  open.hold_time = static_cast<std::uint16_t>(settings_.timers.hold.count());
  open.bgp_identifier = settings_.expect.local_identifier;
  if (settings_.ipv4_unicast) open.capabilities.multiprotocol.push_back(wire::kIpv4Unicast);
  if (settings_.ipv6_unicast) open.capabilities.multiprotocol.push_back(wire::kIpv6Unicast);
  open.capabilities.route_refresh = true;
  open.capabilities.four_octet_as = settings_.expect.local_as;
  open.capabilities.extended_message = true;
  return open;
}

void BgpPeer::record_down(std::string reason) {
  counters_.last_reset = std::move(reason);
}

std::optional<tcp::endpoint> BgpPeer::local_endpoint() const {
  if (!connection_) return std::nullopt;
  return connection_->local_endpoint();
}

std::optional<tcp::endpoint> BgpPeer::remote_endpoint() const {
  if (!connection_) return std::nullopt;
  return connection_->remote_endpoint();
}

std::optional<net::IpAddress> BgpPeer::local_address() const {
  auto endpoint = local_endpoint();
  if (!endpoint) return std::nullopt;
  return from_asio(endpoint->address());
}

}  // namespace cfn::bgp
