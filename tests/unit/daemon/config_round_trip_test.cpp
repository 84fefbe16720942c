// Config round trip: a non-canonical integrated config prints as the golden canonical file,
// and print -> load -> print gives the same text; every owned command has a handler.
#include <catch2/catch.hpp>

#include "tests/unit/daemon/daemon_test_support.hpp"

TEST_CASE("every command a daemon owns has a handler") {
  BothDaemons d;
  CHECK(d.bgpd.table().unbound(cfn::cli::cfn_grammar()).empty());
  CHECK(d.ospfd.table().unbound(cfn::cli::cfn_grammar()).empty());
}

TEST_CASE("non-canonical config prints as the golden canonical config") {
  BothDaemons d;
  REQUIRE(d.load(read_text(CFN_GOLDEN_DIR "/noncanonical.conf")) == "");
  CHECK(d.running_config() == read_text(CFN_GOLDEN_DIR "/canonical.conf"));
}

TEST_CASE("print -> load -> print is stable, and gives the same state") {
  BothDaemons first;
  REQUIRE(first.load(read_text(CFN_GOLDEN_DIR "/noncanonical.conf")) == "");
  const std::string printed = first.running_config();

  BothDaemons second;
  REQUIRE(second.load(printed) == "");
  CHECK(second.running_config() == printed);
  CHECK(second.bgpd.running() == first.bgpd.running());
  CHECK(second.ospfd.running() == first.ospfd.running());
  CHECK(second.bgpd.running_common() == first.bgpd.running_common());
}

TEST_CASE("each daemon keeps only its own sections") {
  BothDaemons d;
  REQUIRE(d.load(read_text(CFN_GOLDEN_DIR "/canonical.conf")) == "");
  const std::string bgp = d.bgpd.daemon().running_config();
  const std::string ospf = d.ospfd.daemon().running_config();
  CHECK(bgp.find("router bgp 65001") != std::string::npos);
  CHECK(bgp.find("router ospf") == std::string::npos);
  CHECK(bgp.find("ip ospf cost") == std::string::npos);
  CHECK(ospf.find("router ospf") != std::string::npos);
  CHECK(ospf.find("router bgp") == std::string::npos);
  CHECK(ospf.find("hostname r1") != std::string::npos);
}

TEST_CASE("peer-group configs print in FRR's layout and order, and load back the same") {
  struct Case {
    const char* typed;   // as a person types it, FRR commands in any order
    const char* golden;  // what FRR 8.4.4 prints for it (checked with /usr/lib/frr/bgpd)
  };
  const Case cases[] = {
      {"router bgp 65000\n"
       " bgp router-id 100.64.0.1\n"
       " neighbor LOAD peer-group\n"
       " neighbor LOAD remote-as 65001\n"
       " neighbor LOAD timers 1 3\n"
       " neighbor 100.64.0.11 peer-group LOAD\n"
       " neighbor 100.64.0.12 peer-group LOAD\n"
       " neighbor 100.64.0.2 remote-as 65002\n"
       " address-family ipv4 unicast\n"
       "  neighbor LOAD route-map NOTHING out\n"
       "  neighbor LOAD next-hop-self\n"
       " exit-address-family\n",
       "/peer_group.conf"},
      {"router bgp 65000\n"
       " neighbor ZED peer-group\n"
       " neighbor ZED remote-as internal\n"
       " neighbor ALPHA peer-group\n"
       " neighbor 10.0.0.9 remote-as 1\n"
       " neighbor 10.0.0.5 peer-group ZED\n"
       " neighbor 10.0.0.1 remote-as 7\n"
       " neighbor 10.0.0.1 peer-group ALPHA\n"
       " neighbor 2001:db8::1 remote-as 9\n"
       " neighbor 2001:db8::1 peer-group ALPHA\n"
       " neighbor 10.0.0.3 remote-as 8\n"
       " neighbor 10.0.0.3 peer-group ALPHA\n"
       " neighbor 10.0.0.1 timers 5 15\n"
       " neighbor ALPHA passive\n"
       " neighbor ZED description zed group\n"
       " address-family ipv4 unicast\n"
       "  no neighbor 10.0.0.5 activate\n"
       "  neighbor ALPHA route-map A out\n"
       "  neighbor 10.0.0.3 route-map B out\n"
       " exit-address-family\n"
       " address-family ipv6 unicast\n"
       "  neighbor ALPHA activate\n"
       "  no neighbor 2001:db8::1 activate\n"
       "  neighbor ZED activate\n"
       "  neighbor 10.0.0.9 activate\n",
       "/peer_group_mixed.conf"},
  };
  for (const auto& c : cases) {
    INFO(c.golden);
    BothDaemons d;
    REQUIRE(d.load(c.typed) == "");
    const std::string printed = d.running_config();
    CHECK(printed == read_text(std::string(CFN_GOLDEN_DIR) + c.golden));

    BothDaemons again;
    REQUIRE(again.load(printed) == "");
    CHECK(again.running_config() == printed);
    CHECK(again.bgpd.running() == d.bgpd.running());
  }
}
