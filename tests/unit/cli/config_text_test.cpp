// Config text: block parsing, merging of several daemons' configs, FRR layout.
#include <catch2/catch.hpp>

#include "libcfn/cli/config_text.hpp"

using namespace cfn::cli;

TEST_CASE("blocks merge by header, lines appear once, layout is FRR's") {
  const std::string texts[] = {
      "hostname r1\ninterface eth0\n description up\nexit\n!\nrouter bgp 1\n neighbor x remote-as "
      "2\nexit\n",
      "hostname r1\n!\ninterface eth0\n ip ospf cost 5\nexit\nrouter ospf\n ospf router-id "
      "1.1.1.1\nexit\n"};
  std::string text = format_config(merge_config_blocks(texts));
  CHECK(text ==
        "hostname r1\n"
        "!\n"
        "interface eth0\n"
        " description up\n"
        " ip ospf cost 5\n"
        "exit\n"
        "!\n"
        "router bgp 1\n"
        " neighbor x remote-as 2\n"
        "exit\n"
        "!\n"
        "router ospf\n"
        " ospf router-id 1.1.1.1\n"
        "exit\n"
        "!\n");
}

TEST_CASE("an empty block keeps its exit") {
  auto blocks = parse_config_blocks("interface lo\nexit\nhostname x\n");
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].is_block);
  CHECK_FALSE(blocks[1].is_block);
}

TEST_CASE("the writer opens and closes blocks for lines under headers") {
  ConfigTextWriter w;
  std::vector<std::string> none;
  std::vector<std::string> ospf = {"router ospf"};
  std::vector<std::string> eth0 = {"interface eth0"};
  w.add(none, "router ospf", true);
  w.add(ospf, "network 10.0.0.0/24 area 0", false);
  w.add(eth0, "ip ospf cost 5", false);
  CHECK(w.finish() ==
        "router ospf\n network 10.0.0.0/24 area 0\nexit\ninterface eth0\n ip ospf cost 5\nexit\n");
}

TEST_CASE("the banner wraps a config as FRR's show running-config") {
  CHECK(running_config_banner("hostname r1\n!\n") ==
        "Building configuration...\n\nCurrent configuration:\n!\nhostname r1\n!\nend\n");
}
