// Pure parsers for /proc/stat, /proc/loadavg, PSI files (/proc/pressure/*, cgroup *.pressure)
// and /proc/meminfo: text in, struct out; malformed text is refused with a reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "libcfnmetric/collect/parsed.hpp"

namespace cfn::metric {

// One "cpu" line of /proc/stat, in USER_HZ ticks (proc(5)). guest and guest_nice are already
// counted in user and nice, so they are not kept.
struct CpuTimes {
  std::uint64_t user = 0;
  std::uint64_t nice = 0;
  std::uint64_t system = 0;
  std::uint64_t idle = 0;
  std::uint64_t iowait = 0;
  std::uint64_t irq = 0;
  std::uint64_t softirq = 0;
  std::uint64_t steal = 0;

  bool operator==(const CpuTimes&) const = default;
};

struct PerCpuTimes {
  unsigned cpu = 0;  // N of "cpuN"
  CpuTimes times;
  bool operator==(const PerCpuTimes&) const = default;
};

// /proc/stat lists only online CPUs, so per_cpu.size() is the online core count.
struct ProcStat {
  CpuTimes all;                      // the aggregate "cpu" line
  std::vector<PerCpuTimes> per_cpu;  // "cpuN" lines, in file order
  bool operator==(const ProcStat&) const = default;
};

struct LoadAverage {
  double one = 0;
  double five = 0;
  double fifteen = 0;
  bool operator==(const LoadAverage&) const = default;
};

// One PSI line: share of wall time (percent, 0..100) in which some (or all) tasks stalled,
// averaged over 10, 60 and 300 s, and the total stall time in microseconds.
struct PressureLine {
  double avg10 = 0;
  double avg60 = 0;
  double avg300 = 0;
  std::uint64_t total_us = 0;
  bool operator==(const PressureLine&) const = default;
};

// "full" is missing from /proc/pressure/cpu before Linux 5.13.
struct Pressure {
  PressureLine some;
  std::optional<PressureLine> full;
  bool operator==(const Pressure&) const = default;
};

struct MemInfo {
  std::uint64_t total_bytes = 0;      // MemTotal
  std::uint64_t available_bytes = 0;  // MemAvailable
  bool operator==(const MemInfo&) const = default;
};

Parsed<ProcStat> parse_proc_stat(std::string_view text);
Parsed<LoadAverage> parse_loadavg(std::string_view text);
Parsed<Pressure> parse_pressure(std::string_view text);
Parsed<MemInfo> parse_meminfo(std::string_view text);

}  // namespace cfn::metric
