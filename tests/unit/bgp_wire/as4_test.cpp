// RFC 6793 4.2.3: AS4_PATH and AS4_AGGREGATOR from a 2-octet peer merged into the 4-octet
// view, and the AS_TRANS substitution toward 2-octet peers.
#include <catch2/catch.hpp>

#include "bgpd-cfn/wire/as4.hpp"
#include "tests/unit/bgp_wire/wire_test_support.hpp"

using namespace cfn::bgp::wire;
using namespace cfn::bgp::wire::test;

namespace {

constexpr auto kSeq = SegmentType::kSequence;
constexpr auto kSet = SegmentType::kSet;
constexpr auto kConfedSeq = SegmentType::kConfedSequence;

// A 2-octet AS_PATH attribute and a 4-octet AS4_PATH attribute from segments.
Bytes path_attribute(std::uint8_t flags, std::uint8_t type, const AsPath& path, bool four) {
  Bytes value;
  for (const AsPathSegment& s : path.segments) {
    value.push_back(static_cast<std::uint8_t>(s.type));
    value.push_back(static_cast<std::uint8_t>(s.asns.size()));
    for (std::uint32_t asn : s.asns) {
      if (four) {
        value.push_back(static_cast<std::uint8_t>(asn >> 24));
        value.push_back(static_cast<std::uint8_t>(asn >> 16));
      }
      value.push_back(static_cast<std::uint8_t>(asn >> 8));
      value.push_back(static_cast<std::uint8_t>(asn));
    }
  }
  return attribute(flags, type, value);
}

DecodeResult decode_from_2_octet_peer(const AsPath& as_path, const AsPath& as4_path,
                                      const Bytes& more = {}) {
  const Bytes attrs =
      concat({attribute(0x40, 1, {0}), path_attribute(0x40, 2, as_path, false),
              attribute(0x40, 3, {10, 0, 0, 1}), path_attribute(0xc0, 17, as4_path, true), more});
  return decode_message(update({}, attrs, {8, 10}), ebgp2());
}

}  // namespace

TEST_CASE("AS4_PATH replaces the AS_TRANS tail of AS_PATH", "[bgp_wire][as4]") {
  const auto result = decode_from_2_octet_peer({{{kSeq, {65001, 23456, 23456}}}},
                                               {{{kSeq, {4200000001, 4200000002}}}});
  CHECK(result.problems.empty());
  CHECK(decoded_as<Update>(result).attributes.as_path ==
        AsPath{{{kSeq, {65001, 4200000001, 4200000002}}}});
}

TEST_CASE("AS4_PATH longer than AS_PATH is ignored", "[bgp_wire][as4]") {
  const auto result =
      decode_from_2_octet_peer({{{kSeq, {23456}}}}, {{{kSeq, {4200000001, 4200000002}}}});
  CHECK(decoded_as<Update>(result).attributes.as_path == AsPath{{{kSeq, {23456}}}});
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].action == Action::kAttributeDiscard);
}

TEST_CASE("an AS_SET counts as one AS when merging", "[bgp_wire][as4]") {
  const auto result = decode_from_2_octet_peer(
      {{{kSeq, {65001}}, {kSet, {1, 2, 3}}, {kSeq, {23456}}}}, {{{kSeq, {4200000001}}}});
  CHECK(decoded_as<Update>(result).attributes.as_path ==
        AsPath{{{kSeq, {65001}}, {kSet, {1, 2, 3}}, {kSeq, {4200000001}}}});
}

TEST_CASE("leading confederation segments stay in front of AS4_PATH", "[bgp_wire][as4]") {
  const AsPath as_path{{{kConfedSeq, {65281}}, {kSeq, {23456}}}};
  CHECK(merge_as4_path(as_path, {{{kSeq, {4200000001}}}}) ==
        AsPath{{{kConfedSeq, {65281}}, {kSeq, {4200000001}}}});
}

TEST_CASE("confederation segments inside AS4_PATH are dropped", "[bgp_wire][as4]") {
  const auto result = decode_from_2_octet_peer({{{kSeq, {65001, 23456}}}},
                                               {{{kConfedSeq, {70000}}, {kSeq, {4200000001}}}});
  CHECK(decoded_as<Update>(result).attributes.as_path == AsPath{{{kSeq, {65001, 4200000001}}}});
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].action == Action::kAttributeDiscard);
}

TEST_CASE("AS4_AGGREGATOR replaces an AS_TRANS AGGREGATOR", "[bgp_wire][as4]") {
  const Bytes aggregators = concat({attribute(0xc0, 7, {0x5b, 0xa0, 10, 0, 0, 9}),
                                    attribute(0xc0, 18, {0xfa, 0x56, 0xea, 0x01, 10, 0, 0, 9})});
  const auto result =
      decode_from_2_octet_peer({{{kSeq, {65001, 23456}}}}, {{{kSeq, {4200000001}}}}, aggregators);
  const Update u = decoded_as<Update>(result);
  CHECK(u.attributes.aggregator == Aggregator{4200000001, 0x0a000009});
  CHECK(u.attributes.as_path == AsPath{{{kSeq, {65001, 4200000001}}}});
}

TEST_CASE("an AGGREGATOR that is not AS_TRANS voids AS4_AGGREGATOR and AS4_PATH",
          "[bgp_wire][as4]") {
  const Bytes aggregators = concat({attribute(0xc0, 7, {0xfd, 0xe9, 10, 0, 0, 9}),
                                    attribute(0xc0, 18, {0xfa, 0x56, 0xea, 0x01, 10, 0, 0, 9})});
  const auto result =
      decode_from_2_octet_peer({{{kSeq, {65001, 23456}}}}, {{{kSeq, {4200000001}}}}, aggregators);
  const Update u = decoded_as<Update>(result);
  CHECK(u.attributes.aggregator == Aggregator{65001, 0x0a000009});
  CHECK(u.attributes.as_path == AsPath{{{kSeq, {65001, 23456}}}});
}

TEST_CASE("toward 2-octet peers: AS_TRANS in the path, AS4_PATH only when needed",
          "[bgp_wire][as4]") {
  const AsPath big{{{kConfedSeq, {65281}}, {kSeq, {65001, 4200000001}}}};
  CHECK(as_trans_path(big) == AsPath{{{kConfedSeq, {65281}}, {kSeq, {65001, 23456}}}});
  CHECK(needs_as4_path(big));
  CHECK(without_confederation_segments(big) == AsPath{{{kSeq, {65001, 4200000001}}}});
  CHECK_FALSE(needs_as4_path(AsPath{{{kSeq, {65001, 65002}}}}));
  CHECK_FALSE(needs_as4_path(AsPath{{{kConfedSeq, {4200000001}}}}));
}
