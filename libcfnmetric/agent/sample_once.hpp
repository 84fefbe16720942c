// `cfn-agent --once`: samples every configured service twice, `gap` apart (utilization needs two
// readings), and evaluates the second sample under the default policy. Sleeps; sends nothing.
#pragma once

#include <chrono>
#include <filesystem>
#include <vector>

#include "libcfnmetric/agent/agent_config.hpp"
#include "libcfnmetric/agent/once_report.hpp"

namespace cfn::metric {

inline constexpr std::chrono::milliseconds kOnceGap{500};

std::vector<ServiceSnapshot> sample_once(const AgentConfig& config,
                                         const std::filesystem::path& root,
                                         std::chrono::milliseconds gap = kOnceGap);

}  // namespace cfn::metric
