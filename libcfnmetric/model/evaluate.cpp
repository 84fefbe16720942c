// evaluate(): normalizes L0 per category (L1), mixes the categories under the policy (L2) and
// derives capacity, weight and completion time. Every formula is in docs/metrics.md, "Model".
#include "libcfnmetric/model/evaluate.hpp"

#include <algorithm>
#include <cmath>

#include "libcfnmetric/model/delay_class.hpp"

namespace cfn::metric {
namespace {

constexpr double kMaxUtilizationCap = 0.99;  // keeps d / (1 - rho) finite
constexpr double kMaxWeight = 256;

// The largest of the loads given so far, each clamped to 0..1; NaN counts as no data.
class Load {
 public:
  void add(double load) {
    if (std::isnan(load)) return;
    value_ = std::max(value_.value_or(0.0), std::clamp(load, 0.0, 1.0));
  }
  void add(const std::optional<double>& load, double scale = 1.0) {
    if (load) add(*load * scale);
  }
  const std::optional<double>& value() const { return value_; }

 private:
  std::optional<double> value_;
};

// A core count the formulas can divide by.
bool usable(const std::optional<double>& cores) {
  return cores && std::isfinite(*cores) && *cores > 0;
}

std::optional<std::uint8_t> cost_of(const std::optional<double>& load) {
  if (!load) return std::nullopt;
  return static_cast<std::uint8_t>(std::floor(*load * kCostMax + 0.5));
}

// Compute: CPU utilization, 1-minute load average per core, PSI cpu "some" avg10.
std::optional<double> compute_load(const L0Metrics& m) {
  Load load;
  load.add(m.cpu_utilization);
  if (m.load_average_1 && usable(m.cpu_cores)) load.add(*m.load_average_1 / *m.cpu_cores);
  load.add(m.cpu_pressure, 0.01);
  return load.value();
}

// GPU: utilization and the used share of GPU memory.
std::optional<double> gpu_load(const L0Metrics& m) {
  Load load;
  load.add(m.gpu_utilization);
  if (m.gpu_memory_free && m.gpu_memory_total && *m.gpu_memory_total > 0)
    load.add(1.0 -
             static_cast<double>(*m.gpu_memory_free) / static_cast<double>(*m.gpu_memory_total));
  return load.value();
}

// Memory: utilization and PSI memory "some" avg10.
std::optional<double> memory_load(const L0Metrics& m) {
  Load load;
  load.add(m.memory_utilization);
  load.add(m.memory_pressure, 0.01);
  return load.value();
}

CategoryWeights weights_of(const Policy& policy) {
  if (policy.kind == PolicyKind::kCustom) return policy.weights;
  return CategoryWeights{};  // balanced, and latency or cost without a processing delay
}

// Weighted mean of the present categories; a weight that is negative or NaN counts as 0, and
// when every present category weighs 0 they count equally. kNoDataCost when none is present.
std::uint8_t mix(const L1Costs& l1, const CategoryWeights& weights) {
  const std::optional<std::uint8_t>* costs[] = {&l1.compute, &l1.gpu, &l1.memory, &l1.delay};
  const double given[] = {weights.compute, weights.gpu, weights.memory, weights.delay};
  double sum = 0, weight_sum = 0, plain_sum = 0;
  int present = 0;
  for (int i = 0; i < 4; ++i) {
    if (!*costs[i]) continue;
    double w = given[i] > 0 ? given[i] : 0.0;  // NaN too
    sum += w * **costs[i];
    weight_sum += w;
    plain_sum += **costs[i];
    ++present;
  }
  if (present == 0) return kNoDataCost;
  double mean = weight_sum > 0 ? sum / weight_sum : plain_sum / present;
  return static_cast<std::uint8_t>(std::min(std::floor(mean + 0.5), double{kCostMax}));
}

}  // namespace

double capacity_share(const Evaluation& evaluation) {
  if (evaluation.drain) return 0;
  return evaluation.capacity / (1.0 + evaluation.l2 / kCostHalvingL2);
}

Evaluation evaluate(const L0Metrics& m, const Policy& policy) {
  Evaluation e;
  const std::optional<double> compute = compute_load(m);
  const std::optional<double> gpu = gpu_load(m);
  e.l1.compute = cost_of(compute);
  e.l1.gpu = cost_of(gpu);
  e.l1.memory = cost_of(memory_load(m));

  // The busiest processor the service uses: what queues requests and what capacity is left of.
  std::optional<double> busiest = compute;
  if (gpu) busiest = std::max(busiest.value_or(0.0), *gpu);
  const double cores = usable(m.cpu_cores) ? *m.cpu_cores : 1.0;
  // The rho cap; one that is not positive (or NaN) is 0. At the cap there is nothing to sell.
  const double cap =
      policy.utilization_cap > 0 ? std::min(policy.utilization_cap, kMaxUtilizationCap) : 0.0;
  const bool full = cap > 0 && busiest && *busiest >= cap;

  // Completion time: T = d * (1 + q / n) / (1 - min(rho, cap)).
  std::optional<double> delay;
  if (m.processing_delay_us && *m.processing_delay_us >= 0) delay = *m.processing_delay_us;
  if (delay) {
    const double queue = m.queue_depth.value_or(0);
    const double rho = std::min(busiest.value_or(0.0), cap);
    e.completion_time_us = *delay * (1.0 + queue / cores) / (1.0 - rho);
    e.l1.delay = delay_class_from_us(*e.completion_time_us);
  }

  if (policy.kind == PolicyKind::kLatency && delay) {
    e.l2 = *e.l1.delay;
  } else if (policy.kind == PolicyKind::kCost && delay) {
    const double price = policy.compute_price > 0 ? policy.compute_price : 0.0;
    e.l2 = full ? kCostMax : delay_class_from_us(price * *delay);
  } else {
    e.l2 = mix(e.l1, weights_of(policy));
  }

  if (m.healthy && !*m.healthy) {
    e.drain = true;
    e.l2 = kDrainCost;
    e.weight = 0;
    return e;
  }
  if (busiest) e.capacity = cores * (1.0 - *busiest);
  e.weight = static_cast<std::uint16_t>(
      std::clamp(std::floor(capacity_share(e) * kWeightUnitsPerCore + 0.5), 1.0, kMaxWeight));
  return e;
}

}  // namespace cfn::metric
