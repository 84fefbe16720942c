// FRR 8.4's text layouts: golden summary and route table (column widths, the state column,
// ECMP marks, the local route), and the detail, neighbor and Adj-RIB-Out views.
#include <catch2/catch.hpp>

#include "session_fixture.hpp"

using cfn::test::ShowFixture;

namespace {

std::string run_text(ShowFixture& f, std::string_view line) {
  const auto out = f.run(line);
  INFO(line << "\n" << out.output);
  REQUIRE(out.status == cfn::cli::Status::kSuccess);
  return out.output;
}

constexpr std::string_view kSummaryV4 =
    "BGP router identifier 10.80.1.1, local AS number 65001 vrf-id 0\n"
    "BGP table version 6\n"
    "RIB entries 4, using 768 bytes of memory\n"
    "Peers 4, using 1448 KiB of memory\n"
    "\n"
    "Neighbor        V         AS   MsgRcvd   MsgSent   TblVer  InQ OutQ  Up/Down State/PfxRcd   "
    "PfxSnt Desc\n"
    "10.80.1.2       4      65002         4         5        0    0    0 00:00:46            3   "
    "     4 bird-v4\n"
    "10.80.2.2       4      65003         6         6        0    0    0 2d03h04m            1   "
    "     3 gobgp route server\n"
    "2001:db8:80::2  4      65002         5         7        0    0    0 00:00:46            0   "
    "     4 N/A\n"
    "10.80.9.9       4      65009         0         0        0    0    0    never Idle (Admin)   "
    "     0 N/A\n"
    "\n"
    "Total number of neighbors 4\n";

constexpr std::string_view kTableHeader =
    "BGP table version is 6, local router ID is 10.80.1.1, vrf id 0\n"
    "Default local pref 100, local AS 65001\n"
    "Status codes:  s suppressed, d damped, h history, * valid, > best, = multipath,\n"
    "               i internal, r RIB-failure, S Stale, R Removed\n"
    "Nexthop codes: @NNN nexthop's vrf id, < announce-nh-self\n"
    "Origin codes:  i - IGP, e - EGP, ? - incomplete\n"
    "RPKI validation codes: V valid, I invalid, N Not found\n"
    "\n"
    "   Network          Next Hop            Metric LocPrf Weight Path\n";

constexpr std::string_view kTableRows =
    "*> 10.80.1.0/30     10.80.1.2                              0 65002 i\n"
    "*> 192.0.2.0/25     10.80.1.2                              0 65002 i\n"
    "*=                  10.80.2.2                              0 65003 i\n"
    "*> 198.51.100.0/24  0.0.0.0                  0         32768 i\n"
    "*> 203.0.113.0/24   10.80.1.2               50             0 65002 i\n"
    "\n"
    "Displayed  4 routes and 5 total paths\n";

}  // namespace

TEST_CASE("summary text in FRR's layout") {
  ShowFixture f;
  CHECK(run_text(f, "show bgp ipv4 unicast summary") == kSummaryV4);
  // Without a full family each family has its header; IPv6 lists its one peer.
  const std::string all = run_text(f, "show bgp summary");
  CHECK(all.starts_with("\nIPv4 Unicast Summary (VRF default):\n" + std::string(kSummaryV4)));
  CHECK(all.find("\nIPv6 Unicast Summary (VRF default):\n") != std::string::npos);
  CHECK(all.ends_with("\nTotal number of neighbors 1\n"));
  CHECK(run_text(f, "show ip bgp summary") ==
        "\nIPv4 Unicast Summary (VRF default):\n" + std::string(kSummaryV4));
}

TEST_CASE("route table text in FRR's layout") {
  ShowFixture f;
  CHECK(run_text(f, "show ip bgp") == std::string(kTableHeader) + std::string(kTableRows));
  CHECK(run_text(f, "show bgp ipv6 unicast") ==
        "BGP table version is 1, local router ID is 10.80.1.1, vrf id 0\n" +
            std::string(kTableHeader.substr(kTableHeader.find('\n') + 1)) +
            "*> 2001:db8:200::/48\n"
            "                    2001:db8:80::2                         0 65002 i\n"
            "\n"
            "Displayed  1 routes and 1 total paths\n");
  // One peer's paths; the count line still counts every path of the table.
  const std::string gobgp = run_text(f, "show bgp ipv4 unicast neighbors 10.80.2.2 routes");
  CHECK(
      gobgp.ends_with("\n   Network          Next Hop            Metric LocPrf Weight Path\n"
                      "*= 192.0.2.0/25     10.80.2.2                              0 65003 i\n"
                      "\n"
                      "Displayed  1 routes and 5 total paths\n"));
}

TEST_CASE("route detail text: paths, attributes and communities") {
  ShowFixture f;
  const std::string detail = run_text(f, "show ip bgp 203.0.113.0/24");
  CHECK(
      detail.starts_with("BGP routing table entry for 203.0.113.0/24, version 4\n"
                         "Paths: (1 available, best #1, table default)\n"
                         "  Advertised to non peer-group peers:\n"
                         "  10.80.2.2 2001:db8:80::2\n"
                         "  65002\n"
                         "    10.80.1.2 from 10.80.1.2 (10.80.1.2)\n"
                         "      Origin IGP, metric 50, valid, external, best (First path "
                         "received)\n"
                         "      Community: 65002:7 no-export\n"
                         "      Extended Community: RT:65002:1 LB:65002:125000 (1.000 Mbps) "
                         "UNK:131, 1\n"
                         "      Large Community: 65002:3:4\n"
                         "      Last update: "));
  const std::string local = run_text(f, "show ip bgp 198.51.100.1");
  CHECK(local.find("  Local\n    0.0.0.0 from 0.0.0.0 (10.80.1.1)\n      Origin IGP, metric 0, "
                   "weight 32768, valid, sourced, local, best (First path received)\n") !=
        std::string::npos);
  const std::string ecmp = run_text(f, "show ip bgp 192.0.2.0/25");
  CHECK(ecmp.find("valid, external, multipath, best (Router ID)\n") != std::string::npos);
  CHECK(ecmp.find("valid, external, multipath\n") != std::string::npos);
}

TEST_CASE("neighbor and advertised-routes text") {
  ShowFixture f;
  const std::string bird = run_text(f, "show bgp neighbors 10.80.1.2");
  CHECK(
      bird.starts_with("BGP neighbor is 10.80.1.2, remote AS 65002, local AS 65001, external "
                       "link\n"
                       " Description: bird-v4\n"
                       "  BGP version 4, remote router ID 10.80.1.2, local router ID "
                       "10.80.1.1\n"
                       "  BGP state = Established, up for 00:00:46\n"));
  CHECK(bird.find("    4 Byte AS: advertised and received\n") != std::string::npos);
  CHECK(bird.find("    Route refresh: advertised and received(new)\n") != std::string::npos);
  CHECK(bird.find("                         Sent       Rcvd\n"
                  "    Opens:                  1          1\n"
                  "    Notifications:          0          0\n"
                  "    Updates:                3          2\n") != std::string::npos);
  CHECK(bird.find(" For address family: IPv4 Unicast\n  3 accepted prefixes\n") !=
        std::string::npos);
  CHECK(bird.find("Foreign host: 10.80.1.2, Foreign port: 179\n") != std::string::npos);
  const std::string every = run_text(f, "show bgp vrf all neighbors");
  CHECK(every.find("BGP neighbor is 10.80.9.9, remote AS 65009") != std::string::npos);
  CHECK(every.find("  Administratively shut down\n") != std::string::npos);

  CHECK(run_text(f, "show bgp ipv4 unicast neighbors 10.80.1.2 advertised-routes")
            .ends_with("*> 192.0.2.0/25     10.80.1.1                              0 65001 "
                       "65003 i\n"
                       "*> 198.51.100.0/24  10.80.1.1                0             0 65001 i\n"
                       "\n"
                       "Total number of prefixes 2\n"));
}
