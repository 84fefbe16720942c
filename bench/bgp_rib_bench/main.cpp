// bgp_rib_bench: how fast and how small bgpd-cfn's RIB is at full-table scale, on one core.
//
//   bgp_rib_bench [--benchmark_filter=REGEX] [--benchmark_repetitions=N] ...
//
// BM_Table/peers:P/prefixes:N (issue 5: 1 x 1,000,000 and 10 x 100,000; 10,000 distinct
// attribute sets in both): each peer announces every prefix as packed UPDATEs would bring
// them (one attribute set per 100 NLRI: interned once, announced 100 times), then one
// run_decision(), then one eBGP peer's Adj-RIB-Out is built (mark_all + take_updates), then
// everything is withdrawn, decided and the withdrawals taken. Counters, per path (peer x prefix):
//   announce_ns, decision_ns, adj_out_ns (per prefix), withdraw_ns (withdraw + decision +
//   withdrawals taken), rib_bytes (counted by the table and the attribute store after the
//   decision), rss_bytes (resident set growth over the same span), adj_out_bytes (per prefix).
// BM_Intern: one intern + release of a set already held (the per-UPDATE cost).
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <vector>

#include "bgpd-cfn/rib/adj_rib_out.hpp"
#include "bgpd-cfn/rib/attribute_store.hpp"
#include "bgpd-cfn/rib/rib_table.hpp"

namespace {

using namespace cfn::bgp;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kAttributeSets = 10000;
constexpr std::size_t kPrefixesPerUpdate = 100;
constexpr std::uint32_t kLocalAs = 65000;

cfn::net::IpAddress peer_address(std::size_t peer) {
  return cfn::net::IpAddress::from_v4(0x0A000000u + static_cast<std::uint32_t>(peer));
}

// Distinct /24s from 1.0.0.0 up.
std::vector<cfn::net::Prefix> make_prefixes(std::size_t count) {
  std::vector<cfn::net::Prefix> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    out.emplace_back(cfn::net::IpAddress::from_v4(0x01000000u + static_cast<std::uint32_t>(i << 8)),
                     24);
  return out;
}

// A realistic set: AS path of 2-6 ASes starting with the peer's AS, some MEDs, 1-3
// communities, a large community on every fourth; the peer's address as next hop.
wire::PathAttributes make_set(std::size_t peer, std::size_t index) {
  wire::PathAttributes a;
  a.origin = index % 7 == 0 ? wire::Origin::kIncomplete : wire::Origin::kIgp;
  std::vector<std::uint32_t> path = {static_cast<std::uint32_t>(65001 + peer)};
  for (std::size_t k = 0; k < 1 + index % 5; ++k)
    path.push_back(static_cast<std::uint32_t>(100 + (index * 7 + k * 13) % 60000));
  path.push_back(static_cast<std::uint32_t>(200000 + index));  // makes each set distinct
  a.as_path = wire::AsPath{{wire::AsPathSegment{wire::SegmentType::kSequence, path}}};
  a.next_hop = peer_address(peer);
  if (index % 3 == 0) a.med = static_cast<std::uint32_t>(index % 1000);
  for (std::size_t k = 0; k < 1 + index % 3; ++k)
    a.communities.push_back(static_cast<std::uint32_t>(0xFDE80000u + index % 50 + k));
  if (index % 4 == 0) a.large_communities = {wire::LargeCommunity{kLocalAs, 1, 2}};
  return a;
}

std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

double ns_since(Clock::time_point start) {
  return static_cast<double>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count());
}

void BM_Table(benchmark::State& state) {
  const auto peers = static_cast<std::size_t>(state.range(0));
  const auto count = static_cast<std::size_t>(state.range(1));
  const std::vector<cfn::net::Prefix> prefixes = make_prefixes(count);
  const std::size_t sets_per_peer = kAttributeSets / peers;
  std::vector<std::vector<wire::PathAttributes>> sets(peers);
  for (std::size_t p = 0; p < peers; ++p)
    for (std::size_t i = 0; i < sets_per_peer; ++i) sets[p].push_back(make_set(p, i));
  const double paths = static_cast<double>(peers * count);
  const ExportTarget target{.peer = static_cast<PeerId>(peers + 1),
                            .type = PeerType::kExternal,
                            .local_as = kLocalAs,
                            .self_next_hop = peer_address(254),
                            .next_hop_self = false,
                            .default_local_pref = 100};
  double announce = 0, decision = 0, adj_out = 0, withdraw = 0, rib_bytes = 0, rss = 0;
  double adj_out_bytes = 0;
  for (auto _ : state) {
    malloc_trim(0);
    const std::size_t rss_before = resident_bytes();
    AttributeStore store;
    RibTable table(store, DecisionOptions{.multipath_relax = true, .maximum_paths = 4});
    for (std::size_t p = 0; p < peers; ++p)
      table.set_peer(static_cast<PeerId>(p + 1),
                     PeerInfo{.type = PeerType::kExternal,
                              .address = peer_address(p),
                              .router_id = 0x0A000000u + static_cast<std::uint32_t>(p),
                              .weight = 0});
    auto start = Clock::now();
    for (std::size_t p = 0; p < peers; ++p) {
      for (std::size_t first = 0; first < count; first += kPrefixesPerUpdate) {
        const AttrId id = store.intern(sets[p][(first / kPrefixesPerUpdate) % sets_per_peer]);
        for (std::size_t i = first; i < std::min(count, first + kPrefixesPerUpdate); ++i)
          table.announce(static_cast<PeerId>(p + 1), prefixes[i], id);
        store.release(id);
      }
    }
    announce += ns_since(start);
    start = Clock::now();
    const std::size_t selected = table.run_decision().changes.size();
    decision += ns_since(start);
    rss += static_cast<double>(resident_bytes() - rss_before);
    rib_bytes += static_cast<double>(table.memory_usage() + store.memory_usage());
    if (selected != count) state.SkipWithError("not every prefix was selected");

    start = Clock::now();
    AdjRibOut out(table, target);
    out.mark_all();
    const OutboundUpdates updates = out.take_updates();
    adj_out += ns_since(start);
    adj_out_bytes += static_cast<double>(out.memory_usage());
    std::size_t sent = 0;
    for (const UpdateBatch& batch : updates.announced) sent += batch.prefixes.size();
    if (sent != count) state.SkipWithError("the Adj-RIB-Out lacks prefixes");

    start = Clock::now();
    for (std::size_t p = 0; p < peers; ++p)
      for (const cfn::net::Prefix& prefix : prefixes)
        table.withdraw(static_cast<PeerId>(p + 1), prefix);
    out.mark(table.run_decision());
    const OutboundUpdates withdrawals = out.take_updates();
    withdraw += ns_since(start);
    if (withdrawals.withdrawn.size() != count || table.prefix_count() != 0 || store.size() != 0)
      state.SkipWithError("withdrawals incomplete");
  }
  const double runs = static_cast<double>(state.iterations());
  state.counters["announce_ns"] = announce / runs / paths;
  state.counters["decision_ns"] = decision / runs / paths;
  state.counters["adj_out_ns"] = adj_out / runs / static_cast<double>(count);
  state.counters["withdraw_ns"] = withdraw / runs / paths;
  state.counters["rib_bytes"] = rib_bytes / runs / paths;
  state.counters["rss_bytes"] = rss / runs / paths;
  state.counters["adj_out_bytes"] = adj_out_bytes / runs / static_cast<double>(count);
}
BENCHMARK(BM_Table)
    ->ArgNames({"peers", "prefixes"})
    ->Args({1, 1000000})
    ->Args({10, 100000})
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

void BM_Intern(benchmark::State& state) {
  AttributeStore store;
  std::vector<wire::PathAttributes> sets;
  std::vector<AttrId> held;
  for (std::size_t i = 0; i < kAttributeSets; ++i) {
    sets.push_back(make_set(i % 10, i));
    held.push_back(store.intern(sets.back()));
  }
  std::size_t i = 0;
  for (auto _ : state) {
    const AttrId id = store.intern(sets[i]);
    benchmark::DoNotOptimize(id);
    store.release(id);
    i = (i + 1) % sets.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Intern);

}  // namespace

BENCHMARK_MAIN();
