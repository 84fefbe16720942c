// Folds per-GPU readings into the L0 GPU fields.
#include "libcfnmetric/collect/gpu_sample.hpp"

namespace cfn::metric {

namespace {

// Sum of one field over all GPUs; absent when any GPU lacks it.
template <typename T>
std::optional<T> sum(const std::vector<GpuSample>& gpus, std::optional<T> GpuSample::*field) {
  if (gpus.empty()) return std::nullopt;
  T total{};
  for (const GpuSample& gpu : gpus) {
    if (!(gpu.*field)) return std::nullopt;
    total += *(gpu.*field);
  }
  return total;
}

}  // namespace

void add_gpu_totals(const std::vector<GpuSample>& gpus, L0Metrics& metrics) {
  auto utilization = sum(gpus, &GpuSample::utilization);
  metrics.gpu_utilization.reset();
  if (utilization) metrics.gpu_utilization = *utilization / static_cast<double>(gpus.size());
  metrics.gpu_memory_free = sum(gpus, &GpuSample::memory_free_bytes);
  metrics.gpu_memory_total = sum(gpus, &GpuSample::memory_total_bytes);
  metrics.gpu_power_watts = sum(gpus, &GpuSample::power_watts);
}

}  // namespace cfn::metric
