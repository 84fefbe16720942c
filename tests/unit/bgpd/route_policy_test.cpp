// Tests for neighbor policy with FRR semantics: prefix-list entries (exact, ge, le, any), first
// match wins, implicit deny, a missing list permits; route-map entries in sequence order with
// match prefix-list and set metric / local-preference, a missing route-map denies.
#include <catch2/catch.hpp>

#include "bgpd-cfn/route_policy.hpp"
#include "tests/unit/address_literals.hpp"

using namespace cfn::bgp;
using cfn::daemon::CommonConfig;
using cfn::daemon::PrefixListEntry;
using cfn::daemon::RouteMapEntry;
using cfn::test::addr;
using cfn::test::pfx;

namespace {

PrefixListEntry entry(bool permit, std::optional<std::string_view> prefix,
                      std::optional<int> ge = std::nullopt, std::optional<int> le = std::nullopt) {
  return {permit, prefix ? std::optional(pfx(*prefix)) : std::nullopt, ge, le};
}

RouteMapEntry map_entry(bool permit, std::optional<std::string> match,
                        std::optional<std::uint32_t> metric,
                        std::optional<std::uint32_t> local_preference) {
  return {permit, std::move(match), metric, local_preference};
}

PolicyRefs route_map(std::string name) {
  return {std::nullopt, std::move(name)};
}

bool permits(const CommonConfig& config, const std::string& list, std::string_view prefix) {
  return prefix_list_permits(config, list, pfx(prefix));
}

wire::PathAttributes attributes() {
  wire::PathAttributes a;
  a.origin = wire::Origin::kIgp;
  a.as_path = wire::AsPath{{wire::AsPathSegment{wire::SegmentType::kSequence, {65002}}}};
  a.next_hop = addr("192.0.2.2");
  a.med = 5;
  return a;
}

}  // namespace

TEST_CASE("Prefix-list entry without ge/le matches the exact prefix only", "[bgpd][policy]") {
  CommonConfig config;
  config.prefix_lists["EXACT"] = {{5, entry(true, "10.0.0.0/8")}};
  CHECK(permits(config, "EXACT", "10.0.0.0/8"));
  CHECK_FALSE(permits(config, "EXACT", "10.1.0.0/16"));  // more specific
  CHECK_FALSE(permits(config, "EXACT", "0.0.0.0/0"));    // less specific
  CHECK_FALSE(permits(config, "EXACT", "11.0.0.0/8"));
  CHECK_FALSE(permits(config, "EXACT", "::/0"));  // the other family
}

TEST_CASE("Prefix-list ge and le bound the length inside the prefix", "[bgpd][policy]") {
  CommonConfig config;
  config.prefix_lists["GE"] = {{5, entry(true, "10.0.0.0/8", 24)}};  // le: the address size
  config.prefix_lists["LE"] = {{5, entry(true, "10.0.0.0/8", std::nullopt, 16)}};  // ge: 8
  config.prefix_lists["RANGE"] = {{5, entry(true, "10.0.0.0/8", 16, 24)}};
  config.prefix_lists["V6"] = {{5, entry(true, "2001:db8::/32", std::nullopt, 48)}};

  CHECK_FALSE(permits(config, "GE", "10.0.0.0/8"));
  CHECK_FALSE(permits(config, "GE", "10.1.0.0/23"));
  CHECK(permits(config, "GE", "10.1.2.0/24"));
  CHECK(permits(config, "GE", "10.1.2.3/32"));
  CHECK_FALSE(permits(config, "GE", "11.1.2.0/24"));

  CHECK(permits(config, "LE", "10.0.0.0/8"));
  CHECK(permits(config, "LE", "10.1.0.0/16"));
  CHECK_FALSE(permits(config, "LE", "10.1.2.0/24"));
  CHECK_FALSE(permits(config, "LE", "0.0.0.0/0"));

  CHECK_FALSE(permits(config, "RANGE", "10.0.0.0/15"));
  CHECK(permits(config, "RANGE", "10.0.0.0/16"));
  CHECK(permits(config, "RANGE", "10.0.0.0/24"));
  CHECK_FALSE(permits(config, "RANGE", "10.0.0.0/25"));

  CHECK(permits(config, "V6", "2001:db8::/32"));
  CHECK(permits(config, "V6", "2001:db8:1::/48"));
  CHECK_FALSE(permits(config, "V6", "2001:db8:1::/64"));
  CHECK_FALSE(permits(config, "V6", "10.0.0.0/8"));
}

TEST_CASE("Prefix-list: first match by sequence wins, nothing matched denies", "[bgpd][policy]") {
  CommonConfig config;
  // Inserted out of order: the sequence numbers decide.
  config.prefix_lists["L"][20] = entry(true, "10.0.0.0/8", std::nullopt, 32);
  config.prefix_lists["L"][10] = entry(false, "10.1.0.0/16", std::nullopt, 32);
  CHECK_FALSE(permits(config, "L", "10.1.2.0/24"));  // seq 10 denies before seq 20 permits
  CHECK(permits(config, "L", "10.2.0.0/16"));
  CHECK_FALSE(permits(config, "L", "192.0.2.0/24"));  // implicit deny
  CHECK_FALSE(permits(config, "L", "2001:db8::/32"));

  config.prefix_lists["ANY"] = {{5, entry(false, "192.0.2.0/24")}, {10, entry(true, {})}};
  CHECK_FALSE(permits(config, "ANY", "192.0.2.0/24"));
  CHECK(permits(config, "ANY", "198.51.100.0/24"));
  CHECK(permits(config, "ANY", "2001:db8::/32"));  // any: both families
  CHECK(permits(config, "ANY", "0.0.0.0/0"));

  config.prefix_lists["EMPTY"];  // exists without entries: denies everything
  CHECK_FALSE(permits(config, "EMPTY", "10.0.0.0/8"));
}

TEST_CASE("A prefix-list that does not exist permits everything", "[bgpd][policy]") {
  const CommonConfig config;
  CHECK(permits(config, "NOPE", "10.0.0.0/8"));
  PolicyRefs refs;
  refs.prefix_list = "NOPE";
  const auto out = apply_policy(config, refs, pfx("10.0.0.0/8"), attributes());
  REQUIRE(out);
  CHECK(*out == attributes());
}

TEST_CASE("No policy passes the attributes unchanged; the prefix-list filters first",
          "[bgpd][policy]") {
  CommonConfig config;
  config.prefix_lists["ONLY10"] = {{5, entry(true, "10.0.0.0/8", std::nullopt, 32)}};
  config.route_maps[{"ALL", 10}] = map_entry(true, std::nullopt, 77, std::nullopt);
  CHECK(apply_policy(config, {}, pfx("192.0.2.0/24"), attributes()) == attributes());

  PolicyRefs refs{"ONLY10", "ALL"};
  CHECK_FALSE(apply_policy(config, refs, pfx("192.0.2.0/24"), attributes()));
  const auto out = apply_policy(config, refs, pfx("10.1.0.0/16"), attributes());
  REQUIRE(out);
  CHECK(out->med == 77u);
}

TEST_CASE("Route-map: entries in sequence order, match prefix-list, set, deny", "[bgpd][policy]") {
  CommonConfig config;
  config.prefix_lists["TEN"] = {{5, entry(true, "10.0.0.0/8", std::nullopt, 32)}};
  config.prefix_lists["BLOCK"] = {{5, entry(true, "10.66.0.0/16", std::nullopt, 32)}};
  config.route_maps[{"RM", 30}] = map_entry(true, std::nullopt, std::nullopt, 50);
  config.route_maps[{"RM", 20}] = map_entry(true, "TEN", 100, 200);
  config.route_maps[{"RM", 10}] = map_entry(false, "BLOCK", std::nullopt, std::nullopt);
  // Another map whose name sorts next to it must not leak in.
  config.route_maps[{"RM2", 1}] = map_entry(false, std::nullopt, std::nullopt, std::nullopt);
  config.route_maps[{"RL", 1}] = map_entry(false, std::nullopt, std::nullopt, std::nullopt);
  const PolicyRefs refs = route_map("RM");

  CHECK_FALSE(apply_policy(config, refs, pfx("10.66.1.0/24"), attributes()));  // seq 10

  const auto ten = apply_policy(config, refs, pfx("10.1.0.0/16"), attributes());  // seq 20
  REQUIRE(ten);
  wire::PathAttributes expected = attributes();
  expected.med = 100;
  expected.local_pref = 200;
  CHECK(*ten == expected);

  // No match clause: seq 30 matches everything else; only local-preference changes.
  const auto other = apply_policy(config, refs, pfx("192.0.2.0/24"), attributes());
  REQUIRE(other);
  expected = attributes();
  expected.local_pref = 50;
  CHECK(*other == expected);
}

TEST_CASE(
    "Route-map: nothing matched denies, a missing map denies, a missing match list "
    "does not match",
    "[bgpd][policy]") {
  CommonConfig config;
  config.prefix_lists["TEN"] = {{5, entry(true, "10.0.0.0/8", std::nullopt, 32)}};
  config.route_maps[{"ONLY", 10}] = map_entry(true, "TEN", std::nullopt, std::nullopt);
  config.route_maps[{"GHOST", 10}] = map_entry(true, "NOPE", std::nullopt, std::nullopt);

  CHECK(apply_policy(config, route_map("ONLY"), pfx("10.0.0.0/8"), attributes()));
  CHECK_FALSE(apply_policy(config, route_map("ONLY"), pfx("192.0.2.0/24"), attributes()));
  CHECK_FALSE(apply_policy(config, route_map("MISSING"), pfx("10.0.0.0/8"), attributes()));
  CHECK_FALSE(apply_policy(config, route_map("GHOST"), pfx("10.0.0.0/8"), attributes()));
}

TEST_CASE("Inbound and outbound policy come from the neighbor's family settings",
          "[bgpd][policy]") {
  NeighborAf af;
  af.prefix_list_in = "PIN";
  af.route_map_out = "ROUT";
  CHECK(inbound_policy(af) == PolicyRefs{"PIN", std::nullopt});
  CHECK(outbound_policy(af) == PolicyRefs{std::nullopt, "ROUT"});
  CHECK_FALSE(inbound_policy(af).empty());
  CHECK(inbound_policy(NeighborAf{}).empty());
}

TEST_CASE("A policy depends on the prefix only through prefix-lists", "[bgpd][policy]") {
  CommonConfig config;
  config.route_maps[{"SETS", 10}] = RouteMapEntry{.permit = true,
                                                  .match_prefix_list = std::nullopt,
                                                  .set_metric = 5,
                                                  .set_local_preference = std::nullopt};
  config.route_maps[{"MATCHES", 10}] = RouteMapEntry{.permit = false,
                                                     .match_prefix_list = "P",
                                                     .set_metric = std::nullopt,
                                                     .set_local_preference = std::nullopt};
  CHECK_FALSE(prefix_dependent(config, PolicyRefs{std::nullopt, "SETS"}));
  CHECK_FALSE(prefix_dependent(config, PolicyRefs{std::nullopt, "MISSING"}));
  CHECK(prefix_dependent(config, PolicyRefs{std::nullopt, "MATCHES"}));
  CHECK(prefix_dependent(config, PolicyRefs{"P", std::nullopt}));
  CHECK_FALSE(prefix_dependent(config, PolicyRefs{}));
}
