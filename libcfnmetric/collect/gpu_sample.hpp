// One GPU's readings at one instant, and how the per-GPU readings fold into the L0 GPU fields.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "libcfnmetric/l0_metrics.hpp"

namespace cfn::metric {

// A field is absent when its NVML call failed for this GPU.
struct GpuSample {
  unsigned index = 0;
  std::optional<double> utilization;         // 0..1 of the time a kernel was running
  std::optional<double> memory_utilization;  // 0..1 of the time device memory was read/written
  std::optional<std::uint64_t> memory_total_bytes;
  std::optional<std::uint64_t> memory_free_bytes;
  std::optional<std::uint64_t> memory_used_bytes;
  std::optional<double> power_watts;
  bool operator==(const GpuSample&) const = default;
};

// Fills gpu_utilization (mean), gpu_memory_free / gpu_memory_total and gpu_power_watts (sums).
// A field is set only when every GPU reported it: a partial sum would understate the site.
void add_gpu_totals(const std::vector<GpuSample>& gpus, L0Metrics& metrics);

}  // namespace cfn::metric
