// sample_once: two samples per service over the same gap, then evaluate().
#include "libcfnmetric/agent/sample_once.hpp"

#include <memory>
#include <thread>

namespace cfn::metric {

std::vector<ServiceSnapshot> sample_once(const AgentConfig& config,
                                         const std::filesystem::path& root,
                                         std::chrono::milliseconds gap) {
  std::vector<std::unique_ptr<Sampler>> samplers;
  for (const ServiceConfig& service : config.services)
    samplers.push_back(std::make_unique<Sampler>(SamplerConfig{root, service.cgroup, service.gpu}));
  // All first readings, one gap, all second readings: every service covers the same interval.
  const auto first = std::chrono::steady_clock::now();
  for (const auto& sampler : samplers) sampler->sample(first);
  std::this_thread::sleep_for(gap);
  const auto second = std::chrono::steady_clock::now();
  std::vector<ServiceSnapshot> snapshots;
  for (std::size_t i = 0; i < samplers.size(); ++i) {
    L0Metrics metrics = samplers[i]->sample(second);
    const Evaluation evaluation = evaluate(metrics, Policy{});
    snapshots.push_back(
        {config.services[i], std::move(metrics), samplers[i]->report(), evaluation});
  }
  return snapshots;
}

}  // namespace cfn::metric
