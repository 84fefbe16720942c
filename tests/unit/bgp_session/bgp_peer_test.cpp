// Tests for BgpPeer over real loopback TCP (127.0.0.1 and ::1): two peers on one io_context,
// each with its own listener and ManualTimerService, or one peer against a hand-driven
// speaker: establishment (active/passive, collisions), negotiation, UPDATEs, errors,
// shutdown communication, hold timer expiry, reset and counters.
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <functional>
#include <memory>

#include "bgpd-cfn/session/asio_address.hpp"
#include "bgpd-cfn/session/bgp_peer.hpp"
#include "bgpd-cfn/wire/pack_updates.hpp"
#include "libcfn/core/manual_timer_service.hpp"

using boost::asio::ip::tcp;
using namespace cfn::bgp;
using cfn::net::IpAddress;
using cfn::net::Prefix;
using std::chrono::seconds;

namespace {

// Loop rounds before a wait gives up; each round runs ready handlers for up to 5 ms.
constexpr int kMaxRounds = 2000;

bool run_until(boost::asio::io_context& io, const std::function<bool()>& done) {
  for (int round = 0; round < kMaxRounds && !done(); ++round) {
    io.restart();
    io.run_for(std::chrono::milliseconds(5));
  }
  return done();
}

// Runs what is ready for a while: closes and writes in flight complete.
void settle(boost::asio::io_context& io) {
  for (int round = 0; round < 50; ++round) {
    io.restart();
    io.run_for(std::chrono::milliseconds(5));
  }
}

// The loopback addresses this host can listen on: 127.0.0.1, and ::1 when IPv6 is up.
std::vector<IpAddress> loopbacks() {
  std::vector<IpAddress> out{*IpAddress::parse("127.0.0.1")};
  boost::asio::io_context io;
  boost::system::error_code error;
  tcp::acceptor probe(io);
  probe.open(tcp::v6(), error);
  if (!error) probe.bind(tcp::endpoint(boost::asio::ip::address_v6::loopback(), 0), error);
  if (!error) out.push_back(*IpAddress::parse("::1"));
  return out;
}

// One side: a BgpPeer with its own clock and timers, a listener handing accepted sockets to
// it, and what its Events reported.
struct Side {
  cfn::core::ManualClock clock;
  cfn::core::ManualTimerService timers{clock};
  tcp::acceptor listener;
  std::unique_ptr<BgpPeer> peer;
  int established = 0, down = 0, refused = 0;
  std::vector<wire::Update> updates;

  Side(boost::asio::io_context& io, const IpAddress& address)
      : listener(io, tcp::endpoint(to_asio(address), 0)) {}
  std::uint16_t port() const { return listener.local_endpoint().port(); }

  void create(boost::asio::io_context& io, PeerSettings settings) {
    peer = std::make_unique<BgpPeer>(
        io, timers, std::move(settings),
        BgpPeer::Events{.established = [this] { ++established; },
                        .down = [this] { ++down; },
                        .update = [this](wire::Update& u) { updates.push_back(u); },
                        .route_refresh = [](const wire::RouteRefresh&) {}});
  }
  // Hands every accepted connection to the peer; a refused one is closed.
  void serve() {
    listener.async_accept([this](const boost::system::error_code& error, tcp::socket socket) {
      if (error) return;
      if (!peer->accept(std::move(socket))) ++refused;
      serve();
    });
  }
  State state() const { return peer->state(); }
  const PeerCounters& counters() const { return peer->counters(); }
};

struct Config {
  std::uint32_t as;
  std::uint32_t id;
  bool ipv4, ipv6, passive;
};

PeerSettings settings(const IpAddress& remote, std::uint16_t port, const Config& mine,
                      std::uint32_t remote_as) {
  PeerSettings s;
  s.remote = remote;
  s.port = port;
  s.expect = {.local_as = mine.as,
              .local_identifier = mine.id,
              .remote_as_kind = wire::RemoteAsKind::kNumber,
              .remote_as = remote_as};
  s.timers.hold = seconds{9};
  s.timers.keepalive = seconds{3};
  s.timers.passive = mine.passive;
  s.ipv4_unicast = mine.ipv4;
  s.ipv6_unicast = mine.ipv6;
  return s;
}

// A waits (passive) for B unless a test says otherwise; A has the higher identifier.
constexpr Config kA{65001, 0x02020202, true, false, true};
constexpr Config kB{65002, 0x01010101, true, false, false};

// Two peers on one loop, A and B, over `address`.
struct PeerPair {
  boost::asio::io_context io;
  IpAddress address;
  Side a, b;

  // `a_expects`: the remote-as A is configured with (B's AS unless told).
  PeerPair(const IpAddress& loopback, const Config& ca, const Config& cb,
           std::optional<std::uint32_t> a_expects = std::nullopt)
      : address(loopback), a(io, loopback), b(io, loopback) {
    a.create(io, settings(address, b.port(), ca, a_expects.value_or(cb.as)));
    b.create(io, settings(address, a.port(), cb, ca.as));
  }
  void start_and_serve() {
    a.serve();
    b.serve();
    a.peer->start();
    b.peer->start();
  }
  bool run_until(const std::function<bool()>& done) { return ::run_until(io, done); }
  bool both_established() {
    return run_until(
        [&] { return a.state() == State::kEstablished && b.state() == State::kEstablished; });
  }
  // The two ends of one TCP connection.
  bool one_connection() const {
    return a.peer->local_endpoint() && b.peer->remote_endpoint() &&
           a.peer->local_endpoint() == b.peer->remote_endpoint() &&
           a.peer->remote_endpoint() == b.peer->local_endpoint();
  }
};

// A hand-driven speaker on a plain socket: writes encoded messages, reads whole ones.
struct RawSpeaker {
  tcp::socket socket;
  std::vector<std::uint8_t> inbox;
  std::vector<wire::Message> received;
  bool closed = false;

  explicit RawSpeaker(tcp::socket s) : socket(std::move(s)) { socket.non_blocking(true); }
  void send(const wire::Buffer& bytes) { boost::asio::write(socket, boost::asio::buffer(bytes)); }
  void send_open(std::uint32_t as, std::uint32_t id, bool capabilities) {
    wire::Open open;
    open.my_as = wire::two_octet_as(as);
    open.hold_time = 9;
    open.bgp_identifier = id;
    if (capabilities) {
      open.capabilities.multiprotocol = {wire::kIpv4Unicast};
      open.capabilities.four_octet_as = as;
    }
    wire::Buffer out;
    REQUIRE(wire::encode_open(out, open));
    send(out);
  }
  void send_keepalive() {
    wire::Buffer out;
    wire::encode_keepalive(out);
    send(out);
  }
  // Reads what has arrived, without blocking.
  void pump() {
    std::uint8_t chunk[4096];
    for (boost::system::error_code error; !closed;) {
      const std::size_t n = socket.read_some(boost::asio::buffer(chunk), error);
      inbox.insert(inbox.end(), chunk, chunk + n);
      if (error == boost::asio::error::would_block) break;
      if (error) closed = true;
    }
    for (;;) {
      const wire::Frame frame = wire::frame_message(inbox, wire::DecodeContext{});
      REQUIRE_FALSE(frame.error);
      if (frame.length == 0 || frame.length > inbox.size()) break;
      wire::DecodeResult result =
          wire::decode_message(std::span(inbox).first(frame.length), wire::DecodeContext{});
      REQUIRE(result.message);
      received.push_back(std::move(*result.message));
      inbox.erase(inbox.begin(), inbox.begin() + static_cast<std::ptrdiff_t>(frame.length));
    }
  }
  template <typename T>
  std::vector<T> all() const {
    std::vector<T> out;
    for (const wire::Message& m : received)
      if (const T* t = std::get_if<T>(&m)) out.push_back(*t);
    return out;
  }
};

bool is_notification(const wire::Message& m, wire::ErrorCode code, std::uint8_t subcode) {
  const auto* n = std::get_if<wire::Notification>(&m);
  return n && n->code == code && n->subcode == subcode;
}

const IpAddress kNextHop = *IpAddress::parse("192.0.2.1");

// `count` IPv4 /24 routes from 10.0.0.0/24 up, encoded with `from`'s negotiated context.
std::pair<wire::Buffer, std::size_t> announcement(const BgpPeer& from, std::uint32_t count) {
  std::vector<Prefix> routes;
  for (std::uint32_t i = 0; i < count; ++i)
    routes.emplace_back(IpAddress::from_v4(0x0A000000u + (i << 8)), 24);
  wire::PathAttributes attributes;
  attributes.origin = wire::Origin::kIgp;
  attributes.as_path = wire::AsPath{{wire::AsPathSegment{wire::SegmentType::kSequence, {kA.as}}}};
  attributes.next_hop = kNextHop;
  wire::Buffer out;
  const std::size_t messages =
      wire::pack_announcements(out, attributes, routes, from.negotiated()->encode);
  return {std::move(out), messages};
}

}  // namespace

TEST_CASE("An active and a passive peer reach Established", "[bgp][peer]") {
  for (const IpAddress& loopback : loopbacks()) {
    DYNAMIC_SECTION(loopback.to_string()) {
      PeerPair pair(loopback, kA, kB);
      pair.start_and_serve();
      CHECK(pair.a.state() == State::kActive);
      REQUIRE(pair.both_established());
      CHECK(pair.one_connection());
      CHECK(pair.a.peer->local_endpoint()->port() == pair.a.port());  // B connected to A
      CHECK(pair.a.peer->local_address() == loopback);
      CHECK(pair.b.peer->local_address() == loopback);
      CHECK(pair.a.established == 1);
      CHECK(pair.b.established == 1);
      CHECK(pair.a.counters().established == 1);
      CHECK(pair.a.down == 0);
      CHECK(pair.a.peer->negotiated());
      CHECK(pair.b.peer->negotiated());
      // A third connection while Established is refused and changes nothing.
      tcp::socket extra(pair.io);
      extra.connect(pair.a.listener.local_endpoint());
      REQUIRE(pair.run_until([&] { return pair.a.refused == 1; }));
      settle(pair.io);
      CHECK(pair.a.state() == State::kEstablished);
      CHECK(pair.one_connection());
    }
  }
}

TEST_CASE("A neighbor configured shutdown does not start", "[bgp][peer]") {
  boost::asio::io_context io;
  const IpAddress loopback = loopbacks().front();
  Side side(io, loopback);
  PeerSettings s = settings(loopback, side.port(), kB, kA.as);
  s.shutdown = true;
  side.create(io, s);
  side.peer->start();
  settle(io);
  CHECK(side.state() == State::kIdle);
  CHECK(side.timers.pending() == 0);
  side.peer->reset();  // nothing to reset while stopped
  CHECK(side.state() == State::kIdle);
}

TEST_CASE("Negotiated: 4-octet AS, extended message, families", "[bgp][peer]") {
  const IpAddress loopback = loopbacks().front();
  Config a = kA;
  a.as = 4200000001u;
  a.ipv6 = true;
  Config b = kB;

  SECTION("both activate IPv6") {
    b.ipv6 = true;
    PeerPair pair(loopback, a, b);
    pair.start_and_serve();
    REQUIRE(pair.both_established());
    const Negotiated& na = *pair.a.peer->negotiated();
    const Negotiated& nb = *pair.b.peer->negotiated();
    CHECK(na.decode.four_octet_as);
    CHECK(na.encode.four_octet_as);
    CHECK(na.decode.extended_message);
    CHECK(na.encode.extended_message);
    CHECK(na.decode.is_ebgp);
    CHECK(na.route_refresh);
    CHECK(na.decode.ipv4_unicast);
    CHECK(na.decode.ipv6_unicast);
    CHECK(nb.decode.ipv6_unicast);
    CHECK(na.peer_open.peer_as() == kB.as);
    CHECK(nb.peer_open.my_as == wire::kAsTrans);  // RFC 6793 4.1
    CHECK(nb.peer_open.peer_as() == 4200000001u);
    CHECK(nb.our_open == na.peer_open);
  }
  SECTION("IPv6 on one side only") {
    PeerPair pair(loopback, a, b);
    pair.start_and_serve();
    REQUIRE(pair.both_established());
    CHECK_FALSE(pair.a.peer->negotiated()->decode.ipv6_unicast);
    CHECK(pair.a.peer->negotiated()->decode.ipv4_unicast);
    CHECK_FALSE(pair.b.peer->negotiated()->decode.ipv6_unicast);
  }
  SECTION("a peer without multiprotocol capabilities carries IPv4 unicast (RFC 4760 8)") {
    b.ipv4 = false;  // B activates nothing: its OPEN has no multiprotocol capability
    PeerPair pair(loopback, a, b);
    pair.start_and_serve();
    REQUIRE(pair.both_established());
    CHECK(pair.b.peer->negotiated()->our_open.capabilities.multiprotocol.empty());
    CHECK(pair.a.peer->negotiated()->decode.ipv4_unicast);
    CHECK_FALSE(pair.a.peer->negotiated()->decode.ipv6_unicast);
    CHECK_FALSE(pair.b.peer->negotiated()->decode.ipv4_unicast);
  }
}

TEST_CASE("An OPEN without capabilities: 2-octet AS, no extended message, IPv4 only",
          "[bgp][peer]") {
  boost::asio::io_context io;
  const IpAddress loopback = loopbacks().front();
  Side side(io, loopback);
  Config mine = kA;
  mine.ipv6 = true;
  side.create(io, settings(loopback, 1, mine, kB.as));
  side.serve();
  side.peer->start();
  tcp::socket socket(io);
  socket.connect(side.listener.local_endpoint());
  RawSpeaker raw(std::move(socket));
  raw.send_open(kB.as, kB.id, false);
  REQUIRE(run_until(io, [&] {
    raw.pump();
    return raw.received.size() >= 2;  // OPEN, KEEPALIVE
  }));
  raw.send_keepalive();
  REQUIRE(run_until(io, [&] { return side.state() == State::kEstablished; }));
  const Negotiated& n = *side.peer->negotiated();
  CHECK_FALSE(n.decode.four_octet_as);
  CHECK_FALSE(n.encode.four_octet_as);
  CHECK_FALSE(n.decode.extended_message);
  CHECK_FALSE(n.encode.extended_message);
  CHECK_FALSE(n.route_refresh);
  CHECK(n.decode.ipv4_unicast);
  CHECK_FALSE(n.decode.ipv6_unicast);
  // What we offered.
  const auto opens = raw.all<wire::Open>();
  REQUIRE(opens.size() == 1);
  CHECK(opens[0].capabilities.four_octet_as == kA.as);
  CHECK(opens[0].capabilities.extended_message);
  CHECK(opens[0].capabilities.route_refresh);
  CHECK(opens[0].capabilities.multiprotocol ==
        std::vector<wire::AfiSafi>{wire::kIpv4Unicast, wire::kIpv6Unicast});
  CHECK(opens[0].hold_time == 9);
  CHECK(opens[0].bgp_identifier == kA.id);
}

TEST_CASE("Both active: the collision leaves one session, Established on both sides",
          "[bgp][peer]") {
  for (const IpAddress& loopback : loopbacks()) {
    DYNAMIC_SECTION(loopback.to_string()) {
      Config active = kA;
      active.passive = false;
      PeerPair pair(loopback, active, kB);
      // Both connect first; the listeners accept only once both sent OPEN on their own
      // connection, so each side sees a second connection in OpenSent (RFC 4271 6.8).
      pair.a.peer->start();
      pair.b.peer->start();
      REQUIRE(pair.run_until([&] {
        return pair.a.state() == State::kOpenSent && pair.b.state() == State::kOpenSent;
      }));
      pair.a.serve();
      pair.b.serve();
      const bool up = pair.both_established();
      INFO("A " << state_name(pair.a.state()) << ", B " << state_name(pair.b.state()));
      REQUIRE(up);
      settle(pair.io);  // let the dropped connections close
      CHECK(pair.a.state() == State::kEstablished);
      CHECK(pair.b.state() == State::kEstablished);
      CHECK(pair.one_connection());
      // A has the higher identifier: the connection A initiated survives.
      CHECK(pair.a.peer->remote_endpoint()->port() == pair.b.port());
      CHECK(pair.a.established == 1);
      CHECK(pair.b.established == 1);
      CHECK(pair.a.down == 0);
      CHECK(pair.b.down == 0);
      // B dumped its own connection with Cease / Connection Collision Resolution.
      CHECK(pair.b.counters().sent.notifications == 1);
      CHECK(pair.a.counters().received.notifications == 0);
    }
  }
}

TEST_CASE("Collision against a hand-driven speaker: the losing connection gets Cease/7",
          "[bgp][peer]") {
  boost::asio::io_context io;
  const IpAddress loopback = loopbacks().front();
  tcp::acceptor theirs(io, tcp::endpoint(to_asio(loopback), 0));
  Side side(io, loopback);  // identifier 10.0.0.2
  Config mine = kA;
  mine.passive = false;
  mine.id = 0x0a000002;
  side.create(io, settings(loopback, theirs.local_endpoint().port(), mine, kB.as));
  side.serve();
  side.peer->start();
  REQUIRE(run_until(io, [&] { return side.state() == State::kOpenSent; }));
  RawSpeaker first(theirs.accept());  // the connection the peer initiated
  tcp::socket socket(io);
  socket.connect(side.listener.local_endpoint());
  RawSpeaker second(std::move(socket));  // the one we initiate

  SECTION("our identifier is lower: the peer keeps its connection") {
    second.send_open(kB.as, 0x0a000001, true);
    REQUIRE(run_until(io, [&] {
      second.pump();
      return second.closed;
    }));
    REQUIRE(second.received.size() == 1);
    CHECK(is_notification(second.received[0], wire::ErrorCode::kCease,
                          kCeaseConnectionCollisionResolution));
    CHECK(side.state() == State::kOpenSent);
    first.send_open(kB.as, 0x0a000001, true);
    first.send_keepalive();
    REQUIRE(run_until(io, [&] { return side.state() == State::kEstablished; }));
    CHECK(side.peer->remote_endpoint() == first.socket.local_endpoint());
  }
  SECTION("our identifier is higher: the peer dumps its connection and takes ours") {
    second.send_open(kB.as, 0x0a000003, true);
    REQUIRE(run_until(io, [&] {
      first.pump();
      second.pump();
      return first.closed && second.received.size() >= 2;
    }));
    REQUIRE(first.received.size() == 2);  // OPEN, then the NOTIFICATION
    CHECK(std::holds_alternative<wire::Open>(first.received[0]));
    CHECK(is_notification(first.received[1], wire::ErrorCode::kCease,
                          kCeaseConnectionCollisionResolution));
    CHECK(std::holds_alternative<wire::Open>(second.received[0]));
    CHECK(std::holds_alternative<wire::Keepalive>(second.received[1]));
    second.send_keepalive();
    CHECK(run_until(io, [&] { return side.state() == State::kEstablished; }));
    CHECK(side.established == 1);
    CHECK(side.peer->remote_endpoint() == second.socket.local_endpoint());
  }
}

TEST_CASE("UPDATEs sent with send_updates arrive through Events.update; counters add up",
          "[bgp][peer]") {
  for (const IpAddress& loopback : loopbacks()) {
    DYNAMIC_SECTION(loopback.to_string()) {
      PeerPair pair(loopback, kA, kB);
      pair.start_and_serve();
      REQUIRE(pair.both_established());

      auto announced = announcement(*pair.a.peer, 20000);  // 80,000 octets: 2 messages
      auto late = announcement(*pair.b.peer, 1);
      const std::size_t messages = announced.second;
      REQUIRE(messages > 1);
      pair.a.peer->send_updates(std::move(announced.first), messages);
      REQUIRE(pair.run_until([&] { return pair.b.updates.size() == messages; }));
      std::vector<Prefix> got;
      for (const wire::Update& u : pair.b.updates) {
        CHECK(u.attributes.next_hop == kNextHop);
        got.insert(got.end(), u.nlri.begin(), u.nlri.end());
      }
      CHECK(got.size() == 20000);
      CHECK(got.front() == Prefix(IpAddress::from_v4(0x0A000000u), 24));
      // Dropped outside Established.
      pair.a.peer->stop(std::nullopt);
      REQUIRE(pair.run_until([&] { return pair.b.state() == State::kIdle; }));
      pair.b.peer->send_updates(std::move(late.first), late.second);
      settle(pair.io);

      for (const auto& [from, to] : {std::pair{&pair.a, &pair.b}, std::pair{&pair.b, &pair.a}}) {
        const MessageCounts& sent = from->counters().sent;
        const MessageCounts& received = to->counters().received;
        CHECK(sent.opens == 1);
        CHECK(sent.keepalives >= 1);
        CHECK(sent.opens == received.opens);
        CHECK(sent.keepalives == received.keepalives);
        CHECK(sent.updates == received.updates);
        CHECK(sent.notifications == received.notifications);
        CHECK(sent.total() == received.total());
      }
      CHECK(pair.a.counters().sent.updates == messages);
      CHECK(pair.b.counters().sent.updates == 0);
      CHECK(pair.a.counters().sent.notifications == 1);  // the Cease of stop()
      CHECK(pair.a.counters().dropped == 1);
      CHECK(pair.b.counters().dropped == 1);
    }
  }
}

TEST_CASE("A bad peer AS: NOTIFICATION 2/2 at the other side, nobody crashes", "[bgp][peer]") {
  PeerPair pair(loopbacks().front(), kA, kB, 65099);  // A expects AS 65099, B is 65002
  pair.start_and_serve();
  REQUIRE(pair.run_until([&] { return pair.b.counters().received.notifications >= 1; }));
  settle(pair.io);
  CHECK(pair.b.counters().last_reset == "Notification received (2/2)");
  CHECK(pair.a.counters().last_reset.rfind("Bad OPEN", 0) == 0);
  CHECK(pair.a.counters().sent.notifications >= 1);
  CHECK(pair.a.state() == State::kIdle);
  CHECK(pair.b.state() != State::kEstablished);
  CHECK(pair.a.established == 0);
  CHECK(pair.b.established == 0);
  CHECK_FALSE(pair.a.peer->negotiated());
}

TEST_CASE("stop(\"maintenance\") reaches the other side as the shutdown message", "[bgp][peer]") {
  PeerPair pair(loopbacks().front(), kA, kB);
  pair.start_and_serve();
  REQUIRE(pair.both_established());
  pair.a.peer->stop("maintenance");
  CHECK(pair.a.state() == State::kIdle);
  CHECK(pair.a.down == 1);
  CHECK(pair.a.counters().last_reset == "Admin. shutdown");
  REQUIRE(pair.run_until([&] { return pair.b.down == 1; }));
  CHECK(pair.b.counters().shutdown_message == "maintenance");
  CHECK(pair.b.counters().last_reset == "Notification received (6/2)");
  CHECK(pair.b.state() == State::kIdle);
  // A stopped peer stays down: no restart when its timers run.
  pair.a.timers.advance(seconds{600});
  settle(pair.io);
  CHECK(pair.a.state() == State::kIdle);
}

TEST_CASE("Hold timer expiry sends 4/0 and reports the session down", "[bgp][peer]") {
  PeerPair pair(loopbacks().front(), kA, kB);
  pair.start_and_serve();
  REQUIRE(pair.both_established());
  pair.a.timers.advance(seconds{8});  // keepalives go out; nothing was heard for 8 s
  CHECK(pair.a.state() == State::kEstablished);
  pair.a.timers.advance(seconds{1});  // 9 s: the negotiated hold time
  CHECK(pair.a.state() == State::kIdle);
  CHECK(pair.a.down == 1);
  CHECK(pair.a.counters().last_reset == "Hold Timer Expired");
  CHECK(pair.a.counters().sent.notifications == 1);
  REQUIRE(pair.run_until([&] { return pair.b.down == 1; }));
  CHECK(pair.b.counters().last_reset == "Notification received (4/0)");
  CHECK(pair.b.counters().received.keepalives == pair.a.counters().sent.keepalives);
}

TEST_CASE("reset() re-establishes the session", "[bgp][peer]") {
  PeerPair pair(loopbacks().front(), kA, kB);
  pair.start_and_serve();
  REQUIRE(pair.both_established());
  pair.a.peer->reset();
  CHECK(pair.a.down == 1);
  CHECK(pair.a.counters().last_reset == "User reset");
  // B went down on the Cease and waits out its back-off in Idle; A (passive) waits.
  REQUIRE(pair.run_until([&] {
    return pair.b.down == 1 && pair.b.state() == State::kIdle && pair.a.state() == State::kActive;
  }));
  pair.b.timers.advance(seconds{1});  // B's idle hold time: it restarts
  REQUIRE(pair.both_established());
  CHECK(pair.a.established == 2);
  CHECK(pair.b.established == 2);
  CHECK(pair.a.counters().established == 2);
  CHECK(pair.a.counters().dropped == 1);
  CHECK(pair.one_connection());
}

TEST_CASE("reset() sends Cease / Administrative Reset (RFC 4486)", "[bgp][peer]") {
  PeerPair pair(loopbacks().front(), kA, kB);
  pair.start_and_serve();
  REQUIRE(pair.both_established());
  pair.a.peer->reset();
  REQUIRE(pair.run_until([&] { return pair.b.down == 1; }));
  CHECK(pair.b.counters().last_reset == "Notification received (6/4)");
}

TEST_CASE("Both active, started together: one session, Established on both sides", "[bgp][peer]") {
  Config active = kA;
  active.passive = false;
  PeerPair pair(loopbacks().front(), active, kB);
  pair.start_and_serve();
  const bool up = pair.both_established();
  INFO("A " << state_name(pair.a.state()) << ", B " << state_name(pair.b.state()));
  REQUIRE(up);
  settle(pair.io);
  CHECK(pair.a.state() == State::kEstablished);
  CHECK(pair.b.state() == State::kEstablished);
  CHECK(pair.one_connection());
  CHECK(pair.a.established == 1);
  CHECK(pair.b.established == 1);
}
