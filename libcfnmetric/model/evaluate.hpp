// The CFN metric model: L0 raw metrics -> L1 per-category costs -> L2 cost, plus the site's
// drain state, available capacity, multipath weight and modelled completion time
// (CATS levels, draft-ietf-cats-metric-definition). Pure and allocation-free; formulas in
// docs/metrics.md, "Model".
#pragma once

#include <cstdint>
#include <optional>

#include "libcfnmetric/l0_metrics.hpp"
#include "libcfnmetric/model/policy.hpp"

namespace cfn::metric {

// Costs run 0..254, lower is better; 255 means drain (L2 only, never an L1 category).
inline constexpr std::uint8_t kCostMax = 254;
inline constexpr std::uint8_t kDrainCost = 255;
// L2 of a healthy site that reports nothing the model can use: the middle of the scale.
inline constexpr std::uint8_t kNoDataCost = 127;
// Multipath weight units per core of available capacity (weight 1..256 saturates at 64 cores).
inline constexpr double kWeightUnitsPerCore = 4.0;
// A site at this L2 gets half the weight per unit of capacity of a site at L2 0.
inline constexpr double kCostHalvingL2 = 64.0;

// CATS L1: one normalized cost per category; empty when the site gives no data for it.
struct L1Costs {
  std::optional<std::uint8_t> compute{};
  std::optional<std::uint8_t> gpu{};
  std::optional<std::uint8_t> memory{};
  std::optional<std::uint8_t> delay{};  // the delay class of the modelled completion time
  bool operator==(const L1Costs&) const = default;
};

struct Evaluation {
  L1Costs l1;
  std::uint8_t l2 = kNoDataCost;  // CATS L2 under the policy; 255 exactly when drain
  bool drain = false;             // healthy == false: send no new flows
  double capacity = 0;            // available capacity in cores, >= 0; 0 when drain or unknown
  std::uint16_t weight = 1;       // multipath weight 1..256 ~ capacity / cost; 0 only when drain
  // Expected time to serve a new request here, in microseconds; empty without
  // processing_delay_us.
  std::optional<double> completion_time_us;
  bool operator==(const Evaluation&) const = default;
};

Evaluation evaluate(const L0Metrics& metrics, const Policy& policy);

// capacity / (1 + l2 / kCostHalvingL2): what multipath weights are proportional to; 0 on drain.
double capacity_share(const Evaluation& evaluation);

}  // namespace cfn::metric
