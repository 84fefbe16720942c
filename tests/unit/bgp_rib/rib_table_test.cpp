// Tests for RibTable: announce / withdraw / replace, drop_peer, local routes, ECMP with
// maximum-paths and multipath-relax, batched decisions, and next-hop driven re-decisions.
#include <catch2/catch.hpp>

#include <algorithm>

#include "bgpd-cfn/rib/rib_table.hpp"
#include "rib_test_helpers.hpp"

using namespace cfn::bgp;
namespace net = cfn::net;
using namespace cfn::bgp::test;

namespace {

// The selected (peer, attribute set) pairs of the only change, best first.
std::vector<SelectedPath> only_change(const DecisionResult& result) {
  REQUIRE(result.changes.size() == 1);
  const auto selected = result.selected(result.changes[0]);
  return {selected.begin(), selected.end()};
}

struct Fixture {
  AttributeStore store;
  RibTable table{store};
  Fixture() { add_peers(table); }
  AttrId id(const wire::PathAttributes& a) {  // the id of a set the table already holds
    const AttrId found = store.intern(a);
    store.release(found);
    return found;
  }
};

}  // namespace

TEST_CASE("Announce, replace and withdraw one path", "[bgp][rib][table]") {
  Fixture f;
  const wire::PathAttributes a = attributes({65001, 65100}, "10.0.0.1");
  const wire::PathAttributes b = attributes({65001, 65200}, "10.0.0.1");
  CHECK(announce(f.table, kPeer1, "203.0.113.0/24", a));
  CHECK(f.table.dirty_count() == 1);
  CHECK(f.table.prefix_count() == 1);
  CHECK(f.table.path_count() == 1);
  CHECK(f.table.path_count(kPeer1) == 1);
  CHECK(f.store.references(f.id(a)) == 1);  // the path's own reference

  DecisionResult result = f.table.run_decision();
  CHECK(result.decided == 1);
  CHECK(result.changes[0].prefix == prefix("203.0.113.0/24"));
  CHECK(only_change(result) == std::vector<SelectedPath>{{kPeer1, f.id(a)}});
  const std::optional<DestId> dest = f.table.find(prefix("203.0.113.0/24"));
  REQUIRE(dest);
  REQUIRE(f.table.best(*dest));
  CHECK(f.table.best(*dest)->attributes == f.id(a));

  // The same attributes again: nothing to do.
  CHECK_FALSE(announce(f.table, kPeer1, "203.0.113.0/24", a));
  CHECK(f.table.dirty_count() == 0);

  // Replace: the old set is freed with its last path.
  CHECK(announce(f.table, kPeer1, "203.0.113.0/24", b));
  CHECK(f.table.path_count() == 1);
  CHECK(f.store.size() == 1);
  result = f.table.run_decision();
  CHECK(only_change(result) == std::vector<SelectedPath>{{kPeer1, f.id(b)}});

  // Withdraw: reported as gone (no selected path), the destination and the set are freed.
  CHECK_FALSE(f.table.withdraw(kPeer2, prefix("203.0.113.0/24")));
  CHECK(f.table.withdraw(kPeer1, prefix("203.0.113.0/24")));
  result = f.table.run_decision();
  CHECK(only_change(result).empty());
  CHECK(f.table.prefix_count() == 0);
  CHECK_FALSE(f.table.find(prefix("203.0.113.0/24")));
  CHECK(f.store.size() == 0);
  CHECK_FALSE(f.table.withdraw(kPeer1, prefix("203.0.113.0/24")));
  CHECK(f.table.run_decision().decided == 0);
}

TEST_CASE("The best path changes when it is withdrawn", "[bgp][rib][table]") {
  Fixture f;
  const wire::PathAttributes longer = attributes({65001, 65100, 65200}, "10.0.0.1");
  const wire::PathAttributes shorter = attributes({65002, 65200}, "10.0.0.2");
  announce(f.table, kPeer1, "198.51.100.0/24", longer);
  announce(f.table, kPeer2, "198.51.100.0/24", shorter);
  CHECK(only_change(f.table.run_decision()) == std::vector<SelectedPath>{{kPeer2, f.id(shorter)}});
  // Withdrawing the loser changes nothing that is reported.
  announce(f.table, kPeer3, "198.51.100.0/24", attributes({65010, 65020, 65030}, "10.0.0.3"));
  DecisionResult result = f.table.run_decision();
  CHECK(result.decided == 1);
  CHECK(result.changes.empty());
  f.table.withdraw(kPeer3, prefix("198.51.100.0/24"));
  CHECK(f.table.run_decision().changes.empty());
  // Withdrawing the best makes the other one best.
  f.table.withdraw(kPeer2, prefix("198.51.100.0/24"));
  CHECK(only_change(f.table.run_decision()) == std::vector<SelectedPath>{{kPeer1, f.id(longer)}});
}

TEST_CASE("drop_peer removes every path of the peer", "[bgp][rib][table]") {
  Fixture f;
  const wire::PathAttributes a1 = attributes({65001}, "10.0.0.1");
  const wire::PathAttributes a2 = attributes({65002, 65010}, "10.0.0.2");
  for (const char* p : {"192.0.2.0/24", "192.0.2.0/25", "198.18.0.0/15"})
    announce(f.table, kPeer1, p, a1);
  announce(f.table, kPeer2, "198.18.0.0/15", a2);
  f.table.run_decision();
  CHECK(f.table.path_count() == 4);

  CHECK(f.table.drop_peer(kPeer1) == 3);
  CHECK(f.table.path_count(kPeer1) == 0);
  CHECK(f.table.path_count() == 1);
  CHECK(f.table.drop_peer(kPeer1) == 0);
  DecisionResult result = f.table.run_decision();
  std::sort(result.changes.begin(), result.changes.end(),
            [](const RouteChange& x, const RouteChange& y) { return x.prefix < y.prefix; });
  REQUIRE(result.changes.size() == 3);
  CHECK(result.changes[0].prefix == prefix("192.0.2.0/24"));
  CHECK(result.changes[0].count == 0);
  CHECK(result.changes[1].prefix == prefix("192.0.2.0/25"));
  CHECK(result.changes[1].count == 0);
  CHECK(result.changes[2].prefix == prefix("198.18.0.0/15"));
  CHECK(std::vector<SelectedPath>(result.selected(result.changes[2]).begin(),
                                  result.selected(result.changes[2]).end()) ==
        std::vector<SelectedPath>{{kPeer2, f.id(a2)}});
  CHECK(f.table.prefix_count() == 1);
  CHECK(f.store.size() == 1);
}

TEST_CASE("Local routes (weight 32768) win and fall back on withdraw", "[bgp][rib][table]") {
  Fixture f;
  const wire::PathAttributes learned = attributes({65001}, "10.0.0.1");
  wire::PathAttributes local;
  local.origin = wire::Origin::kIgp;
  local.as_path = wire::AsPath{};
  announce(f.table, kPeer1, "10.10.0.0/16", learned);
  const AttrId local_id = f.store.intern(local);
  CHECK(f.table.originate(prefix("10.10.0.0/16"), local_id));
  f.store.release(local_id);
  CHECK(f.table.path_count(kLocalPeer) == 1);
  CHECK(only_change(f.table.run_decision()) == std::vector<SelectedPath>{{kLocalPeer, local_id}});
  CHECK(f.table.next_hops().size() == 1);  // the local route has no next hop
  CHECK(f.table.withdraw_local(prefix("10.10.0.0/16")));
  CHECK(only_change(f.table.run_decision()) == std::vector<SelectedPath>{{kPeer1, f.id(learned)}});
}

TEST_CASE("ECMP: maximum-paths 2 and multipath-relax across two peers", "[bgp][rib][table]") {
  Fixture f;
  // Same length and attributes except the neighbouring AS and the next hop.
  const wire::PathAttributes via1 = attributes({65001, 65100}, "10.0.0.1");
  const wire::PathAttributes via2 = attributes({65002, 65100}, "10.0.0.2");
  f.table.set_peer(4, PeerInfo{.type = PeerType::kExternal,
                               .address = address("10.0.0.4"),
                               .router_id = 0x04040404,
                               .weight = 0});
  const wire::PathAttributes via4 = attributes({65004, 65100}, "10.0.0.4");
  announce(f.table, kPeer1, "100.64.0.0/10", via1);
  announce(f.table, kPeer2, "100.64.0.0/10", via2);
  // Default: one path, the older one (peer 1 arrived first).
  CHECK(only_change(f.table.run_decision()) == std::vector<SelectedPath>{{kPeer1, f.id(via1)}});

  // maximum-paths 2 alone: the neighbouring ASes differ, still one path; nothing changes.
  f.table.set_options(DecisionOptions{.maximum_paths = 2});
  DecisionResult result = f.table.run_decision();
  CHECK(result.decided == 1);
  CHECK(result.changes.empty());

  // With multipath-relax both are used, best first.
  f.table.set_options(DecisionOptions{.multipath_relax = true, .maximum_paths = 2});
  CHECK(only_change(f.table.run_decision()) ==
        std::vector<SelectedPath>{{kPeer1, f.id(via1)}, {kPeer2, f.id(via2)}});
  const DestId dest = *f.table.find(prefix("100.64.0.0/10"));
  const auto paths = f.table.destination(dest).paths();
  CHECK(paths[0].best());
  CHECK(paths[0].multipath());
  CHECK_FALSE(paths[1].best());
  CHECK(paths[1].multipath());

  // A third equal path does not fit: no change.
  announce(f.table, 4, "100.64.0.0/10", via4);
  CHECK(f.table.run_decision().changes.empty());
  // Losing the second member shrinks nothing: the third takes its place.
  f.table.withdraw(kPeer2, prefix("100.64.0.0/10"));
  CHECK(only_change(f.table.run_decision()) ==
        std::vector<SelectedPath>{{kPeer1, f.id(via1)}, {4, f.id(via4)}});
  // Losing the second member again leaves a set of one: reported.
  f.table.withdraw(4, prefix("100.64.0.0/10"));
  CHECK(only_change(f.table.run_decision()) == std::vector<SelectedPath>{{kPeer1, f.id(via1)}});
}

TEST_CASE("Many changes to one prefix make one decision", "[bgp][rib][table]") {
  Fixture f;
  const wire::PathAttributes a = attributes({65001}, "10.0.0.1");
  const wire::PathAttributes b = attributes({65002, 65003}, "10.0.0.2");
  for (int round = 0; round < 50; ++round) {
    announce(f.table, kPeer1, "192.0.2.0/24", round % 2 ? a : b);
    announce(f.table, kPeer2, "192.0.2.0/24", b);
    f.table.withdraw(kPeer2, prefix("192.0.2.0/24"));
  }
  announce(f.table, kPeer2, "192.0.2.0/24", b);
  CHECK(f.table.dirty_count() == 1);
  const DecisionResult result = f.table.run_decision();
  CHECK(result.decided == 1);
  // Peer 1's last announcement (round 49: a) is shorter than peer 2's b.
  CHECK(only_change(result) == std::vector<SelectedPath>{{kPeer1, f.id(a)}});
  CHECK(f.table.path_count() == 2);
  CHECK(f.store.size() == 2);
  CHECK(f.table.run_decision().decided == 0);
}

TEST_CASE("Next hop changes re-decide the prefixes that use them", "[bgp][rib][nexthop]") {
  Fixture f;
  const wire::PathAttributes via1 = attributes({65001}, "10.0.0.1");
  const wire::PathAttributes via2 = attributes({65002}, "10.0.0.2");
  for (const char* p : {"192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"})
    announce(f.table, kPeer1, p, via1);
  for (const char* p : {"192.0.2.0/24", "198.51.100.0/24"}) announce(f.table, kPeer2, p, via2);
  std::vector<net::IpAddress> fresh = f.table.take_new_next_hops();
  std::sort(fresh.begin(), fresh.end());
  CHECK(fresh == std::vector<net::IpAddress>{address("10.0.0.1"), address("10.0.0.2")});
  CHECK(f.table.take_new_next_hops().empty());
  CHECK(f.table.run_decision().changes.size() == 3);  // all via peer 1 (older)

  // Same state: nothing marked. Unknown address: ignored.
  f.table.set_next_hop_state(address("10.0.0.1"), NextHopState{});
  f.table.set_next_hop_state(address("10.9.9.9"), NextHopState{.reachable = false});
  CHECK(f.table.dirty_count() == 0);

  // A higher IGP cost to 10.0.0.1: its three prefixes are decided again, two move.
  f.table.set_next_hop_state(address("10.0.0.1"), {.reachable = true, .igp_metric = 10});
  CHECK(f.table.dirty_count() == 3);
  DecisionResult result = f.table.run_decision();
  CHECK(result.decided == 3);
  REQUIRE(result.changes.size() == 2);
  for (const RouteChange& change : result.changes)
    CHECK(result.selected(change)[0] == SelectedPath{kPeer2, f.id(via2)});

  // 10.0.0.2 unreachable: only its two prefixes are marked; they fall back to peer 1.
  f.table.set_next_hop_state(address("10.0.0.2"), {.reachable = false, .igp_metric = 0});
  CHECK(f.table.dirty_count() == 2);
  result = f.table.run_decision();
  REQUIRE(result.changes.size() == 2);
  for (const RouteChange& change : result.changes)
    CHECK(result.selected(change)[0] == SelectedPath{kPeer1, f.id(via1)});

  // Both unreachable: every prefix is gone, but the paths stay.
  f.table.set_next_hop_state(address("10.0.0.1"), {.reachable = false, .igp_metric = 0});
  result = f.table.run_decision();
  CHECK(result.changes.size() == 3);
  for (const RouteChange& change : result.changes) CHECK(change.count == 0);
  CHECK(f.table.path_count() == 5);
  CHECK(f.table.prefix_count() == 3);
  const DestId dest = *f.table.find(prefix("203.0.113.0/24"));
  CHECK(f.table.best(dest) == nullptr);

  // Back: reachable again, everything returns.
  f.table.set_next_hop_state(address("10.0.0.1"), {.reachable = true, .igp_metric = 0});
  CHECK(f.table.run_decision().changes.size() == 3);
}

TEST_CASE("The next hop index stays exact through churn", "[bgp][rib][nexthop]") {
  Fixture f;
  const wire::PathAttributes a = attributes({65001}, "10.0.0.1");
  const wire::PathAttributes b = attributes({65001, 65005}, "10.0.0.1");
  const wire::PathAttributes elsewhere = attributes({65001}, "10.0.0.9");
  // Hundreds of replacements and withdrawals on the same next hop, then some prefixes move
  // to another next hop: a change of 10.0.0.1 must mark exactly those still using it.
  for (int round = 0; round < 200; ++round) {
    announce(f.table, kPeer1, "192.0.2.0/24", round % 2 ? a : b);
    announce(f.table, kPeer1, "192.0.2.128/25", a);
    f.table.withdraw(kPeer1, prefix("192.0.2.128/25"));
    announce(f.table, kPeer1, "198.51.100.0/24", a);
  }
  announce(f.table, kPeer1, "198.51.100.0/24", elsewhere);
  f.table.run_decision();
  f.table.set_next_hop_state(address("10.0.0.1"), {.reachable = true, .igp_metric = 7});
  CHECK(f.table.dirty_count() == 1);
  CHECK(f.table.next_hops().size() == 2);
  const DestId dest = *f.table.find(prefix("192.0.2.0/24"));
  const NextHopId hop = f.table.destination(dest).paths()[0].next_hop;
  CHECK(f.table.next_hops().address(hop) == address("10.0.0.1"));
  CHECK(f.table.next_hops().state(hop).igp_metric == 7);
}
