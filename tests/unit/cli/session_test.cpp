// Sessions: modes, parent-node fallback, `do`, handler dispatch and foreign lines.
#include <catch2/catch.hpp>

#include "libcfn/cli/commands_bgp.hpp"
#include "libcfn/cli/commands_common.hpp"
#include "libcfn/cli/session.hpp"

using namespace cfn::cli;

namespace {

struct Recorder {
  std::vector<std::string> lines;
  CommandTable table{kBgpd};
  Recorder() {
    for (const CommandDef* def : cfn_grammar().defs()) {
      if (!(def->owners & kBgpd)) continue;
      table.bind(*def, [this](Context& ctx, const Args& args) {
        std::string line = canonical_line(args);
        if (auto ifname = ctx.frame(Node::kInterface).find("ifname"))
          line += " @" + std::string(*ifname);
        lines.push_back(line);
        if (line == "hostname bad") {
          ctx.out() += "% refused\n";
          return Status::kWarning;
        }
        return Status::kSuccess;
      });
    }
  }
};

}  // namespace

TEST_CASE("view, enable, configure and back") {
  Recorder rec;
  Session s(cfn_grammar(), rec.table, SessionMode::kInteractive, Node::kView);
  CHECK(s.execute("configure terminal").status == Status::kErrNoMatch);
  CHECK(s.execute("enable").status == Status::kSuccess);
  CHECK(s.node() == Node::kEnable);
  CHECK(s.execute("conf t").status == Status::kSuccess);
  CHECK(s.node() == Node::kConfig);
  CHECK(s.execute("router bgp 65001").status == Status::kSuccess);
  CHECK(s.node() == Node::kRouterBgp);
  CHECK(s.execute("address-family ipv6 unicast").status == Status::kSuccess);
  CHECK(s.node() == Node::kBgpIpv6Unicast);
  CHECK(s.execute("exit-address-family").status == Status::kSuccess);
  CHECK(s.node() == Node::kRouterBgp);
  CHECK(s.execute("end").status == Status::kSuccess);
  CHECK(s.node() == Node::kEnable);
  CHECK(s.frames().empty());
}

TEST_CASE("a line unknown in a node is retried in the parent, which pops the node") {
  Recorder rec;
  Session s(cfn_grammar(), rec.table, SessionMode::kConfigFile, Node::kConfig);
  REQUIRE(s.execute("interface eth0").status == Status::kSuccess);
  REQUIRE(s.execute(" description uplink").status == Status::kSuccess);
  REQUIRE(s.execute("router bgp 1").status == Status::kSuccess);
  CHECK(s.node() == Node::kRouterBgp);
  REQUIRE(s.frames().size() == 1);
  CHECK(s.frames()[0].line == "router bgp 1");
  CHECK(rec.lines ==
        std::vector<std::string>{"interface eth0", "description uplink @eth0", "router bgp 1"});
}

TEST_CASE("a failing handler leaves the node where it was") {
  Recorder rec;
  Session s(cfn_grammar(), rec.table, SessionMode::kConfigFile, Node::kConfig);
  REQUIRE(s.execute("router bgp 1").status == Status::kSuccess);
  auto out = s.execute("hostname bad");
  CHECK(out.status == Status::kWarning);
  CHECK(out.reason == "refused");
  CHECK(s.node() == Node::kRouterBgp);
}

TEST_CASE("do runs an exec command from config mode") {
  Recorder rec;
  Session s(cfn_grammar(), rec.table, SessionMode::kInteractive, Node::kConfig);
  auto out = s.execute("do show version");
  CHECK(out.status == Status::kSuccess);
  CHECK(s.node() == Node::kConfig);
  CHECK(rec.lines.back() == "show version");
}

TEST_CASE("interactive errors answer like FRR") {
  Recorder rec;
  Session s(cfn_grammar(), rec.table, SessionMode::kInteractive, Node::kConfig);
  CHECK(s.execute("frobnicate").output == "% Unknown command: frobnicate\n");
  CHECK(s.execute("router").output == "% Command incomplete: router\n");
  CHECK(s.execute("router ospf").output ==
        "% Invalid input: invalid input 'ospf' (expected bgp)\n");
  auto out = s.execute("interface eth0");
  out = s.execute("ip ospf cost 5");  // ospfd's: unknown to bgpd
  CHECK(out.status == Status::kErrNoMatch);
}

TEST_CASE("config files pass over other daemons' sections and track their nodes") {
  Recorder rec;
  Session s(cfn_grammar(), rec.table, SessionMode::kConfigFile, Node::kConfig);
  auto out = s.execute("router ospf");
  CHECK(out.status == Status::kSuccess);
  CHECK(out.foreign);
  CHECK(out.entered);
  CHECK(s.node() == Node::kRouterOspf);
  out = s.execute(" network 10.0.0.0/24 area 0");
  CHECK(out.foreign);
  out = s.execute("router bgp 1");
  CHECK_FALSE(out.foreign);
  CHECK(rec.lines == std::vector<std::string>{"router bgp 1"});
}
