// Tests for the procfs parsers: recorded and synthetic /proc/stat, loadavg, PSI and meminfo
// give exact values; malformed text is refused with a reason.
#include <catch2/catch.hpp>

#include <string>

#include "libcfnmetric/collect/procfs_parse.hpp"
#include "test_support.hpp"

using namespace cfn::metric;
using test::fixture_text;
using test::refusal;

TEST_CASE("proc/stat: aggregate and per-CPU lines, guest columns ignored", "[collect][procfs]") {
  auto stat = parse_proc_stat(fixture_text("host/t1/proc/stat"));
  REQUIRE(stat);
  CHECK(stat.value->all == CpuTimes{1200, 25, 575, 8600, 550, 10, 10, 30});
  REQUIRE(stat.value->per_cpu.size() == 2);
  CHECK(stat.value->per_cpu[0] == PerCpuTimes{0, {750, 0, 350, 4150, 250, 0, 0, 0}});
  CHECK(stat.value->per_cpu[1] == PerCpuTimes{1, {450, 25, 225, 4450, 300, 10, 10, 30}});
}

TEST_CASE("proc/stat recorded on a 2-CPU host", "[collect][procfs]") {
  auto stat = parse_proc_stat(fixture_text("recorded/stat"));
  REQUIRE(stat);
  CHECK(stat.value->all == CpuTimes{1109918, 7036, 243015, 508838, 1818, 0, 2970, 593});
  REQUIRE(stat.value->per_cpu.size() == 2);
  CHECK(stat.value->per_cpu[0] ==
        PerCpuTimes{0, {551980, 3696, 120540, 258608, 490, 0, 1383, 302}});
  CHECK(stat.value->per_cpu[1].cpu == 1);
}

TEST_CASE("proc/stat of an old kernel without guest columns", "[collect][procfs]") {
  auto stat = parse_proc_stat(fixture_text("host_no_psi/proc/stat"));
  REQUIRE(stat);
  CHECK(stat.value->all == CpuTimes{300, 0, 100, 500, 100, 0, 0, 0});
  CHECK(stat.value->per_cpu.size() == 1);
}

TEST_CASE("loadavg gives the 1, 5 and 15 minute averages", "[collect][procfs]") {
  auto load = parse_loadavg(fixture_text("host/t0/proc/loadavg"));
  REQUIRE(load);
  CHECK(*load.value == LoadAverage{0.5, 1.25, 2.0});
}

TEST_CASE("PSI some and full lines", "[collect][procfs]") {
  auto io = parse_pressure(fixture_text("recorded/pressure_io"));
  REQUIRE(io);
  CHECK(io.value->some == PressureLine{0.0, 0.07, 0.13, 43466586});
  REQUIRE(io.value->full);
  CHECK(*io.value->full == PressureLine{0.0, 0.07, 0.12, 12135834});

  // /proc/pressure/cpu before Linux 5.13 has no "full" line.
  auto cpu = parse_pressure("some avg10=12.50 avg60=8.00 avg300=4.00 total=123456789\n");
  REQUIRE(cpu);
  CHECK(cpu.value->some == PressureLine{12.5, 8.0, 4.0, 123456789});
  CHECK_FALSE(cpu.value->full);
}

TEST_CASE("meminfo: MemTotal and MemAvailable in bytes", "[collect][procfs]") {
  auto recorded = parse_meminfo(fixture_text("recorded/meminfo"));
  REQUIRE(recorded);
  CHECK(*recorded.value == MemInfo{24684084ull * 1024, 23790908ull * 1024});
  auto synthetic = parse_meminfo(fixture_text("host/t0/proc/meminfo"));
  REQUIRE(synthetic);
  CHECK(*synthetic.value == MemInfo{8192000000, 6144000000});
}

TEST_CASE("Malformed procfs text is refused with a reason", "[collect][procfs][malformed]") {
  using Refusal = std::string (*)(std::string_view);
  struct Case {
    const char* what;
    Refusal parse;
    std::string input;
    std::string reason;
  };
  Refusal stat = [](std::string_view t) { return refusal(parse_proc_stat(t)); };
  Refusal load = [](std::string_view t) { return refusal(parse_loadavg(t)); };
  Refusal psi = [](std::string_view t) { return refusal(parse_pressure(t)); };
  Refusal mem = [](std::string_view t) { return refusal(parse_meminfo(t)); };
  const Case cases[] = {
      {"stat empty", stat, "", "no aggregate cpu line"},
      {"stat truncated line", stat, "cpu  1 2 3\n", "line 1: truncated: 3 of 8 fields"},
      {"stat non-number", stat, "cpu  1 2 3 x 5 6 7 8\n", "line 1: idle is not a number"},
      {"stat negative", stat, "cpu  1 2 3 -4 5 6 7 8\n", "line 1: idle is not a number"},
      {"stat bad label", stat, "cpu  1 2 3 4 5 6 7 8\ncpuX 1 2 3 4 5 6 7 8\n",
       "line 2: bad CPU label 'cpuX'"},
      {"stat two aggregates", stat, "cpu 1 2 3 4 5 6 7 8\ncpu 1 2 3 4 5 6 7 8\n",
       "line 2: second aggregate cpu line"},
      {"stat per-CPU only", stat, "cpu0 1 2 3 4 5 6 7 8\n", "no aggregate cpu line"},
      {"loadavg truncated", load, "0.50 1.25\n", "truncated: fewer than 3 averages"},
      {"loadavg non-number", load, "0.50 abc 2.00 1/2 3\n", "average 2 is not a number"},
      {"loadavg nan", load, "nan 1 2 1/2 3\n", "average 1 is not a number"},
      {"psi empty", psi, "", "no 'some' line"},
      {"psi only full", psi, "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n", "no 'some' line"},
      {"psi missing field", psi, "some avg10=1.00 avg60=1.00 avg300=1.00\n",
       "line 1: expected 4 fields"},
      {"psi wrong key", psi, "some avg10=1.00 avg30=1.00 avg300=1.00 total=1\n",
       "line 1: expected avg60="},
      {"psi not a percentage", psi, "some avg10=101.00 avg60=1.00 avg300=1.00 total=1\n",
       "line 1: avg10 is not a percentage"},
      {"psi inf", psi, "some avg10=inf avg60=1.00 avg300=1.00 total=1\n",
       "line 1: avg10 is not a percentage"},
      {"psi total non-number", psi, "some avg10=1.00 avg60=1.00 avg300=1.00 total=1.5\n",
       "line 1: total is not a number"},
      {"psi unknown line", psi, "most avg10=1.00 avg60=1.00 avg300=1.00 total=1\n",
       "line 1: expected 'some' or 'full'"},
      {"psi repeated", psi,
       "some avg10=1.00 avg60=1.00 avg300=1.00 total=1\nsome avg10=1.00 avg60=1.00 avg300=1.00 "
       "total=1\n",
       "line 2: repeated some"},
      {"meminfo no MemTotal", mem, "MemAvailable: 1 kB\n", "no MemTotal"},
      {"meminfo no MemAvailable", mem, "MemTotal: 1 kB\n", "no MemAvailable"},
      {"meminfo non-number", mem, "MemTotal: lots kB\nMemAvailable: 1 kB\n",
       "line 1: MemTotal: not a number"},
      {"meminfo no unit", mem, "MemTotal: 1\nMemAvailable: 1 kB\n",
       "line 1: MemTotal: expected 'N kB'"},
      {"meminfo overflow", mem, "MemTotal: 18446744073709551615 kB\nMemAvailable: 1 kB\n",
       "line 1: MemTotal: too large"},
      {"meminfo zero", mem, "MemTotal: 0 kB\nMemAvailable: 0 kB\n", "MemTotal is 0"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CHECK(c.parse(c.input) == c.reason);
  }
}
