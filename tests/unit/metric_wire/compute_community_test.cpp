// Tests for the CFN Compute extended community: golden bytes both ways, drain signalling,
// configurable type/sub-type, malformed input with the exact reason, round trips.
#include <catch2/catch.hpp>

#include <array>
#include <string>
#include <vector>

#include "libcfnmetric/wire/compute_community.hpp"

using cfn::metric::Evaluation;
using cfn::metric::L1Costs;
using cfn::metric::wire::CommunityCodes;
using cfn::metric::wire::compute_community;
using cfn::metric::wire::ComputeCommunity;
using cfn::metric::wire::decode_compute_community;
using cfn::metric::wire::encode_compute_community;
using Bytes = std::array<std::uint8_t, 8>;

namespace {

// type 0x83, sub-type 0x01, ver 1 / flags 0, L2 96, cpu 127, gpu none, mem 64, delay 96.
constexpr Bytes kNoGpu = {0x83, 0x01, 0x10, 0x60, 0x7f, 0xff, 0x40, 0x60};
const ComputeCommunity kNoGpuValue{.l2 = 96, .l1 = {.compute = 127, .memory = 64, .delay = 96}};

// flags 0x2 (GPU present): L2 50, cpu 10, gpu 200, mem 20, delay 30.
constexpr Bytes kGpu = {0x83, 0x01, 0x12, 0x32, 0x0a, 0xc8, 0x14, 0x1e};
const ComputeCommunity kGpuValue{.l2 = 50,
                                 .l1 = {.compute = 10, .gpu = 200, .memory = 20, .delay = 30}};

}  // namespace

TEST_CASE("Compute community golden bytes, both ways", "[wire][compute_community]") {
  CHECK(encode_compute_community(kNoGpuValue) == kNoGpu);
  CHECK(encode_compute_community(kGpuValue) == kGpu);
  auto no_gpu = decode_compute_community(kNoGpu);
  REQUIRE(no_gpu);
  CHECK(*no_gpu.value == kNoGpuValue);
  CHECK_FALSE(no_gpu.value->drain());
  auto gpu = decode_compute_community(kGpu);
  REQUIRE(gpu);
  CHECK(*gpu.value == kGpuValue);
}

TEST_CASE("A draining site sends 255 and the flag; either means drain",
          "[wire][compute_community]") {
  Evaluation e;
  e.drain = true;
  e.l2 = 255;
  e.l1 = L1Costs{.compute = 40};
  CHECK(encode_compute_community(compute_community(e)) ==
        Bytes{0x83, 0x01, 0x11, 0xff, 0x28, 0xff, 0xff, 0xff});

  auto flag_only = decode_compute_community(Bytes{0x83, 0x01, 0x11, 0x20, 0, 0xff, 0, 0});
  REQUIRE(flag_only);
  CHECK(flag_only.value->drain());
  auto cost_only = decode_compute_community(Bytes{0x83, 0x01, 0x10, 0xff, 0, 0xff, 0, 0});
  REQUIRE(cost_only);
  CHECK(cost_only.value->drain());
}

TEST_CASE("Compute community type and sub-type are parameters", "[wire][compute_community]") {
  const CommunityCodes codes{.type = 0x8f, .subtype = 0x2a};
  const Bytes bytes = {0x8f, 0x2a, 0x10, 0x60, 0x7f, 0xff, 0x40, 0x60};
  CHECK(encode_compute_community(kNoGpuValue, codes) == bytes);
  auto decoded = decode_compute_community(bytes, codes);
  REQUIRE(decoded);
  CHECK(*decoded.value == kNoGpuValue);
  CHECK(decode_compute_community(bytes).error ==
        "compute community: type 0x8f sub-type 0x2a, expected 0x83 0x01");
}

TEST_CASE("Compute community encoder clamps present costs and clears reserved bits",
          "[wire][compute_community]") {
  const ComputeCommunity c{.l2 = 10, .l1 = {.compute = 255}};
  CHECK(encode_compute_community(c) == Bytes{0x83, 0x01, 0x10, 0x0a, 0xfe, 0xff, 0xff, 0xff});
  // Reserved flag bits 2-3 are ignored on receipt.
  auto reserved = decode_compute_community(Bytes{0x83, 0x01, 0x1c, 0x0a, 0xfe, 0xff, 0xff, 0xff});
  REQUIRE(reserved);
  CHECK(*reserved.value == ComputeCommunity{.l2 = 10, .l1 = {.compute = 254}});
}

TEST_CASE("Malformed compute communities are refused with the reason",
          "[wire][compute_community]") {
  struct Case {
    std::vector<std::uint8_t> bytes;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{}, "compute community: 0 octets, expected 8"},
      {{0x83, 0x01, 0x10, 0x60, 0x7f, 0xff, 0x40}, "compute community: 7 octets, expected 8"},
      {{0x83, 0x01, 0x10, 0x60, 0x7f, 0xff, 0x40, 0x60, 0x00},
       "compute community: 9 octets, expected 8"},
      {{0x03, 0x01, 0x10, 0x60, 0x7f, 0xff, 0x40, 0x60},
       "compute community: type 0x03 sub-type 0x01, expected 0x83 0x01"},
      {{0x83, 0x02, 0x10, 0x60, 0x7f, 0xff, 0x40, 0x60},
       "compute community: type 0x83 sub-type 0x02, expected 0x83 0x01"},
      {{0x83, 0x01, 0x00, 0x60, 0x7f, 0xff, 0x40, 0x60},
       "compute community: unsupported version 0"},
      {{0x83, 0x01, 0x20, 0x60, 0x7f, 0xff, 0x40, 0x60},
       "compute community: unsupported version 2"},
      {{0x83, 0x01, 0xf0, 0x60, 0x7f, 0xff, 0x40, 0x60},
       "compute community: unsupported version 15"},
      {{0x83, 0x01, 0x12, 0x60, 0x7f, 0xff, 0x40, 0x60},
       "compute community: GPU flag set, GPU cost 255"},
      {{0x83, 0x01, 0x10, 0x60, 0x7f, 0x00, 0x40, 0x60},
       "compute community: GPU cost without the GPU flag"},
  };
  for (const Case& c : cases) {
    auto decoded = decode_compute_community(c.bytes);
    INFO(c.error);
    CHECK_FALSE(decoded);
    CHECK(decoded.error == c.error);
  }
}

TEST_CASE("Compute community round trip over the value space", "[wire][compute_community]") {
  for (int v = 0; v < 256; v += 3) {
    const auto o = static_cast<std::uint8_t>(v);
    auto cost = [](int x) -> std::optional<std::uint8_t> {
      if (x == 255) return std::nullopt;
      return static_cast<std::uint8_t>(x);
    };
    const ComputeCommunity c{.l2 = o,
                             .draining = v % 2 == 0,
                             .l1 = {.compute = cost(v),
                                    .gpu = cost(255 - v),
                                    .memory = cost((v * 7) % 256),
                                    .delay = cost((v * 13) % 256)}};
    auto decoded = decode_compute_community(encode_compute_community(c));
    REQUIRE(decoded);
    CHECK(*decoded.value == c);
  }
}
