// TelemetryState: verification, the per-instance replay check and stale marking.
#include "libcfn/telemetry/telemetry_state.hpp"

#include <fmt/format.h>
#include <numeric>

namespace cfn::telemetry {

InstanceKey key_of(const metric::AgentReport& report) {
  return {report.site, report.service, report.instance};
}

std::string to_string(const InstanceKey& key) {
  return fmt::format("{}/{}/{}", key.site, key.service, key.instance);
}

std::uint64_t TelemetryCounters::rejected() const {
  return std::accumulate(malformed.begin(), malformed.end(), replayed);
}

Outcome TelemetryState::accept(std::span<const std::uint8_t> payload, core::Clock::TimePoint now) {
  auto decoded = metric::decode_frame_payload(payload, keys_);
  if (!decoded) {
    count_malformed(decoded.error);
    return {Verdict::kMalformed, decoded.error, {}};
  }
  metric::AgentReport& report = *decoded.value;
  // Sequence numbers only grow (the agent starts at its start time in unix microseconds), so
  // anything not above the last accepted one is a replay or a reordered old report.
  const auto [it, fresh] = instances_.try_emplace(key_of(report));
  InstanceStatus& status = it->second;
  if (!fresh && report.sequence <= status.latest.sequence) {
    ++counters_.replayed;
    return {Verdict::kReplay, {}, std::move(report)};
  }
  status.latest = report;
  status.last_report = now;
  status.stale = false;
  ++counters_.applied;
  return {Verdict::kApplied, {}, std::move(report)};
}

void TelemetryState::count_malformed(metric::FrameError error) {
  ++counters_.malformed.at(static_cast<std::size_t>(error));
}

std::vector<InstanceKey> TelemetryState::mark_stale(core::Clock::TimePoint now) {
  std::vector<InstanceKey> marked;
  for (auto& [key, status] : instances_) {
    if (status.stale || now - status.last_report < stale_.window()) continue;
    status.stale = true;
    ++counters_.went_stale;
    marked.push_back(key);
  }
  return marked;
}

}  // namespace cfn::telemetry
