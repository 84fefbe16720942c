// The whole agent against the real receiver over TCP on 127.0.0.1: it samples a recorded
// /proc/stat, merges what the service pushes on the datagram socket, and reports every
// interval with growing sequence numbers; pushes that do not fit are refused and counted.
// Time comes from a manual clock and timers; the sockets are real.
#include <catch2/catch.hpp>

#include <boost/asio/local/datagram_protocol.hpp>
#include <chrono>
#include <filesystem>

#include "libcfn/core/manual_timer_service.hpp"
#include "libcfn/telemetry/telemetry_receiver.hpp"
#include "libcfnmetric/agent/agent.hpp"
#include "tests/unit/core/temp_dir.hpp"

using cfn::metric::AgentReport;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

// /proc/stat with one CPU; busy = user + system.
std::string proc_stat(unsigned user, unsigned system, unsigned idle) {
  const std::string times = std::to_string(user) + " 0 " + std::to_string(system) + " " +
                            std::to_string(idle) + " 0 0 0 0 0 0\n";
  return "cpu  " + times + "cpu0 " + times;
}

struct AgentFixture {
  cfn::core::test::TempDir tmp;
  std::filesystem::path root = tmp.path() / "root";
  cfn::core::ManualClock clock;
  cfn::core::ManualTimerService timers{clock};
  asio::io_context io;
  std::vector<AgentReport> reports;
  cfn::telemetry::TelemetryReceiver receiver{
      io,
      timers,
      clock,
      {{"k1", "secret"}},
      {.interval = 1000ms, .missed_reports = 3},
      {.on_report = [this](const AgentReport& r) { reports.push_back(r); }, .on_stale = {}}};

  AgentFixture() {
    std::filesystem::create_directories(root / "proc");
    write_stat(proc_stat(100, 0, 900));
    std::string error;
    REQUIRE(receiver.listen("127.0.0.1", 0, error));
  }

  void write_stat(const std::string& text) const {
    cfn::core::test::write_file((root / "proc" / "stat").string(), text);
  }

  cfn::metric::AgentConfig config() const {
    cfn::metric::AgentConfig c;
    c.site = "edge-1";
    c.interval = 1000ms;
    c.push_socket = tmp.file("push.sock");
    c.routers = {{*cfn::net::IpAddress::parse("127.0.0.1"), receiver.port(), {"k1", "secret"}}};
    c.services = {{"video", "v1", std::nullopt, false}};
    return c;
  }

  bool run_until(const std::function<bool()>& done) {
    const auto give_up = std::chrono::steady_clock::now() + 30s;  // only against a hang
    while (!done()) {
      if (std::chrono::steady_clock::now() > give_up) return false;
      if (io.stopped()) io.restart();
      io.run_one_for(10ms);
    }
    return true;
  }

  void push(const std::string& line) {
    asio::local::datagram_protocol::socket socket(io);
    socket.open();
    socket.send_to(asio::buffer(line),
                   asio::local::datagram_protocol::endpoint(tmp.file("push.sock")));
  }
};

}  // namespace

TEST_CASE("cfn-agent reports sampled and pushed metrics to the receiver every interval",
          "[agent][tcp]") {
  AgentFixture f;
  cfn::metric::Agent agent(f.io, f.timers, f.clock, f.config(), f.root);
  std::string error;
  REQUIRE(agent.start(error));
  REQUIRE(f.run_until([&] { return agent.routers().at(0)->connected(); }));

  f.push("service=video instance=v1 queue=7 inflight=2 health=ok\n");
  f.push("service=video colour=red");           // unknown key
  f.push("service=audio queue=1");              // not a service of this agent
  f.push("service=video instance=v2 queue=1");  // not its instance
  REQUIRE(f.run_until([&] {
    const auto& c = agent.push_listener().counters();
    return c.accepted + c.refused == 4;
  }));
  CHECK(agent.push_listener().counters().accepted == 1);
  CHECK(agent.push_listener().counters().refused == 3);
  CHECK(agent.push_listener().counters().last_error ==
        "service video runs instance v1 here, not v2");

  f.write_stat(proc_stat(300, 50, 1650));  // +250 busy of +1000 ticks
  f.timers.advance(1000ms);
  REQUIRE(f.run_until([&] { return f.reports.size() == 1; }));
  const AgentReport first = f.reports[0];  // a copy: reports grows below
  CHECK(first.site == "edge-1");
  CHECK(first.service == "video");
  CHECK(first.instance == "v1");
  CHECK(first.metrics.cpu_utilization == Approx(0.25));
  CHECK(first.metrics.cpu_cores == 1.0);
  CHECK(first.metrics.queue_depth == 7u);
  CHECK(first.metrics.requests_in_flight == 2u);
  CHECK(first.metrics.healthy == true);
  CHECK_FALSE(first.metrics.gpu_utilization.has_value());
  // The sequence starts at the agent's start time in unix microseconds (after 2023-11-14).
  CHECK(first.sequence > 1'700'000'000'000'000);
  CHECK(first.timestamp_ms > 1'700'000'000'000);

  f.timers.advance(1000ms);
  REQUIRE(f.run_until([&] { return f.reports.size() == 2; }));
  CHECK(f.reports[1].sequence == first.sequence + 1);
  CHECK(f.reports[1].metrics.queue_depth == 7u);
  CHECK_FALSE(f.reports[1].metrics.cpu_utilization.has_value());  // no tick elapsed

  // Pushed metrics expire after three intervals without a new push.
  f.timers.advance(1000ms);
  REQUIRE(f.run_until([&] { return f.reports.size() == 3; }));
  CHECK_FALSE(f.reports[2].metrics.queue_depth.has_value());
  CHECK_FALSE(f.reports[2].metrics.healthy.has_value());
  CHECK(f.receiver.state().counters().applied == 3);
  CHECK(f.receiver.state().counters().rejected() == 0);
}

TEST_CASE("cfn-agent refuses to start on a push socket path that is not a socket",
          "[agent][push]") {
  AgentFixture f;
  cfn::core::test::write_file(f.tmp.file("push.sock"), "a file");
  cfn::metric::Agent agent(f.io, f.timers, f.clock, f.config(), f.root);
  std::string error;
  CHECK_FALSE(agent.start(error));
  CHECK(error == f.tmp.file("push.sock") + ": exists and is not a socket");
}
