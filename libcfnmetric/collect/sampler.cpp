// The Sampler: one read of every source per call, utilization from the previous call's
// readings, L0Metrics for the service (its cgroup when configured, else the host).
#include "libcfnmetric/collect/sampler.hpp"

#include <algorithm>
#include <utility>

#include "libcfnmetric/collect/nvml_library.hpp"

namespace cfn::metric {

namespace {

std::optional<double> some_avg10(const std::optional<Pressure>& pressure) {
  if (!pressure) return std::nullopt;
  return pressure->some.avg10;
}

std::optional<unsigned> online_cores(const HostSnapshot& host) {
  if (!host.stat || host.stat->per_cpu.empty()) return std::nullopt;
  return static_cast<unsigned>(host.stat->per_cpu.size());
}

}  // namespace

const SourceStatus* SamplerReport::find(std::string_view source) const {
  auto it = std::find_if(sources.begin(), sources.end(),
                         [&](const SourceStatus& s) { return s.source == source; });
  return it == sources.end() ? nullptr : &*it;
}

Sampler::Sampler(SamplerConfig config) : config_(std::move(config)), log_(config_.root) {
  report_.cgroup_layout = detect_cgroup_layout(config_.root);
  if (config_.gpu) nvml_ = std::make_unique<NvmlLibrary>(config_.nvml_library);
}

Sampler::~Sampler() = default;

L0Metrics Sampler::sample(std::chrono::steady_clock::time_point now) {
  L0Metrics metrics;
  sample_host(metrics);
  if (config_.cgroup) sample_service(metrics, now);
  sample_gpus(metrics);
  report_.sources = log_.take();
  previous_ = Previous{now, report_.host.readings,
                       report_.service ? std::optional(report_.service->readings) : std::nullopt};
  return metrics;
}

void Sampler::sample_host(L0Metrics& metrics) {
  HostReport& host = report_.host;
  host.readings = read_host(log_);
  const HostSnapshot& now = host.readings;
  host.online_cores = online_cores(now);
  host.cpu_utilization = {};
  if (previous_ && previous_->host.stat && now.stat) {
    host.cpu_utilization = cpu_utilization(*previous_->host.stat, *now.stat);
  }
  host.memory_utilization.reset();
  if (now.memory) host.memory_utilization = host_memory_utilization(*now.memory);

  metrics.cpu_utilization = host.cpu_utilization.all;
  if (host.online_cores) metrics.cpu_cores = *host.online_cores;
  if (now.load_average) metrics.load_average_1 = now.load_average->one;
  metrics.cpu_pressure = some_avg10(now.cpu_pressure);
  metrics.memory_utilization = host.memory_utilization;
  metrics.memory_pressure = some_avg10(now.memory_pressure);
}

void Sampler::sample_service(L0Metrics& metrics, std::chrono::steady_clock::time_point now) {
  const CgroupLayout& layout = report_.cgroup_layout;
  if (layout.mode == CgroupMode::kNone) log_.record(kCgroupTop, layout.reason);
  ServiceReport service;
  service.cgroup = *config_.cgroup;
  service.readings = read_cgroup(layout, *config_.cgroup, log_);
  const CgroupSnapshot& reading = service.readings;
  // Without any CPU file the cgroup itself is missing: no cores, rather than the host's.
  if (reading.cpu_limit || reading.cpu_usage) {
    service.usable_cores = usable_cores(reading.cpu_limit, report_.host.online_cores);
  }

  const CgroupSnapshot* before = previous_ && previous_->service ? &*previous_->service : nullptr;
  if (before && before->cpu_usage && reading.cpu_usage && service.usable_cores &&
      before->cpu_usage->source == reading.cpu_usage->source) {
    service.cpu_utilization = service_cpu_utilization(before->cpu_usage->ns, reading.cpu_usage->ns,
                                                      now - previous_->time, *service.usable_cores);
  }
  if (before && before->throttling && reading.throttling) {
    service.throttled_fraction = throttled_fraction(*before->throttling, *reading.throttling);
  }
  if (reading.memory_usage_bytes) {
    // No readable limit file: the service is bounded by the host's memory only.
    std::optional<std::uint64_t> total;
    if (report_.host.readings.memory) total = report_.host.readings.memory->total_bytes;
    service.memory_utilization = service_memory_utilization(
        *reading.memory_usage_bytes, reading.memory_limit.value_or(MemoryLimit{}), total);
  }

  // The service's own share replaces the host's, absent included.
  metrics.cpu_utilization = service.cpu_utilization;
  metrics.cpu_cores = service.usable_cores;
  metrics.cpu_pressure = some_avg10(reading.cpu_pressure);
  metrics.memory_utilization = service.memory_utilization;
  metrics.memory_pressure = some_avg10(reading.memory_pressure);
  report_.service = std::move(service);
}

void Sampler::sample_gpus(L0Metrics& metrics) {
  report_.gpus.clear();
  if (!nvml_) {
    log_.record("nvml", "disabled in the configuration");
    return;
  }
  auto gpus = nvml_->sample();
  log_.record("nvml", gpus.error);
  if (gpus) report_.gpus = std::move(*gpus.value);
  add_gpu_totals(report_.gpus, metrics);
}

}  // namespace cfn::metric
