// Tests for the utilization formulas: host CPU busy share per CPU and overall, a service's CPU
// share of its usable cores, throttling, and memory use; absent (not zero) when undefined.
#include <catch2/catch.hpp>

#include <chrono>

#include "libcfnmetric/collect/utilization.hpp"
#include "test_support.hpp"

using namespace cfn::metric;
using namespace std::chrono_literals;

TEST_CASE("Host CPU: busy = total - idle - iowait, per CPU and overall", "[collect][util]") {
  auto before = parse_proc_stat(test::fixture_text("host/t0/proc/stat"));
  auto after = parse_proc_stat(test::fixture_text("host/t1/proc/stat"));
  REQUIRE(before);
  REQUIRE(after);
  CpuUtilization u = cpu_utilization(*before.value, *after.value);
  // cpu: 1000 ticks elapsed, 600 idle + 50 iowait.
  CHECK(u.all == 0.35);
  CHECK(u.per_cpu == std::vector<PerCpuUtilization>{{0, 0.4}, {1, 0.3}});
}

TEST_CASE("Host CPU: no tick elapsed, a counter going back, a new CPU -> absent",
          "[collect][util]") {
  CpuTimes t{100, 0, 50, 800, 50, 0, 0, 0};
  CHECK_FALSE(busy_fraction(t, t));
  CpuTimes reset = t;
  reset.user = 10;
  reset.idle = 2000;
  CHECK_FALSE(busy_fraction(t, reset));
  ProcStat before{t, {{0, t}}};
  ProcStat after{t, {{0, t}, {1, t}}};
  after.all.idle += 100;
  after.per_cpu[0].times.user += 100;
  CpuUtilization u = cpu_utilization(before, after);
  CHECK(u.all == 0.0);
  CHECK(u.per_cpu == std::vector<PerCpuUtilization>{{0, 1.0}, {1, std::nullopt}});
}

TEST_CASE("Usable cores: quota / period, bounded by the host", "[collect][util]") {
  CHECK(usable_cores(CpuLimit{50000, 100000}, 2) == 0.5);
  CHECK(usable_cores(CpuLimit{800000, 100000}, 2) == 2.0);
  CHECK(usable_cores(CpuLimit{150000, 100000}, std::nullopt) == 1.5);
  CHECK(usable_cores(CpuLimit{std::nullopt, 100000}, 4) == 4.0);
  CHECK(usable_cores(std::nullopt, 4) == 4.0);
  CHECK_FALSE(usable_cores(std::nullopt, std::nullopt));
  CHECK_FALSE(usable_cores(CpuLimit{0, 100000}, 4));
}

TEST_CASE("Service CPU: delta usage / (delta wall x usable cores)", "[collect][util]") {
  CHECK(service_cpu_utilization(1'000'000'000, 1'250'000'000, 1s, 0.5) == 0.5);
  CHECK(service_cpu_utilization(0, 3'000'000'000, 2s, 2.0) == 0.75);
  CHECK(service_cpu_utilization(0, 3'000'000'000, 1s, 2.0) == 1.0);  // burst: capped
  CHECK_FALSE(service_cpu_utilization(5, 4, 1s, 1.0));               // counter went back
  CHECK_FALSE(service_cpu_utilization(0, 1, 0s, 1.0));               // no wall time
}

TEST_CASE("Throttled fraction: delta nr_throttled / delta nr_periods", "[collect][util]") {
  CHECK(throttled_fraction({100, 10, 0}, {150, 30, 0}) == 0.4);
  CHECK_FALSE(throttled_fraction({0, 0, 0}, {0, 0, 0}));  // no quota, no periods
  CHECK_FALSE(throttled_fraction({100, 10, 0}, {50, 10, 0}));
}

TEST_CASE("Memory: host 1 - available / total; service usage / limit or MemTotal",
          "[collect][util]") {
  CHECK(host_memory_utilization({8192000000, 6144000000}) == 0.25);
  CHECK_FALSE(host_memory_utilization({100, 200}));
  CHECK(service_memory_utilization(268435456, MemoryLimit{1073741824}, 8192000000) == 0.25);
  CHECK(service_memory_utilization(4096000000, MemoryLimit{}, 8192000000) == 0.5);
  // A limit above the host's memory is no limit: the host bounds it.
  CHECK(service_memory_utilization(4096000000, MemoryLimit{16384000000}, 8192000000) == 0.5);
  CHECK(service_memory_utilization(512, MemoryLimit{1024}, std::nullopt) == 0.5);
  CHECK_FALSE(service_memory_utilization(512, MemoryLimit{}, std::nullopt));
  CHECK_FALSE(service_memory_utilization(512, MemoryLimit{0}, 8192000000));
}
