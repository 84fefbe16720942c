// Tests for the Link Bandwidth extended community: FRR's own bytes, golden encodings, AS_TRANS,
// capacity scaling, malformed input with the exact reason.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "libcfnmetric/wire/link_bandwidth.hpp"

using cfn::metric::wire::bandwidth_to_capacity;
using cfn::metric::wire::capacity_to_bandwidth;
using cfn::metric::wire::decode_link_bandwidth;
using cfn::metric::wire::encode_link_bandwidth;
using cfn::metric::wire::link_bandwidth_admin;
using cfn::metric::wire::LinkBandwidth;
using Bytes = std::array<std::uint8_t, 8>;

// From /work/shared/captures/bgp-ospf-frr-bird.pcap: FRR 8.4 (AS 4200000001) sending
// 250 Mbit/s = 31,250,000 bytes/s = float 0x4bee6b28, global admin AS_TRANS 23456 (0x5ba0).
TEST_CASE("Link bandwidth as FRR sends it", "[wire][link_bandwidth]") {
  const Bytes frr = {0x00, 0x04, 0x5b, 0xa0, 0x4b, 0xee, 0x6b, 0x28};
  auto decoded = decode_link_bandwidth(frr);
  REQUIRE(decoded);
  CHECK(decoded.value->transitive);
  CHECK(decoded.value->global_admin == 23456);
  CHECK(decoded.value->bytes_per_second == 31250000.0f);
  CHECK(encode_link_bandwidth(*decoded.value) == frr);
  CHECK(encode_link_bandwidth({.transitive = true,
                               .global_admin = link_bandwidth_admin(4200000001),
                               .bytes_per_second = 31250000.0f}) == frr);
}

TEST_CASE("Link bandwidth non-transitive golden bytes", "[wire][link_bandwidth]") {
  // AS 65001 = 0xfde9; 1,000,000 bytes/s = float 0x49742400.
  const Bytes bytes = {0x40, 0x04, 0xfd, 0xe9, 0x49, 0x74, 0x24, 0x00};
  const LinkBandwidth value{.transitive = false, .global_admin = 65001, .bytes_per_second = 1e6f};
  CHECK(encode_link_bandwidth(value) == bytes);
  auto decoded = decode_link_bandwidth(bytes);
  REQUIRE(decoded);
  CHECK(*decoded.value == value);
}

TEST_CASE("Global administrator: the AS, or AS_TRANS above 65535", "[wire][link_bandwidth]") {
  CHECK(link_bandwidth_admin(65001) == 65001);
  CHECK(link_bandwidth_admin(65535) == 65535);
  CHECK(link_bandwidth_admin(65536) == 23456);
  CHECK(link_bandwidth_admin(4200000001) == 23456);
}

// Default scale: 1 core = 1,000,000 bytes/s. FRR weights next hops by bw * 100 / total, so
// sites with 1 and 3 free cores get 25 and 75.
TEST_CASE("Capacity scales into bytes per second", "[wire][link_bandwidth]") {
  CHECK(capacity_to_bandwidth(1.0) == 1e6f);
  CHECK(capacity_to_bandwidth(3.0) == 3e6f);
  CHECK(capacity_to_bandwidth(2.5) == 2.5e6f);
  CHECK(capacity_to_bandwidth(0.0000004) == 1.0f);  // 0.4 bytes/s: never 0
  CHECK(capacity_to_bandwidth(0) == 1.0f);
  CHECK(capacity_to_bandwidth(-2) == 1.0f);
  CHECK(capacity_to_bandwidth(std::nan("")) == 1.0f);
  CHECK(capacity_to_bandwidth(1e9) == 4294967040.0f);  // FRR's uint32 ceiling
  CHECK(capacity_to_bandwidth(2.0, 125000) == 250000.0f);
  CHECK(bandwidth_to_capacity(2.5e6f) == 2.5);
  CHECK(bandwidth_to_capacity(250000.0f, 125000) == 2.0);
  CHECK(bandwidth_to_capacity(250000.0f, 0) == 0.0);
}

TEST_CASE("Malformed link bandwidth communities are refused with the reason",
          "[wire][link_bandwidth]") {
  struct Case {
    std::vector<std::uint8_t> bytes;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{0x00, 0x04, 0x5b, 0xa0, 0x4b, 0xee, 0x6b}, "link bandwidth: 7 octets, expected 8"},
      {{0x00, 0x04, 0x5b, 0xa0, 0x4b, 0xee, 0x6b, 0x28, 0x00},
       "link bandwidth: 9 octets, expected 8"},
      {{0x02, 0x04, 0x5b, 0xa0, 0x4b, 0xee, 0x6b, 0x28},
       "link bandwidth: type 2, expected 0 or 64"},
      {{0x01, 0x04, 0x5b, 0xa0, 0x4b, 0xee, 0x6b, 0x28},
       "link bandwidth: type 1, expected 0 or 64"},
      {{0x00, 0x02, 0xfd, 0xea, 0x00, 0x00, 0x00, 0x2a},  // route target 65002:42 (BIRD)
       "link bandwidth: sub-type 2, expected 4"},
      {{0x00, 0x04, 0x5b, 0xa0, 0x7f, 0xc0, 0x00, 0x00},  // NaN
       "link bandwidth: value is not a finite number >= 0"},
      {{0x00, 0x04, 0x5b, 0xa0, 0x7f, 0x80, 0x00, 0x00},  // +infinity
       "link bandwidth: value is not a finite number >= 0"},
      {{0x00, 0x04, 0x5b, 0xa0, 0xbf, 0x80, 0x00, 0x00},  // -1.0
       "link bandwidth: value is not a finite number >= 0"},
  };
  for (const Case& c : cases) {
    auto decoded = decode_link_bandwidth(c.bytes);
    INFO(c.error);
    CHECK_FALSE(decoded);
    CHECK(decoded.error == c.error);
  }
}

TEST_CASE("Link bandwidth round trip", "[wire][link_bandwidth]") {
  for (float bw : {0.0f, 1.0f, 125000.0f, 31250000.0f, 4294967040.0f,
                   std::numeric_limits<float>::max(), std::numeric_limits<float>::denorm_min()}) {
    for (bool transitive : {true, false}) {
      const LinkBandwidth value{
          .transitive = transitive, .global_admin = 64512, .bytes_per_second = bw};
      auto decoded = decode_link_bandwidth(encode_link_bandwidth(value));
      REQUIRE(decoded);
      CHECK(*decoded.value == value);
    }
  }
}
