// What `cfn-agent --once` prints: per service the L0 metrics (absent ones as null), the costs
// evaluate() gives them and the sources that were absent; the host's CPU (total and per CPU)
// and memory; the GPUs, or why there are none. Pure: snapshots in, JSON or text out.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "libcfnmetric/agent/agent_config.hpp"
#include "libcfnmetric/collect/sampler.hpp"
#include "libcfnmetric/model/evaluate.hpp"

namespace cfn::metric {

using Json = nlohmann::ordered_json;

// One service after its second sample.
struct ServiceSnapshot {
  ServiceConfig config;
  L0Metrics metrics;
  SamplerReport report;
  Evaluation evaluation;
};

// Host and GPU come from the first service's report (the first with GPU sampling on, for the
// GPUs): every sampler reads the same host. docs/metrics.md shows the layout.
Json once_json(std::string_view site, std::chrono::milliseconds interval,
               const std::vector<ServiceSnapshot>& services);
// The same content for a terminal: percentages, "-" for absent values.
std::string once_text(const Json& once);

}  // namespace cfn::metric
