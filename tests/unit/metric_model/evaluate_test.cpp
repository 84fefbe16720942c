// Tests for evaluate(): exact L1/L2/capacity/weight/completion time per policy for fixed
// inputs, absent categories, drain, the utilization cap, and monotonicity in every load input.
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "libcfnmetric/model/evaluate.hpp"

using cfn::metric::CategoryWeights;
using cfn::metric::evaluate;
using cfn::metric::Evaluation;
using cfn::metric::L0Metrics;
using cfn::metric::L1Costs;
using cfn::metric::Policy;
using cfn::metric::PolicyKind;

namespace {

Policy policy(PolicyKind kind) {
  Policy p;
  p.kind = kind;
  return p;
}

// Half-busy 4-core site, a quarter of its memory used, 1 ms per request, 4 queued, no GPU.
L0Metrics site() {
  L0Metrics m;
  m.cpu_utilization = 0.5;
  m.cpu_cores = 4;
  m.memory_utilization = 0.25;
  m.processing_delay_us = 1000;
  m.queue_depth = 4;
  m.healthy = true;
  return m;
}

}  // namespace

// compute 0.5 * 254 = 127; memory 0.25 * 254 = 63.5 -> 64; GPU absent;
// T = 1000 * (1 + 4/4) / (1 - 0.5) = 4000 us -> delay class 96; capacity 4 * 0.5 = 2 cores.
TEST_CASE("Balanced: equal mix of the present categories", "[metric][evaluate]") {
  Evaluation e = evaluate(site(), policy(PolicyKind::kBalanced));
  CHECK(e.l1 == L1Costs{.compute = 127, .gpu = std::nullopt, .memory = 64, .delay = 96});
  CHECK(e.l2 == 96);  // (127 + 64 + 96) / 3 = 95.67
  CHECK_FALSE(e.drain);
  CHECK(e.capacity == 2.0);
  CHECK(e.completion_time_us == 4000.0);
  CHECK(e.weight == 3);  // 4 * 2 / (1 + 96/64) = 3.2
}

TEST_CASE("Latency: L2 is the delay class of the completion time", "[metric][evaluate]") {
  Evaluation e = evaluate(site(), policy(PolicyKind::kLatency));
  CHECK(e.l2 == 96);
  CHECK(e.completion_time_us == 4000.0);

  L0Metrics idle = site();
  idle.cpu_utilization = 0.0;
  idle.queue_depth = 0;
  Evaluation fast = evaluate(idle, policy(PolicyKind::kLatency));
  CHECK(fast.completion_time_us == 1000.0);
  CHECK(fast.l2 == 80);
}

TEST_CASE("Cost: price x work, 254 once the site is full", "[metric][evaluate]") {
  Evaluation e = evaluate(site(), policy(PolicyKind::kCost));
  CHECK(e.l2 == 80);     // class(1.0 * 1000)
  CHECK(e.weight == 4);  // 4 * 2 / (1 + 80/64) = 3.56

  Policy dear = policy(PolicyKind::kCost);
  dear.compute_price = 4.0;
  CHECK(evaluate(site(), dear).l2 == 96);  // class(4000)

  L0Metrics full = site();
  full.cpu_utilization = 0.95;  // at the 0.95 cap
  CHECK(evaluate(full, policy(PolicyKind::kCost)).l2 == 254);
  full.cpu_utilization = 0.94;
  CHECK(evaluate(full, policy(PolicyKind::kCost)).l2 == 80);
}

TEST_CASE("Custom: the configured weights, absent categories dropped", "[metric][evaluate]") {
  Policy p = policy(PolicyKind::kCustom);
  p.weights = CategoryWeights{.compute = 2, .gpu = 5, .memory = 0, .delay = 1};
  CHECK(evaluate(site(), p).l2 == 117);  // (2 * 127 + 0 * 64 + 1 * 96) / 3 = 116.67; GPU absent

  // Only weightless categories present: they count equally.
  p.weights = CategoryWeights{.compute = 0, .gpu = 1, .memory = 0, .delay = 0};
  CHECK(evaluate(site(), p).l2 == 96);
  // Negative weights count as zero.
  p.weights = CategoryWeights{.compute = -3, .gpu = 0, .memory = 1, .delay = 0};
  CHECK(evaluate(site(), p).l2 == 64);
}

TEST_CASE("An absent category is not zero load", "[metric][evaluate]") {
  L0Metrics cpu_only;
  cpu_only.cpu_utilization = 0.6;
  Evaluation e = evaluate(cpu_only, policy(PolicyKind::kBalanced));
  CHECK(e.l1 == L1Costs{.compute = 152});  // 0.6 * 254 = 152.4
  CHECK(e.l2 == 152);                      // not (152 + 0 + 0 + 0) / 4
  CHECK(e.capacity == Approx(0.4));        // cores absent: one core
  CHECK_FALSE(e.completion_time_us.has_value());

  L0Metrics gpu_only;
  gpu_only.gpu_utilization = 0.8;
  Evaluation g = evaluate(gpu_only, policy(PolicyKind::kLatency));  // no delay: balanced mix
  CHECK(g.l1 == L1Costs{.gpu = 203});                               // 0.8 * 254 = 203.2
  CHECK(g.l2 == 203);
  CHECK(g.capacity == Approx(0.2));
}

TEST_CASE("No usable data: the middle cost, no capacity", "[metric][evaluate]") {
  for (PolicyKind kind :
       {PolicyKind::kLatency, PolicyKind::kCost, PolicyKind::kBalanced, PolicyKind::kCustom}) {
    Evaluation e = evaluate(L0Metrics{}, policy(kind));
    CHECK(e.l1 == L1Costs{});
    CHECK(e.l2 == 127);
    CHECK_FALSE(e.drain);
    CHECK(e.capacity == 0.0);
    CHECK(e.weight == 1);
  }
  L0Metrics nan;
  nan.cpu_utilization = std::numeric_limits<double>::quiet_NaN();
  nan.processing_delay_us = -1;
  CHECK(evaluate(nan, policy(PolicyKind::kBalanced)).l2 == 127);
}

TEST_CASE("Each category takes its worst signal", "[metric][evaluate]") {
  L0Metrics m;
  m.cpu_utilization = 0.3;
  m.cpu_pressure = 50;  // 0.5
  m.cpu_cores = 4;
  m.load_average_1 = 2;  // 0.5 per core
  m.memory_utilization = 0.1;
  m.memory_pressure = 20;  // 0.2
  m.gpu_utilization = 0.5;
  m.gpu_memory_total = 8ull << 30;
  m.gpu_memory_free = 2ull << 30;  // 0.75 used
  Evaluation e = evaluate(m, policy(PolicyKind::kBalanced));
  CHECK(e.l1 == L1Costs{.compute = 127, .gpu = 191, .memory = 51});  // 190.5 -> 191, 50.8 -> 51
  CHECK(e.capacity == Approx(1.0));  // 4 * (1 - 0.75): the GPU is the busiest

  m.load_average_1 = 6;  // 1.5 per core: clamped to 1
  CHECK(evaluate(m, policy(PolicyKind::kBalanced)).l1.compute == 254);
}

TEST_CASE("Utilization is capped in d / (1 - rho)", "[metric][evaluate]") {
  L0Metrics m;
  m.cpu_utilization = 0.99;
  m.processing_delay_us = 100;
  Policy p = policy(PolicyKind::kLatency);
  CHECK(evaluate(m, p).completion_time_us.value() == Approx(2000.0));  // 100 / (1 - 0.95)
  CHECK(evaluate(m, p).l2 == 88);
  p.utilization_cap = 0.5;
  CHECK(evaluate(m, p).completion_time_us.value() == Approx(200.0));
  CHECK(evaluate(m, p).l2 == 61);
  m.cpu_utilization = 1.0;
  CHECK(evaluate(m, p).capacity == 0.0);
  CHECK(evaluate(m, p).weight == 1);
}

TEST_CASE("Unhealthy: drain, L2 255, no weight", "[metric][evaluate]") {
  L0Metrics m = site();
  m.healthy = false;
  for (PolicyKind kind :
       {PolicyKind::kLatency, PolicyKind::kCost, PolicyKind::kBalanced, PolicyKind::kCustom}) {
    Evaluation e = evaluate(m, policy(kind));
    CHECK(e.drain);
    CHECK(e.l2 == 255);
    CHECK(e.weight == 0);
    CHECK(e.capacity == 0.0);
    CHECK(cfn::metric::capacity_share(e) == 0.0);
  }
  m.healthy.reset();  // no statement is not unhealthy
  CHECK_FALSE(evaluate(m, policy(PolicyKind::kBalanced)).drain);
}

TEST_CASE("Weight follows capacity over cost and saturates at 256", "[metric][evaluate]") {
  L0Metrics m;
  m.cpu_utilization = 0.0;
  m.cpu_cores = 128;
  Evaluation e = evaluate(m, policy(PolicyKind::kBalanced));
  CHECK(e.l2 == 0);
  CHECK(e.capacity == 128.0);
  CHECK(e.weight == 256);
  m.cpu_cores = 10;
  CHECK(evaluate(m, policy(PolicyKind::kBalanced)).weight == 40);
  m.cpu_utilization = 0.5;  // L2 127, capacity 5: 4 * 5 / (1 + 127/64) = 6.7
  CHECK(evaluate(m, policy(PolicyKind::kBalanced)).weight == 7);
}

// Raising any load input never lowers an L1 cost or the L2 cost, under every policy.
TEST_CASE("More load never gives a lower cost", "[metric][evaluate]") {
  using Bump = std::function<void(L0Metrics&, int)>;
  const std::vector<Bump> bumps = {
      [](L0Metrics& m, int i) { m.cpu_utilization = i / 20.0; },
      [](L0Metrics& m, int i) { m.load_average_1 = i / 4.0; },
      [](L0Metrics& m, int i) { m.cpu_pressure = i * 5.0; },
      [](L0Metrics& m, int i) { m.memory_utilization = i / 20.0; },
      [](L0Metrics& m, int i) { m.memory_pressure = i * 5.0; },
      [](L0Metrics& m, int i) { m.gpu_utilization = i / 20.0; },
      [](L0Metrics& m, int i) { m.gpu_memory_free = (20 - i) * (1ull << 28); },
      [](L0Metrics& m, int i) { m.queue_depth = static_cast<std::uint32_t>(i * i); },
      [](L0Metrics& m, int i) { m.processing_delay_us = 50.0 * i * i; },
  };
  auto at_least = [](const std::optional<std::uint8_t>& more,
                     const std::optional<std::uint8_t>& less) {
    return more.has_value() == less.has_value() && (!more || *more >= *less);
  };
  for (PolicyKind kind :
       {PolicyKind::kLatency, PolicyKind::kCost, PolicyKind::kBalanced, PolicyKind::kCustom}) {
    Policy p = policy(kind);
    p.weights = CategoryWeights{.compute = 3, .gpu = 2, .memory = 1, .delay = 4};
    for (std::size_t b = 0; b < bumps.size(); ++b) {
      for (int base = 0; base < 3; ++base) {
        L0Metrics m;  // a mixed site; each base gives other loads
        m.cpu_utilization = 0.2 * base;
        m.cpu_cores = 4;
        m.load_average_1 = base;
        m.memory_utilization = 0.3;
        m.gpu_utilization = 0.1 * base;
        m.gpu_memory_total = 20 * (1ull << 28);
        m.gpu_memory_free = 10 * (1ull << 28);
        m.queue_depth = 2;
        m.processing_delay_us = 500;
        Evaluation previous{};
        for (int i = 0; i <= 20; ++i) {
          bumps[b](m, i);
          Evaluation e = evaluate(m, p);
          if (i > 0) {
            INFO("policy " << static_cast<int>(kind) << " input " << b << " base " << base
                           << " step " << i);
            CHECK(e.l2 >= previous.l2);
            CHECK(at_least(e.l1.compute, previous.l1.compute));
            CHECK(at_least(e.l1.gpu, previous.l1.gpu));
            CHECK(at_least(e.l1.memory, previous.l1.memory));
            CHECK(at_least(e.l1.delay, previous.l1.delay));
          }
          previous = e;
        }
      }
    }
  }
}
