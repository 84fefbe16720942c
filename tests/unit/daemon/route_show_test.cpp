// Golden tests of `show ip route [json]` / `show ipv6 route [json]` rendering: FRR's text
// layout (codes header, status characters, multipath alignment) and JSON field names/types.
#include "libcfn/daemon/route_show.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using cfn::daemon::RouteShowInput;
using cfn::fib::NexthopStatus;
using cfn::fib::RouteState;
using cfn::fib::RouteStatus;
using cfn::net::Family;
using namespace std::chrono_literals;
namespace netlink = cfn::netlink;

namespace {

const auto kNow = std::chrono::steady_clock::time_point(1000h);

cfn::net::IpAddress ip(std::string_view text) {
  return *cfn::net::IpAddress::parse(text);
}

std::pair<cfn::net::Prefix, RouteStatus> status(std::string_view prefix, std::uint8_t protocol,
                                                std::uint32_t metric,
                                                std::vector<netlink::NextHop> nexthops,
                                                RouteState state, std::chrono::seconds age) {
  netlink::Route route;
  route.prefix = *cfn::net::Prefix::parse(prefix);
  route.protocol = protocol;
  route.metric = metric;
  route.nexthops = std::move(nexthops);
  return {route.prefix,
          RouteStatus::from(route, state, state == RouteState::kFailed ? 101 : 0, kNow - age)};
}

struct Fixture {
  std::map<cfn::net::Prefix, RouteStatus> routes;
  std::map<std::uint32_t, NexthopStatus> nexthops;

  Fixture() {
    const auto bgp = netlink::kProtoCfnBgp;
    const auto ospf = netlink::kProtoCfnOspf;
    add(status("10.0.0.0/24", bgp, 20, {{ip("10.0.12.2"), 2, 1}}, RouteState::kInstalled, 5s));
    add(status("10.1.0.0/24", bgp, 20, {{ip("10.0.12.2"), 2, 3}, {ip("10.0.13.2"), 3, 1}},
               RouteState::kInstalled, 3661s));
    add(status("10.2.0.0/24", ospf, 110, {{std::nullopt, 3, 1}}, RouteState::kPending, 0s));
    add(status("10.3.0.0/24", bgp, 200, {{ip("10.9.9.9"), 0, 1}}, RouteState::kFailed, 59s));
    auto grouped = status("10.4.0.0/24", bgp, 20, {}, RouteState::kInstalled, 7s);
    grouped.second.nexthop_id = 10;
    add(grouped);
    add(status("2001:db8:99::/48", bgp, 20, {{ip("fe80::1"), 2, 1}}, RouteState::kInstalled,
               2 * 24h + 3h + 4min));
    netlink::NexthopObject group;
    group.id = 10;
    group.group = {{11, 2}, {12, 1}};
    netlink::NexthopObject a;
    a.id = 11;
    a.gateway = ip("10.0.12.2");
    a.ifindex = 2;
    netlink::NexthopObject b;
    b.id = 12;
    b.gateway = ip("10.0.13.2");
    b.ifindex = 3;
    for (const auto& object : {group, a, b}) {
      nexthops[object.id] = {object, RouteState::kInstalled, 0, kNow};
    }
  }

  void add(std::pair<cfn::net::Prefix, RouteStatus> s) { routes.insert(std::move(s)); }

  RouteShowInput input() const {
    return {routes, nexthops,
            [](std::uint32_t ifindex) -> std::string {
              if (ifindex == 2) return "r1-r2";
              if (ifindex == 3) return "r1-r3";
              return "";
            },
            kNow};
  }
};

constexpr std::string_view kExpectedV4Text =
    R"(Codes: K - kernel route, C - connected, S - static, R - RIP,
       O - OSPF, I - IS-IS, B - BGP, E - EIGRP, N - NHRP,
       T - Table, v - VNC, V - VNC-Direct, A - Babel, F - PBR,
       f - OpenFabric,
       > - selected route, * - FIB route, q - queued, r - rejected, b - backup
       t - trapped, o - offload failure

B>* 10.0.0.0/24 [20/0] via 10.0.12.2, r1-r2, weight 1, 00:00:05
B>* 10.1.0.0/24 [20/0] via 10.0.12.2, r1-r2, weight 3, 01:01:01
  *                    via 10.0.13.2, r1-r3, weight 1, 01:01:01
O>q 10.2.0.0/24 [110/0] is directly connected, r1-r3, weight 1, 00:00:00
B>r 10.3.0.0/24 [200/0] via 10.9.9.9 inactive, weight 1, 00:00:59
B>* 10.4.0.0/24 [20/0] via 10.0.12.2, r1-r2, weight 2, 00:00:07
  *                    via 10.0.13.2, r1-r3, weight 1, 00:00:07
)";

constexpr std::string_view kExpectedV6Text =
    R"(Codes: K - kernel route, C - connected, S - static, R - RIPng,
       O - OSPFv3, I - IS-IS, B - BGP, N - NHRP, T - Table,
       v - VNC, V - VNC-Direct, A - Babel, F - PBR,
       f - OpenFabric,
       > - selected route, * - FIB route, q - queued, r - rejected, b - backup
       t - trapped, o - offload failure

B>* 2001:db8:99::/48 [20/0] via fe80::1, r1-r2, weight 1, 2d03h04m
)";

constexpr std::string_view kExpectedV4Json = R"({
  "10.0.0.0/24": [{
    "prefix": "10.0.0.0/24", "prefixLen": 24, "protocol": "bgp", "vrfId": 0,
    "vrfName": "default", "selected": true, "destSelected": true, "distance": 20,
    "metric": 0, "installed": true, "table": 254, "internalNextHopNum": 1,
    "internalNextHopActiveNum": 1, "uptime": "00:00:05",
    "nexthops": [{"flags": 3, "fib": true, "ip": "10.0.12.2", "afi": "ipv4",
                  "interfaceIndex": 2, "interfaceName": "r1-r2", "active": true, "weight": 1}]
  }],
  "10.1.0.0/24": [{
    "prefix": "10.1.0.0/24", "prefixLen": 24, "protocol": "bgp", "vrfId": 0,
    "vrfName": "default", "selected": true, "destSelected": true, "distance": 20,
    "metric": 0, "installed": true, "table": 254, "internalNextHopNum": 2,
    "internalNextHopActiveNum": 2, "uptime": "01:01:01",
    "nexthops": [{"flags": 3, "fib": true, "ip": "10.0.12.2", "afi": "ipv4",
                  "interfaceIndex": 2, "interfaceName": "r1-r2", "active": true, "weight": 3},
                 {"flags": 3, "fib": true, "ip": "10.0.13.2", "afi": "ipv4",
                  "interfaceIndex": 3, "interfaceName": "r1-r3", "active": true, "weight": 1}]
  }],
  "10.2.0.0/24": [{
    "prefix": "10.2.0.0/24", "prefixLen": 24, "protocol": "ospf", "vrfId": 0,
    "vrfName": "default", "selected": true, "destSelected": true, "distance": 110,
    "metric": 0, "queued": true, "table": 254, "internalNextHopNum": 1,
    "internalNextHopActiveNum": 1, "uptime": "00:00:00",
    "nexthops": [{"flags": 1, "directlyConnected": true, "interfaceIndex": 3,
                  "interfaceName": "r1-r3", "active": true, "weight": 1}]
  }],
  "10.3.0.0/24": [{
    "prefix": "10.3.0.0/24", "prefixLen": 24, "protocol": "bgp", "vrfId": 0,
    "vrfName": "default", "selected": true, "destSelected": true, "distance": 200,
    "metric": 0, "failed": true, "table": 254, "internalNextHopNum": 1,
    "internalNextHopActiveNum": 0, "uptime": "00:00:59",
    "nexthops": [{"flags": 0, "ip": "10.9.9.9", "afi": "ipv4", "weight": 1}]
  }],
  "10.4.0.0/24": [{
    "prefix": "10.4.0.0/24", "prefixLen": 24, "protocol": "bgp", "vrfId": 0,
    "vrfName": "default", "selected": true, "destSelected": true, "distance": 20,
    "metric": 0, "installed": true, "table": 254, "internalNextHopNum": 2,
    "internalNextHopActiveNum": 2, "nexthopGroupId": 10, "uptime": "00:00:07",
    "nexthops": [{"flags": 3, "fib": true, "ip": "10.0.12.2", "afi": "ipv4",
                  "interfaceIndex": 2, "interfaceName": "r1-r2", "active": true, "weight": 2},
                 {"flags": 3, "fib": true, "ip": "10.0.13.2", "afi": "ipv4",
                  "interfaceIndex": 3, "interfaceName": "r1-r3", "active": true, "weight": 1}]
  }]
})";

constexpr std::string_view kExpectedV6Json = R"({
  "2001:db8:99::/48": [{
    "prefix": "2001:db8:99::/48", "prefixLen": 48, "protocol": "bgp", "vrfId": 0,
    "vrfName": "default", "selected": true, "destSelected": true, "distance": 20,
    "metric": 0, "installed": true, "table": 254, "internalNextHopNum": 1,
    "internalNextHopActiveNum": 1, "uptime": "2d03h04m",
    "nexthops": [{"flags": 3, "fib": true, "ip": "fe80::1", "afi": "ipv6",
                  "interfaceIndex": 2, "interfaceName": "r1-r2", "active": true, "weight": 1}]
  }]
})";

// Compares as ordered JSON: same keys in the same order (FRR's), same values and types.
void check_json(const std::string& actual, std::string_view expected) {
  const auto got = nlohmann::ordered_json::parse(actual);
  const auto want = nlohmann::ordered_json::parse(expected);
  INFO(got.dump(2));
  CHECK(got == want);
}

}  // namespace

TEST_CASE("show ip route: FRR's text layout") {
  Fixture f;
  CHECK(cfn::daemon::show_routes_text(f.input(), Family::kV4) == kExpectedV4Text);
  CHECK(cfn::daemon::show_routes_text(f.input(), Family::kV6) == kExpectedV6Text);
}

TEST_CASE("show ip route json: FRR's field names, nesting and types") {
  Fixture f;
  check_json(cfn::daemon::show_routes_json(f.input(), Family::kV4), kExpectedV4Json);
  check_json(cfn::daemon::show_routes_json(f.input(), Family::kV6), kExpectedV6Json);
}

TEST_CASE("show ip route: no routes gives no text and an empty JSON object") {
  const std::map<cfn::net::Prefix, RouteStatus> routes;
  const std::map<std::uint32_t, NexthopStatus> nexthops;
  const RouteShowInput input{routes, nexthops, nullptr, kNow};
  CHECK(cfn::daemon::show_routes_text(input, Family::kV4).empty());
  CHECK(cfn::daemon::show_routes_json(input, Family::kV6) == "{}\n");
}

TEST_CASE("show ip route: unknown interfaces show as FRR's \"unknown\"") {
  Fixture f;
  RouteShowInput input = f.input();
  input.interface_name = nullptr;
  const std::string text = cfn::daemon::show_routes_text(input, Family::kV6);
  CHECK(text.find("via fe80::1, unknown, weight 1") != std::string::npos);
}

TEST_CASE("frr_uptime: hh:mm:ss, then days, then weeks") {
  using cfn::daemon::frr_uptime;
  CHECK(frr_uptime(0s) == "00:00:00");
  CHECK(frr_uptime(86399s) == "23:59:59");
  CHECK(frr_uptime(86400s) == "1d00h00m");
  CHECK(frr_uptime(6 * 86400s + 23h + 59min) == "6d23h59m");
  CHECK(frr_uptime(7 * 86400s) == "01w0d00h");
  CHECK(frr_uptime(17 * 86400s + 5h) == "02w3d05h");
  CHECK(frr_uptime(-5s) == "00:00:00");
}
