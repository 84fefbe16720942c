// How a site's compute state is ranked: the CFN policies (latency, cost, balanced, custom
// weights) and their parameters, as the `cfn` config block sets them.
#pragma once

#include <cstdint>

namespace cfn::metric {

enum class PolicyKind : std::uint8_t { kLatency, kCost, kBalanced, kCustom };

// Weights of the L1 category costs in the L2 cost; they need not sum to 1 (normalized on use).
struct CategoryWeights {
  double compute = 1.0;
  double gpu = 1.0;
  double memory = 1.0;
  double delay = 1.0;
  bool operator==(const CategoryWeights&) const = default;
};

struct Policy {
  PolicyKind kind = PolicyKind::kBalanced;
  CategoryWeights weights;        // used by kCustom; presets derive their own
  double compute_price = 1.0;     // cost policy: price per unit of work (per core-second)
  double bandwidth_price = 1.0;   // cost policy: price per unit of network cost (score())
  double utilization_cap = 0.95;  // rho cap in d / (1 - rho)
  bool operator==(const Policy&) const = default;
};

}  // namespace cfn::metric
