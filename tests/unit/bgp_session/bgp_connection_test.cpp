// Tests for BgpConnection over real TCP on 127.0.0.1: whole messages out of any chunking, in
// order; a stream out of step stops reading and its NOTIFICATION still goes out before the
// close; the peer's close is reported; writes keep their order.
#include <catch2/catch.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <vector>

#include "bgpd-cfn/session/bgp_connection.hpp"
#include "bgpd-cfn/wire/encode.hpp"

using boost::asio::ip::tcp;
using cfn::bgp::BgpConnection;
namespace wire = cfn::bgp::wire;
using Bytes = std::vector<std::uint8_t>;

namespace {

// A connected pair on the loopback: `ours` goes into a BgpConnection, `theirs` is driven raw.
struct SocketPair {
  boost::asio::io_context io;
  tcp::socket ours{io};
  tcp::socket theirs{io};

  SocketPair() {
    tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::address_v4::loopback(), 0));
    theirs.connect(acceptor.local_endpoint());
    acceptor.accept(ours);
  }
  void run_until(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      io.restart();
      io.run_for(std::chrono::milliseconds(10));
    }
  }
};

Bytes keepalive() {
  Bytes out;
  wire::encode_keepalive(out);
  return out;
}

Bytes update(const char* prefix) {
  wire::Update u;
  u.attributes.origin = wire::Origin::kIgp;
  u.attributes.as_path = wire::AsPath{{wire::AsPathSegment{wire::SegmentType::kSequence, {65001}}}};
  u.attributes.next_hop = cfn::net::IpAddress::parse("192.0.2.1");
  u.nlri = {*cfn::net::Prefix::parse(prefix)};
  Bytes out;
  REQUIRE(wire::encode_update(out, u, wire::EncodeContext{}));
  return out;
}

}  // namespace

TEST_CASE("Messages come out whole and in order, however the stream is cut", "[bgp][connection]") {
  SocketPair pair;
  std::vector<Bytes> received;
  auto connection = BgpConnection::create(
      std::move(pair.ours),
      {.on_message =
           [&](std::span<const std::uint8_t> m) { received.emplace_back(m.begin(), m.end()); },
       .on_framing_error = [](const wire::Problem&) { FAIL("framing error"); },
       .on_closed = [](const boost::system::error_code&) {}});
  connection->start();

  const std::vector<Bytes> sent = {keepalive(), update("10.1.0.0/16"), keepalive(),
                                   update("10.2.0.0/24")};
  Bytes stream;
  for (const Bytes& m : sent) stream.insert(stream.end(), m.begin(), m.end());
  // Cut at every awkward place: inside a marker, inside a length, between messages.
  for (std::size_t at = 0; at < stream.size();) {
    const std::size_t size = std::min<std::size_t>(at % 2 ? 7 : 13, stream.size() - at);
    boost::asio::write(pair.theirs, boost::asio::buffer(stream.data() + at, size));
    at += size;
    pair.io.restart();
    pair.io.run_for(std::chrono::milliseconds(1));
  }
  pair.run_until([&] { return received.size() == sent.size(); });
  CHECK(received == sent);
  connection->close();
}

TEST_CASE("A stream out of step stops reading; the NOTIFICATION goes out, then the close",
          "[bgp][connection]") {
  SocketPair pair;
  std::optional<wire::Problem> problem;
  std::shared_ptr<BgpConnection> connection;
  int messages = 0;
  connection = BgpConnection::create(
      std::move(pair.ours), {.on_message = [&](std::span<const std::uint8_t>) { ++messages; },
                             .on_framing_error =
                                 [&](const wire::Problem& p) {
                                   problem = p;
                                   Bytes notification;
                                   wire::encode_notification(notification, p.notification,
                                                             wire::EncodeContext{});
                                   connection->send(std::move(notification));
                                   connection->close_after_sending();
                                 },
                             .on_closed = [](const boost::system::error_code&) {}});
  connection->start();

  Bytes bad = keepalive();
  bad[3] = 0x00;  // the marker must be all ones (RFC 4271 6.1)
  const Bytes after = keepalive();
  bad.insert(bad.end(), after.begin(), after.end());
  boost::asio::write(pair.theirs, boost::asio::buffer(bad));
  pair.run_until([&] { return problem.has_value() && !connection->is_open(); });
  REQUIRE(problem);
  CHECK(problem->notification.code == wire::ErrorCode::kMessageHeader);
  CHECK(problem->notification.subcode == wire::header_error::kConnectionNotSynchronized);
  CHECK(messages == 0);  // nothing after the bad header is read

  // The peer gets exactly the NOTIFICATION, then end of stream.
  Bytes got(64);
  boost::system::error_code error;
  std::size_t total = 0;
  for (;;) {
    const std::size_t n =
        pair.theirs.read_some(boost::asio::buffer(got.data() + total, got.size() - total), error);
    total += n;
    if (error) break;
  }
  CHECK(error == boost::asio::error::eof);
  Bytes expected;
  wire::encode_notification(expected, problem->notification, wire::EncodeContext{});
  CHECK(Bytes(got.begin(), got.begin() + static_cast<std::ptrdiff_t>(total)) == expected);
}

TEST_CASE("The peer's close is reported once; nothing is reported after close()",
          "[bgp][connection]") {
  SocketPair pair;
  int closed = 0;
  boost::system::error_code reason;
  auto connection = BgpConnection::create(std::move(pair.ours),
                                          {.on_message = [](std::span<const std::uint8_t>) {},
                                           .on_framing_error = [](const wire::Problem&) {},
                                           .on_closed =
                                               [&](const boost::system::error_code& e) {
                                                 ++closed;
                                                 reason = e;
                                               }});
  connection->start();
  pair.theirs.close();
  pair.run_until([&] { return closed > 0; });
  CHECK(closed == 1);
  CHECK(reason == boost::asio::error::eof);
  CHECK_FALSE(connection->is_open());

  SocketPair other;
  int other_closed = 0;
  auto quiet = BgpConnection::create(
      std::move(other.ours),
      {.on_message = [](std::span<const std::uint8_t>) {},
       .on_framing_error = [](const wire::Problem&) {},
       .on_closed = [&](const boost::system::error_code&) { ++other_closed; }});
  quiet->start();
  quiet->close();
  other.theirs.close();
  other.run_until([] { return false; });  // let any handler that would run, run
  CHECK(other_closed == 0);
}

TEST_CASE("Queued writes arrive in order", "[bgp][connection]") {
  SocketPair pair;
  auto connection = BgpConnection::create(std::move(pair.ours), {});
  connection->start();
  Bytes expected;
  for (int i = 0; i < 200; ++i) {
    const Bytes m = i % 3 ? keepalive() : update(("10." + std::to_string(i) + ".0.0/16").c_str());
    expected.insert(expected.end(), m.begin(), m.end());
    connection->send(m);
  }
  CHECK(connection->queued_bytes() > 0);
  Bytes got(expected.size());
  std::size_t total = 0;
  pair.run_until([&] {
    boost::system::error_code error;
    pair.theirs.non_blocking(true);
    total +=
        pair.theirs.read_some(boost::asio::buffer(got.data() + total, got.size() - total), error);
    return total == got.size();
  });
  CHECK(got == expected);
  CHECK(connection->queued_bytes() == 0);
  connection->close();
}

TEST_CASE("close_after_sending delivers everything queued before it closes", "[bgp][connection]") {
  SocketPair pair;
  auto connection = BgpConnection::create(std::move(pair.ours), {});
  connection->start();
  // Far more than the socket buffers hold: most of it is still queued at close_after_sending.
  const Bytes message = update("10.9.0.0/16");
  std::size_t expected = 0;
  for (int i = 0; i < 200'000; ++i) {
    connection->send(message);
    expected += message.size();
  }
  connection->close_after_sending();
  CHECK(connection->is_open());  // still writing

  std::vector<std::uint8_t> sink(1 << 16);
  std::size_t total = 0;
  bool eof = false;
  pair.theirs.non_blocking(true);
  pair.run_until([&] {
    boost::system::error_code error;
    total += pair.theirs.read_some(boost::asio::buffer(sink), error);
    eof = error == boost::asio::error::eof;
    return eof;
  });
  CHECK(eof);
  CHECK(total == expected);
  CHECK_FALSE(connection->is_open());
}
