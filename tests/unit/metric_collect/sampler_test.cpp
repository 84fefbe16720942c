// Tests for the Sampler on fixture trees at two instants (host, cgroup v2, v1 hybrid, co-mounted
// v1): exact L0 values, absent sources with reasons; a live smoke test on this machine's "/".
#include <catch2/catch.hpp>

#include <chrono>

#include "libcfnmetric/collect/sampler.hpp"
#include "test_support.hpp"

using namespace cfn::metric;
using namespace std::chrono_literals;

namespace {

const auto kT0 = std::chrono::steady_clock::time_point{} + 100s;

SamplerConfig config(const std::filesystem::path& root, std::optional<std::string> cgroup = {}) {
  SamplerConfig c;
  c.root = root;
  c.cgroup = std::move(cgroup);
  c.gpu = false;
  return c;
}

struct TwoSamples {
  L0Metrics first;
  L0Metrics second;
  SamplerReport report;  // after the second
};

// Samples host/t0 (+ <cgroup_tree>/t0) at kT0, then host/t1 (+ <cgroup_tree>/t1) 1 s later.
TwoSamples sample_t0_t1(const std::string& cgroup_tree, std::optional<std::string> cgroup,
                        bool keep_symlinks = true) {
  test::FixtureTree tree;
  tree.overlay("host/t0");
  if (!cgroup_tree.empty()) tree.overlay(cgroup_tree + "/t0", keep_symlinks);
  Sampler sampler(config(tree.root(), std::move(cgroup)));
  L0Metrics first = sampler.sample(kT0);
  tree.overlay("host/t1");
  if (!cgroup_tree.empty()) tree.overlay(cgroup_tree + "/t1", keep_symlinks);
  L0Metrics second = sampler.sample(kT0 + 1s);
  return {first, second, sampler.report()};
}

std::string reason(const SamplerReport& report, std::string_view source) {
  const SourceStatus* status = report.find(source);
  if (status == nullptr) return "not read";
  return status->present ? "present" : status->reason;
}

}  // namespace

TEST_CASE("Host only: first sample has no utilization, the second has the delta",
          "[collect][sampler]") {
  TwoSamples s = sample_t0_t1("", std::nullopt);

  L0Metrics first;
  first.cpu_cores = 2;
  first.load_average_1 = 0.5;
  first.cpu_pressure = 12.5;
  first.memory_utilization = 0.25;
  first.memory_pressure = 1.5;
  CHECK(s.first == first);

  L0Metrics second;
  second.cpu_utilization = 0.35;
  second.cpu_cores = 2;
  second.load_average_1 = 1.5;
  second.cpu_pressure = 20.0;
  second.memory_utilization = 0.375;
  second.memory_pressure = 1.5;
  CHECK(s.second == second);

  CHECK(s.report.host.cpu_utilization.per_cpu ==
        std::vector<PerCpuUtilization>{{0, 0.4}, {1, 0.3}});
  CHECK(s.report.host.online_cores == 2u);
  CHECK(s.report.host.readings.io_pressure->full->avg10 == 2.5);
  CHECK_FALSE(s.report.service);
  CHECK(s.report.gpus.empty());
  for (const char* source : {"proc/stat", "proc/loadavg", "proc/meminfo", "proc/pressure/cpu",
                             "proc/pressure/memory", "proc/pressure/io"}) {
    CHECK(reason(s.report, source) == "present");
  }
  CHECK(reason(s.report, "nvml") == "disabled in the configuration");
}

TEST_CASE("Host without PSI: pressure is absent, not zero", "[collect][sampler]") {
  Sampler sampler(config(test::fixture("host_no_psi")));
  L0Metrics metrics = sampler.sample(kT0);
  CHECK_FALSE(metrics.cpu_pressure);
  CHECK_FALSE(metrics.memory_pressure);
  CHECK(metrics.cpu_cores == 1.0);
  CHECK(metrics.memory_utilization == 0.25);
  CHECK(reason(sampler.report(), "proc/pressure/cpu") == "missing");
  CHECK(reason(sampler.report(), "proc/pressure/io") == "missing");
}

TEST_CASE("Malformed host files: every metric absent, each with its reason",
          "[collect][sampler][malformed]") {
  Sampler sampler(config(test::fixture("host_malformed")));
  sampler.sample(kT0);
  CHECK(sampler.sample(kT0 + 1s) == L0Metrics{});
  const SamplerReport& report = sampler.report();
  CHECK(reason(report, "proc/stat") == "line 1: truncated: 3 of 8 fields");
  CHECK(reason(report, "proc/loadavg") == "truncated: fewer than 3 averages");
  CHECK(reason(report, "proc/meminfo") == "line 1: MemTotal: not a number");
  CHECK(reason(report, "proc/pressure/cpu") == "line 2: expected 4 fields");
  CHECK(reason(report, "proc/pressure/memory") == "missing");
  CHECK_FALSE(report.host.online_cores);
}

TEST_CASE("Service cgroups: the service's share replaces the host's", "[collect][sampler]") {
  struct Case {
    const char* tree;
    const char* cgroup;
    bool keep_symlinks;
    L0Metrics expected;  // second sample; load average is the host's (1.5)
    std::optional<double> throttled;
  };
  auto metrics = [](std::optional<double> cpu, double cores, std::optional<double> cpu_pressure,
                    std::optional<double> memory, std::optional<double> memory_pressure) {
    L0Metrics m;
    m.cpu_utilization = cpu;
    m.cpu_cores = cores;
    m.load_average_1 = 1.5;
    m.cpu_pressure = cpu_pressure;
    m.memory_utilization = memory;
    m.memory_pressure = memory_pressure;
    return m;
  };
  const Case cases[] = {
      {"cgroup_v2", "/system.slice/limited.service", true, metrics(0.5, 0.5, 25.0, 0.5, 0.75), 0.4},
      {"cgroup_v2", "system.slice/unlimited.service", true, metrics(0.75, 2, 0.0, 0.5, 0.0),
       std::nullopt},
      {"cgroup_v1_hybrid", "system.slice/limited.service", true, metrics(0.5, 1.5, 40.0, 0.25, 2.0),
       0.25},
      {"cgroup_v1_hybrid", "system.slice/unlimited.service", true,
       metrics(0.25, 2, std::nullopt, 0.25, std::nullopt), std::nullopt},
      {"cgroup_v1_hybrid", "system.slice/noacct.service", true,
       metrics(0.25, 2, std::nullopt, std::nullopt, std::nullopt), std::nullopt},
      {"cgroup_v1_comount", "svc", true, metrics(0.6, 1, std::nullopt, 0.125, std::nullopt), 0.5},
      {"cgroup_v1_comount", "svc", false, metrics(0.6, 1, std::nullopt, 0.125, std::nullopt), 0.5},
  };
  for (const Case& c : cases) {
    INFO(c.tree << " " << c.cgroup << (c.keep_symlinks ? "" : " (no symlinks)"));
    TwoSamples s = sample_t0_t1(c.tree, c.cgroup, c.keep_symlinks);
    CHECK_FALSE(s.first.cpu_utilization);
    CHECK(s.second == c.expected);
    REQUIRE(s.report.service);
    CHECK(s.report.service->throttled_fraction == c.throttled);
    CHECK(s.report.host.cpu_utilization.all == 0.35);  // the host, reported alongside
  }
}

TEST_CASE("Service cgroups: absent files are reported with the file and reason",
          "[collect][sampler]") {
  SECTION("hybrid, no unified PSI for the service") {
    TwoSamples s = sample_t0_t1("cgroup_v1_hybrid", "system.slice/unlimited.service");
    CHECK(reason(s.report, "sys/fs/cgroup/unified/system.slice/unlimited.service/cpu.pressure") ==
          "missing");
    CHECK(reason(s.report, "sys/fs/cgroup/cpuacct/system.slice/unlimited.service/cpuacct.usage") ==
          "present");
    CHECK(s.report.service->readings.memory_limit == MemoryLimit{});  // 9223372036854771712
  }
  SECTION("hybrid, no cpuacct: usage from the unified tree's cpu.stat") {
    TwoSamples s = sample_t0_t1("cgroup_v1_hybrid", "system.slice/noacct.service");
    CHECK(reason(s.report, "sys/fs/cgroup/cpuacct/system.slice/noacct.service/cpuacct.usage") ==
          "missing");
    CHECK(s.report.service->readings.cpu_usage ==
          CpuUsage{1500000000, "sys/fs/cgroup/unified/system.slice/noacct.service/cpu.stat"});
    CHECK(reason(s.report,
                 "sys/fs/cgroup/memory/system.slice/noacct.service/memory.usage_in_bytes") ==
          "missing");
  }
  SECTION("co-mounted, directory only") {
    TwoSamples s = sample_t0_t1("cgroup_v1_comount", "svc", /*keep_symlinks=*/false);
    CHECK(reason(s.report, "sys/fs/cgroup/cpu,cpuacct/svc/cpuacct.usage") == "present");
  }
  SECTION("a cgroup that does not exist") {
    TwoSamples s = sample_t0_t1("cgroup_v2", "system.slice/gone.service");
    CHECK(reason(s.report, "sys/fs/cgroup/system.slice/gone.service/cpu.stat") == "missing");
    CHECK(s.second.load_average_1 == 1.5);
    CHECK_FALSE(s.second.cpu_utilization);
    CHECK_FALSE(s.second.cpu_cores);
    CHECK_FALSE(s.second.memory_utilization);
    CHECK_FALSE(s.second.cpu_pressure);
  }
  SECTION("no cgroup tree") {
    TwoSamples s = sample_t0_t1("", "svc");
    CHECK(reason(s.report, "sys/fs/cgroup") == "sys/fs/cgroup: No such file or directory");
    CHECK_FALSE(s.second.cpu_utilization);
    CHECK_FALSE(s.second.cpu_cores);
    CHECK_FALSE(s.second.memory_utilization);
    CHECK(s.report.host.cpu_utilization.all == 0.35);
  }
}

TEST_CASE("Live: this machine's / gives structural facts", "[collect][sampler][live]") {
  SamplerConfig live;  // root "/", GPU through the real libnvidia-ml.so.1 where installed
  Sampler sampler(live);
  L0Metrics metrics = sampler.sample(std::chrono::steady_clock::now());
  const SamplerReport& report = sampler.report();
  REQUIRE(report.host.online_cores);
  CHECK(*report.host.online_cores >= 1u);
  REQUIRE(report.host.readings.memory);
  CHECK(report.host.readings.memory->total_bytes > 0);
  REQUIRE(metrics.memory_utilization);
  CHECK(*metrics.memory_utilization >= 0.0);
  CHECK(*metrics.memory_utilization <= 1.0);
  const SourceStatus* nvml = report.find("nvml");
  REQUIRE(nvml);
  CHECK(nvml->present == !report.gpus.empty());
  for (const GpuSample& gpu : report.gpus) {
    INFO("GPU " << gpu.index);
    if (gpu.memory_total_bytes) CHECK(*gpu.memory_total_bytes > 0);
    if (gpu.utilization) CHECK(*gpu.utilization <= 1.0);
  }
}
