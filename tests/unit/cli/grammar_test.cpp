// The suite's grammar: every spec compiles, and lines resolve with FRR's precedence.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "libcfn/cli/commands_bgp.hpp"
#include "libcfn/cli/commands_common.hpp"
#include "libcfn/cli/commands_ospf.hpp"
#include "libcfn/cli/grammar.hpp"

using namespace cfn::cli;

namespace {

Resolution resolve(Node node, const std::string& line, DaemonMask mask = kAllDaemons) {
  auto words = split_words(line);
  return cfn_grammar().resolve(node, words, mask);
}

}  // namespace

TEST_CASE("every command spec compiles with one help line per token") {
  REQUIRE(cfn_grammar().defs().size() > 90);
  for (const CommandDef* def : cfn_grammar().defs()) {
    INFO(def->spec);
    REQUIRE_NOTHROW(compile_spec(def->spec, def->help));
  }
}

TEST_CASE("malformed specs are refused") {
  CHECK_THROWS(compile_spec("a <b|c", "x\ny\nz"));
  CHECK_THROWS(compile_spec("a b", "only one"));
  CHECK_THROWS(compile_spec("a", "one\ntwo"));
  CHECK_THROWS(compile_spec("metric (1-5)$metric", "x\ny"));
  CHECK_THROWS(compile_spec("a (9-1)", "x\ny"));
}

TEST_CASE("exact keywords, abbreviations and typed variables") {
  auto r = resolve(Node::kRouterBgp, "neighbor 10.0.0.1 remote-as 65001");
  REQUIRE(r.status == Status::kSuccess);
  CHECK(r.def == &cmd::kNeighborRemoteAs);
  CHECK(r.args.get("peer") == "10.0.0.1");
  CHECK(r.args.get("asn") == "65001");

  r = resolve(Node::kRouterBgp, "nei 10.0.0.1 rem int");
  REQUIRE(r.status == Status::kSuccess);
  CHECK(r.args.get("asn") == "internal");

  r = resolve(Node::kRouterBgp, "neighbor 2001:db8::1 remote-as external");
  REQUIRE(r.status == Status::kSuccess);
  CHECK(r.args.get("peer") == "2001:db8::1");

  r = resolve(Node::kRouterBgp, "neighbor eth0 remote-as external");
  REQUIRE(r.status == Status::kSuccess);
  CHECK(r.args.get("peer") == "eth0");

  r = resolve(Node::kConfig, "int eth0");
  REQUIRE(r.status == Status::kSuccess);
  CHECK(r.def == &cmd::kInterface);
}

TEST_CASE("ambiguous, incomplete and unknown lines") {
  CHECK(resolve(Node::kConfig, "log s").status == Status::kErrAmbiguous);
  CHECK(resolve(Node::kRouterBgp, "n 10.0.0.1").status == Status::kErrIncomplete);
  CHECK(resolve(Node::kConfig, "router").status == Status::kErrIncomplete);
  CHECK(resolve(Node::kRouterBgp, "neighbor 10.0.0.1 remote-as").status == Status::kErrIncomplete);
  auto r = resolve(Node::kConfig, "frobnicate now");
  CHECK(r.status == Status::kErrNoMatch);
  CHECK(r.matched_words == 0);
}

TEST_CASE("out of range values name the range") {
  auto r = resolve(Node::kInterface, "ip ospf cost 70000");
  REQUIRE(r.status == Status::kErrNoMatch);
  CHECK(r.matched_words == 3);
  CHECK(r.reason == "value 70000 is out of range (1-65535)");
  r = resolve(Node::kRouterBgp, "bgp router-id 1.2.3");
  REQUIRE(r.status == Status::kErrNoMatch);
  CHECK(r.reason.find("A.B.C.D") != std::string::npos);
}

TEST_CASE("ownership masks hide other daemons' commands") {
  CHECK(resolve(Node::kConfig, "router ospf", kBgpd).status != Status::kSuccess);
  CHECK(resolve(Node::kConfig, "router ospf", kOspfd).status == Status::kSuccess);
  CHECK(resolve(Node::kConfig, "hostname r1", kBgpd).status == Status::kSuccess);
}

TEST_CASE("help lists what may follow, completion expands keywords") {
  std::vector<std::string> words = {"router"};
  auto items = cfn_grammar().help(Node::kConfig, words, "", kAllDaemons);
  std::vector<std::string> tokens;
  for (const auto& item : items) tokens.push_back(item.token);
  CHECK(tokens == std::vector<std::string>{"bgp", "ospf"});

  words = {"neighbor", "10.0.0.1"};
  auto completions = cfn_grammar().complete(Node::kRouterBgp, words, "remo", kAllDaemons);
  CHECK(completions == std::vector<std::string>{"remote-as"});

  words = {"hostname", "r1"};
  items = cfn_grammar().help(Node::kConfig, words, "", kAllDaemons);
  REQUIRE(items.size() == 1);
  CHECK(items[0].token == "<cr>");
}

TEST_CASE("commands may be found in other nodes for diagnostics") {
  std::vector<std::string> words = {"ip", "ospf", "cost", "10"};
  auto nodes = cfn_grammar().nodes_accepting(Node::kRouterBgp, words, kAllDaemons);
  CHECK(nodes == std::vector<Node>{Node::kInterface});
}

TEST_CASE("docs/cli.md lists every command of the grammar") {
  std::ifstream in(CFN_DOCS_DIR "/cli.md");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  REQUIRE_FALSE(doc.empty());
  for (const CommandDef* def : cfn_grammar().defs()) {
    std::string escaped;
    for (char c : def->spec) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
    INFO(def->spec);
    CHECK(doc.find("| `" + escaped + "` |") != std::string::npos);
  }
}
