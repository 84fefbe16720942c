// Tests for the OSPF CFN opaque LSA body: golden bytes both ways (IPv4 with every sub-TLV,
// IPv6 draining, /0), unknown TLVs kept, malformed input with the exact reason, round trips.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "libcfnmetric/model/evaluate.hpp"
#include "libcfnmetric/wire/ospf_cfn_lsa.hpp"

using cfn::metric::L0Metrics;
using cfn::metric::L1Costs;
using cfn::metric::wire::decode_service_lsa;
using cfn::metric::wire::encode_service_lsa;
using cfn::metric::wire::RawTlv;
using cfn::metric::wire::ServiceLsa;
using Bytes = std::vector<std::uint8_t>;

namespace {

cfn::net::Prefix prefix(const char* text) {
  return *cfn::net::Prefix::parse(text);
}

Bytes encode(const ServiceLsa& lsa) {
  Bytes out;
  encode_service_lsa(out, lsa);
  return out;
}

// 192.0.2.0/24 "llm": L2 96; L1 127/-/64/96; cpu 50%, 4 cores, queue 4, 1000 us; capacity 2.
const Bytes kFull = {
    0x00, 0x01, 0x00, 0x48,  // Service Prefix TLV, length 72
    0x18, 0x01, 0x00, 0x00,  // /24, AF 1 (IPv4), reserved
    0xc0, 0x00, 0x02, 0x00,  // 192.0.2 + padding
    0x00, 0x01, 0x00, 0x04,  // L2 Cost sub-TLV
    0x60, 0x00, 0x00, 0x00,  //   L2 96, flags 0, reserved
    0x00, 0x02, 0x00, 0x04,  // L1 Costs sub-TLV
    0x7f, 0xff, 0x40, 0x60,  //   compute 127, gpu none, memory 64, delay 96
    0x00, 0x03, 0x00, 0x1c,  // L0 Metrics sub-TLV, length 28
    0x00, 0x33, 0x00, 0x00,  //   present: cpu util, cores, queue, delay; reserved
    0x13, 0x88, 0x00, 0x00,  //   cpu 5000/10000, gpu 0 (absent)
    0x00, 0x00, 0x0f, 0xa0,  //   4000 milli-cores
    0x00, 0x00, 0x00, 0x04,  //   queue depth 4
    0x00, 0x00, 0x03, 0xe8,  //   1000 us
    0x00, 0x00, 0x00, 0x00,  //   GPU free memory (absent)
    0x00, 0x00, 0x00, 0x00,  //
    0x00, 0x04, 0x00, 0x04,  // Capacity sub-TLV
    0x00, 0x00, 0x07, 0xd0,  //   2000 milli-cores
    0x00, 0x05, 0x00, 0x03,  // Service Name sub-TLV, length 3
    0x6c, 0x6c, 0x6d, 0x00,  //   "llm" + padding
};

ServiceLsa full_value() {
  ServiceLsa lsa;
  lsa.prefix = prefix("192.0.2.0/24");
  lsa.l2 = 96;
  lsa.l1 = L1Costs{.compute = 127, .memory = 64, .delay = 96};
  lsa.l0.cpu_utilization = 0.5;
  lsa.l0.cpu_cores = 4;
  lsa.l0.queue_depth = 4;
  lsa.l0.processing_delay_us = 1000;
  lsa.capacity = 2;
  lsa.name = "llm";
  return lsa;
}

// 2001:db8::/32, draining, nothing else.
const Bytes kDrainV6 = {
    0x00, 0x01, 0x00, 0x10,  // Service Prefix TLV, length 16
    0x20, 0x02, 0x00, 0x00,  // /32, AF 2 (IPv6)
    0x20, 0x01, 0x0d, 0xb8,  // 2001:db8
    0x00, 0x01, 0x00, 0x04,  // L2 Cost sub-TLV
    0xff, 0x01, 0x00, 0x00,  //   L2 255, draining
};

// The whole body with one octet changed.
Bytes with(Bytes bytes, std::size_t at, std::uint8_t value) {
  bytes.at(at) = value;
  return bytes;
}

}  // namespace

TEST_CASE("OSPF CFN LSA golden bytes, every sub-TLV", "[wire][ospf_cfn_lsa]") {
  CHECK(encode(full_value()) == kFull);
  auto decoded = decode_service_lsa(kFull);
  REQUIRE(decoded);
  CHECK(*decoded.value == full_value());
}

TEST_CASE("OSPF CFN LSA golden bytes, IPv6 draining", "[wire][ospf_cfn_lsa]") {
  ServiceLsa value;
  value.prefix = prefix("2001:db8::/32");
  value.l2 = 255;
  value.draining = true;
  CHECK(encode(value) == kDrainV6);
  auto decoded = decode_service_lsa(kDrainV6);
  REQUIRE(decoded);
  CHECK(*decoded.value == value);
  CHECK(decoded.value->drain());
}

TEST_CASE("OSPF CFN LSA: /0 has no prefix octets; GPU memory is 64-bit", "[wire][ospf_cfn_lsa]") {
  ServiceLsa value;
  value.prefix = prefix("0.0.0.0/0");
  value.l2 = 5;
  value.l0.gpu_utilization = 0.25;
  value.l0.gpu_memory_free = 0x123456789aull;
  const Bytes bytes = {
      0x00, 0x01, 0x00, 0x2c,                          // Service Prefix TLV, length 44
      0x00, 0x01, 0x00, 0x00,                          // /0, IPv4
      0x00, 0x01, 0x00, 0x04, 0x05, 0x00, 0x00, 0x00,  // L2 5
      0x00, 0x03, 0x00, 0x1c,                          // L0 Metrics
      0x00, 0x0c, 0x00, 0x00,                          //   present: gpu util, gpu memory
      0x00, 0x00, 0x09, 0xc4,                          //   gpu 2500/10000
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78, 0x9a,  //   GPU free memory
  };
  CHECK(encode(value) == bytes);
  auto decoded = decode_service_lsa(bytes);
  REQUIRE(decoded);
  CHECK(*decoded.value == value);
}

TEST_CASE("Unknown TLVs and sub-TLVs are skipped and kept", "[wire][ospf_cfn_lsa]") {
  const Bytes bytes = {
      0x00, 0x07, 0x00, 0x01, 0xaa, 0x00, 0x00, 0x00,  // unknown TLV 7, before
      0x00, 0x01, 0x00, 0x18,                          // Service Prefix TLV, length 24
      0x08, 0x01, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00,  // 10.0.0.0/8
      0x00, 0x63, 0x00, 0x03, 0x61, 0x62, 0x63, 0x00,  // unknown sub-TLV 99 "abc"
      0x00, 0x01, 0x00, 0x04, 0x07, 0x00, 0x00, 0x00,  // L2 7
  };
  auto decoded = decode_service_lsa(bytes);
  REQUIRE(decoded);
  CHECK(decoded.value->prefix == prefix("10.0.0.0/8"));
  CHECK(decoded.value->l2 == 7);
  CHECK(decoded.value->unknown_sub_tlvs == std::vector<RawTlv>{{99, {0x61, 0x62, 0x63}}});
  CHECK(decoded.value->unknown_tlvs == std::vector<RawTlv>{{7, {0xaa}}});
  // Re-encoded: known sub-TLVs first, the unknown ones after, then the unknown TLVs.
  const Bytes again = {
      0x00, 0x01, 0x00, 0x18, 0x08, 0x01, 0x00, 0x00, 0x0a, 0x00,
      0x00, 0x00, 0x00, 0x01, 0x00, 0x04, 0x07, 0x00, 0x00, 0x00,  // L2 7
      0x00, 0x63, 0x00, 0x03, 0x61, 0x62, 0x63, 0x00,              // sub-TLV 99
      0x00, 0x07, 0x00, 0x01, 0xaa, 0x00, 0x00, 0x00,              // TLV 7
  };
  CHECK(encode(*decoded.value) == again);
  auto redecoded = decode_service_lsa(again);
  REQUIRE(redecoded);
  CHECK(*redecoded.value == *decoded.value);
}

TEST_CASE("Malformed OSPF CFN LSA bodies are refused with the reason", "[wire][ospf_cfn_lsa]") {
  // A Service Prefix TLV for 192.0.2.0/24 around the given sub-TLVs, padded; its length
  // field is right unless given.
  auto body = [](const Bytes& sub_tlvs, std::optional<std::uint16_t> length = {}) {
    Bytes b = {0x00, 0x01, 0x00, 0x00, 0x18, 0x01, 0x00, 0x00, 0xc0, 0x00, 0x02, 0x00};
    b.insert(b.end(), sub_tlvs.begin(), sub_tlvs.end());
    const auto n = length.value_or(static_cast<std::uint16_t>(b.size() - 4));
    b[2] = static_cast<std::uint8_t>(n >> 8);
    b[3] = static_cast<std::uint8_t>(n);
    while (b.size() % 4) b.push_back(0);
    return b;
  };
  const Bytes l2 = {0x00, 0x01, 0x00, 0x04, 0x60, 0x00, 0x00, 0x00};
  auto name = [&](const Bytes& octets) {
    Bytes sub = l2;
    sub.insert(sub.end(), {0x00, 0x05, static_cast<std::uint8_t>(octets.size() >> 8),
                           static_cast<std::uint8_t>(octets.size())});
    sub.insert(sub.end(), octets.begin(), octets.end());
    while (sub.size() % 4) sub.push_back(0);
    return body(sub);
  };
  Bytes l0_length_24 = {0x00, 0x03, 0x00, 0x18};
  l0_length_24.resize(4 + 24);
  Bytes two_prefixes = kFull;
  two_prefixes.insert(two_prefixes.end(), kDrainV6.begin(), kDrainV6.end());

  // Offsets in kFull: cpu utilization 36-37, gpu utilization 38-39, L0 presence 32-33, Service
  // Name sub-TLV length 70-71.
  struct Case {
    Bytes bytes;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{}, "no Service Prefix TLV"},
      {{0x00, 0x07, 0x00, 0x00}, "no Service Prefix TLV"},
      {{0x00, 0x01, 0x00}, "truncated TLV header (3 octets left)"},
      {Bytes(kFull.begin(), kFull.end() - 4),
       "TLV 1: length 72 (padded 72) overruns the 68 octets left"},
      {with(kFull, 3, 0x49), "TLV 1: length 73 (padded 76) overruns the 72 octets left"},
      {two_prefixes, "more than one Service Prefix TLV"},
      // The 20-octet test body FRR flooded in /work/shared/captures/ospf-p2p-md5-opaque.pcap
      // (opaque type 233, not the CFN encoding).
      {{0x00, 0x01, 0x00, 0x08, 0xc6, 0x33, 0x64, 0x01, 0x20, 0x00,
        0x00, 0x00, 0x00, 0x02, 0x00, 0x04, 0x00, 0x00, 0x00, 0x50},
       "Service Prefix TLV: unknown address family 51"},
      {body({}, 3), "Service Prefix TLV: length 3, shorter than 4"},
      {with(body(l2), 5, 0x03), "Service Prefix TLV: unknown address family 3"},
      {with(body(l2), 5, 0x00), "Service Prefix TLV: unknown address family 0"},
      {with(body(l2), 4, 33), "Service Prefix TLV: prefix length 33 longer than 32"},
      {with(with(body(l2), 5, 2), 4, 129), "Service Prefix TLV: prefix length 129 longer than 128"},
      {with(with(body({}), 5, 2), 4, 40), "Service Prefix TLV: prefix truncated"},
      {with(with(body(l2), 4, 23), 10, 0x03),
       "Service Prefix TLV: prefix has bits set beyond its length"},
      {body({}), "Service Prefix TLV without an L2 Cost sub-TLV"},
      {body({0x00, 0x63, 0x00, 0x00, 0x00, 0x02, 0x00, 0x04, 1, 2, 3, 4}),
       "Service Prefix TLV without an L2 Cost sub-TLV"},
      {body({0x00, 0x01}), "truncated sub-TLV header (2 octets left)"},
      {body({0x00, 0x01, 0x00, 0x05, 0x60, 0x00, 0x00, 0x00}),
       "sub-TLV 1: length 5 (padded 8) overruns the 4 octets left"},
      {with(kFull, 71, 0x05), "sub-TLV 5: length 5 (padded 8) overruns the 4 octets left"},
      {body({0x00, 0x01, 0x00, 0x03, 0x60, 0x00, 0x00, 0x00}),
       "L2 Cost sub-TLV: length 3, expected 4"},
      {body({0x00, 0x01, 0x00, 0x04, 0x60, 0, 0, 0, 0x00, 0x01, 0x00, 0x04, 0x61, 0, 0, 0}),
       "sub-TLV 1 repeated"},
      {body({0x00, 0x02, 0x00, 0x08, 0, 0, 0, 0, 0, 0, 0, 0}),
       "L1 Costs sub-TLV: length 8, expected 4"},
      {body(l0_length_24), "L0 Metrics sub-TLV: length 24, expected 28"},
      {with(with(kFull, 36, 0x27), 37, 0x11),
       "L0 Metrics sub-TLV: CPU utilization 10001 above 10000"},
      {with(with(with(kFull, 33, 0x37), 38, 0x27), 39, 0x11),
       "L0 Metrics sub-TLV: GPU utilization 10001 above 10000"},
      {body({0x00, 0x04, 0x00, 0x02, 0, 1, 0, 0, 0x00, 0x01, 0x00, 0x04, 0, 0, 0, 0}),
       "Capacity sub-TLV: length 2, expected 4"},
      {name({}), "Service Name sub-TLV: empty"},
      {name(Bytes(256, 'a')), "Service Name sub-TLV: 256 octets, at most 255"},
      {name({0xc3, 0x28}), "Service Name sub-TLV: not UTF-8"},              // bad continuation
      {name({0xc0, 0xaf}), "Service Name sub-TLV: not UTF-8"},              // overlong '/'
      {name({0xed, 0xa0, 0x80}), "Service Name sub-TLV: not UTF-8"},        // surrogate D800
      {name({0xf4, 0x90, 0x80, 0x80}), "Service Name sub-TLV: not UTF-8"},  // above U+10FFFF
      {name({0x61, 0xe2, 0x82}), "Service Name sub-TLV: not UTF-8"},        // truncated
      {name({0x61, 0xff}), "Service Name sub-TLV: not UTF-8"},
  };
  for (const Case& c : cases) {
    auto decoded = decode_service_lsa(c.bytes);
    INFO(c.error);
    CHECK_FALSE(decoded);
    CHECK(decoded.error == c.error);
  }
  // Unused presence bits and reserved octets are ignored; the CPU utilization may be exactly 100%.
  Bytes lenient = with(with(with(kFull, 32, 0x80), 34, 0xff), 18, 0xff);
  lenient = with(with(lenient, 36, 0x27), 37, 0x10);
  auto decoded = decode_service_lsa(lenient);
  REQUIRE(decoded);
  CHECK(decoded.value->l0.cpu_utilization == 1.0);
}

TEST_CASE("Service names: any UTF-8, cut to 255 octets at a character", "[wire][ospf_cfn_lsa]") {
  ServiceLsa lsa;
  lsa.prefix = prefix("198.51.100.0/24");
  lsa.name = "vid\xc3\xa9o-\xf0\x9f\x99\x82";  // "vidéo-" and U+1F642
  auto decoded = decode_service_lsa(encode(lsa));
  REQUIRE(decoded);
  CHECK(*decoded.value == lsa);

  std::string long_name;
  for (int i = 0; i < 200; ++i) long_name += "\xc3\xa9";  // 400 octets of two-octet characters
  lsa.name = long_name;
  auto cut = decode_service_lsa(encode(lsa));
  REQUIRE(cut);
  CHECK(cut.value->name == long_name.substr(0, 254));

  lsa.name = "";  // not sent
  auto empty = decode_service_lsa(encode(lsa));
  REQUIRE(empty);
  CHECK_FALSE(empty.value->name.has_value());
}

TEST_CASE("What a site originates decodes to the same LSA", "[wire][ospf_cfn_lsa]") {
  L0Metrics m;
  m.cpu_utilization = 0.4213;
  m.cpu_cores = 7.5;
  m.memory_utilization = 0.5;  // not carried in L0: only in L1
  m.gpu_utilization = 0.9;
  m.gpu_memory_free = 3ull << 30;
  m.gpu_memory_total = 16ull << 30;
  m.queue_depth = 12;
  m.processing_delay_us = 250;
  m.healthy = true;
  const auto evaluation = cfn::metric::evaluate(m, cfn::metric::Policy{});
  const ServiceLsa lsa =
      cfn::metric::wire::service_lsa(prefix("2001:db8:cf::/48"), "render", m, evaluation);
  CHECK(lsa.l1 == evaluation.l1);
  CHECK_FALSE(lsa.l0.memory_utilization.has_value());
  auto decoded = decode_service_lsa(encode(lsa));
  REQUIRE(decoded);
  CHECK(decoded.value->prefix == lsa.prefix);
  CHECK(decoded.value->l2 == evaluation.l2);
  CHECK(decoded.value->l1 == evaluation.l1);
  CHECK(decoded.value->l0 == lsa.l0);  // these values are exact at the wire's resolution
  CHECK(decoded.value->capacity.value() == Approx(evaluation.capacity).margin(0.0005));
  CHECK(decoded.value->name == "render");

  m.healthy = false;
  const ServiceLsa drained = cfn::metric::wire::service_lsa(
      prefix("2001:db8:cf::/48"), "render", m, cfn::metric::evaluate(m, cfn::metric::Policy{}));
  auto drained_decoded = decode_service_lsa(encode(drained));
  REQUIRE(drained_decoded);
  CHECK(drained_decoded.value->drain());
  CHECK(drained_decoded.value->l2 == 255);
  CHECK(drained_decoded.value->draining);
}
