// Pure formulas from raw readings to utilization (host CPU, a service's CPU share, throttling,
// memory); each result is absent, never zero, when its inputs cannot give a meaningful value.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "libcfnmetric/collect/cgroup_parse.hpp"
#include "libcfnmetric/collect/procfs_parse.hpp"

namespace cfn::metric {

struct PerCpuUtilization {
  unsigned cpu = 0;
  std::optional<double> utilization;  // 0..1
  bool operator==(const PerCpuUtilization&) const = default;
};

struct CpuUtilization {
  std::optional<double> all;               // 0..1 of all online CPUs
  std::vector<PerCpuUtilization> per_cpu;  // one per CPU of `after`
  bool operator==(const CpuUtilization&) const = default;
};

// busy / total over the ticks elapsed, busy = total - idle - iowait, total = user + nice +
// system + idle + iowait + irq + softirq + steal. Absent when no tick elapsed or a counter
// went backwards (CPU hotplug resets them).
std::optional<double> busy_fraction(const CpuTimes& before, const CpuTimes& after);
// The aggregate line and every CPU of `after` (absent for a CPU that was not in `before`).
CpuUtilization cpu_utilization(const ProcStat& before, const ProcStat& after);

// Cores a service may use: quota / period when limited, at most the host's online cores when
// known; the host's online cores when unlimited or the limit is unknown.
std::optional<double> usable_cores(const std::optional<CpuLimit>& limit,
                                   std::optional<unsigned> host_cores);
// delta usage / (delta wall x usable cores), capped at 1 (CFS bursts can exceed the quota).
std::optional<double> service_cpu_utilization(std::uint64_t usage_before_ns,
                                              std::uint64_t usage_after_ns,
                                              std::chrono::nanoseconds wall, double cores);
// delta nr_throttled / delta nr_periods; absent when no period elapsed (no quota enforced).
std::optional<double> throttled_fraction(const Throttling& before, const Throttling& after);

// 1 - MemAvailable / MemTotal.
std::optional<double> host_memory_utilization(const MemInfo& memory);
// usage / min(limit, MemTotal) when limited, usage / MemTotal when unlimited, capped at 1.
std::optional<double> service_memory_utilization(std::uint64_t usage_bytes,
                                                 const MemoryLimit& limit,
                                                 std::optional<std::uint64_t> memory_total);

}  // namespace cfn::metric
