// Reads one service's cgroup at one instant: CPU limit, CPU usage, throttling counters, memory
// usage and limit, and PSI, from the v2 tree or the v1 hierarchies the layout names.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "libcfnmetric/collect/cgroup_layout.hpp"
#include "libcfnmetric/collect/cgroup_parse.hpp"
#include "libcfnmetric/collect/procfs_parse.hpp"
#include "libcfnmetric/collect/source_log.hpp"

namespace cfn::metric {

// Cumulative CPU time and the file it came from: deltas are taken only between readings of
// the same file (v1 falls back from cpuacct.usage to the unified tree's cpu.stat).
struct CpuUsage {
  std::uint64_t ns = 0;
  std::filesystem::path source;
  bool operator==(const CpuUsage&) const = default;
};

struct CgroupSnapshot {
  std::optional<CpuLimit> cpu_limit;
  std::optional<CpuUsage> cpu_usage;
  std::optional<Throttling> throttling;
  std::optional<std::uint64_t> memory_usage_bytes;
  std::optional<MemoryLimit> memory_limit;
  std::optional<Pressure> cpu_pressure;
  std::optional<Pressure> memory_pressure;
  bool operator==(const CgroupSnapshot&) const = default;
};

// `cgroup` is the service's path inside each hierarchy ("system.slice/x.service"; a leading
// '/' as in /proc/PID/cgroup is accepted). Every file read is recorded in `log`.
CgroupSnapshot read_cgroup(const CgroupLayout& layout, const std::filesystem::path& cgroup,
                           SourceLog& log);

}  // namespace cfn::metric
