// Tests for the cgroup file parsers (v2 and v1): exact values from recorded and fixture files,
// unlimited spellings, and a table of malformed files refused with a reason.
#include <catch2/catch.hpp>

#include <string>

#include "libcfnmetric/collect/cgroup_parse.hpp"
#include "test_support.hpp"

using namespace cfn::metric;
using test::fixture_text;
using test::refusal;

namespace {
const std::string kV2 = "cgroup_v2/t0/sys/fs/cgroup/system.slice/";
const std::string kV1 = "cgroup_v1_hybrid/t0/sys/fs/cgroup/";
}  // namespace

TEST_CASE("v2 cpu.max: quota and period, or max", "[collect][cgroup]") {
  CHECK(*parse_cpu_max(fixture_text(kV2 + "limited.service/cpu.max")).value ==
        CpuLimit{50000, 100000});
  CHECK(*parse_cpu_max(fixture_text(kV2 + "unlimited.service/cpu.max")).value ==
        CpuLimit{std::nullopt, 100000});
}

TEST_CASE("v2 cpu.stat: usage in ns, throttling when the controller is on", "[collect][cgroup]") {
  auto limited = parse_cpu_stat_v2(fixture_text(kV2 + "limited.service/cpu.stat"));
  REQUIRE(limited);
  CHECK(*limited.value == CgroupCpuStat{1000000000, Throttling{100, 10, 50000000}});
  // The hybrid host's controller-less unified tree: usage only.
  auto unified = parse_cpu_stat_v2(fixture_text("recorded/cpu.stat.unified"));
  REQUIRE(unified);
  CHECK(*unified.value == CgroupCpuStat{13629450276000, std::nullopt});
}

TEST_CASE("v2 memory.max and memory.current", "[collect][cgroup]") {
  CHECK(*parse_memory_max(fixture_text(kV2 + "limited.service/memory.max")).value ==
        MemoryLimit{1073741824});
  CHECK(*parse_memory_max(fixture_text(kV2 + "unlimited.service/memory.max")).value ==
        MemoryLimit{});
  CHECK(*parse_u64_file(fixture_text(kV2 + "limited.service/memory.current")).value == 268435456);
}

TEST_CASE("v1 CFS quota and period; -1 is unlimited", "[collect][cgroup]") {
  const std::string limited = kV1 + "cpu/system.slice/limited.service/";
  CHECK(*parse_cfs_limit(fixture_text(limited + "cpu.cfs_quota_us"),
                         fixture_text(limited + "cpu.cfs_period_us"))
             .value == CpuLimit{150000, 100000});
  const std::string unlimited = kV1 + "cpu/system.slice/unlimited.service/";
  CHECK(*parse_cfs_limit(fixture_text(unlimited + "cpu.cfs_quota_us"),
                         fixture_text(unlimited + "cpu.cfs_period_us"))
             .value == CpuLimit{std::nullopt, 100000});
}

TEST_CASE("v1 cpu.stat, cpuacct.usage and memory limits", "[collect][cgroup]") {
  CHECK(*parse_cpu_stat_v1(fixture_text("recorded/cpu.stat.v1")).value ==
        CgroupCpuStat{std::nullopt, Throttling{0, 0, 0}});
  CHECK(*parse_cpu_stat_v1(fixture_text(kV1 + "cpu/system.slice/limited.service/cpu.stat")).value ==
        CgroupCpuStat{std::nullopt, Throttling{200, 20, 400000000}});
  CHECK(*parse_u64_file(fixture_text(kV1 + "cpuacct/system.slice/limited.service/cpuacct.usage"))
             .value == 10000000000);
  CHECK(*parse_memory_limit_in_bytes(
             fixture_text(kV1 + "memory/system.slice/limited.service/memory.limit_in_bytes"))
             .value == MemoryLimit{2147483648});
  // PAGE_COUNTER_MAX pages, with 4 KiB and 64 KiB pages: unlimited.
  CHECK(*parse_memory_limit_in_bytes("9223372036854771712\n").value == MemoryLimit{});
  CHECK(*parse_memory_limit_in_bytes("9223372036854710272\n").value == MemoryLimit{});
  CHECK(*parse_memory_limit_in_bytes("4611686018427387903\n").value ==
        MemoryLimit{4611686018427387903});
}

TEST_CASE("Flat-keyed files keep every key", "[collect][cgroup]") {
  auto keys = parse_flat_keyed("usage_usec 5\nnr_bursts 0\n");
  REQUIRE(keys);
  CHECK(*keys.value == FlatKeyed{{"nr_bursts", 0}, {"usage_usec", 5}});
}

TEST_CASE("Malformed cgroup files are refused with a reason", "[collect][cgroup][malformed]") {
  using Refusal = std::string (*)(std::string_view);
  struct Case {
    const char* what;
    Refusal parse;
    std::string input;
    std::string reason;
  };
  Refusal keyed = [](std::string_view t) { return refusal(parse_flat_keyed(t)); };
  Refusal number = [](std::string_view t) { return refusal(parse_u64_file(t)); };
  Refusal cpu_max = [](std::string_view t) { return refusal(parse_cpu_max(t)); };
  Refusal stat_v2 = [](std::string_view t) { return refusal(parse_cpu_stat_v2(t)); };
  Refusal memory_max = [](std::string_view t) { return refusal(parse_memory_max(t)); };
  Refusal stat_v1 = [](std::string_view t) { return refusal(parse_cpu_stat_v1(t)); };
  Refusal limit_v1 = [](std::string_view t) { return refusal(parse_memory_limit_in_bytes(t)); };
  Refusal cfs = [](std::string_view t) { return refusal(parse_cfs_limit(t, "100000\n")); };
  Refusal cfs_period = [](std::string_view t) { return refusal(parse_cfs_limit("50000", t)); };
  const Case cases[] = {
      {"keyed value missing", keyed, "usage_usec\n", "line 1: expected 'key value'"},
      {"keyed extra field", keyed, "usage_usec 1 2\n", "line 1: expected 'key value'"},
      {"keyed non-number", keyed, "a 1\nusage_usec x\n", "line 2: usage_usec is not a number"},
      {"keyed repeated", keyed, "a 1\na 2\n", "line 2: repeated a"},
      {"number empty", number, "\n", "empty"},
      {"number negative", number, "-5\n", "not a number"},
      {"number two values", number, "5 6\n", "not a number"},
      {"number overflow", number, "18446744073709551616\n", "not a number"},
      {"cpu.max truncated", cpu_max, "max\n", "expected 'QUOTA PERIOD'"},
      {"cpu.max bad quota", cpu_max, "lots 100000\n", "quota is neither 'max' nor a number"},
      {"cpu.max bad period", cpu_max, "max 1e5\n", "period is not a number"},
      {"cpu.max zero period", cpu_max, "50000 0\n", "period is 0"},
      {"cpu.stat v2 no usage", stat_v2, "user_usec 1\n", "no usage_usec"},
      {"cpu.stat v2 partial throttling", stat_v2, "usage_usec 1\nnr_periods 2\nnr_throttled 1\n",
       "no throttled_usec"},
      {"cpu.stat v2 overflow", stat_v2, "usage_usec 18446744073709551615\n",
       "usage_usec too large"},
      {"cpu.stat v2 truncated", stat_v2, "usage_usec 1\nnr_periods",
       "line 2: expected 'key value'"},
      {"memory.max word", memory_max, "unlimited\n", "neither 'max' nor a number"},
      {"cpu.stat v1 missing field", stat_v1, "nr_periods 1\nnr_throttled 0\n", "no throttled_time"},
      {"cpu.stat v1 empty", stat_v1, "", "no nr_periods"},
      {"limit_in_bytes non-number", limit_v1, "max\n", "not a number"},
      {"cfs quota non-number", cfs, "max\n", "cfs_quota_us is not a number"},
      {"cfs quota negative", cfs, "-2\n", "cfs_quota_us is negative"},
      {"cfs period zero", cfs_period, "0\n", "cfs_period_us: period is 0"},
      {"cfs period empty", cfs_period, "", "cfs_period_us: period is not a number"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CHECK(c.parse(c.input) == c.reason);
  }
}
