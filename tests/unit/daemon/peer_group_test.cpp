// Peer-groups: what a member's session uses (effective_neighbor: inheritance, override,
// activation), and how removing groups and memberships changes the config, as FRR does.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "bgpd-cfn/bgp_peer_group.hpp"
#include "tests/unit/daemon/daemon_test_support.hpp"

using cfn::bgp::Afi;
using cfn::bgp::BgpConfig;
using cfn::bgp::effective_neighbor;
using cfn::bgp::PeerKey;

namespace {

BgpConfig load_bgp(const std::string& text) {
  BothDaemons d;
  const std::string errors = d.load(text);
  INFO(errors);
  REQUIRE(errors.empty());
  return d.bgpd.running();
}

cfn::bgp::Neighbor effective(const BgpConfig& config, std::string_view peer) {
  return effective_neighbor(config, PeerKey::parse(peer));
}

const char* const kExample =
    "router bgp 65000\n"
    " neighbor LOAD peer-group\n"
    " neighbor LOAD remote-as 65001\n"
    " neighbor LOAD timers 1 3\n"
    " neighbor 100.64.0.11 peer-group LOAD\n"
    " neighbor 100.64.0.12 peer-group LOAD\n"
    " neighbor 100.64.0.2 remote-as 65002\n"
    " address-family ipv4 unicast\n"
    "  neighbor LOAD route-map NOTHING out\n"
    "  neighbor LOAD next-hop-self\n";

std::vector<std::string> peers(const BgpConfig& config) {
  std::vector<std::string> out;
  for (const auto& [key, neighbor] : config.neighbors) out.push_back(key.to_string());
  return out;
}

}  // namespace

TEST_CASE("a member takes its group's settings where it has none of its own") {
  const BgpConfig config = load_bgp(kExample);
  CHECK(cfn::bgp::is_peer_group(config.neighbors.at(PeerKey::parse("LOAD"))));
  const auto& stored = config.neighbors.at(PeerKey::parse("100.64.0.11"));
  CHECK_FALSE(cfn::bgp::is_peer_group(stored));
  CHECK(stored.remote_as.empty());  // the member keeps only its own settings
  CHECK_FALSE(stored.timers);

  const auto member = effective(config, "100.64.0.11");
  CHECK(member.peer_group == "LOAD");
  CHECK(member.remote_as == "65001");
  CHECK(member.timers == cfn::bgp::Timers{1, 3});
  CHECK(member.af[Afi::kIpv4].activate);
  CHECK(member.af[Afi::kIpv4].next_hop_self);
  CHECK(member.af[Afi::kIpv4].route_map_out == "NOTHING");
  CHECK_FALSE(member.af[Afi::kIpv6].activate);
  CHECK(effective(config, "100.64.0.12") == member);
  // Not a member: the neighbor as configured.
  CHECK(effective(config, "100.64.0.2") == config.neighbors.at(PeerKey::parse("100.64.0.2")));
}

TEST_CASE("a member's own settings override its group's; the description stays its own") {
  const std::string group =
      "router bgp 65000\n"
      " neighbor G peer-group\n"
      " neighbor G remote-as 65001\n"
      " neighbor G description group\n"
      " neighbor G passive\n"
      " neighbor G timers 1 3\n"
      " neighbor G timers connect 5\n"
      " neighbor G update-source lo\n"
      " neighbor G ebgp-multihop 4\n"
      " neighbor G shutdown message maintenance\n"
      " neighbor 10.0.0.1 peer-group G\n"
      " neighbor 10.0.0.1 timers 10 30\n"
      " neighbor 10.0.0.1 ebgp-multihop\n"
      " neighbor 10.0.0.2 peer-group G\n"
      " neighbor 10.0.0.2 description mine\n"
      " address-family ipv4 unicast\n"
      "  neighbor G route-map GIN in\n"
      "  neighbor G route-map GOUT out\n"
      "  neighbor G prefix-list GPL in\n"
      "  neighbor 10.0.0.1 route-map MINE out\n"
      "  neighbor 10.0.0.1 next-hop-self force\n";
  const BgpConfig config = load_bgp(group);
  const auto one = effective(config, "10.0.0.1");
  CHECK(one.remote_as == "65001");
  CHECK(one.timers == cfn::bgp::Timers{10, 30});
  CHECK(one.connect_timer == 5);
  CHECK(one.update_source == "lo");
  CHECK(one.ebgp_multihop == 255);
  CHECK_FALSE(one.description);
  CHECK(one.passive);
  CHECK(one.shutdown);
  CHECK(one.shutdown_message == "maintenance");
  const auto& one_v4 = one.af[Afi::kIpv4];
  CHECK(one_v4.route_map_in == "GIN");
  CHECK(one_v4.route_map_out == "MINE");
  CHECK(one_v4.prefix_list_in == "GPL");
  CHECK_FALSE(one_v4.prefix_list_out);
  CHECK((one_v4.next_hop_self && one_v4.next_hop_self_force));

  const auto two = effective(config, "10.0.0.2");
  CHECK(two.description == "mine");
  CHECK(two.timers == cfn::bgp::Timers{1, 3});
  CHECK(two.ebgp_multihop == 4);
  CHECK(two.af[Afi::kIpv4].route_map_out == "GOUT");
  CHECK_FALSE(two.af[Afi::kIpv4].next_hop_self);

  // Removing the override falls back to the group's value.
  const BgpConfig reverted =
      load_bgp(group + " exit-address-family\n no neighbor 10.0.0.1 timers\n");
  CHECK(effective(reverted, "10.0.0.1").timers == cfn::bgp::Timers{1, 3});
}

TEST_CASE(
    "activation: the group's is copied on binding, follows the group, and a member may "
    "differ") {
  SECTION("no bgp default ipv4-unicast: binding takes the group's (inactive) state") {
    const BgpConfig config = load_bgp(
        "router bgp 65000\n no bgp default ipv4-unicast\n neighbor G peer-group\n"
        " neighbor G remote-as 5\n neighbor 10.0.0.1 remote-as 5\n"
        " address-family ipv4 unicast\n  neighbor 10.0.0.1 activate\n exit-address-family\n"
        " neighbor 10.0.0.1 peer-group G\n neighbor 10.0.0.2 peer-group G\n"
        " address-family ipv4 unicast\n  neighbor 10.0.0.2 activate\n");
    CHECK_FALSE(effective(config, "G").af[Afi::kIpv4].activate);
    CHECK_FALSE(effective(config, "10.0.0.1").af[Afi::kIpv4].activate);
    CHECK(effective(config, "10.0.0.2").af[Afi::kIpv4].activate);
    // FRR 8.4.4 prints this state so:
    CHECK(cfn::bgp::print_bgp_config(config) ==
          "router bgp 65000\n no bgp default ipv4-unicast\n neighbor G peer-group\n"
          " neighbor G remote-as 5\n neighbor 10.0.0.1 peer-group G\n"
          " neighbor 10.0.0.2 peer-group G\n address-family ipv4 unicast\n"
          "  neighbor 10.0.0.2 activate\n exit-address-family\nexit\n");
  }
  SECTION("default ipv4-unicast: (de)activating the group (de)activates its members") {
    const BgpConfig config = load_bgp(
        "router bgp 65000\n neighbor G peer-group\n neighbor G remote-as 5\n"
        " neighbor 10.0.0.1 peer-group G\n neighbor 10.0.0.2 peer-group G\n"
        " address-family ipv6 unicast\n  neighbor G activate\n  no neighbor 10.0.0.2 activate\n"
        " exit-address-family\n address-family ipv4 unicast\n  no neighbor G activate\n");
    for (const char* member : {"10.0.0.1", "10.0.0.2"}) {
      INFO(member);
      CHECK_FALSE(effective(config, member).af[Afi::kIpv4].activate);
    }
    CHECK(effective(config, "10.0.0.1").af[Afi::kIpv6].activate);
    CHECK_FALSE(effective(config, "10.0.0.2").af[Afi::kIpv6].activate);
    CHECK(cfn::bgp::print_bgp_config(config) ==
          "router bgp 65000\n neighbor G peer-group\n neighbor G remote-as 5\n"
          " neighbor 10.0.0.1 peer-group G\n neighbor 10.0.0.2 peer-group G\n"
          " address-family ipv4 unicast\n  no neighbor G activate\n exit-address-family\n"
          " address-family ipv6 unicast\n  neighbor G activate\n"
          "  no neighbor 10.0.0.2 activate\n exit-address-family\nexit\n");
  }
}

TEST_CASE("removing a peer-group or a membership removes the members, as FRR does") {
  using Peers = std::vector<std::string>;
  CHECK(peers(load_bgp(kExample)) == Peers{"LOAD", "100.64.0.2", "100.64.0.11", "100.64.0.12"});
  CHECK(peers(load_bgp(std::string(kExample) +
                       " exit-address-family\n no neighbor LOAD peer-group\n")) ==
        Peers{"100.64.0.2"});
  CHECK(peers(load_bgp(std::string(kExample) + " exit-address-family\n no neighbor LOAD\n")) ==
        Peers{"100.64.0.2"});
  CHECK(peers(load_bgp(std::string(kExample) +
                       " exit-address-family\n no neighbor 100.64.0.11 peer-group LOAD\n")) ==
        Peers{"LOAD", "100.64.0.2", "100.64.0.12"});
}

TEST_CASE("a group's remote-as replaces its members' own, as in FRR") {
  const std::string member_first =
      "router bgp 65000\n neighbor G peer-group\n neighbor 10.0.0.1 remote-as 7\n"
      " neighbor 10.0.0.1 peer-group G\n";
  const BgpConfig own = load_bgp(member_first);
  CHECK(effective(own, "10.0.0.1").remote_as == "7");
  const BgpConfig replaced = load_bgp(member_first + " neighbor G remote-as 5\n");
  CHECK(effective(replaced, "10.0.0.1").remote_as == "5");
  const BgpConfig bound_later = load_bgp(
      "router bgp 65000\n neighbor G peer-group\n neighbor G remote-as 5\n"
      " neighbor 10.0.0.1 remote-as 6\n neighbor 10.0.0.1 peer-group G\n");
  CHECK(effective(bound_later, "10.0.0.1").remote_as == "5");
  CHECK(cfn::bgp::print_bgp_config(bound_later) == cfn::bgp::print_bgp_config(replaced));
}
