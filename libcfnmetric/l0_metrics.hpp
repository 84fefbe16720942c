// L0 raw metrics of one service instance at one site (CATS level 0): what the collectors and
// the service report, before the model turns them into costs. An absent source stays empty.
#pragma once

#include <cstdint>
#include <optional>

namespace cfn::metric {

struct L0Metrics {
  // Compute: the service's own share where a cgroup is configured, else the host.
  std::optional<double> cpu_utilization;  // 0..1 of the CPU the service may use
  std::optional<double> cpu_cores;        // usable cores (cgroup quota / period, or online CPUs)
  std::optional<double> load_average_1;   // /proc/loadavg, 1 minute
  std::optional<double> cpu_pressure;     // PSI cpu "some" avg10, percent 0..100
  // Memory.
  std::optional<double>
      memory_utilization;                 // 0..1 (1 - MemAvailable/MemTotal, or cgroup use/limit)
  std::optional<double> memory_pressure;  // PSI memory "some" avg10, percent 0..100
  // GPU (NVML): mean over the GPUs the service uses.
  std::optional<double> gpu_utilization;          // 0..1
  std::optional<std::uint64_t> gpu_memory_free;   // bytes, summed
  std::optional<std::uint64_t> gpu_memory_total;  // bytes, summed
  std::optional<double> gpu_power_watts;          // summed
  // Service-reported.
  std::optional<std::uint32_t> queue_depth;
  std::optional<std::uint32_t> requests_in_flight;
  std::optional<double>
      processing_delay_us;  // mean time to serve one request, unloaded or measured
  std::optional<double> requests_per_second;
  std::optional<bool> healthy;

  bool operator==(const L0Metrics&) const = default;
};

}  // namespace cfn::metric
