// The command side: clear calls reach the source with the right peer, mode and family;
// unknown peers and prefixes answer as FRR does with a warning; the grammar routes every
// BGP show/clear line to bgpd only (what vtysh-cfn uses to pick the daemon).
#include <catch2/catch.hpp>

#include "session_fixture.hpp"

using cfn::bgp::Afi;
using cfn::bgp::show::ClearMode;
using cfn::cli::Status;
using cfn::test::ClearCall;
using cfn::test::ShowFixture;

TEST_CASE("clear bgp calls the source with peer, mode and family") {
  ShowFixture f;
  const std::pair<std::string_view, ClearCall> cases[] = {
      {"clear bgp *", {std::nullopt, ClearMode::kHard, std::nullopt}},
      {"clear ip bgp *", {std::nullopt, ClearMode::kHard, Afi::kIpv4}},
      {"clear bgp 10.80.1.2", {"10.80.1.2", ClearMode::kHard, std::nullopt}},
      {"clear bgp 10.80.1.2 soft", {"10.80.1.2", ClearMode::kSoftBoth, std::nullopt}},
      {"clear ip bgp 10.80.1.2 soft in", {"10.80.1.2", ClearMode::kSoftIn, Afi::kIpv4}},
      {"clear bgp ipv6 unicast 2001:db8:80::2 soft out",
       {"2001:db8:80::2", ClearMode::kSoftOut, Afi::kIpv6}},
      {"clear bgp ipv4 * soft", {std::nullopt, ClearMode::kSoftBoth, Afi::kIpv4}},
  };
  for (const auto& [line, want] : cases) {
    INFO(line);
    f.source.clears.clear();
    const auto out = f.run(line);
    CHECK(out.status == Status::kSuccess);
    CHECK(out.output.empty());
    REQUIRE(f.source.clears.size() == 1);
    CHECK(f.source.clears[0] == want);
  }
}

TEST_CASE("clear bgp of an unknown neighbor answers FRR's warning") {
  ShowFixture f;
  const auto out = f.run("clear bgp 192.0.2.99 soft in");
  CHECK(out.status == Status::kWarning);
  CHECK(out.output == "% BGP: Unknown neighbor - \"192.0.2.99\"\n");
  CHECK(f.source.clears.empty());
  CHECK(f.run("clear bgp nosuchif").output == "% BGP: Unknown neighbor - \"nosuchif\"\n");
}

TEST_CASE("unknown peers and prefixes answer with a warning") {
  ShowFixture f;
  auto out = f.run("show bgp neighbors 192.0.2.99");
  CHECK(out.status == Status::kWarning);
  CHECK(out.output == "% No such neighbor in this view/vrf\n");
  out = f.run("show ip bgp 10.99.0.0/16");
  CHECK(out.status == Status::kWarning);
  CHECK(out.output == "% Network not in table\n");
  out = f.run("show bgp ipv4 unicast neighbors 192.0.2.99 advertised-routes");
  CHECK(out.status == Status::kWarning);
  CHECK(out.output == "% No such neighbor or address family\n");
  // The family must match the address given.
  CHECK(f.run("show bgp ipv6 10.80.1.0/30").status == Status::kWarning);
}

TEST_CASE("BGP show and clear lines resolve to bgpd's commands only") {
  using namespace cfn::cli;
  const Grammar& grammar = cfn_grammar();
  const std::string_view lines[] = {
      "show bgp summary",
      "show bgp vrf all ipv4 unicast summary json",
      "show ip bgp summary json",
      "show bgp vrf all neighbors json",
      "show bgp neighbors 10.80.1.2",
      "show ip bgp",
      "show ip bgp 203.0.113.0/24 json",
      "show bgp ipv6 unicast json",
      "show bgp ipv4 unicast neighbors 10.80.1.2 advertised-routes json",
      "show bgp ipv6 neighbors 2001:db8:80::2 received-routes",
      "clear bgp * soft",
      "clear ip bgp 10.80.1.2",
  };
  for (std::string_view line : lines) {
    INFO(line);
    const auto words = split_words(line);
    const Resolution res = grammar.resolve(Node::kEnable, words, kAllDaemons);
    REQUIRE(res.status == Status::kSuccess);
    CHECK(res.def->owners == kBgpd);
    CHECK(grammar.resolve(Node::kEnable, words, kOspfd).status != Status::kSuccess);
  }
  // clear is an enable command, as in FRR; show works in view mode too.
  CHECK(grammar.resolve(Node::kView, split_words("clear bgp *"), kBgpd).status != Status::kSuccess);
  CHECK(grammar.resolve(Node::kView, split_words("show bgp summary"), kBgpd).status ==
        Status::kSuccess);
}
