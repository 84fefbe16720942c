// Bad config lines: each kind is refused with FILE:LINE and a reason, and nothing of the
// file is applied (all or nothing).
#include <catch2/catch.hpp>

#include "tests/unit/daemon/daemon_test_support.hpp"

TEST_CASE("bad config lines are refused with FILE:LINE and nothing is applied") {
  struct Case {
    const char* kind;
    const char* line;
    const char* reason;
  };
  const Case cases[] = {
      {"unknown command", "frobnicate the router", "unknown command 'frobnicate'"},
      {"bad argument type", "router bgp 65001\n bgp router-id 10.0.0",
       "invalid input '10.0.0' (expected A.B.C.D)"},
      {"value out of range", "interface eth0\n ip ospf cost 70000",
       "value 70000 is out of range (1-65535)"},
      {"command in the wrong node", "ip ospf cost 10",
       "'ip ospf cost 10' is not valid in config mode (it belongs under interface)"},
      {"truncated command", "router bgp 65001\n neighbor 10.0.0.2 remote-as", "command incomplete"},
      {"ambiguous abbreviation", "log s", "ambiguous command"},
      {"refused by the handler", "router bgp 65001\nrouter bgp 65002",
       "BGP is already running; AS is 65001"},
      {"member of an undefined peer-group", "router bgp 65000\n neighbor 10.0.0.1 peer-group NOPE",
       "Configure the peer-group first"},
      {"member without any remote-as",
       "router bgp 65000\n neighbor G peer-group\n neighbor 10.0.0.1 peer-group G",
       "Specify remote-as or peer-group commands first"},
      {"member overriding the group's remote-as",
       "router bgp 65000\n neighbor G peer-group\n neighbor G remote-as 1\n"
       " neighbor 10.0.0.1 peer-group G\n neighbor 10.0.0.1 remote-as 2",
       "Peer-group member cannot override remote-as of peer-group."},
      {"member moving to another peer-group",
       "router bgp 65000\n neighbor G peer-group\n neighbor H peer-group\n"
       " neighbor G remote-as 1\n neighbor 10.0.0.1 peer-group G\n neighbor 10.0.0.1 peer-group H",
       "Cannot change the peer-group. Deconfigure first"},
      {"removing an undefined peer-group", "router bgp 65000\n no neighbor G peer-group",
       "Create the peer-group first"},
      {"peer-group named as an unnumbered neighbor",
       "router bgp 65000\n neighbor eth0 remote-as external\n neighbor eth0 peer-group",
       "Name conflict with interface: "},
      {"leaving an undefined peer-group",
       "router bgp 65000\n neighbor 10.0.0.1 remote-as 1\n no neighbor 10.0.0.1 peer-group G",
       "Configure the peer-group first"},
      {"cfn value out of range", "cfn\n dead-band 300", "value 300 is out of range (0-255)"},
      {"cfn value refused by the handler", "cfn\n price compute 1 bandwidth lots",
       "Invalid price 'lots' (expected a decimal number from 0 to 1000000)"},
      {"cfn weights all zero", "cfn\n policy custom weights compute 0 gpu 0 memory 0 delay 0",
       "At least one weight must be above 0"},
  };
  for (const auto& c : cases) {
    INFO(c.kind);
    BothDaemons d;
    const std::string bgp_before = d.bgpd.daemon().running_config();
    const std::string ospf_before = d.ospfd.daemon().running_config();
    std::string text = std::string("hostname good\n") + c.line + "\n";
    std::string errors;
    bool bgp_ok = d.bgpd.daemon().load_config_text(text, "bad.conf", errors);
    bool ospf_ok = d.ospfd.daemon().load_config_text(text, "bad.conf", errors);
    CHECK_FALSE((bgp_ok && ospf_ok));
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    CHECK(errors.find("bad.conf:" + std::to_string(lines) + ": " + c.reason + "\n") !=
          std::string::npos);
    // A daemon that refused the file applied none of it, not even "hostname good".
    if (!bgp_ok) CHECK(d.bgpd.daemon().running_config() == bgp_before);
    if (!ospf_ok) CHECK(d.ospfd.daemon().running_config() == ospf_before);
  }
}
