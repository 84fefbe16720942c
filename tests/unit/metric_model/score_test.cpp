// Tests for score(): network and compute parts per policy, drain excluded.
#include <catch2/catch.hpp>

#include <cmath>

#include "libcfnmetric/model/score.hpp"

using cfn::metric::Evaluation;
using cfn::metric::NetworkMetric;
using cfn::metric::NetworkPart;
using cfn::metric::Policy;
using cfn::metric::PolicyKind;
using cfn::metric::score;

namespace {

Evaluation site() {
  Evaluation e;
  e.l2 = 96;
  e.capacity = 2;
  e.weight = 3;
  e.completion_time_us = 4000.0;
  return e;
}

Policy policy(PolicyKind kind) {
  Policy p;
  p.kind = kind;
  p.bandwidth_price = 2.0;
  return p;
}

constexpr NetworkPart kRtt{NetworkMetric::kRttUs, 500};
constexpr NetworkPart kIgp{NetworkMetric::kIgpCost, 10};

}  // namespace

TEST_CASE("Latency adds RTT and completion time in microseconds", "[metric][score]") {
  CHECK(score(kRtt, site(), policy(PolicyKind::kLatency)) == 4500.0);
  // Without an RTT, or without a completion time, the L2 stands in.
  CHECK(score(kIgp, site(), policy(PolicyKind::kLatency)) == 106.0);
  Evaluation unknown = site();
  unknown.completion_time_us.reset();
  CHECK(score(kRtt, unknown, policy(PolicyKind::kLatency)) == 596.0);
}

TEST_CASE("Cost prices the network part", "[metric][score]") {
  CHECK(score(kIgp, site(), policy(PolicyKind::kCost)) == 116.0);  // 2 * 10 + 96
  CHECK(score(kRtt, site(), policy(PolicyKind::kCost)) == 1096.0);
}

TEST_CASE("Balanced and custom add network part and L2", "[metric][score]") {
  CHECK(score(kIgp, site(), policy(PolicyKind::kBalanced)) == 106.0);
  CHECK(score(kRtt, site(), policy(PolicyKind::kCustom)) == 596.0);
}

TEST_CASE("A drained site scores infinity under every policy", "[metric][score]") {
  Evaluation drained = site();
  drained.drain = true;
  drained.l2 = 255;
  for (PolicyKind kind :
       {PolicyKind::kLatency, PolicyKind::kCost, PolicyKind::kBalanced, PolicyKind::kCustom})
    CHECK(std::isinf(score(kRtt, drained, policy(kind))));
}
