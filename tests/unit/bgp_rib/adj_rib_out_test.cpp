// Tests for AdjRibOut: packed deltas (one batch per attribute set), withdrawals, changes undone
// before the flush, split horizon, the advertised set (route refresh), session up and down, and
// the destinations it keeps alive until their withdrawal is taken.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>

#include "bgpd-cfn/rib/adj_rib_out.hpp"
#include "rib_test_helpers.hpp"

using namespace cfn::bgp;
namespace net = cfn::net;
using namespace cfn::bgp::test;

namespace {

constexpr PeerId kOut = 4;  // the eBGP peer we advertise to (AS 65004)

const ExportTarget kTarget{.peer = kOut,
                           .type = PeerType::kExternal,
                           .local_as = 65000,
                           .self_next_hop = address("10.0.4.254"),
                           .next_hop_self = false,
                           .default_local_pref = 100};

struct Fixture {
  AttributeStore store;
  RibTable table{store};
  Fixture() {
    add_peers(table);
    table.set_peer(kOut, PeerInfo{.type = PeerType::kExternal,
                                  .address = address("10.0.4.1"),
                                  .router_id = 0x04040404,
                                  .weight = 0});
  }
  // Decide, and hand the changes to `out`.
  void settle(AdjRibOut& out) { out.mark(table.run_decision()); }
};

// One announced batch with its attributes looked up and its prefixes sorted.
struct Batch {
  wire::PathAttributes attributes;
  std::vector<net::Prefix> prefixes;  // sorted
};

std::vector<Batch> batches(const AttributeStore& store, const OutboundUpdates& updates) {
  std::vector<Batch> out;
  for (const UpdateBatch& batch : updates.announced) {
    Batch b{store.get(batch.attributes), batch.prefixes};
    std::sort(b.prefixes.begin(), b.prefixes.end());
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<net::Prefix> sorted(std::vector<net::Prefix> prefixes) {
  std::sort(prefixes.begin(), prefixes.end());
  return prefixes;
}

wire::PathAttributes exported(const wire::PathAttributes& a, PeerId from) {
  return *export_attributes(a, ExportSource{.peer = from, .type = PeerType::kExternal}, kTarget);
}

}  // namespace

TEST_CASE("Deltas are packed by attribute set", "[bgp][rib][adj-out]") {
  Fixture f;
  AdjRibOut out(f.table, kTarget);
  const wire::PathAttributes a = attributes({65001, 65100}, "10.0.0.1");
  const wire::PathAttributes b = attributes({65001, 65200}, "10.0.0.1");
  const char* with_a[] = {"192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"};
  const char* with_b[] = {"100.64.0.0/24", "100.64.1.0/24"};
  for (const char* p : with_a) announce(f.table, kPeer1, p, a);
  for (const char* p : with_b) announce(f.table, kPeer1, p, b);
  f.settle(out);
  CHECK(out.queued() == 5);

  OutboundUpdates updates = out.take_updates();
  CHECK(updates.withdrawn.empty());
  std::vector<Batch> got = batches(f.store, updates);
  REQUIRE(got.size() == 2);
  CHECK(got[0].attributes == exported(a, kPeer1));
  CHECK(got[0].attributes.as_path->segments[0].asns ==
        std::vector<std::uint32_t>{65000, 65001, 65100});
  CHECK(got[0].prefixes ==
        sorted({prefix("192.0.2.0/24"), prefix("198.51.100.0/24"), prefix("203.0.113.0/24")}));
  CHECK(got[1].attributes == exported(b, kPeer1));
  CHECK(got[1].prefixes == sorted({prefix("100.64.0.0/24"), prefix("100.64.1.0/24")}));
  CHECK(out.size() == 5);
  CHECK(out.queued() == 0);
  CHECK(f.store.size() == 4);  // two received sets, two exported ones
  CHECK(out.take_updates().empty());

  // Two withdrawals and one move from a to b: one withdraw list, one batch.
  f.table.withdraw(kPeer1, prefix("192.0.2.0/24"));
  f.table.withdraw(kPeer1, prefix("100.64.0.0/24"));
  announce(f.table, kPeer1, "203.0.113.0/24", b);
  f.settle(out);
  updates = out.take_updates();
  CHECK(sorted(updates.withdrawn) == sorted({prefix("192.0.2.0/24"), prefix("100.64.0.0/24")}));
  got = batches(f.store, updates);
  REQUIRE(got.size() == 1);
  CHECK(got[0].attributes == exported(b, kPeer1));
  CHECK(got[0].prefixes == std::vector<net::Prefix>{prefix("203.0.113.0/24")});
  CHECK(out.size() == 3);
  CHECK(out.advertised(prefix("203.0.113.0/24")) ==
        std::optional<AttrId>(updates.announced[0].attributes));
  CHECK_FALSE(out.advertised(prefix("192.0.2.0/24")));
}

TEST_CASE("Changes undone before the flush send nothing", "[bgp][rib][adj-out]") {
  Fixture f;
  AdjRibOut out(f.table, kTarget);
  const wire::PathAttributes a = attributes({65001}, "10.0.0.1");
  const wire::PathAttributes b = attributes({65001, 65009}, "10.0.0.1");
  announce(f.table, kPeer1, "192.0.2.0/24", a);
  f.settle(out);
  CHECK(batches(f.store, out.take_updates()).size() == 1);
  announce(f.table, kPeer1, "192.0.2.0/24", b);
  f.settle(out);
  announce(f.table, kPeer1, "192.0.2.0/24", a);
  f.settle(out);
  CHECK(out.take_updates().empty());
  // Announced and withdrawn between two flushes: never sent, and the destination is freed
  // once the Adj-RIB-Out has looked at it.
  announce(f.table, kPeer1, "198.51.100.0/24", a);
  f.settle(out);
  f.table.withdraw(kPeer1, prefix("198.51.100.0/24"));
  f.settle(out);
  CHECK(f.table.prefix_count() == 2);  // held
  CHECK(out.take_updates().empty());
  CHECK(f.table.prefix_count() == 1);
}

TEST_CASE("A withdrawn prefix stays until its withdrawal is taken", "[bgp][rib][adj-out]") {
  Fixture f;
  AdjRibOut out(f.table, kTarget);
  announce(f.table, kPeer1, "192.0.2.0/24", attributes({65001}, "10.0.0.1"));
  f.settle(out);
  out.take_updates();
  f.table.withdraw(kPeer1, prefix("192.0.2.0/24"));
  const DecisionResult result = f.table.run_decision();
  CHECK(f.table.prefix_count() == 1);  // advertised: held by the Adj-RIB-Out
  out.mark(result);
  // The prefix comes back before the flush with the same attributes: nothing to send.
  announce(f.table, kPeer1, "192.0.2.0/24", attributes({65001}, "10.0.0.1"));
  f.settle(out);
  CHECK(out.take_updates().empty());
  f.table.withdraw(kPeer1, prefix("192.0.2.0/24"));
  f.settle(out);
  const OutboundUpdates updates = out.take_updates();
  CHECK(updates.withdrawn == std::vector<net::Prefix>{prefix("192.0.2.0/24")});
  CHECK(updates.announced.empty());
  CHECK(f.table.prefix_count() == 0);
  CHECK(out.size() == 0);
  CHECK(f.store.size() == 0);
}

TEST_CASE("Split horizon: the sender and iBGP peers", "[bgp][rib][adj-out]") {
  Fixture f;
  AdjRibOut back(f.table, ExportTarget{.peer = kPeer1,
                                       .type = PeerType::kExternal,
                                       .local_as = 65000,
                                       .self_next_hop = address("10.0.0.254"),
                                       .next_hop_self = false,
                                       .default_local_pref = 100});
  AdjRibOut internal(f.table, ExportTarget{.peer = 5,
                                           .type = PeerType::kInternal,
                                           .local_as = 65000,
                                           .self_next_hop = address("10.255.0.1"),
                                           .next_hop_self = false,
                                           .default_local_pref = 100});
  announce(f.table, kPeer1, "192.0.2.0/24", attributes({65001}, "10.0.0.1"));
  announce(f.table, kPeer3, "198.51.100.0/24", attributes({65010}, "10.0.0.3"));
  const DecisionResult result = f.table.run_decision();
  back.mark(result);
  internal.mark(result);
  // Peer 1 gets peer 3's route only; the iBGP peer gets peer 1's route only, with LOCAL_PREF.
  std::vector<Batch> got = batches(f.store, back.take_updates());
  REQUIRE(got.size() == 1);
  CHECK(got[0].prefixes == std::vector<net::Prefix>{prefix("198.51.100.0/24")});
  got = batches(f.store, internal.take_updates());
  REQUIRE(got.size() == 1);
  CHECK(got[0].prefixes == std::vector<net::Prefix>{prefix("192.0.2.0/24")});
  CHECK(got[0].attributes.local_pref == 100u);
  CHECK(got[0].attributes.next_hop == address("10.0.0.1"));
}

TEST_CASE("Session up, route refresh and session down", "[bgp][rib][adj-out]") {
  Fixture f;
  const wire::PathAttributes a = attributes({65001}, "10.0.0.1");
  const wire::PathAttributes b = attributes({65002}, "10.0.0.2");
  for (int i = 0; i < 300; ++i) {
    const std::string p = "10." + std::to_string(i / 256) + "." + std::to_string(i % 256) + ".0/24";
    announce(f.table, i % 3 ? kPeer1 : kPeer2, p.c_str(), i % 3 ? a : b);
  }
  f.table.run_decision();
  const std::size_t received_sets = f.store.size();

  // Session up: everything selected goes out in two batches.
  auto out = std::make_unique<AdjRibOut>(f.table, kTarget);
  out->mark_all();
  const OutboundUpdates first = out->take_updates();
  std::vector<Batch> got = batches(f.store, first);
  REQUIRE(got.size() == 2);
  CHECK(got[0].prefixes.size() + got[1].prefixes.size() == 300);
  CHECK(got[0].prefixes.size() == (got[0].attributes == exported(a, kPeer1) ? 200 : 100));
  CHECK(out->size() == 300);

  // ROUTE-REFRESH: the advertised set again, the same batches.
  std::vector<Batch> again = batches(f.store, out->advertised_routes());
  REQUIRE(again.size() == 2);
  std::sort(got.begin(), got.end(),
            [](const Batch& x, const Batch& y) { return x.prefixes.size() < y.prefixes.size(); });
  std::sort(again.begin(), again.end(),
            [](const Batch& x, const Batch& y) { return x.prefixes.size() < y.prefixes.size(); });
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(again[i].attributes == got[i].attributes);
    CHECK(again[i].prefixes == got[i].prefixes);
  }
  // `soft out` with nothing changed: nothing to send.
  out->mark_all();
  CHECK(out->take_updates().empty());

  // Session down: exported sets and held destinations are let go.
  out->clear();
  CHECK(out->size() == 0);
  CHECK(f.store.size() == received_sets);
  out.reset();
  f.table.drop_peer(kPeer1);
  f.table.drop_peer(kPeer2);
  f.table.run_decision();
  CHECK(f.table.prefix_count() == 0);
  CHECK(f.store.size() == 0);
}

TEST_CASE("Outbound policy: per prefix, or once per attribute set", "[bgp][rib][adj-out]") {
  Fixture f;
  const wire::PathAttributes a = attributes({65001, 65100}, "10.0.0.1");
  const char* prefixes[] = {"192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"};
  for (const char* p : prefixes) announce(f.table, kPeer1, p, a);
  const DecisionResult decided = f.table.run_decision();

  SECTION("per prefix: deny one, change another's MED, pass the third") {
    AdjRibOut out(f.table, kTarget);
    int calls = 0;
    out.set_policy(
        [&](const net::Prefix& p,
            const wire::PathAttributes& in) -> std::optional<wire::PathAttributes> {
          ++calls;
          if (p == prefix("192.0.2.0/24")) return std::nullopt;
          wire::PathAttributes changed = in;
          if (p == prefix("198.51.100.0/24")) changed.med = 7;
          return changed;
        },
        true);
    out.mark(decided);
    const std::vector<Batch> got = batches(f.store, out.take_updates());
    CHECK(calls == 3);
    REQUIRE(got.size() == 2);
    CHECK(got[0].attributes.med == std::optional<std::uint32_t>(7));
    CHECK(got[0].prefixes == std::vector<net::Prefix>{prefix("198.51.100.0/24")});
    CHECK(got[1].attributes == exported(a, kPeer1));
    CHECK(got[1].prefixes == std::vector<net::Prefix>{prefix("203.0.113.0/24")});
    CHECK(out.size() == 2);
    CHECK_FALSE(out.advertised(prefix("192.0.2.0/24")));
  }
  SECTION("not per prefix: evaluated once for the set; a deny sends nothing and holds nothing") {
    AdjRibOut out(f.table, kTarget);
    int calls = 0;
    out.set_policy(
        [&](const net::Prefix&,
            const wire::PathAttributes&) -> std::optional<wire::PathAttributes> {
          ++calls;
          return std::nullopt;
        },
        false);
    out.mark(decided);
    CHECK(out.take_updates().empty());
    CHECK(calls == 1);
    CHECK(out.size() == 0);
    CHECK(out.memory_usage() < 4 * 1024);  // no per-prefix advertised array
  }
  CHECK(f.store.size() == 1);  // every exported or filtered set was given back
}
