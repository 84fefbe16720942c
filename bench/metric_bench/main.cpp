// metric_bench: how fast the metric model and the CFN wire codecs run on one core.
//
//   metric_bench [--benchmark_filter=REGEX] [--benchmark_repetitions=N] ...
//
// items_per_second is evaluations (or encodes/decodes) per second on one thread. Inputs cycle
// through 1024 varied sites so that no result is constant-folded or cached.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <vector>

#include "libcfnmetric/model/evaluate.hpp"
#include "libcfnmetric/model/multipath.hpp"
#include "libcfnmetric/model/score.hpp"
#include "libcfnmetric/wire/compute_community.hpp"
#include "libcfnmetric/wire/link_bandwidth.hpp"
#include "libcfnmetric/wire/ospf_cfn_lsa.hpp"

namespace {

using namespace cfn::metric;

constexpr std::size_t kSites = 1024;

// A deterministic spread of loads, core counts, queues, delays; every fourth site has a GPU.
const std::vector<L0Metrics>& sites() {
  static const std::vector<L0Metrics> all = [] {
    std::vector<L0Metrics> v(kSites);
    for (std::size_t i = 0; i < kSites; ++i) {
      L0Metrics& m = v[i];
      m.cpu_utilization = static_cast<double>((i * 37) % 101) / 100.0;
      m.cpu_cores = static_cast<double>(1 + i % 64);
      m.load_average_1 = static_cast<double>((i * 13) % 97) / 10.0;
      m.cpu_pressure = static_cast<double>((i * 7) % 50);
      m.memory_utilization = static_cast<double>((i * 53) % 100) / 100.0;
      m.memory_pressure = static_cast<double>(i % 10);
      if (i % 4 == 0) {
        m.gpu_utilization = static_cast<double>((i * 11) % 100) / 100.0;
        m.gpu_memory_total = 80ull << 30;
        m.gpu_memory_free = ((i * 3) % 80) << 30;
      }
      m.queue_depth = static_cast<std::uint32_t>((i * 5) % 40);
      m.processing_delay_us = static_cast<double>(100 + (i * 977) % 200000);
      m.healthy = i % 97 != 0;
    }
    return v;
  }();
  return all;
}

Policy policy(PolicyKind kind) {
  Policy p;
  p.kind = kind;
  p.weights = CategoryWeights{.compute = 3, .gpu = 2, .memory = 1, .delay = 4};
  return p;
}

void BM_Evaluate(benchmark::State& state) {
  const Policy p = policy(static_cast<PolicyKind>(state.range(0)));
  const std::vector<L0Metrics>& in = sites();
  std::size_t i = 0;
  for (auto _ : state) {
    Evaluation e = evaluate(in[i++ % kSites], p);
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(state.range(0) == 0   ? "latency"
                 : state.range(0) == 1 ? "cost"
                 : state.range(0) == 2 ? "balanced"
                                       : "custom");
}
BENCHMARK(BM_Evaluate)->DenseRange(0, 3);

// evaluate() + score() for one candidate path: what decision pays per site and path.
void BM_EvaluateAndScore(benchmark::State& state) {
  const Policy p = policy(PolicyKind::kLatency);
  const std::vector<L0Metrics>& in = sites();
  std::size_t i = 0;
  for (auto _ : state) {
    const L0Metrics& m = in[i++ % kSites];
    double s = score({NetworkMetric::kRttUs, static_cast<double>(i % 5000)}, evaluate(m, p), p);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateAndScore);

void BM_SelectMultipath8(benchmark::State& state) {
  std::vector<PathCandidate> candidates;
  for (int k = 0; k < 8; ++k) candidates.push_back({100.0 + k * 3, 1.0 + k});
  for (auto _ : state) {
    auto members = select_multipath(candidates, 20);
    benchmark::DoNotOptimize(members.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SelectMultipath8);

std::vector<Evaluation> evaluations() {
  std::vector<Evaluation> out;
  for (const L0Metrics& m : sites()) out.push_back(evaluate(m, policy(PolicyKind::kBalanced)));
  return out;
}

void BM_ComputeCommunityEncode(benchmark::State& state) {
  std::vector<wire::ComputeCommunity> in;
  for (const Evaluation& e : evaluations()) in.push_back(wire::compute_community(e));
  std::size_t i = 0;
  for (auto _ : state) {
    auto bytes = wire::encode_compute_community(in[i++ % kSites]);
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ComputeCommunityEncode);

void BM_ComputeCommunityDecode(benchmark::State& state) {
  std::vector<std::array<std::uint8_t, 8>> in;
  for (const Evaluation& e : evaluations())
    in.push_back(wire::encode_compute_community(wire::compute_community(e)));
  std::size_t i = 0;
  for (auto _ : state) {
    auto decoded = wire::decode_compute_community(in[i++ % kSites]);
    benchmark::DoNotOptimize(decoded.value);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ComputeCommunityDecode);

void BM_LinkBandwidthEncode(benchmark::State& state) {
  std::vector<double> capacity;
  for (const Evaluation& e : evaluations()) capacity.push_back(e.capacity);
  std::size_t i = 0;
  for (auto _ : state) {
    auto bytes = wire::encode_link_bandwidth(
        {.transitive = true,
         .global_admin = wire::link_bandwidth_admin(4200000001),
         .bytes_per_second = wire::capacity_to_bandwidth(capacity[i++ % kSites])});
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LinkBandwidthEncode);

void BM_LinkBandwidthDecode(benchmark::State& state) {
  std::vector<std::array<std::uint8_t, 8>> in;
  for (const Evaluation& e : evaluations())
    in.push_back(
        wire::encode_link_bandwidth({.transitive = true,
                                     .global_admin = 65001,
                                     .bytes_per_second = wire::capacity_to_bandwidth(e.capacity)}));
  std::size_t i = 0;
  for (auto _ : state) {
    auto decoded = wire::decode_link_bandwidth(in[i++ % kSites]);
    benchmark::DoNotOptimize(decoded.value);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LinkBandwidthDecode);

// Full LSAs: IPv4 prefix, L2, L1, L0, capacity, a 12-octet service name.
std::vector<wire::ServiceLsa> lsas() {
  std::vector<wire::ServiceLsa> out;
  const std::vector<Evaluation> e = evaluations();
  for (std::size_t i = 0; i < kSites; ++i) {
    const cfn::net::Prefix prefix(cfn::net::IpAddress::from_v4(0xc6336400 + (i % 256)), 32);
    out.push_back(wire::service_lsa(prefix, "llm-frontend", sites()[i], e[i]));
  }
  return out;
}

void BM_ServiceLsaEncode(benchmark::State& state) {
  const std::vector<wire::ServiceLsa> in = lsas();
  std::vector<std::uint8_t> buffer;
  std::size_t i = 0;
  for (auto _ : state) {
    buffer.clear();  // capacity kept: no allocation after the first
    wire::encode_service_lsa(buffer, in[i++ % kSites]);
    benchmark::DoNotOptimize(buffer.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(buffer.size()));
}
BENCHMARK(BM_ServiceLsaEncode);

void BM_ServiceLsaDecode(benchmark::State& state) {
  std::vector<std::vector<std::uint8_t>> in;
  for (const wire::ServiceLsa& lsa : lsas()) {
    in.emplace_back();
    wire::encode_service_lsa(in.back(), lsa);
  }
  std::size_t i = 0;
  for (auto _ : state) {
    auto decoded = wire::decode_service_lsa(in[i++ % kSites]);
    benchmark::DoNotOptimize(decoded.value);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(in[0].size()));
}
BENCHMARK(BM_ServiceLsaDecode);

}  // namespace

BENCHMARK_MAIN();
