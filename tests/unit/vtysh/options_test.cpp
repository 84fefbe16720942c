// Tests for vtysh-cfn's flags: -c order and multi-line text, -d, -N, --vty_socket, errors.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "vtysh-cfn/options.hpp"

using namespace cfn::vtysh;

namespace {

ParsedVtyshOptions parse(std::vector<std::string> args) {
  args.insert(args.begin(), "vtysh-cfn");
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  return parse_vtysh_options(argv);
}

}  // namespace

TEST_CASE("-c commands keep their order and split on newlines", "[vtysh]") {
  auto parsed = parse({"-c", "show version", "--command", "configure terminal\nrouter bgp 1"});
  REQUIRE(parsed.options);
  CHECK(parsed.options->commands ==
        std::vector<std::string>{"show version", "configure terminal", "router bgp 1"});
}

TEST_CASE("socket directory follows -N and --vty_socket", "[vtysh]") {
  auto plain = parse({});
  REQUIRE(plain.options);
  CHECK(socket_dir(*plain.options) == "/var/run/cfn");
  CHECK(plain.options->config_file == "/etc/cfn/cfn.conf");
  auto named = parse({"-N", "r1"});
  REQUIRE(named.options);
  CHECK(socket_dir(*named.options) == "/var/run/cfn/r1");
  auto explicit_dir = parse({"-N", "r1", "--vty_socket", "/tmp/x", "--config_file", "/tmp/c"});
  REQUIRE(explicit_dir.options);
  CHECK(socket_dir(*explicit_dir.options) == "/tmp/x");
  CHECK(explicit_dir.options->config_file == "/tmp/c");
}

TEST_CASE("-d accepts only known daemons", "[vtysh]") {
  auto ospfd = parse({"-d", "ospfd"});
  REQUIRE(ospfd.options);
  CHECK(ospfd.options->daemon == "ospfd");
  auto zebra = parse({"-d", "zebra"});
  CHECK_FALSE(zebra.options);
  CHECK(zebra.exit_code == 1);
  CHECK_THAT(zebra.message, Catch::StartsWith("unknown daemon 'zebra'"));
}

TEST_CASE("--help, --version and bad flags", "[vtysh]") {
  auto help = parse({"--help"});
  CHECK_FALSE(help.options);
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.message, Catch::StartsWith("Usage: vtysh-cfn"));
  auto version = parse({"-v"});
  CHECK(version.exit_code == 0);
  CHECK_THAT(version.message, Catch::StartsWith("vtysh-cfn version "));
  auto bad = parse({"-x"});
  CHECK(bad.exit_code == 1);
  auto extra = parse({"show"});
  CHECK(extra.exit_code == 1);
}
