// cfn-agent's command line: values in both spellings, flags, and the refusals.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "libcfnmetric/agent/agent_options.hpp"

using cfn::metric::parse_agent_options;

namespace {

cfn::metric::OptionsParsed parse(std::vector<std::string> args) {
  args.insert(args.begin(), "cfn-agent");
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  return parse_agent_options(argv);
}

}  // namespace

TEST_CASE("cfn-agent options", "[agent][options]") {
  const auto none = parse({});
  REQUIRE(none.options);
  CHECK_FALSE(none.options->config_file.has_value());
  CHECK_FALSE(none.options->once);
  CHECK(none.options->root == "/");

  const auto all =
      parse({"-f", "/etc/cfn/agent.conf", "--once", "--json", "--root", "/tmp/r", "--debug"});
  REQUIRE(all.options);
  CHECK(all.options->config_file == "/etc/cfn/agent.conf");
  CHECK(all.options->once);
  CHECK(all.options->json);
  CHECK(all.options->debug);
  CHECK(all.options->root == "/tmp/r");

  const auto equals = parse({"--config_file=a.conf", "--root=/r"});
  REQUIRE(equals.options);
  CHECK(equals.options->config_file == "a.conf");
  CHECK(equals.options->root == "/r");
}

TEST_CASE("cfn-agent --help and --version exit 0 with their text", "[agent][options]") {
  const auto help = parse({"--once", "-h"});
  CHECK_FALSE(help.options);
  CHECK(help.exit_code == 0);
  CHECK(help.message.starts_with("Usage: cfn-agent"));
  const auto version = parse({"--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.message == std::string("cfn-agent version ") + CFN_VERSION + "\n");
}

TEST_CASE("cfn-agent refuses bad arguments with exit code 1", "[agent][options]") {
  struct Case {
    std::vector<std::string> args;
    std::string first_line;
  };
  const Case cases[] = {
      {{"-f"}, "cfn-agent: -f needs a value"},
      {{"--root"}, "cfn-agent: --root needs a value"},
      {{"--json"}, "cfn-agent: --json goes with --once"},
      {{"--onse"}, "cfn-agent: unknown argument '--onse'"},
      {{"extra"}, "cfn-agent: unknown argument 'extra'"},
  };
  for (const Case& c : cases) {
    const auto parsed = parse(c.args);
    CHECK_FALSE(parsed.options);
    CHECK(parsed.exit_code == 1);
    CHECK(parsed.message.substr(0, parsed.message.find('\n')) == c.first_line);
  }
}
