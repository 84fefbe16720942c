// JSON of every BGP show command against FRR 8.4's own output (fixtures/, from
// ../shared/frr-json): every key path of the sample that we model exists in ours with the
// same JSON type; values are checked against the fake speaker's data.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "json_shape.hpp"
#include "session_fixture.hpp"

using cfn::test::ShowFixture;
using nlohmann::json;

namespace {

json sample(const std::string& name) {
  std::ifstream in(std::string(FIXTURES) + "/" + name);
  REQUIRE(in);
  return json::parse(in);
}

json run_json(ShowFixture& f, std::string_view line,
              cfn::cli::Status status = cfn::cli::Status::kSuccess) {
  const auto out = f.run(line);
  INFO(line << "\n" << out.output);
  REQUIRE(out.status == status);
  return json::parse(out.output);
}

// What FRR shows and we do not model (so do not print): graceful restart, add-path,
// long-lived GR, hostname capability, roles, update groups, per-read/write timers, the
// next hops FRR would send, thread states, conditional advertisement, the nexthop hostname.
const std::set<std::string> kOmitted = {
    "localRole",
    "remoteRole",
    "bgpTimerLastRead",
    "bgpTimerLastWrite",
    "bgpInUpdateElapsedTimeMsecs",
    "extendedOptionalParametersLength",
    "bgpTimerConfiguredConditionalAdvertisementsSec",
    "addPath",
    "longLivedGracefulRestart",
    "longLivedGracefulRestartByPeer",
    "enhancedRouteRefresh",
    "hostName",
    "gracefulRestart",
    "gracefulRestartRemoteTimerMsecs",
    "addressFamiliesByPeer",
    "gracefulRestartInfo",
    "minBtwnAdvertisementRunsTimerMsecs",
    "updateGroupId",
    "subGroupId",
    "packetQueueLength",
    "commAttriSentToNbr",
    "lastResetCode",
    "externalBgpNbrMaxHopsAway",
    "nexthop",
    "nexthopGlobal",
    "nexthopLocal",
    "bgpConnection",
    "readThread",
    "writeThread",
    "hostname",
};

void check_shape(ShowFixture& f, std::string_view line, const std::string& sample_name) {
  const json ours = run_json(f, line);
  INFO(line << "\n" << ours.dump(2));
  const auto differences = cfn::test::shape_differences(sample(sample_name), ours, kOmitted);
  CHECK(differences == std::set<std::string>{});
}

}  // namespace

TEST_CASE("the shape checker sees a missing key, a type change and an omitted key") {
  const json want = json::parse(R"({"a":{"10.0.0.1":{"x":1,"y":"s","gracefulRestart":true}}})");
  const json got = json::parse(R"({"a":{"192.0.2.1":{"x":"1"}}})");
  const auto d = cfn::test::shape_differences(want, got, {"gracefulRestart"});
  CHECK(d == std::set<std::string>{"a.*.x: want integer, got string",
                                   "a.*.y: want string, got nothing"});
}

TEST_CASE("JSON keys and types match FRR 8.4's samples") {
  ShowFixture f;
  check_shape(f, "show bgp summary json", "show_bgp_summary_json.json");
  check_shape(f, "show bgp vrf all ipv4 unicast summary json",
              "show_bgp_vrf_all_ipv4_unicast_summary_json.json");
  check_shape(f, "show bgp vrf all ipv6 unicast summary json",
              "show_bgp_vrf_all_ipv6_unicast_summary_json.json");
  check_shape(f, "show bgp vrf all neighbors json", "show_bgp_vrf_all_neighbors_json.json");
  check_shape(f, "show ip bgp json", "show_ip_bgp_json.json");
  check_shape(f, "show bgp ipv6 unicast json", "show_bgp_ipv6_unicast_json.json");
  check_shape(f, "show ip bgp 203.0.113.0/24 json", "show_ip_bgp_203.0.113.0_24_json.json");
  check_shape(f, "show bgp ipv4 unicast neighbors 10.80.1.2 advertised-routes json",
              "show_bgp_ipv4_unicast_neighbors_10.80.1.2_advertised-routes_json.json");
  check_shape(f, "show bgp ipv4 unicast neighbors 10.80.1.2 routes json",
              "show_bgp_ipv4_unicast_neighbors_10.80.1.2_routes_json.json");
}

TEST_CASE("summary JSON: nesting by family and vrf, peer values") {
  ShowFixture f;
  const json all = run_json(f, "show bgp summary json");
  CHECK(all.size() == 2);
  const json& v4 = all.at("ipv4Unicast");
  CHECK(v4.at("routerId") == "10.80.1.1");
  CHECK(v4.at("as") == 65001);
  CHECK(v4.at("ribCount") == 4);
  CHECK(v4.at("peerCount") == 4);
  CHECK(v4.at("failedPeers") == 1);
  CHECK(v4.at("bestPath").at("multiPathRelax") == "true");
  const json& bird = v4.at("peers").at("10.80.1.2");
  CHECK(bird.at("msgRcvd") == 4);
  CHECK(bird.at("msgSent") == 5);
  CHECK(bird.at("pfxRcd") == 3);
  CHECK(bird.at("pfxSnt") == 4);
  CHECK(bird.at("peerUptime") == "00:00:46");
  CHECK(bird.at("peerUptimeMsec") == 46000);
  CHECK(bird.at("state") == "Established");
  CHECK(bird.at("peerState") == "OK");
  CHECK(bird.at("desc") == "bird-v4");
  CHECK(bird.at("idType") == "ipv4");
  const json& down = v4.at("peers").at("10.80.9.9");
  CHECK(down.at("state") == "Idle (Admin)");
  CHECK(down.at("peerState") == "Admin");
  CHECK(down.at("peerUptime") == "never");
  CHECK_FALSE(down.contains("peerUptimeEstablishedEpoch"));
  // IPv6 lists only the peer the family is active on.
  CHECK(all.at("ipv6Unicast").at("peers").size() == 1);
  CHECK(all.at("ipv6Unicast").at("peers").at("2001:db8:80::2").at("idType") == "ipv6");

  // A full family: no nesting; `vrf all`: under "default"; `show ip bgp summary`: IPv4 only,
  // nested as FRR's SAFI wildcard does.
  CHECK(run_json(f, "show bgp ipv6 unicast summary json").at("peerCount") == 1);
  CHECK(run_json(f, "show bgp vrf all ipv4 unicast summary json").at("default").at("peerCount") ==
        4);
  const json ip = run_json(f, "show ip bgp summary json");
  CHECK(ip.size() == 1);
  CHECK(ip.contains("ipv4Unicast"));
  CHECK(run_json(f, "show bgp vrf default ipv6 summary json").contains("ipv6Unicast"));
}

TEST_CASE("neighbors JSON: link type, timers, capabilities, counters, endpoints") {
  ShowFixture f;
  const json all = run_json(f, "show bgp vrf all neighbors json").at("default");
  CHECK(all.at("vrfName") == "default");
  const json& bird = all.at("10.80.1.2");
  CHECK(bird.at("nbrExternalLink") == true);
  CHECK(bird.at("bgpTimerUpString") == "00:00:46");
  CHECK(bird.at("bgpTimerHoldTimeMsecs") == 180000);
  CHECK(bird.at("neighborCapabilities").at("4byteAs") == "advertisedAndReceived");
  CHECK(bird.at("neighborCapabilities").at("extendedMessage") == "advertised");
  CHECK(bird.at("neighborCapabilities").at("routeRefresh") == "advertisedAndReceivedNew");
  CHECK(bird.at("messageStats").at("updatesSent") == 3);
  CHECK(bird.at("messageStats").at("totalRecv") == 4);
  CHECK(bird.at("addressFamilyInfo").at("ipv4Unicast").at("acceptedPrefixCounter") == 3);
  CHECK_FALSE(bird.at("addressFamilyInfo").contains("ipv6Unicast"));
  CHECK(bird.at("portForeign") == 179);
  const json& down = all.at("10.80.9.9");
  CHECK(down.at("bgpState") == "Idle");
  CHECK_FALSE(down.contains("neighborCapabilities"));
  CHECK_FALSE(down.contains("hostLocal"));

  const json one = run_json(f, "show bgp neighbors 2001:db8:80::2 json");
  CHECK(one.size() == 1);
  CHECK(one.at("2001:db8:80::2").at("addressFamilyInfo").size() == 2);
  CHECK(run_json(f, "show bgp neighbors 10.9.9.9 json", cfn::cli::Status::kWarning) ==
        json{{"bgpNoSuchNeighbor", true}});
}

TEST_CASE("route JSON: table paths, ECMP, local route, detail with communities") {
  ShowFixture f;
  const json table = run_json(f, "show ip bgp json");
  CHECK(table.at("routes").size() == 4);
  const json& ecmp = table.at("routes").at("192.0.2.0/25");
  REQUIRE(ecmp.size() == 2);
  CHECK(ecmp[0].at("bestpath") == true);
  CHECK(ecmp[0].at("multipath") == true);
  CHECK_FALSE(ecmp[1].contains("bestpath"));
  CHECK(ecmp[1].at("multipath") == true);
  CHECK(ecmp[1].at("peerId") == "10.80.2.2");
  const json& local = table.at("routes").at("198.51.100.0/24")[0];
  CHECK(local.at("peerId") == "(unspec)");
  CHECK(local.at("weight") == 32768);
  CHECK(local.at("path") == "");
  CHECK(local.at("nexthops")[0].at("ip") == "0.0.0.0");

  const json detail = run_json(f, "show ip bgp 203.0.113.0/24 json");
  const json& path = detail.at("paths")[0];
  CHECK(path.at("metric") == 50);
  CHECK(path.at("community").at("string") == "65002:7 no-export");
  CHECK(path.at("community").at("list") == json{"65002:7", "noExport"});
  CHECK(path.at("largeCommunity").at("list") == json{"65002:3:4"});
  CHECK(path.at("extendedCommunity").at("string") ==
        "RT:65002:1 LB:65002:125000 (1.000 Mbps) UNK:131, 1");
  CHECK(path.at("bestpath").at("selectionReason") == "First path received");
  CHECK(path.at("aspath").at("segments")[0].at("type") == "as-sequence");
  CHECK(path.at("peer").at("type") == "external");
  CHECK(detail.at("advertisedTo").size() == 2);

  // An address finds the longest match; the v6 table carries the IPv6 next hop's scope.
  CHECK(run_json(f, "show ip bgp 203.0.113.77 json").at("prefix") == "203.0.113.0/24");
  CHECK(run_json(f, "show bgp ipv6 json")
            .at("routes")
            .at("2001:db8:200::/48")[0]
            .at("nexthops")[0]
            .at("scope") == "global");
  CHECK(run_json(f, "show ip bgp 10.99.0.0/16 json", cfn::cli::Status::kWarning).empty());
}

TEST_CASE("neighbor routes JSON: one peer's paths, Adj-RIB-Out and Adj-RIB-In") {
  ShowFixture f;
  const json routes = run_json(f, "show bgp ipv4 unicast neighbors 10.80.2.2 routes json");
  CHECK(routes.at("routes").size() == 1);
  CHECK(routes.at("routes").at("192.0.2.0/25").size() == 1);

  const json sent = run_json(f, "show bgp ipv4 neighbors 10.80.1.2 advertised-routes json");
  CHECK(sent.at("totalPrefixCounter") == 2);
  CHECK(sent.at("advertisedRoutes").at("192.0.2.0/25").at("path") == "65001 65003");
  CHECK(sent.at("advertisedRoutes").at("198.51.100.0/24").at("nextHop") == "10.80.1.1");

  const json received =
      run_json(f, "show bgp ipv4 unicast neighbors 10.80.1.2 received-routes json");
  CHECK(received.at("receivedRoutes").size() == 3);
  CHECK(received.at("totalPrefixCounter") == 3);

  CHECK(run_json(f, "show bgp ipv6 unicast neighbors 10.80.1.2 routes json",
                 cfn::cli::Status::kWarning) ==
        json{{"warning", "No such neighbor or address family"}});
}
