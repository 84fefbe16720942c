// Pure parsers for cgroup v1 and v2 control files (Documentation/admin-guide/cgroup-v2.rst,
// Documentation/scheduler/sched-bwc.rst, Documentation/admin-guide/cgroup-v1/memory.rst).
#include "libcfnmetric/collect/cgroup_parse.hpp"

#include <limits>

#include "libcfnmetric/collect/text_scan.hpp"

namespace cfn::metric {

namespace {

constexpr std::uint64_t kMaxUsec = std::numeric_limits<std::uint64_t>::max() / 1000;

Parsed<std::uint64_t> usec_to_ns(std::uint64_t usec, std::string_view key) {
  if (usec > kMaxUsec) return absent<std::uint64_t>(std::string(key) + " too large");
  return present(usec * 1000);
}

Parsed<std::uint64_t> required(const FlatKeyed& keys, std::string_view key) {
  auto it = keys.find(key);
  if (it == keys.end()) return absent<std::uint64_t>("no " + std::string(key));
  return present(it->second);
}

Parsed<std::uint64_t> period(std::string_view token) {
  auto value = to_u64(token);
  if (!value) return absent<std::uint64_t>("period is not a number");
  if (*value == 0) return absent<std::uint64_t>("period is 0");
  return present(*value);
}

}  // namespace

Parsed<FlatKeyed> parse_flat_keyed(std::string_view text) {
  FlatKeyed keys;
  auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto words = split_words(lines[i]);
    std::string where = "line " + std::to_string(i + 1) + ": ";
    if (words.size() != 2) return absent<FlatKeyed>(where + "expected 'key value'");
    auto value = to_u64(words[1]);
    if (!value) return absent<FlatKeyed>(where + std::string(words[0]) + " is not a number");
    if (!keys.emplace(std::string(words[0]), *value).second) {
      return absent<FlatKeyed>(where + "repeated " + std::string(words[0]));
    }
  }
  return present(std::move(keys));
}

Parsed<std::uint64_t> parse_u64_file(std::string_view text) {
  std::string_view token = trim(text);
  if (token.empty()) return absent<std::uint64_t>("empty");
  auto value = to_u64(token);
  if (!value) return absent<std::uint64_t>("not a number");
  return present(*value);
}

Parsed<CpuLimit> parse_cpu_max(std::string_view text) {
  auto words = split_words(trim(text));
  if (words.size() != 2) return absent<CpuLimit>("expected 'QUOTA PERIOD'");
  auto period_us = period(words[1]);
  if (!period_us) return absent<CpuLimit>(period_us.error);
  if (words[0] == "max") return present(CpuLimit{std::nullopt, *period_us.value});
  auto quota = to_u64(words[0]);
  if (!quota) return absent<CpuLimit>("quota is neither 'max' nor a number");
  return present(CpuLimit{*quota, *period_us.value});
}

Parsed<CgroupCpuStat> parse_cpu_stat_v2(std::string_view text) {
  auto keys = parse_flat_keyed(text);
  if (!keys) return absent<CgroupCpuStat>(keys.error);
  auto usage_us = required(*keys.value, "usage_usec");
  if (!usage_us) return absent<CgroupCpuStat>(usage_us.error);
  auto usage_ns = usec_to_ns(*usage_us.value, "usage_usec");
  if (!usage_ns) return absent<CgroupCpuStat>(usage_ns.error);
  CgroupCpuStat stat{.usage_ns = *usage_ns.value, .throttling = std::nullopt};
  if (!keys.value->contains("nr_periods")) return present(stat);
  auto periods = required(*keys.value, "nr_periods");
  auto throttled = required(*keys.value, "nr_throttled");
  auto throttled_us = required(*keys.value, "throttled_usec");
  for (const auto* field : {&throttled, &throttled_us}) {
    if (!*field) return absent<CgroupCpuStat>(field->error);
  }
  auto throttled_ns = usec_to_ns(*throttled_us.value, "throttled_usec");
  if (!throttled_ns) return absent<CgroupCpuStat>(throttled_ns.error);
  stat.throttling = Throttling{*periods.value, *throttled.value, *throttled_ns.value};
  return present(stat);
}

Parsed<MemoryLimit> parse_memory_max(std::string_view text) {
  if (trim(text) == "max") return present(MemoryLimit{});
  auto bytes = parse_u64_file(text);
  if (!bytes) return absent<MemoryLimit>("neither 'max' nor a number");
  return present(MemoryLimit{*bytes.value});
}

Parsed<CpuLimit> parse_cfs_limit(std::string_view quota_text, std::string_view period_text) {
  auto quota = to_i64(trim(quota_text));
  if (!quota) return absent<CpuLimit>("cfs_quota_us is not a number");
  if (*quota < 0 && *quota != -1) return absent<CpuLimit>("cfs_quota_us is negative");
  auto period_us = period(trim(period_text));
  if (!period_us) return absent<CpuLimit>("cfs_period_us: " + period_us.error);
  if (*quota == -1) return present(CpuLimit{std::nullopt, *period_us.value});
  return present(CpuLimit{static_cast<std::uint64_t>(*quota), *period_us.value});
}

Parsed<CgroupCpuStat> parse_cpu_stat_v1(std::string_view text) {
  auto keys = parse_flat_keyed(text);
  if (!keys) return absent<CgroupCpuStat>(keys.error);
  auto periods = required(*keys.value, "nr_periods");
  auto throttled = required(*keys.value, "nr_throttled");
  auto throttled_ns = required(*keys.value, "throttled_time");
  for (const auto* field : {&periods, &throttled, &throttled_ns}) {
    if (!*field) return absent<CgroupCpuStat>(field->error);
  }
  return present(CgroupCpuStat{
      .usage_ns = std::nullopt,
      .throttling = Throttling{*periods.value, *throttled.value, *throttled_ns.value}});
}

Parsed<MemoryLimit> parse_memory_limit_in_bytes(std::string_view text) {
  auto bytes = parse_u64_file(text);
  if (!bytes) return absent<MemoryLimit>(bytes.error);
  if (*bytes.value >= kUnlimitedMemoryFloor) return present(MemoryLimit{});
  return present(MemoryLimit{*bytes.value});
}

}  // namespace cfn::metric
