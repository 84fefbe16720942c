// Randomized model test: random announces, withdrawals, peer drops, local routes and next hop
// changes against a plain std::map model (paths in arrival order, selection by select_paths).
// After every decision the reported changes must add up to the model's selection; after every
// flush each Adj-RIB-Out must hold exactly the model's exports; at the end nothing leaks.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include "bgpd-cfn/rib/adj_rib_out.hpp"
#include "rib_test_helpers.hpp"

using namespace cfn::bgp;
namespace net = cfn::net;
using namespace cfn::bgp::test;

namespace {

constexpr PeerId kPeers = 5;  // 0 local, 1 2 4 eBGP, 3 iBGP

struct Model {
  std::map<net::Prefix, std::vector<SelectedPath>> paths;  // arrival order
  std::map<net::IpAddress, NextHopState> truth;            // the resolver's view

  void announce(PeerId peer, const net::Prefix& p, AttrId attributes) {
    std::vector<SelectedPath>& list = paths[p];
    for (auto it = list.begin(); it != list.end(); ++it) {
      if (it->peer != peer) continue;
      if (it->attributes == attributes) return;
      list.erase(it);
      break;
    }
    list.push_back({peer, attributes});
  }
  void withdraw(PeerId peer, const net::Prefix& p) {
    std::erase_if(paths[p], [&](const SelectedPath& s) { return s.peer == peer; });
  }
  std::size_t count(PeerId peer) const {
    std::size_t n = 0;
    for (const auto& [p, list] : paths)
      for (const SelectedPath& s : list) n += s.peer == peer;
    return n;
  }
  // Best first, then the rest of the multipath set; empty when nothing is usable.
  std::vector<SelectedPath> selection(const net::Prefix& p, const RibTable& table) const {
    const auto found = paths.find(p);
    if (found == paths.end()) return {};
    std::vector<Candidate> candidates;
    std::vector<SelectedPath> sources;
    for (std::size_t i = 0; i < found->second.size(); ++i) {
      const SelectedPath& s = found->second[i];
      const wire::PathAttributes& a = table.attributes().get(s.attributes);
      const NextHopState hop = a.next_hop ? truth.at(*a.next_hop) : NextHopState{};
      if (!hop.reachable) continue;
      const PeerInfo& peer = table.peer(s.peer);
      candidates.push_back(Candidate{.attributes = &a,
                                     .peer_type = peer.type,
                                     .weight = peer.weight,
                                     .peer_router_id = peer.router_id,
                                     .peer_address = peer.address,
                                     .igp_metric = hop.igp_metric,
                                     .arrival = i});
      sources.push_back(s);
    }
    if (candidates.empty()) return {};
    std::vector<SelectedPath> out;
    for (std::size_t i : select_paths(candidates, table.options()).multipath)
      out.push_back(sources[i]);
    return out;
  }
};

// What one Adj-RIB-Out's peer has been sent, rebuilt from the deltas.
struct Receiver {
  AdjRibOut out;
  std::map<net::Prefix, AttrId> sent;

  void flush() {
    const OutboundUpdates updates = out.take_updates();
    for (const net::Prefix& p : updates.withdrawn) {
      REQUIRE(sent.count(p) == 1);  // only what was advertised is withdrawn
      sent.erase(p);
    }
    for (const UpdateBatch& batch : updates.announced) {
      for (const net::Prefix& p : batch.prefixes) {
        const auto before = sent.find(p);
        REQUIRE((before == sent.end() || before->second != batch.attributes));  // a real change
        sent[p] = batch.attributes;
      }
    }
  }
};

}  // namespace

TEST_CASE("RibTable and AdjRibOut agree with a std::map model", "[bgp][rib][model]") {
  const unsigned seed = GENERATE(1u, 2u, 3u, 4u, 5u, 6u);
  const bool ecmp = seed % 2 == 0;
  INFO("seed " << seed);
  std::mt19937 random(seed);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };

  AttributeStore store;
  RibTable table(store, DecisionOptions{.multipath_relax = ecmp,
                                        .maximum_paths = static_cast<std::uint16_t>(ecmp ? 2 : 1),
                                        .maximum_paths_ibgp = 2});
  add_peers(table);
  table.set_peer(4, PeerInfo{.type = PeerType::kExternal,
                             .address = address("10.0.0.4"),
                             .router_id = 0x04040404,
                             .weight = 0});
  table.set_peer(
      kLocalPeer,
      PeerInfo{.type = PeerType::kLocal, .address = {}, .router_id = 0x0A0A0A0A, .weight = 32768});

  const std::vector<net::Prefix> prefixes = {
      prefix("10.0.0.0/8"),     prefix("10.0.0.0/16"),     prefix("10.0.0.0/24"),
      prefix("10.1.0.0/24"),    prefix("192.0.2.0/24"),    prefix("192.0.2.0/25"),
      prefix("192.0.2.128/25"), prefix("198.51.100.0/24"), prefix("203.0.113.0/24"),
      prefix("100.64.0.0/10"),  prefix("0.0.0.0/0"),       prefix("172.16.0.0/12")};
  const std::vector<const char*> hops = {"10.9.0.1", "10.9.0.2", "10.9.0.3"};
  // Attribute sets: varied AS paths (two neighbouring ASes), MEDs, next hops, NO_EXPORT.
  std::vector<AttrId> pool;
  for (std::uint32_t i = 0; i < 10; ++i) {
    std::vector<std::uint32_t> path = {65001 + i % 2};
    for (std::uint32_t k = 0; k < i % 3; ++k) path.push_back(65100 + k);
    wire::PathAttributes a = attributes(path, i == 9 ? nullptr : hops[i % hops.size()]);
    if (i % 4 == 1) a.med = i;
    if (i == 7) a.communities = {wire::kCommunityNoExport};
    if (i == 9) a.as_path = wire::AsPath{};  // a local route's
    pool.push_back(store.intern(a));
  }
  Model model;
  for (const char* hop : hops) model.truth[address(hop)] = NextHopState{};

  Receiver external{AdjRibOut(table, ExportTarget{.peer = 4,
                                                  .type = PeerType::kExternal,
                                                  .local_as = 65000,
                                                  .self_next_hop = address("10.0.0.254"),
                                                  .next_hop_self = false,
                                                  .default_local_pref = 100}),
                    {}};
  Receiver internal{AdjRibOut(table, ExportTarget{.peer = 6,
                                                  .type = PeerType::kInternal,
                                                  .local_as = 65000,
                                                  .self_next_hop = address("10.255.0.1"),
                                                  .next_hop_self = seed % 3 == 0,
                                                  .default_local_pref = 100}),
                    {}};
  std::map<net::Prefix, std::vector<SelectedPath>> installed;  // built from the changes

  auto expect_exports = [&](const Receiver& r) {
    for (const net::Prefix& p : prefixes) {
      const std::vector<SelectedPath> selected = model.selection(p, table);
      std::optional<wire::PathAttributes> expected;
      if (!selected.empty())
        expected = export_attributes(
            store.get(selected[0].attributes),
            ExportSource{.peer = selected[0].peer, .type = table.peer(selected[0].peer).type},
            r.out.target());
      const auto sent = r.sent.find(p);
      REQUIRE(expected.has_value() == (sent != r.sent.end()));
      if (expected) {
        CHECK(store.get(sent->second) == *expected);
        CHECK(r.out.advertised(p) == std::optional<AttrId>(sent->second));
      }
    }
    CHECK(r.out.size() == r.sent.size());
  };

  auto decide = [&] {
    for (const net::IpAddress& hop : table.take_new_next_hops())
      table.set_next_hop_state(hop, model.truth.at(hop));
    const DecisionResult result = table.run_decision();
    for (const RouteChange& change : result.changes) {
      const auto selected = result.selected(change);
      if (selected.empty())
        installed.erase(change.prefix);
      else
        installed[change.prefix].assign(selected.begin(), selected.end());
    }
    for (const net::Prefix& p : prefixes) {
      const std::vector<SelectedPath> expected = model.selection(p, table);
      const auto got = installed.find(p);
      REQUIRE((got == installed.end() ? std::vector<SelectedPath>{} : got->second) == expected);
      // The table's paths, in arrival order.
      std::vector<SelectedPath> held;
      if (const std::optional<DestId> dest = table.find(p))
        for (const Path& path : table.destination(*dest).paths())
          held.push_back({path.peer, path.attributes});
      const auto listed = model.paths.find(p);
      REQUIRE(held == (listed == model.paths.end() ? std::vector<SelectedPath>{} : listed->second));
    }
    for (PeerId peer = 0; peer < kPeers; ++peer)
      REQUIRE(table.path_count(peer) == model.count(peer));
    external.out.mark(result);
    internal.out.mark(result);
  };

  for (int step = 0; step < 3000; ++step) {
    const std::size_t roll = pick(100);
    const net::Prefix& p = prefixes[pick(prefixes.size())];
    if (roll < 45) {
      const PeerId peer = static_cast<PeerId>(pick(kPeers));
      // Local routes use the set without next hop; peers any other.
      const AttrId a = peer == kLocalPeer ? pool[9] : pool[pick(9)];
      const bool changed = table.announce(peer, p, a);
      const std::vector<SelectedPath> before = model.paths[p];
      model.announce(peer, p, a);
      REQUIRE(changed == (model.paths[p] != before));
    } else if (roll < 70) {
      const PeerId peer = static_cast<PeerId>(pick(kPeers));
      const bool had = model.count(peer) && table.find(p) &&
                       std::any_of(model.paths[p].begin(), model.paths[p].end(),
                                   [&](const SelectedPath& s) { return s.peer == peer; });
      REQUIRE(table.withdraw(peer, p) == had);
      model.withdraw(peer, p);
    } else if (roll < 73) {
      const PeerId peer = static_cast<PeerId>(1 + pick(kPeers - 1));
      REQUIRE(table.drop_peer(peer) == model.count(peer));
      for (auto& [q, list] : model.paths) model.withdraw(peer, q);
    } else if (roll < 83) {
      const net::IpAddress hop = address(hops[pick(hops.size())]);
      const NextHopState state{.reachable = pick(5) != 0,
                               .igp_metric = static_cast<std::uint32_t>(pick(3))};
      model.truth[hop] = state;
      table.set_next_hop_state(hop, state);
    } else {
      decide();
      if (pick(3) == 0) {
        external.flush();
        internal.flush();
        expect_exports(external);
        expect_exports(internal);
      }
    }
  }
  decide();
  external.flush();
  internal.flush();
  expect_exports(external);
  expect_exports(internal);

  // Route refresh: the advertised set is what the peer holds.
  std::map<net::Prefix, AttrId> refreshed;
  for (const UpdateBatch& batch : external.out.advertised_routes().announced)
    for (const net::Prefix& q : batch.prefixes) refreshed[q] = batch.attributes;
  CHECK(refreshed == external.sent);

  // Everything goes: the peers see every withdrawal, and nothing is left behind.
  for (PeerId peer = 1; peer < kPeers; ++peer) table.drop_peer(peer);
  for (const net::Prefix& q : prefixes) table.withdraw_local(q);
  model.paths.clear();
  decide();
  external.flush();
  internal.flush();
  CHECK(external.sent.empty());
  CHECK(internal.sent.empty());
  CHECK(external.out.size() == 0);
  CHECK(table.prefix_count() == 0);
  CHECK(table.path_count() == 0);
  CHECK(table.next_hops().size() == 0);
  CHECK(store.size() == std::set<AttrId>(pool.begin(), pool.end()).size());
  for (AttrId id : pool) store.release(id);
  CHECK(store.size() == 0);
}
