// The shared display pieces in FRR's spelling: communities of each kind, AS_PATH segment
// types, memory sizes, peer uptimes.
#include <catch2/catch.hpp>

#include <bit>

#include "bgpd-cfn/show/bgp_community_text.hpp"

using namespace cfn::bgp;
using namespace cfn::bgp::show;
using wire::ExtendedCommunity;

TEST_CASE("standard communities: plain, well-known text and JSON names") {
  CHECK(community_text((65002u << 16) | 7) == "65002:7");
  CHECK(community_text(wire::kCommunityNoExport) == "no-export");
  CHECK(community_json_name(wire::kCommunityNoExport) == "noExport");
  CHECK(community_text(wire::kCommunityNoAdvertise) == "no-advertise");
  CHECK(community_text(wire::kCommunityNoExportSubconfed) == "local-AS");
  CHECK(community_json_name(wire::kCommunityNoExportSubconfed) == "localAs");
  CHECK(community_text(wire::kCommunityGracefulShutdown) == "graceful-shutdown");
  CHECK(community_text(0xFFFF029A) == "blackhole");
  CHECK(community_text(0xFFFF0003) == "65535:3");
}

TEST_CASE("extended communities: route target, site of origin, link bandwidth, unknown") {
  CHECK(extended_community_text(ExtendedCommunity::route_target(65002, 1)) == "RT:65002:1");
  // IPv4-address-specific and 4-octet-AS-specific route targets.
  CHECK(extended_community_text(ExtendedCommunity{0x0102'0A00'0001'0005ull}) == "RT:10.0.0.1:5");
  CHECK(extended_community_text(ExtendedCommunity{0x0202'0001'0000'0007ull}) == "RT:65536:7");
  CHECK(extended_community_text(ExtendedCommunity::as2_specific(0x00, 0x03, 65002, 9)) ==
        "SoO:65002:9");
  auto lb = [](std::uint8_t type, float bytes) {
    return extended_community_text(
        ExtendedCommunity::as2_specific(type, 0x04, 65002, std::bit_cast<std::uint32_t>(bytes)));
  };
  CHECK(lb(0x40, 125000.0f) == "LB:65002:125000 (1.000 Mbps)");
  CHECK(lb(0x00, 1.25e9f) == "LB:65002:1250000000 (10.000 Gbps)");
  CHECK(lb(0x40, 250.0f) == "LB:65002:250 (2.000 Kbps)");
  CHECK(lb(0x40, 100.0f) == "LB:65002:100 (800 bps)");
  CHECK(extended_community_text(ExtendedCommunity{0x8301'1000'0000'0000ull}) == "UNK:131, 1");
}

TEST_CASE("large communities and community objects") {
  CHECK(large_community_text({65002, 3, 4}) == "65002:3:4");
  const Json j = communities_json({(65002u << 16) | 7, wire::kCommunityNoExport});
  CHECK(j.dump() == R"({"string":"65002:7 no-export","list":["65002:7","noExport"]})");
  CHECK(large_communities_json({{1, 2, 3}, {4, 5, 6}}).dump() ==
        R"({"string":"1:2:3 4:5:6","list":["1:2:3","4:5:6"]})");
}

TEST_CASE("AS_PATH text by segment type") {
  using wire::SegmentType;
  wire::AsPath path{{{SegmentType::kConfedSequence, {65100, 65101}},
                     {SegmentType::kSequence, {65002, 65003}},
                     {SegmentType::kSet, {1, 2}},
                     {SegmentType::kConfedSet, {3, 4}}}};
  CHECK(as_path_text(path) == "(65100 65101) 65002 65003 {1,2} [3,4]");
  CHECK(as_path_text(wire::AsPath{}).empty());
}

TEST_CASE("memory sizes and uptimes as FRR prints them") {
  CHECK(memory_text(0) == "0 bytes");
  CHECK(memory_text(1344) == "1344 bytes");
  CHECK(memory_text(1482928) == "1448 KiB");
  CHECK(memory_text(1482928 + 512) == "1449 KiB");
  CHECK(memory_text(12u << 20) == "12 MiB");
  using namespace std::chrono_literals;
  CHECK(peer_uptime_text(0ms) == "never");
  CHECK(peer_uptime_text(46s) == "00:00:46");
  CHECK(peer_uptime_text(26h + 3min) == "1d02h03m");
  CHECK(peer_uptime_text(9 * 24h + 3h) == "01w2d03h");
}
