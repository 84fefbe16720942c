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
