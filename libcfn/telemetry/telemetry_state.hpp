// What the telemetry receiver knows, without any I/O: verifies frame payloads against the key
// ring, refuses replayed or stale sequence numbers per (site, service, instance), marks an
// instance stale after N missed reports, and counts every outcome for `show`.
#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "libcfn/core/clock.hpp"
#include "libcfnmetric/agent/agent_frame.hpp"

namespace cfn::telemetry {

struct InstanceKey {
  std::string site;
  std::string service;
  std::string instance;
  auto operator<=>(const InstanceKey&) const = default;
};

InstanceKey key_of(const metric::AgentReport& report);
std::string to_string(const InstanceKey& key);  // "site/service/instance"

// An instance is stale once missed_reports * interval passed without an accepted report.
struct StaleSettings {
  std::chrono::milliseconds interval{1000};
  unsigned missed_reports = 3;
  std::chrono::milliseconds window() const { return interval * missed_reports; }
};

struct InstanceStatus {
  metric::AgentReport latest;  // the last accepted report
  core::Clock::TimePoint last_report{};
  bool stale = false;
};

struct TelemetryCounters {
  std::uint64_t connections = 0;
  std::uint64_t applied = 0;   // reports accepted and handed on
  std::uint64_t replayed = 0;  // authentic, but sequence not above the last accepted one
  std::uint64_t went_stale = 0;
  std::array<std::uint64_t, metric::kFrameErrorCount> malformed{};  // by FrameError

  std::uint64_t rejected() const;  // replayed + every malformed
};

enum class Verdict : std::uint8_t { kApplied, kMalformed, kReplay };

struct Outcome {
  Verdict verdict = Verdict::kMalformed;
  metric::FrameError error{};  // kMalformed: why
  metric::AgentReport report;  // kApplied and kReplay: what was decoded
};

class TelemetryState {
 public:
  TelemetryState(metric::KeyRing keys, StaleSettings stale)
      : keys_(std::move(keys)), stale_(stale) {}

  // Decodes and verifies one frame payload received at `now`; an authentic report whose
  // sequence is above the instance's last accepted one is applied (and clears stale).
  Outcome accept(std::span<const std::uint8_t> payload, core::Clock::TimePoint now);
  // Counts an error found before a payload existed (truncated stream, oversize length).
  void count_malformed(metric::FrameError error);
  void count_connection() { ++counters_.connections; }
  // Marks every instance whose window has passed by `now`; returns the ones newly stale.
  std::vector<InstanceKey> mark_stale(core::Clock::TimePoint now);

  const StaleSettings& stale_settings() const { return stale_; }
  const TelemetryCounters& counters() const { return counters_; }
  const std::map<InstanceKey, InstanceStatus>& instances() const { return instances_; }

 private:
  metric::KeyRing keys_;
  StaleSettings stale_;
  TelemetryCounters counters_;
  std::map<InstanceKey, InstanceStatus> instances_;
};

}  // namespace cfn::telemetry
