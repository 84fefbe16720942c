// Reads the host's procfs sources at one instant: /proc/stat, /proc/loadavg, /proc/meminfo
// and PSI (/proc/pressure/{cpu,memory,io}; missing before Linux 4.20 or with psi=0).
#pragma once

#include <optional>

#include "libcfnmetric/collect/procfs_parse.hpp"
#include "libcfnmetric/collect/source_log.hpp"

namespace cfn::metric {

struct HostSnapshot {
  std::optional<ProcStat> stat;
  std::optional<LoadAverage> load_average;
  std::optional<MemInfo> memory;
  std::optional<Pressure> cpu_pressure;
  std::optional<Pressure> memory_pressure;
  std::optional<Pressure> io_pressure;
  bool operator==(const HostSnapshot&) const = default;
};

// Every file read is recorded in `log` (relative to its root).
HostSnapshot read_host(SourceLog& log);

}  // namespace cfn::metric
