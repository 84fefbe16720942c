// Pure utilization formulas (see utilization.hpp and docs/metrics.md "Collectors").
#include "libcfnmetric/collect/utilization.hpp"

#include <algorithm>
#include <array>

namespace cfn::metric {

namespace {

// Counter deltas as doubles, so that sums of large (fuzzed) counters cannot wrap.
std::optional<std::array<double, 8>> tick_deltas(const CpuTimes& before, const CpuTimes& after) {
  const std::array<std::uint64_t, 8> b = {before.user,   before.nice, before.system,  before.idle,
                                          before.iowait, before.irq,  before.softirq, before.steal};
  const std::array<std::uint64_t, 8> a = {after.user,   after.nice, after.system,  after.idle,
                                          after.iowait, after.irq,  after.softirq, after.steal};
  std::array<double, 8> deltas{};
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] < b[i]) return std::nullopt;
    deltas[i] = static_cast<double>(a[i] - b[i]);
  }
  return deltas;
}

std::optional<double> ratio(double part, double whole) {
  if (whole <= 0) return std::nullopt;
  return std::min(part / whole, 1.0);
}

}  // namespace

std::optional<double> busy_fraction(const CpuTimes& before, const CpuTimes& after) {
  auto deltas = tick_deltas(before, after);
  if (!deltas) return std::nullopt;
  auto& [user, nice, system, idle, iowait, irq, softirq, steal] = *deltas;
  double busy = user + nice + system + irq + softirq + steal;
  return ratio(busy, busy + idle + iowait);
}

CpuUtilization cpu_utilization(const ProcStat& before, const ProcStat& after) {
  CpuUtilization result{.all = busy_fraction(before.all, after.all), .per_cpu = {}};
  for (const PerCpuTimes& now : after.per_cpu) {
    auto then = std::find_if(before.per_cpu.begin(), before.per_cpu.end(),
                             [&](const PerCpuTimes& c) { return c.cpu == now.cpu; });
    result.per_cpu.push_back({now.cpu, then == before.per_cpu.end()
                                           ? std::nullopt
                                           : busy_fraction(then->times, now.times)});
  }
  return result;
}

std::optional<double> usable_cores(const std::optional<CpuLimit>& limit,
                                   std::optional<unsigned> host_cores) {
  std::optional<double> host;
  if (host_cores && *host_cores > 0) host = static_cast<double>(*host_cores);
  if (!limit || !limit->quota_us || limit->period_us == 0) return host;
  double quota = static_cast<double>(*limit->quota_us) / static_cast<double>(limit->period_us);
  if (quota <= 0) return std::nullopt;
  return host ? std::min(quota, *host) : quota;
}

std::optional<double> service_cpu_utilization(std::uint64_t usage_before_ns,
                                              std::uint64_t usage_after_ns,
                                              std::chrono::nanoseconds wall, double cores) {
  if (usage_after_ns < usage_before_ns || wall.count() <= 0 || cores <= 0) return std::nullopt;
  double used = static_cast<double>(usage_after_ns - usage_before_ns);
  return ratio(used, static_cast<double>(wall.count()) * cores);
}

std::optional<double> throttled_fraction(const Throttling& before, const Throttling& after) {
  if (after.nr_periods < before.nr_periods || after.nr_throttled < before.nr_throttled) {
    return std::nullopt;
  }
  return ratio(static_cast<double>(after.nr_throttled - before.nr_throttled),
               static_cast<double>(after.nr_periods - before.nr_periods));
}

std::optional<double> host_memory_utilization(const MemInfo& memory) {
  if (memory.available_bytes > memory.total_bytes) return std::nullopt;
  return ratio(static_cast<double>(memory.total_bytes - memory.available_bytes),
               static_cast<double>(memory.total_bytes));
}

std::optional<double> service_memory_utilization(std::uint64_t usage_bytes,
                                                 const MemoryLimit& limit,
                                                 std::optional<std::uint64_t> memory_total) {
  std::optional<std::uint64_t> capacity = memory_total;
  if (limit.bytes) capacity = memory_total ? std::min(*limit.bytes, *memory_total) : *limit.bytes;
  if (!capacity) return std::nullopt;
  return ratio(static_cast<double>(usage_bytes), static_cast<double>(*capacity));
}

}  // namespace cfn::metric
