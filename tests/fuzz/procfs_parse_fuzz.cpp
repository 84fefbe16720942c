// libFuzzer target feeding any bytes to every collector text parser (procfs, PSI, cgroup files;
// the first NUL splits a CFS quota from its period). Properties: no crash, no UB; a refusal has
// a reason; accepted values are in range (percentages 0..100, non-zero periods, ...).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "libcfnmetric/collect/cgroup_parse.hpp"
#include "libcfnmetric/collect/procfs_parse.hpp"

namespace {

using namespace cfn::metric;

// A refusal must carry a reason; returns whether the parser accepted.
template <typename T>
bool accepted(const Parsed<T>& parsed) {
  if (!parsed && parsed.error.empty()) std::abort();
  return static_cast<bool>(parsed);
}

void check_percent(double value) {
  if (!std::isfinite(value) || value < 0 || value > 100) std::abort();
}

void check_pressure(const PressureLine& line) {
  check_percent(line.avg10);
  check_percent(line.avg60);
  check_percent(line.avg300);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t nul = text.find('\0');
  std::string_view quota = text.substr(0, nul);
  std::string_view period =
      nul == std::string_view::npos ? std::string_view{} : text.substr(nul + 1);

  accepted(parse_proc_stat(text));
  accepted(parse_flat_keyed(text));
  accepted(parse_u64_file(text));
  accepted(parse_cpu_stat_v2(text));
  accepted(parse_cpu_stat_v1(text));
  accepted(parse_memory_max(text));
  if (auto load = parse_loadavg(text); accepted(load)) {
    for (double v : {load.value->one, load.value->five, load.value->fifteen}) {
      if (!std::isfinite(v) || v < 0) std::abort();
    }
  }
  if (auto pressure = parse_pressure(text); accepted(pressure)) {
    check_pressure(pressure.value->some);
    if (pressure.value->full) check_pressure(*pressure.value->full);
  }
  if (auto memory = parse_meminfo(text); accepted(memory)) {
    if (memory.value->total_bytes == 0 || memory.value->total_bytes % 1024 != 0) std::abort();
  }
  for (const auto& limit : {parse_cpu_max(text), parse_cfs_limit(quota, period)}) {
    if (accepted(limit) && limit.value->period_us == 0) std::abort();
  }
  if (auto limit = parse_memory_limit_in_bytes(text); accepted(limit)) {
    if (limit.value->bytes && *limit.value->bytes >= kUnlimitedMemoryFloor) std::abort();
  }
  return 0;
}
