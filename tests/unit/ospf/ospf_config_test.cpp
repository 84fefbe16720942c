// Tests for ospfd-cfn's config: every OSPF command through a real config-file session, FRR's
// checks and messages, printing in FRR 8.4's layout, and the print -> load round trip.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "libcfn/cli/commands_common.hpp"
#include "libcfn/cli/commands_ospf.hpp"
#include "ospfd-cfn/ospf_commands.hpp"

using cfn::cli::Outcome;
using cfn::cli::Status;
using cfn::ospfd::InterfaceAuthentication;
using cfn::ospfd::InterfaceNetworkType;
using cfn::ospfd::LogAdjacencyChanges;
using cfn::ospfd::OspfArea;
using cfn::ospfd::OspfConfig;
using cfn::ospfd::OspfInterfaceConfig;
using cfn::ospfd::print_ospf_config;
using cfn::ospfd::RedistributeSource;
namespace cli = cfn::cli;
namespace net = cfn::net;

namespace {

// ospfd's table in a config-file session; `interface IFNAME` (bound by the daemon runtime,
// as every daemon owns it) gets a no-op handler so the session enters the interface node.
struct OspfCli {
  OspfConfig config;
  cli::CommandTable table{cli::kOspfd};
  cli::Session session{cli::cfn_grammar(), table, cli::SessionMode::kConfigFile,
                       cli::Node::kConfig};

  OspfCli() {
    cfn::ospfd::bind_ospf_commands(table, [this]() -> OspfConfig& { return config; });
    table.bind(cli::cmd::kInterface,
               [](cli::Context&, const cli::Args&) { return Status::kSuccess; });
  }

  Outcome exec(std::string_view line) { return session.execute(line); }

  // Every line must succeed.
  void feed(std::string_view text) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      const std::string line(text.substr(start, end - start));
      INFO(line);
      const Outcome out = exec(line);
      REQUIRE(out.status == Status::kSuccess);
      start = end + 1;
    }
  }
};

net::Prefix prefix(std::string_view text) {
  return *net::Prefix::parse_v4(text);
}

const OspfInterfaceConfig& iface(const OspfConfig& config, const std::string& name) {
  REQUIRE(config.interfaces.contains(name));
  return config.interfaces.at(name);
}

}  // namespace

TEST_CASE("router ospf creates the instance; no router ospf keeps interfaces", "[ospf][cli]") {
  OspfCli c;
  CHECK_FALSE(c.config.router);
  CHECK(print_ospf_config(c.config).empty());
  c.feed("router ospf\n capability opaque\nexit\ninterface eth0\n ip ospf cost 7\nexit");
  REQUIRE(c.config.router);
  CHECK(c.config.router->capability_opaque);
  c.feed("no router ospf");
  CHECK_FALSE(c.config.router);
  CHECK(iface(c.config, "eth0").cost == 7);
  c.feed("router ospf");
  CHECK(*c.config.router == cfn::ospfd::OspfRouterConfig{});
  CHECK(print_ospf_config(c.config) ==
        "interface eth0\n ip ospf cost 7\nexit\n!\nrouter ospf\nexit\n");
}

TEST_CASE("ospf router-id and its no forms", "[ospf][cli]") {
  OspfCli c;
  c.feed("router ospf\n ospf router-id 1.1.1.1");
  CHECK(c.config.router->router_id == net::IpAddress::parse_v4("1.1.1.1"));
  c.feed("ospf router-id 2.2.2.2");
  CHECK(c.config.router->router_id == net::IpAddress::parse_v4("2.2.2.2"));
  const Outcome mismatch = c.exec("no ospf router-id 9.9.9.9");
  CHECK(mismatch.status == Status::kWarningConfigFailed);
  CHECK(mismatch.output == "% OSPF router-id doesn't match\n");
  CHECK(c.config.router->router_id == net::IpAddress::parse_v4("2.2.2.2"));
  c.feed("no ospf router-id 2.2.2.2");
  CHECK_FALSE(c.config.router->router_id);
  c.feed("ospf router-id 3.3.3.3\nno ospf router-id");
  CHECK_FALSE(c.config.router->router_id);
}

TEST_CASE("network: host bits cleared, area form kept, FRR's checks", "[ospf][cli]") {
  OspfCli c;
  c.feed(
      "router ospf\n network 10.1.2.3/24 area 0\n network 10.2.0.0/16 area 0.0.0.0\n"
      " network 10.0.0.0/8 area 1.2.3.4\n network 10.4.0.0/16 area 5");
  const auto& networks = c.config.router->networks;
  REQUIRE(networks.size() == 4);
  CHECK(networks.at(prefix("10.1.2.0/24")) == OspfArea{0, false});
  CHECK(networks.at(prefix("10.2.0.0/16")) == OspfArea{0, true});
  CHECK(networks.at(prefix("10.0.0.0/8")) == OspfArea{0x01020304, true});
  CHECK(networks.at(prefix("10.4.0.0/16")) == OspfArea{5, false});
  CHECK(print_ospf_config(c.config) ==
        "router ospf\n network 10.0.0.0/8 area 1.2.3.4\n network 10.1.2.0/24 area 0\n"
        " network 10.2.0.0/16 area 0.0.0.0\n network 10.4.0.0/16 area 5\nexit\n");

  const OspfConfig before = c.config;
  const Outcome same = c.exec("network 10.9.9.9/8 area 3");
  CHECK(same.status == Status::kWarningConfigFailed);
  CHECK(same.output == "There is already same network statement.\n");
  const Outcome wrong_area = c.exec("no network 10.4.0.0/16 area 6");
  CHECK(wrong_area.status == Status::kWarningConfigFailed);
  CHECK(wrong_area.output == "Can't find specified network area configuration.\n");
  CHECK(c.exec("no network 10.77.0.0/16 area 0").status == Status::kWarningConfigFailed);
  CHECK(c.config == before);

  // Areas compare by value: the dotted form removes a decimal one.
  c.feed("no network 10.1.2.0/24 area 0.0.0.0\nno network 10.4.0.0/16 area 0.0.0.5");
  CHECK(c.config.router->networks.size() == 2);

  // `network` and `ip ospf area` exclude each other.
  const Outcome if_area = c.exec("interface eth0");
  REQUIRE(if_area.status == Status::kSuccess);
  const Outcome refused = c.exec("ip ospf area 1");
  CHECK(refused.status == Status::kWarningConfigFailed);
  CHECK(refused.output == "Please remove all network commands first.\n");
  CHECK(c.config.interfaces.empty());
  c.feed("exit\nno router ospf\ninterface eth0\n ip ospf area 1\nexit\nrouter ospf");
  const Outcome net_refused = c.exec("network 10.0.0.0/8 area 0");
  CHECK(net_refused.status == Status::kWarningConfigFailed);
  CHECK(net_refused.output == "Please remove all ip ospf area x.x.x.x commands first.\n");
  CHECK(c.config.router->networks.empty());
}

TEST_CASE("passive-interface becomes the interface's ip ospf passive", "[ospf][cli]") {
  OspfCli c;
  c.feed("router ospf");
  const Outcome out = c.exec("passive-interface eth2");
  CHECK(out.status == Status::kSuccess);
  CHECK(out.output ==
        "This command is deprecated, because it is not VRF-aware.\n"
        "Please, use \"ip ospf passive\" on an interface instead.\n");
  CHECK(iface(c.config, "eth2").passive);
  c.feed("no router ospf");
  CHECK(print_ospf_config(c.config) == "interface eth2\n ip ospf passive\nexit\n");
  c.feed("router ospf");
  const Outcome no = c.exec("no passive-interface eth2");
  CHECK(no.status == Status::kSuccess);
  CHECK(no.output.find("\"no ip ospf passive\"") != std::string::npos);
  CHECK(c.config.interfaces.empty());
}

TEST_CASE("capability opaque, log-adjacency-changes, auto-cost, redistribute", "[ospf][cli]") {
  OspfCli c;
  c.feed("router ospf\n capability opaque");
  CHECK(c.config.router->capability_opaque);
  c.feed("no capability opaque");
  CHECK_FALSE(c.config.router->capability_opaque);

  auto& log = c.config.router->log_adjacency_changes;
  c.feed("log-adjacency-changes");
  CHECK(log == LogAdjacencyChanges::kOn);
  c.feed("no log-adjacency-changes detail");
  CHECK(log == LogAdjacencyChanges::kOn);
  c.feed("log-adjacency-changes detail");
  CHECK(log == LogAdjacencyChanges::kDetail);
  c.feed("no log-adjacency-changes detail");
  CHECK(log == LogAdjacencyChanges::kOn);
  c.feed("log-adjacency-changes detail\nno log-adjacency-changes");
  CHECK(log == LogAdjacencyChanges::kOff);

  c.feed("auto-cost reference-bandwidth 1000");
  CHECK(c.config.router->reference_bandwidth == 1000);
  const Outcome reset = c.exec("no auto-cost reference-bandwidth 7");
  CHECK(reset.status == Status::kSuccess);
  CHECK(reset.output.starts_with("% OSPF: Reference bandwidth is changed.\n"));
  CHECK(c.config.router->reference_bandwidth == 100);
  CHECK(c.exec("no auto-cost reference-bandwidth").output.empty());
  c.feed("auto-cost reference-bandwidth 100");
  CHECK(print_ospf_config(c.config) == "router ospf\nexit\n");

  c.feed("redistribute bgp\nredistribute static\nredistribute kernel\nredistribute connected");
  CHECK(c.config.router->redistribute.size() == 4);
  CHECK(print_ospf_config(c.config) ==
        "router ospf\n redistribute kernel\n redistribute connected\n redistribute static\n"
        " redistribute bgp\nexit\n");
  c.feed("no redistribute static\nno redistribute kernel");
  CHECK(c.config.router->redistribute ==
        std::set{RedistributeSource::kConnected, RedistributeSource::kBgp});
}

TEST_CASE("interface numbers: cost, hello, dead, priority and their no forms", "[ospf][cli]") {
  OspfCli c;
  c.feed(
      "interface eth0\n ip ospf cost 10\n ip ospf hello-interval 5\n ip ospf dead-interval 20\n"
      " ip ospf priority 0");
  const auto& conf = iface(c.config, "eth0");
  CHECK(conf.cost == 10);
  CHECK(conf.hello_interval == 5);
  CHECK(conf.dead_interval == 20);
  CHECK(conf.priority == 0);
  CHECK(print_ospf_config(c.config) ==
        "interface eth0\n ip ospf cost 10\n ip ospf dead-interval 20\n"
        " ip ospf hello-interval 5\n ip ospf priority 0\nexit\n");
  c.feed("no ip ospf cost 10\nno ip ospf hello-interval\nno ip ospf dead-interval 20");
  CHECK_FALSE(iface(c.config, "eth0").cost);
  c.feed("no ip ospf priority");
  // Back to the defaults: the entry goes, and nothing is printed.
  CHECK(c.config.interfaces.empty());
  CHECK(print_ospf_config(c.config).empty());
  // Setting a default value is no setting at all.
  c.feed("ip ospf hello-interval 10\nip ospf dead-interval 40\nip ospf priority 1");
  CHECK(c.config.interfaces.empty());
}

TEST_CASE("interface network type, area and passive", "[ospf][cli]") {
  OspfCli c;
  c.feed("interface eth0\n ip ospf network point-to-point");
  CHECK(iface(c.config, "eth0").network_type == InterfaceNetworkType::kPointToPoint);
  c.feed("no ip ospf network broadcast");
  CHECK(c.config.interfaces.empty());
  c.feed("ip ospf network broadcast");
  CHECK(c.config.interfaces.empty());  // broadcast is the default

  c.feed("ip ospf area 0.0.0.1");
  CHECK(iface(c.config, "eth0").area == OspfArea{1, true});
  c.feed("ip ospf area 1");  // same area, new form
  CHECK(iface(c.config, "eth0").area == OspfArea{1, false});
  const Outcome change = c.exec("ip ospf area 2");
  CHECK(change.status == Status::kWarningConfigFailed);
  CHECK(change.output == "Must remove previous area config before changing ospf area \n");
  CHECK(iface(c.config, "eth0").area == OspfArea{1, false});
  c.feed("no ip ospf area 9");  // FRR drops the area whatever value is given
  CHECK(c.config.interfaces.empty());
  const Outcome none = c.exec("no ip ospf area");
  CHECK(none.status == Status::kWarningConfigFailed);
  CHECK(none.output == "Can't find specified interface area configuration.\n");

  c.feed("ip ospf passive");
  CHECK(iface(c.config, "eth0").passive);
  c.feed("no ip ospf passive");
  CHECK(c.config.interfaces.empty());
}

TEST_CASE("interface authentication and message-digest keys", "[ospf][cli]") {
  OspfCli c;
  c.feed("interface eth0\n ip ospf authentication");
  CHECK(iface(c.config, "eth0").authentication == InterfaceAuthentication::kPlain);
  c.feed("no ip ospf authentication message-digest");  // plain stays
  CHECK(iface(c.config, "eth0").authentication == InterfaceAuthentication::kPlain);
  c.feed("ip ospf authentication message-digest");
  CHECK(iface(c.config, "eth0").authentication == InterfaceAuthentication::kMessageDigest);
  c.feed("no ip ospf authentication message-digest");
  CHECK(c.config.interfaces.empty());
  c.feed("ip ospf authentication message-digest\nno ip ospf authentication");
  CHECK(c.config.interfaces.empty());

  c.feed(
      "ip ospf message-digest-key 2 md5 two\nip ospf message-digest-key 1 md5 "
      "12345678901234567890\nip ospf message-digest-key 2 md5 zwei");
  const auto& keys = iface(c.config, "eth0").message_digest_keys;
  CHECK(keys == std::map<std::uint8_t, std::string>{{1, "1234567890123456"}, {2, "zwei"}});
  const Outcome missing = c.exec("no ip ospf message-digest-key 3");
  CHECK(missing.status == Status::kWarningConfigFailed);
  CHECK(missing.output == "OSPF: Key 3 does not exist\n");
  c.feed("no ip ospf message-digest-key 1 md5 whatever\nno ip ospf message-digest-key 2");
  CHECK(c.config.interfaces.empty());
}

TEST_CASE("abbreviated commands", "[ospf][cli]") {
  OspfCli c;
  c.feed(
      "int eth0\n ip os cost 5\n ip os net point-to-point\n ip os auth mess\nexit\nrouter os\n"
      " ospf router 1.1.1.1\n netw 10.0.0.0/8 ar 0\n redis conn\n log-adj det\n cap op\n"
      " auto ref 200\n passive eth1");
  const auto& eth0 = iface(c.config, "eth0");
  CHECK(eth0.cost == 5);
  CHECK(eth0.network_type == InterfaceNetworkType::kPointToPoint);
  CHECK(eth0.authentication == InterfaceAuthentication::kMessageDigest);
  const auto& router = *c.config.router;
  CHECK(router.router_id == net::IpAddress::parse_v4("1.1.1.1"));
  CHECK(router.networks.at(prefix("10.0.0.0/8")) == OspfArea{0, false});
  CHECK(router.redistribute == std::set{RedistributeSource::kConnected});
  CHECK(router.log_adjacency_changes == LogAdjacencyChanges::kDetail);
  CHECK(router.capability_opaque);
  CHECK(router.reference_bandwidth == 200);
  CHECK(iface(c.config, "eth1").passive);
}

TEST_CASE("out-of-range interface values are rejected by the grammar", "[ospf][cli]") {
  OspfCli c;
  c.feed("interface eth0\n ip ospf cost 3");
  const OspfConfig before = c.config;
  const auto line =
      GENERATE(as<std::string>{}, "ip ospf cost 0", "ip ospf cost 65536",
               "ip ospf hello-interval 0", "ip ospf dead-interval 65536", "ip ospf priority 256",
               "ip ospf message-digest-key 0 md5 k", "ip ospf message-digest-key 256 md5 k",
               "ip ospf area 4294967296", "ip ospf area 1.2.3.256", "ip ospf network nbma");
  INFO(line);
  CHECK(c.exec(line).status == Status::kErrNoMatch);
  CHECK(c.config == before);
}

TEST_CASE("out-of-range router ospf values are rejected by the grammar", "[ospf][cli]") {
  OspfCli c;
  c.feed("router ospf\n network 10.0.0.0/8 area 0");
  const OspfConfig before = c.config;
  const auto line =
      GENERATE(as<std::string>{}, "auto-cost reference-bandwidth 0",
               "auto-cost reference-bandwidth 4294968", "network 10.0.0.0/33 area 0",
               "network 10.1.0.0/16 area 4294967296", "ospf router-id 1.2.3", "redistribute ospf");
  INFO(line);
  CHECK(c.exec(line).status == Status::kErrNoMatch);
  CHECK(c.config == before);
}

TEST_CASE("print layout and the print -> load round trip", "[ospf][cli]") {
  OspfCli c;
  c.feed(
      "interface eth1\n ip ospf passive\n ip ospf priority 7\n ip ospf network point-to-point\n"
      " ip ospf message-digest-key 2 md5 secret2\n ip ospf message-digest-key 1 md5 secret\n"
      " ip ospf hello-interval 5\n ip ospf authentication message-digest\n"
      " ip ospf dead-interval 20\n ip ospf cost 10\nexit\n"
      "interface eth0\n ip ospf cost 10\n ip ospf network point-to-point\n"
      " ip ospf authentication\nexit\n"
      "router ospf\n capability opaque\n redistribute static\n network 10.1.2.3/24 area 0\n"
      " network 10.2.0.0/16 area 0.0.0.0\n passive-interface eth2\n log-adjacency-changes detail\n"
      " auto-cost reference-bandwidth 1000\n ospf router-id 1.1.1.1\n redistribute kernel\nexit");
  const std::string text = print_ospf_config(c.config);
  CHECK(text ==
        "interface eth0\n"
        " ip ospf authentication\n"
        " ip ospf cost 10\n"
        " ip ospf network point-to-point\n"
        "exit\n"
        "!\n"
        "interface eth1\n"
        " ip ospf authentication message-digest\n"
        " ip ospf cost 10\n"
        " ip ospf dead-interval 20\n"
        " ip ospf hello-interval 5\n"
        " ip ospf message-digest-key 1 md5 secret\n"
        " ip ospf message-digest-key 2 md5 secret2\n"
        " ip ospf network point-to-point\n"
        " ip ospf passive\n"
        " ip ospf priority 7\n"
        "exit\n"
        "!\n"
        "interface eth2\n"
        " ip ospf passive\n"
        "exit\n"
        "!\n"
        "router ospf\n"
        " ospf router-id 1.1.1.1\n"
        " log-adjacency-changes detail\n"
        " auto-cost reference-bandwidth 1000\n"
        " redistribute kernel\n"
        " redistribute static\n"
        " network 10.1.2.0/24 area 0\n"
        " network 10.2.0.0/16 area 0.0.0.0\n"
        " capability opaque\n"
        "exit\n");

  OspfCli fresh;
  fresh.feed(text);
  CHECK(fresh.config == c.config);
  CHECK(print_ospf_config(fresh.config) == text);

  // Interface areas (which exclude network statements) round-trip too.
  OspfCli areas;
  areas.feed("interface eth0\n ip ospf area 0.0.0.1\nexit\ninterface eth1\n ip ospf area 7");
  OspfCli again;
  again.feed(print_ospf_config(areas.config));
  CHECK(again.config == areas.config);
  CHECK(print_ospf_config(again.config) ==
        "interface eth0\n ip ospf area 0.0.0.1\nexit\n!\ninterface eth1\n ip ospf area 7\nexit\n");
}

TEST_CASE("handlers follow the target the daemon points them at", "[ospf][cli]") {
  OspfConfig running;
  OspfConfig candidate;
  OspfConfig* current = &running;
  cli::CommandTable table(cli::kOspfd);
  cfn::ospfd::bind_ospf_commands(table, [&current]() -> OspfConfig& { return *current; });
  cli::Session session(cli::cfn_grammar(), table, cli::SessionMode::kConfigFile,
                       cli::Node::kConfig);
  REQUIRE(session.execute("router ospf").status == Status::kSuccess);
  current = &candidate;
  REQUIRE(session.execute("capability opaque").status == Status::kSuccess);
  CHECK(running.router);
  CHECK_FALSE(running.router->capability_opaque);
  REQUIRE(candidate.router);
  CHECK(candidate.router->capability_opaque);
}

TEST_CASE("every ospfd command is bound but debug ospf and the common ones", "[ospf][cli]") {
  cli::CommandTable table(cli::kOspfd);
  cfn::ospfd::bind_ospf_commands(table, []() -> OspfConfig& {
    static OspfConfig config;
    return config;
  });
  for (const cli::CommandDef* def : table.unbound(cli::cfn_grammar())) {
    INFO(def->spec);
    CHECK((def == &cli::cmd::kDebugOspf || def->owners == cli::kAllDaemons));
  }
  // And each OSPF-only definition has a handler.
  for (const cli::CommandDef* def : cli::cfn_grammar().defs()) {
    if (def->owners == cli::kOspfd && def != &cli::cmd::kDebugOspf) {
      INFO(def->spec);
      CHECK(table.find(def) != nullptr);
    }
  }
}
