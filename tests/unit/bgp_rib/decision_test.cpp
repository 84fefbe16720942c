// Tests for the decision process: each RFC 4271 9.1.2.2 / FRR step decides when everything
// before it is equal, the reason names it, and multipath sets follow maximum-paths and relax.
#include <catch2/catch.hpp>

#include <deque>
#include <functional>

#include "bgpd-cfn/rib/decision.hpp"

using namespace cfn::bgp;
using cfn::net::IpAddress;

namespace {

// Attributes live in a deque so that Candidate pointers stay valid.
struct Paths {
  std::deque<wire::PathAttributes> attributes;

  Candidate make(std::vector<std::uint32_t> as_path, PeerType type = PeerType::kExternal,
                 const char* peer = "10.0.0.1") {
    wire::PathAttributes& p = attributes.emplace_back();
    p.origin = wire::Origin::kIgp;
    p.as_path = wire::AsPath{{wire::AsPathSegment{wire::SegmentType::kSequence, as_path}}};
    Candidate c;
    c.attributes = &p;
    c.peer_type = type;
    c.peer_address = *IpAddress::parse(peer);
    c.peer_router_id = c.peer_address.v4_value();
    return c;
  }
  wire::PathAttributes& of(const Candidate& c) {
    return *const_cast<wire::PathAttributes*>(c.attributes);
  }
};

const DecisionOptions kDefaults{};

}  // namespace

TEST_CASE("Each step decides when all before it are equal", "[bgp][decision]") {
  Paths paths;
  struct Row {
    const char* name;
    std::function<void(Candidate& better, Candidate& worse)> differ;
    SelectionReason reason;
  };
  const Row rows[] = {
      {"weight", [](Candidate& b, Candidate&) { b.weight = 100; }, SelectionReason::kWeight},
      {"local-pref",
       [&](Candidate& b, Candidate& w) {
         paths.of(b).local_pref = 200;
         paths.of(w).local_pref = 150;
       },
       SelectionReason::kLocalPref},
      {"absent local-pref is 100", [&](Candidate&, Candidate& w) { paths.of(w).local_pref = 99; },
       SelectionReason::kLocalPref},
      {"local route", [](Candidate& b, Candidate&) { b.peer_type = PeerType::kLocal; },
       SelectionReason::kLocalRoute},
      {"as-path length",
       [&](Candidate&, Candidate& w) { paths.of(w).as_path->segments[0].asns.push_back(65009); },
       SelectionReason::kAsPath},
      {"origin", [&](Candidate&, Candidate& w) { paths.of(w).origin = wire::Origin::kIncomplete; },
       SelectionReason::kOrigin},
      {"med", [&](Candidate&, Candidate& w) { paths.of(w).med = 10; }, SelectionReason::kMed},
      {"ebgp over ibgp", [](Candidate&, Candidate& w) { w.peer_type = PeerType::kInternal; },
       SelectionReason::kPeerType},
      {"igp metric", [](Candidate&, Candidate& w) { w.igp_metric = 5; },
       SelectionReason::kIgpMetric},
      {"older path", [](Candidate& b, Candidate& w) { b.arrival = 1, w.arrival = 2; },
       SelectionReason::kOlderPath},
      {"cluster length",
       [&](Candidate& b, Candidate& w) {
         b.peer_type = w.peer_type = PeerType::kInternal;
         w.peer_router_id = b.peer_router_id;
         paths.of(w).cluster_list = {1};
       },
       SelectionReason::kClusterLength},
      {"neighbor ip",
       [](Candidate& b, Candidate& w) {
         b.peer_type = w.peer_type = PeerType::kInternal;
         w.peer_router_id = b.peer_router_id;
       },
       SelectionReason::kNeighborIp},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    Candidate better = paths.make({65001}, PeerType::kExternal, "10.0.0.1");
    Candidate worse = paths.make({65001}, PeerType::kExternal, "10.0.0.2");
    worse.peer_router_id = better.peer_router_id;  // only the row's difference counts
    row.differ(better, worse);
    const Comparison forward = compare_paths(better, worse, kDefaults);
    CHECK(forward.order < 0);
    CHECK(forward.reason == row.reason);
    const Comparison backward = compare_paths(worse, better, kDefaults);
    CHECK(backward.order > 0);
    CHECK(backward.reason == row.reason);
  }
}

TEST_CASE("Router ID: lower wins, the ORIGINATOR_ID standing in when present", "[bgp][decision]") {
  Paths paths;
  Candidate a = paths.make({65001}, PeerType::kInternal, "10.0.0.9");
  Candidate b = paths.make({65001}, PeerType::kInternal, "10.0.0.1");
  a.peer_router_id = 1;
  b.peer_router_id = 2;
  CHECK(compare_paths(a, b, kDefaults).order < 0);
  CHECK(compare_paths(a, b, kDefaults).reason == SelectionReason::kRouterId);
  paths.of(a).originator_id = 3;  // now a stands for router 3
  CHECK(compare_paths(a, b, kDefaults).order > 0);
}

TEST_CASE("MEDs compare only between paths from the same AS unless always-compare-med",
          "[bgp][decision]") {
  Paths paths;
  Candidate a = paths.make({65001, 65100});
  Candidate b = paths.make({65002, 65100}, PeerType::kExternal, "10.0.0.2");
  paths.of(a).med = 50;
  paths.of(b).med = 10;
  a.arrival = 1;  // a is older: it wins once MED is out of the question
  b.arrival = 2;
  CHECK(compare_paths(a, b, kDefaults).reason == SelectionReason::kOlderPath);
  CHECK(compare_paths(a, b, kDefaults).order < 0);
  DecisionOptions always = kDefaults;
  always.always_compare_med = true;
  CHECK(compare_paths(a, b, always).reason == SelectionReason::kMed);
  CHECK(compare_paths(a, b, always).order > 0);
}

TEST_CASE("compare-routerid skips the older-path step", "[bgp][decision]") {
  Paths paths;
  Candidate a = paths.make({65001}, PeerType::kExternal, "10.0.0.2");
  Candidate b = paths.make({65001}, PeerType::kExternal, "10.0.0.1");
  a.arrival = 1;
  b.arrival = 2;
  CHECK(compare_paths(a, b, kDefaults).order < 0);
  DecisionOptions by_id = kDefaults;
  by_id.compare_router_id = true;
  CHECK(compare_paths(a, b, by_id).order > 0);
  CHECK(compare_paths(a, b, by_id).reason == SelectionReason::kRouterId);
}

TEST_CASE("One path is selected as the first path received", "[bgp][decision]") {
  Paths paths;
  const Candidate only[] = {paths.make({65001})};
  const Selection s = select_paths(only, kDefaults);
  CHECK(s.best == 0);
  CHECK(s.reason == SelectionReason::kFirstPathReceived);
  CHECK(s.multipath == std::vector<std::size_t>{0});
  CHECK(selection_reason_text(s.reason) == "First path received");
}

TEST_CASE("The reason is the step that beat the closest contender", "[bgp][decision]") {
  Paths paths;
  std::vector<Candidate> c = {paths.make({65001, 65002}), paths.make({65003}),
                              paths.make({65004}, PeerType::kExternal, "10.0.0.3")};
  c[1].arrival = 5;
  c[2].arrival = 9;
  const Selection s = select_paths(c, kDefaults);
  CHECK(s.best == 1);
  CHECK(s.reason == SelectionReason::kOlderPath);
  CHECK(selection_reason_text(s.reason) == "Older Path");
}

TEST_CASE("Multipath follows maximum-paths, the neighbour AS rule and multipath-relax",
          "[bgp][decision][multipath]") {
  Paths paths;
  std::vector<Candidate> c = {paths.make({65001, 65100}, PeerType::kExternal, "10.0.0.1"),
                              paths.make({65002, 65100}, PeerType::kExternal, "10.0.0.2"),
                              paths.make({65001, 65100}, PeerType::kExternal, "10.0.0.3"),
                              paths.make({65001}, PeerType::kExternal, "10.0.0.4")};
  for (std::size_t i = 0; i < c.size(); ++i) c[i].arrival = i;
  // The shortest AS_PATH wins outright; nothing is equal to it.
  DecisionOptions two = kDefaults;
  two.maximum_paths = 2;
  CHECK(select_paths(c, two).best == 3);
  CHECK(select_paths(c, two).multipath == std::vector<std::size_t>{3});

  c.pop_back();
  CHECK(select_paths(c, kDefaults).multipath == std::vector<std::size_t>{0});
  // Same neighbouring AS only: 0 and 2.
  CHECK(select_paths(c, two).multipath == std::vector<std::size_t>{0, 2});
  // Relaxed: any AS, same length; the limit still holds.
  DecisionOptions relaxed = two;
  relaxed.multipath_relax = true;
  CHECK(select_paths(c, relaxed).multipath == std::vector<std::size_t>{0, 1});
  relaxed.maximum_paths = 8;
  CHECK(select_paths(c, relaxed).multipath == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("iBGP multipath needs maximum-paths ibgp; local routes never share",
          "[bgp][decision][multipath]") {
  Paths paths;
  std::vector<Candidate> c = {paths.make({}, PeerType::kInternal, "10.0.0.1"),
                              paths.make({}, PeerType::kInternal, "10.0.0.2")};
  DecisionOptions o = kDefaults;
  o.maximum_paths = 4;
  CHECK(select_paths(c, o).multipath.size() == 1);
  o.maximum_paths_ibgp = 4;
  CHECK(select_paths(c, o).multipath == std::vector<std::size_t>{0, 1});
  c[0].peer_type = c[1].peer_type = PeerType::kLocal;
  o.maximum_paths = o.maximum_paths_ibgp = 4;
  CHECK(select_paths(c, o).multipath.size() == 1);
}

TEST_CASE("The neighbouring AS is the first AS of the first SEQUENCE", "[bgp][decision]") {
  wire::PathAttributes p;
  CHECK(neighbor_as(p) == 0);
  p.as_path = wire::AsPath{};
  CHECK(neighbor_as(p) == 0);
  p.as_path->segments = {{wire::SegmentType::kSequence, {65010, 65020}}};
  CHECK(neighbor_as(p) == 65010);
  p.as_path->segments = {{wire::SegmentType::kSet, {65010, 65020}}};
  CHECK(neighbor_as(p) == 0);
}
