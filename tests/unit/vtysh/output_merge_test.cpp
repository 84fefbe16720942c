// Tests for merged daemon output: running config, integrated file, hostname, JSON, text.
#include <catch2/catch.hpp>

#include "vtysh-cfn/output_merge.hpp"

using namespace cfn::vtysh;

namespace {

const std::string kBgpConfig =
    "hostname r1\n!\ninterface eth0\n description uplink\nexit\n!\nrouter bgp 65001\n"
    " neighbor 10.0.0.2 remote-as 2\nexit\n";
const std::string kOspfConfig =
    "hostname r1\n!\ninterface eth0\n description uplink\n ip ospf cost 5\nexit\n!\n"
    "router ospf\n network 10.0.0.0/24 area 0\nexit\n";

}  // namespace

TEST_CASE("running configs merge by block in daemon order", "[vtysh]") {
  const std::string configs[] = {kBgpConfig, kOspfConfig};
  CHECK(merged_running_config(configs) ==
        "Building configuration...\n\nCurrent configuration:\n!\n"
        "hostname r1\n!\ninterface eth0\n description uplink\n ip ospf cost 5\nexit\n!\n"
        "router bgp 65001\n neighbor 10.0.0.2 remote-as 2\nexit\n!\n"
        "router ospf\n network 10.0.0.0/24 area 0\nexit\n!\nend\n");
  CHECK(integrated_config(configs) ==
        "hostname r1\n!\ninterface eth0\n description uplink\n ip ospf cost 5\nexit\n!\n"
        "router bgp 65001\n neighbor 10.0.0.2 remote-as 2\nexit\n!\n"
        "router ospf\n network 10.0.0.0/24 area 0\nexit\n!\nend\n");
}

TEST_CASE("configured_hostname reads the hostname line", "[vtysh]") {
  const std::string configs[] = {"router bgp 1\nexit\n", kOspfConfig};
  CHECK(configured_hostname(configs) == "r1");
  const std::string none[] = {"router bgp 1\nexit\n"};
  CHECK_FALSE(configured_hostname(none));
}

TEST_CASE("JSON objects merge by key, deeply", "[vtysh]") {
  const std::string texts[] = {
      R"({"10.0.0.0/24":[{"protocol":"bgp"}],"vrfs":{"default":{"bgp":1}},"name":"a"})", "\n",
      R"({"10.0.0.0/24":[{"protocol":"ospf"}],"vrfs":{"default":{"ospf":2}},"name":"b"})"};
  const auto merged = merge_json_objects(texts);
  REQUIRE(merged);
  CHECK(*merged ==
        "{\n"
        "  \"10.0.0.0/24\": [\n"
        "    {\n      \"protocol\": \"bgp\"\n    },\n"
        "    {\n      \"protocol\": \"ospf\"\n    }\n"
        "  ],\n"
        "  \"name\": \"a\",\n"
        "  \"vrfs\": {\n    \"default\": {\n      \"bgp\": 1,\n      \"ospf\": 2\n    }\n  }\n"
        "}\n");
}

TEST_CASE("JSON merge refuses text that is not an object", "[vtysh]") {
  const std::string texts[] = {"{}", "% Unknown command: show x json\n"};
  CHECK_FALSE(merge_json_objects(texts));
  const std::string arrays[] = {"[1]", "[2]"};
  CHECK_FALSE(merge_json_objects(arrays));
}

TEST_CASE("Text answers are printed in daemon order, each distinct text once", "[vtysh]") {
  const std::string shared[] = {"Policy: balanced\n", "Policy: balanced\n"};
  CHECK(concatenate_distinct(shared) == "Policy: balanced\n");
  const std::string routes[] = {"B>* 10.0.0.0/24\n", "O>* 10.1.0.0/24\n", "B>* 10.0.0.0/24\n"};
  CHECK(concatenate_distinct(routes) == "B>* 10.0.0.0/24\nO>* 10.1.0.0/24\n");
  CHECK(concatenate_distinct(std::span<const std::string>{}).empty());
}
