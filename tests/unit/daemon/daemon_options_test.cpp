// FRR's daemon flags parse into options; bad flags print usage and fail.
#include <catch2/catch.hpp>

#include "bgpd-cfn/bgpd_instance.hpp"
#include "ospfd-cfn/ospfd_instance.hpp"

using namespace cfn::daemon;

namespace {

ParsedOptions parse(const DaemonIdentity& id, std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return parse_daemon_options(argv, id);
}

}  // namespace

TEST_CASE("FRR's flags") {
  auto p =
      parse(cfn::bgp::bgpd_identity(),
            {"bgpd-cfn", "-f", "/tmp/x.conf",  "-C",       "-d",       "-i",        "/tmp/p.pid",
             "-N",       "r1", "--vty_socket", "/tmp/vty", "-A",       "127.0.0.2", "-P",
             "2605",     "-p", "1179",         "-l",       "10.0.0.1", "-r"});
  REQUIRE(p.options);
  const DaemonOptions& o = *p.options;
  CHECK(o.config_file == "/tmp/x.conf");
  CHECK(o.check_only);
  CHECK(o.daemonize);
  CHECK(o.pid_file == "/tmp/p.pid");
  CHECK(o.pathspace == "r1");
  CHECK(o.vty_socket_dir == "/tmp/vty");
  CHECK(o.vty_address == "127.0.0.2");
  CHECK(o.vty_port == 2605);
  CHECK(o.bgp_port == 1179);
  CHECK(o.bgp_listen_address == "10.0.0.1");
  CHECK(o.no_kernel);  // -l implies -n, as in FRR
  CHECK(o.retain);
  CHECK(vty_socket_path(o, cfn::bgp::bgpd_identity()) == "/tmp/vty/bgpd.vty");
}

TEST_CASE("default paths follow the pathspace") {
  auto p = parse(cfn::ospfd::ospfd_identity(), {"ospfd-cfn", "-N", "site1"});
  REQUIRE(p.options);
  CHECK(p.options->config_file == "/etc/cfn/cfn.conf");
  CHECK(vty_socket_path(*p.options, cfn::ospfd::ospfd_identity()) ==
        "/var/run/cfn/site1/ospfd.vty");
  CHECK(pid_file_path(*p.options, cfn::ospfd::ospfd_identity()) == "/var/run/cfn/site1/ospfd.pid");
}

TEST_CASE("bad flags fail with usage; help and version exit 0") {
  auto p = parse(cfn::ospfd::ospfd_identity(), {"ospfd-cfn", "-p", "179"});  // BGP only
  CHECK_FALSE(p.options);
  CHECK(p.exit_code == 1);
  CHECK(p.message.find("Usage: ospfd-cfn") != std::string::npos);
  p = parse(cfn::bgp::bgpd_identity(), {"bgpd-cfn", "-P", "70000"});
  CHECK(p.exit_code == 1);
  p = parse(cfn::bgp::bgpd_identity(), {"bgpd-cfn", "--version"});
  CHECK_FALSE(p.options);
  CHECK(p.exit_code == 0);
  CHECK(p.message.find("bgpd-cfn version") != std::string::npos);
}
