// The collectors' one entry point for cfn-agent: reads host, cgroup and GPU sources under a
// root, turns deltas between calls into utilization, fills L0Metrics and a report of sources.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libcfnmetric/collect/cgroup_collector.hpp"
#include "libcfnmetric/collect/cgroup_layout.hpp"
#include "libcfnmetric/collect/gpu_sample.hpp"
#include "libcfnmetric/collect/host_collector.hpp"
#include "libcfnmetric/collect/source_log.hpp"
#include "libcfnmetric/collect/utilization.hpp"
#include "libcfnmetric/l0_metrics.hpp"

namespace cfn::metric {

class NvmlLibrary;

struct SamplerConfig {
  std::filesystem::path root = "/";
  std::optional<std::string> cgroup;  // service cgroup path relative to the hierarchy
  bool gpu = true;
  std::string nvml_library = "libnvidia-ml.so.1";
};

// The host as a whole, also when a cgroup is configured.
struct HostReport {
  CpuUtilization cpu_utilization;  // from the previous sample; absent on the first
  std::optional<unsigned> online_cores;
  std::optional<double> memory_utilization;  // 1 - MemAvailable / MemTotal
  HostSnapshot readings;                     // the raw values of this sample
  bool operator==(const HostReport&) const = default;
};

// The configured service's cgroup.
struct ServiceReport {
  std::string cgroup;
  std::optional<double> usable_cores;
  std::optional<double> cpu_utilization;     // from the previous sample; absent on the first
  std::optional<double> throttled_fraction;  // from the previous sample; absent on the first
  std::optional<double> memory_utilization;
  CgroupSnapshot readings;  // the raw values of this sample
  bool operator==(const ServiceReport&) const = default;
};

struct SamplerReport {
  CgroupLayout cgroup_layout;         // detected once, when the Sampler is built
  std::vector<SourceStatus> sources;  // every source read by the last sample, in order
  HostReport host;
  std::optional<ServiceReport> service;  // when a cgroup is configured
  std::vector<GpuSample> gpus;           // empty when NVML is absent (see the "nvml" source)

  // The status of one source ("proc/stat", "nvml", ...), or null if it was not read.
  const SourceStatus* find(std::string_view source) const;
};

class Sampler {
 public:
  explicit Sampler(SamplerConfig config);
  ~Sampler();
  Sampler(const Sampler&) = delete;
  Sampler& operator=(const Sampler&) = delete;

  // Reads every source; utilization fields come from the delta to the previous call
  // (absent on the first call). `now` is a monotonic time point.
  L0Metrics sample(std::chrono::steady_clock::time_point now);
  const SamplerReport& report() const {
    return report_;
  }  // which sources are present/absent and why
  const std::vector<GpuSample>& gpus() const { return report_.gpus; }

 private:
  struct Previous {
    std::chrono::steady_clock::time_point time;
    HostSnapshot host;
    std::optional<CgroupSnapshot> service;
  };

  void sample_host(L0Metrics& metrics);
  void sample_service(L0Metrics& metrics, std::chrono::steady_clock::time_point now);
  void sample_gpus(L0Metrics& metrics);

  SamplerConfig config_;
  SourceLog log_;
  std::unique_ptr<NvmlLibrary> nvml_;
  SamplerReport report_;
  std::optional<Previous> previous_;
};

}  // namespace cfn::metric
