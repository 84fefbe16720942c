// Agent to receiver over real TCP on 127.0.0.1: reports sent by the agent's RouterLink arrive
// and are applied; a wrong key, a replayed sequence, a truncated and an oversize frame are each
// refused and counted; silent instances go stale on the receiver's timer; the agent reconnects.
// Time for the stale check, idle close and backoff comes from a manual clock and timers.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include "libcfn/core/manual_timer_service.hpp"
#include "libcfn/telemetry/telemetry_receiver.hpp"
#include "libcfnmetric/agent/router_link.hpp"

using cfn::metric::AgentReport;
using cfn::metric::FrameError;
using cfn::telemetry::InstanceKey;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

const cfn::metric::AgentKey kKey{"k1", "secret"};

AgentReport report(std::uint64_t sequence) {
  AgentReport r;
  r.site = "edge-1";
  r.service = "video";
  r.instance = "v1";
  r.timestamp_ms = 1700000000000 + sequence;
  r.sequence = sequence;
  r.metrics.cpu_utilization = 0.5;
  r.metrics.queue_depth = static_cast<std::uint32_t>(sequence);
  return r;
}

struct ReceiverFixture {
  cfn::core::ManualClock clock;
  cfn::core::ManualTimerService timers{clock};
  asio::io_context io;
  std::vector<AgentReport> reports;
  std::vector<InstanceKey> stale;
  cfn::telemetry::TelemetryReceiver receiver{
      io,
      timers,
      clock,
      {{"k1", "secret"}},
      {.interval = 1000ms, .missed_reports = 3},
      {.on_report = [this](const AgentReport& r) { reports.push_back(r); },
       .on_stale = [this](const InstanceKey& key) { stale.push_back(key); }}};
  std::uint16_t port = 0;

  ReceiverFixture() {
    std::string error;
    REQUIRE(receiver.listen("127.0.0.1", 0, error));
    port = receiver.port();
    REQUIRE(port != 0);
  }

  asio::ip::tcp::endpoint endpoint() const { return {asio::ip::make_address("127.0.0.1"), port}; }

  const cfn::telemetry::TelemetryCounters& counters() const { return receiver.state().counters(); }
  std::uint64_t malformed(FrameError error) const {
    return counters().malformed[static_cast<std::size_t>(error)];
  }

  // Runs the loop until done() holds. The deadline only stops a broken test from hanging.
  bool run_until(const std::function<bool()>& done) {
    const auto give_up = std::chrono::steady_clock::now() + 30s;
    while (!done()) {
      if (std::chrono::steady_clock::now() > give_up) return false;
      if (io.stopped()) io.restart();
      io.run_one_for(10ms);
    }
    return true;
  }

  // Runs whatever is ready now.
  void poll() {
    if (io.stopped()) io.restart();
    io.poll();
  }

  // A plain blocking client: connects, writes bytes, closes.
  void send_raw(const cfn::metric::Bytes& bytes) const {
    asio::io_context client_io;
    asio::ip::tcp::socket socket(client_io);
    socket.connect(endpoint());
    asio::write(socket, asio::buffer(bytes));
    socket.close();
  }
};

}  // namespace

TEST_CASE("Reports sent by a RouterLink arrive over TCP and are applied in order",
          "[telemetry][tcp]") {
  ReceiverFixture f;
  cfn::metric::RouterLink link(f.io, f.timers, f.endpoint(), {}, [] { return 0.5; });
  link.start();
  link.send(cfn::metric::encode_frame(report(1000), kKey));
  link.send(cfn::metric::encode_frame(report(1001), kKey));
  REQUIRE(f.run_until([&] { return f.reports.size() == 2; }));
  CHECK(f.reports[0] == report(1000));
  CHECK(f.reports[1] == report(1001));
  CHECK(f.receiver.state().instances().at({"edge-1", "video", "v1"}).latest == report(1001));

  // A replay on the same connection is dropped and counted; the connection stays.
  link.send(cfn::metric::encode_frame(report(1001), kKey));
  link.send(cfn::metric::encode_frame(report(1002), kKey));
  REQUIRE(f.run_until([&] { return f.counters().applied == 3; }));
  CHECK(f.counters().replayed == 1);
  REQUIRE(f.reports.size() == 3);
  CHECK(f.reports[2] == report(1002));
  CHECK(link.counters().sent == 4);
  CHECK(link.counters().connects == 1);
  CHECK(f.counters().connections == 1);
}

TEST_CASE("A wrong key, a replay, a truncated and an oversize frame are refused and counted",
          "[telemetry][tcp]") {
  ReceiverFixture f;
  const auto good = cfn::metric::encode_frame(report(5), kKey);
  f.send_raw(good);
  REQUIRE(f.run_until([&] { return f.counters().applied == 1; }));

  f.send_raw(cfn::metric::encode_frame(report(6), {"k1", "not-the-secret"}));
  REQUIRE(f.run_until([&] { return f.malformed(FrameError::kBadHmac) == 1; }));

  f.send_raw(good);  // the same bytes again, on a new connection
  REQUIRE(f.run_until([&] { return f.counters().replayed == 1; }));

  const auto next = cfn::metric::encode_frame(report(7), kKey);
  f.send_raw(cfn::metric::Bytes(next.begin(), next.begin() + next.size() / 2));
  REQUIRE(f.run_until([&] { return f.malformed(FrameError::kTruncated) == 1; }));

  f.send_raw({0x00, 0x01, 0x00, 0x01});  // announces 65537 octets
  REQUIRE(f.run_until([&] { return f.malformed(FrameError::kOversize) == 1; }));

  REQUIRE(f.reports.size() == 1);
  CHECK(f.reports[0] == report(5));
  CHECK(f.counters().applied == 1);
  CHECK(f.counters().rejected() == 4);
  CHECK(f.counters().connections == 5);
  CHECK(f.receiver.state().instances().at({"edge-1", "video", "v1"}).latest.sequence == 5);

  // After all that, the next genuine report still applies.
  f.send_raw(next);
  REQUIRE(f.run_until([&] { return f.counters().applied == 2; }));
}

TEST_CASE("A silent instance goes stale; the receiver drops the idle link, which reconnects",
          "[telemetry][tcp][stale]") {
  ReceiverFixture f;
  cfn::metric::RouterLink link(f.io, f.timers, f.endpoint(), {}, [] { return 0.5; });
  link.start();
  link.send(cfn::metric::encode_frame(report(1), kKey));
  REQUIRE(f.run_until([&] { return f.reports.size() == 1; }));

  f.timers.advance(2999ms);
  CHECK(f.stale.empty());
  f.timers.advance(1ms);  // 3 intervals without a report: stale, and the connection is idle
  CHECK(f.stale == std::vector<InstanceKey>{{"edge-1", "video", "v1"}});
  CHECK(f.receiver.state().instances().at({"edge-1", "video", "v1"}).stale);
  REQUIRE(f.run_until([&] { return link.counters().failures == 1; }));
  CHECK_FALSE(link.connected());
  link.send(cfn::metric::encode_frame(report(2), kKey));  // while waiting: dropped
  CHECK(link.counters().dropped == 1);

  f.timers.advance(500ms);  // the first backoff: 250 ms + jitter 0.5 * 250 ms
  REQUIRE(f.run_until([&] { return link.connected(); }));
  link.send(cfn::metric::encode_frame(report(3), kKey));
  REQUIRE(f.run_until([&] { return f.reports.size() == 2; }));
  CHECK(f.reports[1] == report(3));
  CHECK_FALSE(f.receiver.state().instances().at({"edge-1", "video", "v1"}).stale);
  CHECK(f.counters().went_stale == 1);
  CHECK(link.counters().connects == 2);
}

TEST_CASE("A RouterLink keeps retrying a router that refuses connections", "[telemetry][tcp]") {
  ReceiverFixture f;
  const auto endpoint = f.endpoint();
  f.receiver.close();  // nothing listens on the port now
  cfn::metric::RouterLink link(f.io, f.timers, endpoint, {.initial = 100ms, .cap = 400ms},
                               [] { return 1.0; });
  link.start();
  REQUIRE(f.run_until([&] { return link.counters().failures == 1; }));
  // Delays 100, 200, 400, 400 ms (jitter 1.0 gives the full step): each attempt fails again.
  for (const auto step : {100ms, 200ms, 400ms, 400ms}) {
    const auto failures = link.counters().failures;
    f.timers.advance(step - 1ms);
    f.poll();
    CHECK(link.counters().failures == failures);  // not yet retried
    f.timers.advance(1ms);
    REQUIRE(f.run_until([&] { return link.counters().failures == failures + 1; }));
  }
  CHECK(link.counters().connects == 0);
}
