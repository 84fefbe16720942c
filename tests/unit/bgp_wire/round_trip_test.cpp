// Round trips over generated UPDATEs (seeded, so failures reproduce) toward 4-octet and
// 2-octet peers, message size limits, and a 1,000,000-prefix feed decoded prefix for prefix.
#include <catch2/catch.hpp>

#include <random>

#include "tests/unit/address_literals.hpp"
#include "tests/unit/bgp_wire/wire_test_support.hpp"

using namespace cfn::bgp::wire;
using namespace cfn::bgp::wire::test;
using cfn::net::IpAddress;
using cfn::net::Prefix;

namespace {

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  std::uint32_t below(std::uint32_t n) {
    return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng_);
  }
  bool coin() { return below(2) == 1; }
  std::uint32_t asn() { return coin() ? 1 + below(65535) : 65536 + below(4000000000u); }

  Prefix v4_prefix() {
    return Prefix(IpAddress::from_v4(static_cast<std::uint32_t>(rng_())), below(33));
  }
  Prefix v6_prefix() {
    IpAddress::Bytes bytes;
    for (auto& b : bytes) b = static_cast<std::uint8_t>(below(256));
    return Prefix(IpAddress::from_v6(bytes), below(129));
  }
  IpAddress host() { return IpAddress::from_v4((1 + below(126)) << 24 | below(1 << 24)); }

  AsPath as_path() {
    AsPath path;
    if (below(4) == 0) path.segments.push_back({SegmentType::kConfedSequence, {1 + below(65535)}});
    for (std::uint32_t s = below(4); s > 0; --s) {
      AsPathSegment& segment = path.segments.emplace_back();
      segment.type = below(4) == 0 ? SegmentType::kSet : SegmentType::kSequence;
      for (std::uint32_t n = 1 + below(8); n > 0; --n) segment.asns.push_back(asn());
    }
    return path;
  }

  Update update() {
    Update u;
    for (std::uint32_t n = below(10); n > 0; --n) u.withdrawn.push_back(v4_prefix());
    for (std::uint32_t n = 1 + below(40); n > 0; --n) u.nlri.push_back(v4_prefix());
    PathAttributes& a = u.attributes;
    a.origin = static_cast<Origin>(below(3));
    a.as_path = as_path();
    a.next_hop = host();
    if (coin()) a.med = static_cast<std::uint32_t>(rng_());
    a.local_pref = static_cast<std::uint32_t>(rng_());
    a.atomic_aggregate = coin();
    if (coin()) a.aggregator = Aggregator{asn(), static_cast<std::uint32_t>(rng_())};
    for (std::uint32_t n = below(5); n > 0; --n)
      a.communities.push_back(static_cast<std::uint32_t>(rng_()));
    if (coin()) a.originator_id = static_cast<std::uint32_t>(rng_());
    for (std::uint32_t n = below(3); n > 0; --n)
      a.cluster_list.push_back(static_cast<std::uint32_t>(rng_()));
    for (std::uint32_t n = below(3); n > 0; --n) a.extended_communities.push_back({rng_()});
    for (std::uint32_t n = below(3); n > 0; --n)
      a.large_communities.push_back({n, asn(), static_cast<std::uint32_t>(rng_())});
    if (!a.communities.empty() && coin()) a.partial |= std::uint64_t{1} << attr::kCommunities;
    if (a.aggregator && coin()) a.partial |= std::uint64_t{1} << attr::kAggregator;
    if (coin()) a.unknown.push_back({0xe0, 40, {1, 2, 3}});
    if (coin()) a.unknown.push_back({0xe0, 200, Bytes(below(300), 7)});
    if (coin()) {
      u.mp_reach = MpReach{kIpv6Unicast, cfn::test::addr("2001:db8::1"), std::nullopt, {}};
      if (coin()) u.mp_reach->link_local_next_hop = cfn::test::addr("fe80::1");
      for (std::uint32_t n = below(20); n > 0; --n) u.mp_reach->nlri.push_back(v6_prefix());
    }
    if (coin()) {
      u.mp_unreach = MpUnreach{kIpv6Unicast, {}};
      for (std::uint32_t n = 1 + below(20); n > 0; --n)
        u.mp_unreach->withdrawn.push_back(v6_prefix());
    }
    return u;
  }

 private:
  std::mt19937_64 rng_;
};

}  // namespace

TEST_CASE("generated UPDATEs survive encode and decode toward 4- and 2-octet peers",
          "[bgp_wire][round_trip]") {
  Generator generate(20240607);
  for (int i = 0; i < 500; ++i) {
    const Update u = generate.update();
    for (const bool four : {true, false}) {
      INFO("update " << i << (four ? " 4-octet" : " 2-octet"));
      Buffer bytes;
      REQUIRE(encode_update(bytes, u, {four, false}));
      const DecodeResult result = decode_message(bytes, context(four, false));
      for (const Problem& problem : result.problems) INFO(problem.reason);
      CHECK(result.problems.empty());
      CHECK(decoded_as<Update>(result) == u);
    }
  }
}

TEST_CASE("equal attribute sets hash equal, different ones almost never", "[bgp_wire]") {
  Generator generate(7);
  std::vector<std::uint64_t> hashes;
  for (int i = 0; i < 2000; ++i) {
    const PathAttributes a = generate.update().attributes;
    PathAttributes copy = a;
    CHECK(copy.hash_value() == a.hash_value());
    CHECK(std::hash<PathAttributes>{}(copy) == std::hash<PathAttributes>{}(a));
    copy.communities.push_back(1);
    CHECK(copy.hash_value() != a.hash_value());
    hashes.push_back(a.hash_value());
  }
  std::sort(hashes.begin(), hashes.end());
  CHECK(std::adjacent_find(hashes.begin(), hashes.end()) == hashes.end());
}

TEST_CASE("an UPDATE over the size limit is refused and the buffer left alone", "[bgp_wire]") {
  Update u;
  u.attributes.origin = Origin::kIgp;
  u.attributes.as_path = AsPath{};
  u.attributes.next_hop = cfn::test::addr("192.0.2.1");
  for (std::uint32_t i = 0; i < 1100; ++i) u.nlri.push_back(Prefix(IpAddress::from_v4(i << 8), 24));
  Buffer out = {1, 2, 3};
  CHECK_FALSE(encode_update(out, u, {true, false}));
  CHECK(out == Buffer{1, 2, 3});
  CHECK(encode_update(out, u, {true, true}));              // fits in an extended message
  CHECK(out.size() == 3 + 19 + 4 + 4 + 3 + 7 + 1100 * 4);  // ORIGIN, empty AS_PATH, NEXT_HOP
}

TEST_CASE("a feed of 1,000,000 IPv4 prefixes decodes completely", "[bgp_wire]") {
  // 1000 /24s per UPDATE, as a load generator packs them.
  std::vector<Buffer> feed;
  for (std::uint32_t m = 0; m < 1000; ++m) {
    Update u;
    u.attributes.origin = Origin::kIgp;
    u.attributes.as_path = AsPath{{{SegmentType::kSequence, {65001, m + 1}}}};
    u.attributes.next_hop = cfn::test::addr("192.0.2.1");
    for (std::uint32_t i = 0; i < 1000; ++i) {
      u.nlri.push_back(Prefix(IpAddress::from_v4((m * 1000 + i) << 8 | 0x01000000), 24));
    }
    REQUIRE(encode_update(feed.emplace_back(), u, {true, false}));
  }
  std::size_t prefixes = 0;
  Prefix last;
  for (const Buffer& bytes : feed) {
    DecodeResult result = decode_message(bytes, ebgp4());
    const Update& u = std::get<Update>(*result.message);
    prefixes += u.nlri.size();
    last = u.nlri.back();
  }
  CHECK(prefixes == 1000000);
  CHECK(last == Prefix(IpAddress::from_v4((999999u << 8) | 0x01000000), 24));
}
