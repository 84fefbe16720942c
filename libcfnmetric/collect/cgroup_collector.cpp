// Reads a service's cgroup files, v2 (cgroup-v2.rst) or v1 + hybrid (cgroup-v1/, sched-bwc.rst).
#include "libcfnmetric/collect/cgroup_collector.hpp"

#include <string>

namespace cfn::metric {

namespace {

namespace fs = std::filesystem;

Parsed<std::string> raw_text(std::string_view text) {
  return present(std::string(text));
}

std::optional<CpuUsage> usage_from(const std::optional<CgroupCpuStat>& stat, const fs::path& file) {
  if (!stat || !stat->usage_ns) return std::nullopt;
  return CpuUsage{*stat->usage_ns, file};
}

void read_pressure(const fs::path& dir, SourceLog& log, CgroupSnapshot& snapshot) {
  snapshot.cpu_pressure = log.read(dir / "cpu.pressure", parse_pressure);
  snapshot.memory_pressure = log.read(dir / "memory.pressure", parse_pressure);
}

void read_v2(const fs::path& dir, SourceLog& log, CgroupSnapshot& snapshot) {
  snapshot.cpu_limit = log.read(dir / "cpu.max", parse_cpu_max);
  auto stat = log.read(dir / "cpu.stat", parse_cpu_stat_v2);
  snapshot.cpu_usage = usage_from(stat, dir / "cpu.stat");
  if (stat) snapshot.throttling = stat->throttling;
  snapshot.memory_usage_bytes = log.read(dir / "memory.current", parse_u64_file);
  snapshot.memory_limit = log.read(dir / "memory.max", parse_memory_max);
  read_pressure(dir, log, snapshot);
}

void read_v1_cpu(const fs::path& dir, SourceLog& log, CgroupSnapshot& snapshot) {
  auto period = log.read(dir / "cpu.cfs_period_us", raw_text);
  if (period) {
    snapshot.cpu_limit = log.read(dir / "cpu.cfs_quota_us", [&](std::string_view quota) {
      return parse_cfs_limit(quota, *period);
    });
  }
  auto stat = log.read(dir / "cpu.stat", parse_cpu_stat_v1);
  if (stat) snapshot.throttling = stat->throttling;
}

void read_v1(const CgroupLayout& layout, const fs::path& cgroup, SourceLog& log,
             CgroupSnapshot& snapshot) {
  if (layout.cpu) read_v1_cpu(*layout.cpu / cgroup, log, snapshot);
  if (layout.cpuacct) {
    fs::path file = *layout.cpuacct / cgroup / "cpuacct.usage";
    auto ns = log.read(file, parse_u64_file);
    if (ns) snapshot.cpu_usage = CpuUsage{*ns, file};
  }
  if (layout.memory) {
    fs::path dir = *layout.memory / cgroup;
    snapshot.memory_usage_bytes = log.read(dir / "memory.usage_in_bytes", parse_u64_file);
    snapshot.memory_limit = log.read(dir / "memory.limit_in_bytes", parse_memory_limit_in_bytes);
  }
  if (!layout.unified) return;
  // The hybrid unified tree has no controllers, but its cpu.stat still counts usage_usec.
  fs::path dir = *layout.unified / cgroup;
  if (!snapshot.cpu_usage) {
    snapshot.cpu_usage =
        usage_from(log.read(dir / "cpu.stat", parse_cpu_stat_v2), dir / "cpu.stat");
  }
  read_pressure(dir, log, snapshot);
}

}  // namespace

CgroupSnapshot read_cgroup(const CgroupLayout& layout, const fs::path& cgroup, SourceLog& log) {
  const fs::path relative = cgroup.relative_path();
  CgroupSnapshot snapshot;
  if (layout.mode == CgroupMode::kV2 && layout.unified)
    read_v2(*layout.unified / relative, log, snapshot);
  if (layout.mode == CgroupMode::kV1) read_v1(layout, relative, log, snapshot);
  return snapshot;
}

}  // namespace cfn::metric
