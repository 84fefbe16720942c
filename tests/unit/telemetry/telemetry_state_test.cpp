// TelemetryState without sockets: verification outcomes, the per-instance replay check, stale
// marking driven by a manual clock, and the counters.
#include <catch2/catch.hpp>

#include <chrono>

#include "libcfn/telemetry/telemetry_state.hpp"

using cfn::metric::AgentReport;
using cfn::metric::FrameError;
using cfn::telemetry::InstanceKey;
using cfn::telemetry::TelemetryState;
using cfn::telemetry::Verdict;
using namespace std::chrono_literals;

namespace {

const cfn::metric::AgentKey kKey{"k1", "secret"};

AgentReport report(std::string instance, std::uint64_t sequence) {
  AgentReport r;
  r.site = "edge-1";
  r.service = "video";
  r.instance = std::move(instance);
  r.sequence = sequence;
  r.metrics.cpu_utilization = 0.25;
  return r;
}

// The payload of a frame: what a connection hands to accept().
cfn::metric::Bytes payload(const AgentReport& r, const cfn::metric::AgentKey& key = kKey) {
  auto frame = cfn::metric::encode_frame(r, key);
  frame.erase(frame.begin(), frame.begin() + cfn::metric::kFrameHeaderSize);
  return frame;
}

TelemetryState make_state() {
  return TelemetryState({{"k1", "secret"}}, {.interval = 1000ms, .missed_reports = 3});
}

}  // namespace

TEST_CASE("Sequence numbers must grow per instance", "[telemetry][replay]") {
  TelemetryState state = make_state();
  cfn::core::ManualClock clock;
  CHECK(state.accept(payload(report("v1", 100)), clock.now()).verdict == Verdict::kApplied);
  CHECK(state.accept(payload(report("v1", 100)), clock.now()).verdict == Verdict::kReplay);
  CHECK(state.accept(payload(report("v1", 99)), clock.now()).verdict == Verdict::kReplay);
  CHECK(state.accept(payload(report("v1", 0)), clock.now()).verdict == Verdict::kReplay);
  const auto next = state.accept(payload(report("v1", 105)), clock.now());  // gaps are fine
  CHECK(next.verdict == Verdict::kApplied);
  CHECK(next.report == report("v1", 105));
  // Another instance of the same service has its own sequence space.
  CHECK(state.accept(payload(report("v2", 1)), clock.now()).verdict == Verdict::kApplied);

  const auto& counters = state.counters();
  CHECK(counters.applied == 3);
  CHECK(counters.replayed == 3);
  CHECK(counters.rejected() == 3);
  const auto& v1 = state.instances().at({"edge-1", "video", "v1"});
  CHECK(v1.latest.sequence == 105);
}

TEST_CASE("A restarted agent continues above its old sequence numbers", "[telemetry][replay]") {
  // The agent starts each run at its start time in unix microseconds and counts up by one per
  // report, so the second run starts above everything the first one sent.
  const std::uint64_t first_run = 1'700'000'000'000'000;
  const std::uint64_t second_run = first_run + 5'000'000;  // restarted 5 s later
  TelemetryState state = make_state();
  for (std::uint64_t i = 0; i < 3; ++i)
    REQUIRE(state.accept(payload(report("v1", first_run + i)), {}).verdict == Verdict::kApplied);
  CHECK(state.accept(payload(report("v1", second_run)), {}).verdict == Verdict::kApplied);
}

TEST_CASE("Refused payloads are counted by reason and never applied", "[telemetry][verify]") {
  TelemetryState state = make_state();
  const auto wrong_key = state.accept(payload(report("v1", 1), {"k1", "guess"}), {});
  CHECK(wrong_key.verdict == Verdict::kMalformed);
  CHECK(wrong_key.error == FrameError::kBadHmac);
  CHECK(state.accept(payload(report("v1", 2), {"k9", "secret"}), {}).error ==
        FrameError::kUnknownKey);
  CHECK(state.accept(cfn::metric::Bytes{0xff}, {}).error == FrameError::kBadSignedReport);
  state.count_malformed(FrameError::kTruncated);

  const auto& counters = state.counters();
  CHECK(counters.malformed[static_cast<std::size_t>(FrameError::kBadHmac)] == 1);
  CHECK(counters.malformed[static_cast<std::size_t>(FrameError::kUnknownKey)] == 1);
  CHECK(counters.malformed[static_cast<std::size_t>(FrameError::kBadSignedReport)] == 1);
  CHECK(counters.malformed[static_cast<std::size_t>(FrameError::kTruncated)] == 1);
  CHECK(counters.rejected() == 4);
  CHECK(counters.applied == 0);
  CHECK(state.instances().empty());
  // A forged report did not advance the sequence: the real one with a low number still applies.
  CHECK(state.accept(payload(report("v1", 1)), {}).verdict == Verdict::kApplied);
}

TEST_CASE("An instance goes stale after N missed reports, once, until it reports again",
          "[telemetry][stale]") {
  TelemetryState state = make_state();  // 3 x 1000 ms
  cfn::core::ManualClock clock;
  REQUIRE(state.accept(payload(report("v1", 1)), clock.now()).verdict == Verdict::kApplied);
  clock.advance(1000ms);
  REQUIRE(state.accept(payload(report("v2", 1)), clock.now()).verdict == Verdict::kApplied);

  clock.advance(1999ms);  // v1 silent for 2999 ms
  CHECK(state.mark_stale(clock.now()).empty());
  clock.advance(1ms);  // v1 silent for 3000 ms
  CHECK(state.mark_stale(clock.now()) == std::vector<InstanceKey>{{"edge-1", "video", "v1"}});
  CHECK(state.instances().at({"edge-1", "video", "v1"}).stale);
  CHECK(state.mark_stale(clock.now()).empty());  // marked once
  clock.advance(1000ms);
  CHECK(state.mark_stale(clock.now()) == std::vector<InstanceKey>{{"edge-1", "video", "v2"}});

  REQUIRE(state.accept(payload(report("v1", 2)), clock.now()).verdict == Verdict::kApplied);
  CHECK_FALSE(state.instances().at({"edge-1", "video", "v1"}).stale);
  CHECK(state.counters().went_stale == 2);
  clock.advance(3000ms);
  CHECK(state.mark_stale(clock.now()) == std::vector<InstanceKey>{{"edge-1", "video", "v1"}});
}

TEST_CASE("A replay does not refresh a stale instance", "[telemetry][stale][replay]") {
  TelemetryState state = make_state();
  cfn::core::ManualClock clock;
  REQUIRE(state.accept(payload(report("v1", 7)), clock.now()).verdict == Verdict::kApplied);
  clock.advance(3000ms);
  REQUIRE(state.mark_stale(clock.now()).size() == 1);
  CHECK(state.accept(payload(report("v1", 7)), clock.now()).verdict == Verdict::kReplay);
  CHECK(state.instances().at({"edge-1", "video", "v1"}).stale);
}
