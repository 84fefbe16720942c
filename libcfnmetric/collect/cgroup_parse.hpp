// Pure parsers for cgroup v2 (cpu.max, cpu.stat, memory.max) and v1 (CFS quota/period,
// cpu.stat, cpuacct.usage, memory limits) control files. PSI files use parse_pressure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "libcfnmetric/collect/parsed.hpp"

namespace cfn::metric {

// v1 reports "no limit" as PAGE_COUNTER_MAX pages (9223372036854771712 with 4 KiB pages);
// any limit at or above 2^62 bytes is read as unlimited, whatever the page size.
inline constexpr std::uint64_t kUnlimitedMemoryFloor = std::uint64_t{1} << 62;

// Flat-keyed file ("key value" per line, cgroup-v2.rst "Interface Files").
using FlatKeyed = std::map<std::string, std::uint64_t, std::less<>>;

struct CpuLimit {
  std::optional<std::uint64_t> quota_us;  // empty: unlimited ("max", or -1 in v1)
  std::uint64_t period_us = 0;
  bool operator==(const CpuLimit&) const = default;
};

struct MemoryLimit {
  std::optional<std::uint64_t> bytes;  // empty: unlimited
  bool operator==(const MemoryLimit&) const = default;
};

// CFS bandwidth counters: periods with runnable tasks, periods in which the group was
// throttled, and the total throttled time.
struct Throttling {
  std::uint64_t nr_periods = 0;
  std::uint64_t nr_throttled = 0;
  std::uint64_t throttled_ns = 0;
  bool operator==(const Throttling&) const = default;
};

struct CgroupCpuStat {
  std::optional<std::uint64_t> usage_ns;  // v2 usage_usec x 1000; never in v1 (cpuacct has it)
  std::optional<Throttling> throttling;   // absent in v2 without the cpu controller
  bool operator==(const CgroupCpuStat&) const = default;
};

Parsed<FlatKeyed> parse_flat_keyed(std::string_view text);
// A file holding one unsigned number (memory.current, cpuacct.usage, cpu.cfs_period_us, ...).
Parsed<std::uint64_t> parse_u64_file(std::string_view text);

// v2 cpu.max: "max 100000" or "QUOTA PERIOD" (microseconds).
Parsed<CpuLimit> parse_cpu_max(std::string_view text);
// v2 cpu.stat: usage_usec always; nr_periods, nr_throttled, throttled_usec with the controller.
Parsed<CgroupCpuStat> parse_cpu_stat_v2(std::string_view text);
// v2 memory.max: "max" or bytes.
Parsed<MemoryLimit> parse_memory_max(std::string_view text);

// v1 cpu.cfs_quota_us ("-1" = unlimited) with cpu.cfs_period_us.
Parsed<CpuLimit> parse_cfs_limit(std::string_view quota_text, std::string_view period_text);
// v1 cpu.stat: nr_periods, nr_throttled, throttled_time (ns).
Parsed<CgroupCpuStat> parse_cpu_stat_v1(std::string_view text);
// v1 memory.limit_in_bytes (>= kUnlimitedMemoryFloor = unlimited).
Parsed<MemoryLimit> parse_memory_limit_in_bytes(std::string_view text);

}  // namespace cfn::metric
