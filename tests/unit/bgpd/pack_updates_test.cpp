// Tests for UPDATE packing: every message decodes cleanly within the size limit, the routes
// come back whole and in order, IPv6 travels in MP_REACH/MP_UNREACH; nothing when nothing fits.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <string>

#include "bgpd-cfn/wire/decode.hpp"
#include "bgpd-cfn/wire/nlri.hpp"
#include "bgpd-cfn/wire/pack_updates.hpp"
#include "tests/unit/address_literals.hpp"

using namespace cfn::bgp::wire;
using cfn::net::IpAddress;
using cfn::net::Prefix;
using cfn::test::addr;

namespace {

// 10.0.0.0/24, 10.0.1.0/24, ...
std::vector<Prefix> v4_prefixes(std::uint32_t count) {
  std::vector<Prefix> out;
  for (std::uint32_t i = 0; i < count; ++i)
    out.emplace_back(IpAddress::from_v4(0x0A000000u + (i << 8)), 24);
  return out;
}

// 2001:db8:0::/48, 2001:db8:1::/48, ...
std::vector<Prefix> v6_prefixes(std::uint32_t count) {
  std::vector<Prefix> out;
  for (std::uint32_t i = 0; i < count; ++i) {
    IpAddress::Bytes b{
        0x20, 0x01, 0x0d, 0xb8, static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i)};
    out.emplace_back(IpAddress::from_v6(b), 48);
  }
  return out;
}

PathAttributes attributes(const IpAddress& next_hop) {
  PathAttributes a;
  a.origin = Origin::kIgp;
  a.as_path = AsPath{{AsPathSegment{SegmentType::kSequence, {65001, 4200000001u}}}};
  a.next_hop = next_hop;
  a.med = 10;
  a.communities = {(65001u << 16) | 7};
  return a;
}

constexpr DecodeContext kDecode{.four_octet_as = true,
                                .extended_message = true,
                                .is_ebgp = true,
                                .ipv4_unicast = true,
                                .ipv6_unicast = true};

// Cuts `out` into messages and decodes each; every one must decode without problems.
struct Packed {
  std::vector<Update> updates;
  std::vector<std::size_t> sizes;
};

Packed decode_all(const Buffer& out) {
  Packed packed;
  std::span<const std::uint8_t> rest(out);
  while (!rest.empty()) {
    const Frame frame = frame_message(rest, kDecode);
    REQUIRE_FALSE(frame.error);
    REQUIRE(frame.length != 0);
    REQUIRE(frame.length <= rest.size());
    const DecodeResult result = decode_message(rest.first(frame.length), kDecode);
    CHECK(result.problems.empty());
    REQUIRE(result.message);
    const Update* update = std::get_if<Update>(&*result.message);
    REQUIRE(update);
    packed.updates.push_back(*update);
    packed.sizes.push_back(frame.length);
    rest = rest.subspan(frame.length);
  }
  return packed;
}

std::size_t limit(const EncodeContext& context) {
  return context.extended_message ? kMaxExtendedMessageSize : kMaxMessageSize;
}

// Every message fits; every one but the last is full: the next route would not fit (the
// packer keeps 2 octets for an MP attribute's extended length).
void check_sizes(const Packed& packed, std::span<const Prefix> routes,
                 const EncodeContext& context) {
  std::size_t route = 0;
  for (std::size_t i = 0; i < packed.sizes.size(); ++i) {
    CHECK(packed.sizes[i] <= limit(context));
    const Update& u = packed.updates[i];
    route += u.nlri.size() + u.withdrawn.size() + (u.mp_reach ? u.mp_reach->nlri.size() : 0) +
             (u.mp_unreach ? u.mp_unreach->withdrawn.size() : 0);
    if (i + 1 < packed.sizes.size()) {
      REQUIRE(route < routes.size());
      CHECK(packed.sizes[i] + prefix_size(routes[route]) + 2 > limit(context));
    }
  }
}

// Runs `work` in a child process with its heap capped, so that a packer that never stops
// fails this test instead of exhausting the machine. The child's result (0 to 99), or nullopt
// when the child died (the sanitizers exit with 1 when memory runs out).
std::optional<int> in_child(const std::function<int()>& work) {
  constexpr int kReturned = 100;  // exit status = kReturned + result
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::ifstream status("/proc/self/status");
    std::string line;
    rlim_t data_kib = 0;
    while (std::getline(status, line))
      if (line.rfind("VmData:", 0) == 0) data_kib = std::stoull(line.substr(7));
    const rlim_t cap = (data_kib << 10) + (rlim_t{256} << 20);
    const rlimit limit{cap, cap};
    setrlimit(RLIMIT_DATA, &limit);
    int result = -kReturned;
    try {
      result = std::min(work(), 99);
    } catch (...) {
    }
    _exit(kReturned + result);
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  if (!WIFEXITED(status) || WEXITSTATUS(status) < kReturned) return std::nullopt;
  return WEXITSTATUS(status) - kReturned;
}

}  // namespace

TEST_CASE("10k IPv4 /24 announcements: valid messages, routes whole and in order", "[bgpd][pack]") {
  const std::vector<Prefix> routes = v4_prefixes(10000);
  const PathAttributes attrs = attributes(addr("192.0.2.1"));
  const EncodeContext context{.four_octet_as = true, .extended_message = GENERATE(false, true)};
  Buffer out;
  const std::size_t count = pack_announcements(out, attrs, routes, context);
  const Packed packed = decode_all(out);
  REQUIRE(packed.updates.size() == count);
  CHECK((context.extended_message ? count == 1 : count > 1));  // 40,000 octets of NLRI
  std::vector<Prefix> back;
  for (const Update& u : packed.updates) {
    CHECK(u.attributes == attrs);
    CHECK(u.withdrawn.empty());
    CHECK_FALSE(u.mp_reach);
    back.insert(back.end(), u.nlri.begin(), u.nlri.end());
  }
  CHECK(back == routes);
  check_sizes(packed, routes, context);
}

TEST_CASE("5k IPv6 /48 announcements go in MP_REACH with the next hop, no NEXT_HOP",
          "[bgpd][pack]") {
  const std::vector<Prefix> routes = v6_prefixes(5000);
  const IpAddress next_hop = addr("2001:db8:ffff::1");
  const EncodeContext context{.four_octet_as = true, .extended_message = GENERATE(false, true)};
  Buffer out;
  const std::size_t count = pack_announcements(out, attributes(next_hop), routes, context);
  const Packed packed = decode_all(out);
  REQUIRE(packed.updates.size() == count);
  CHECK((context.extended_message ? count == 1 : count > 1));  // 35,000 octets of NLRI
  PathAttributes expected = attributes(next_hop);
  expected.next_hop.reset();
  std::vector<Prefix> back;
  for (const Update& u : packed.updates) {
    CHECK(u.attributes == expected);
    CHECK_FALSE(u.attributes.next_hop);
    CHECK(u.nlri.empty());
    REQUIRE(u.mp_reach);
    CHECK(u.mp_reach->afi_safi == kIpv6Unicast);
    CHECK(u.mp_reach->next_hop == next_hop);
    back.insert(back.end(), u.mp_reach->nlri.begin(), u.mp_reach->nlri.end());
  }
  CHECK(back == routes);
  check_sizes(packed, routes, context);
}

TEST_CASE("Withdrawals: IPv4 in the withdrawn field, IPv6 in MP_UNREACH, in order",
          "[bgpd][pack]") {
  const EncodeContext context{.four_octet_as = true, .extended_message = GENERATE(false, true)};
  const bool v6 = GENERATE(false, true);
  const std::vector<Prefix> routes = v6 ? v6_prefixes(5000) : v4_prefixes(10000);
  Buffer out;
  const std::size_t count = pack_withdrawals(out, routes, context);
  const Packed packed = decode_all(out);
  REQUIRE(packed.updates.size() == count);
  CHECK(count > 0);
  std::vector<Prefix> back;
  for (const Update& u : packed.updates) {
    CHECK(u.attributes == PathAttributes{});
    CHECK(u.nlri.empty());
    CHECK_FALSE(u.mp_reach);
    if (v6) {
      CHECK(u.withdrawn.empty());
      REQUIRE(u.mp_unreach);
      CHECK(u.mp_unreach->afi_safi == kIpv6Unicast);
      back.insert(back.end(), u.mp_unreach->withdrawn.begin(), u.mp_unreach->withdrawn.end());
    } else {
      CHECK_FALSE(u.mp_unreach);
      back.insert(back.end(), u.withdrawn.begin(), u.withdrawn.end());
    }
  }
  CHECK(back == routes);
  check_sizes(packed, routes, context);
}

TEST_CASE("Attributes beyond the maximum size give no message", "[bgpd][pack]") {
  PathAttributes attrs = attributes(addr("192.0.2.1"));
  for (std::uint32_t i = 0; i < 1100; ++i) attrs.communities.push_back(i);  // 4,400 octets
  const std::vector<Prefix> routes = v4_prefixes(3);
  Buffer out = {0xab};
  CHECK(pack_announcements(out, attrs, routes, EncodeContext{}) == 0);
  CHECK(out == Buffer{0xab});
  // With extended messages they fit.
  CHECK(pack_announcements(out, attrs, routes,
                           EncodeContext{.four_octet_as = false, .extended_message = true}) == 1);
}

TEST_CASE("Attributes that leave less room than one route give no message", "[bgpd][pack]") {
  // An unknown optional transitive attribute sized so that a message without routes is 4,092
  // octets: 2 octets are left, less than the 4 of a /24.
  PathAttributes attrs = attributes(addr("192.0.2.1"));
  std::optional<PathAttributes> near_full;
  for (std::size_t size = 3900; size < 4100 && !near_full; ++size) {
    attrs.unknown = {UnknownAttribute{0xe0, 99, std::vector<std::uint8_t>(size, 0x5a)}};
    Update empty;
    empty.attributes = attrs;
    Buffer probe;
    if (encode_update(probe, empty, EncodeContext{}) && probe.size() == kMaxMessageSize - 4)
      near_full = attrs;
  }
  REQUIRE(near_full);
  const std::optional<int> messages = in_child([&] {
    Buffer out;
    const std::vector<Prefix> routes = v4_prefixes(1);
    const std::size_t count = pack_announcements(out, *near_full, routes, EncodeContext{});
    return static_cast<int>(std::min<std::size_t>(count, 99));
  });
  REQUIRE(messages);  // the packer returned
  CHECK(*messages == 0);
}

TEST_CASE("No routes, no message", "[bgpd][pack]") {
  Buffer out;
  CHECK(pack_announcements(out, attributes(addr("192.0.2.1")), {}, EncodeContext{}) == 0);
  CHECK(pack_withdrawals(out, {}, EncodeContext{}) == 0);
  CHECK(out.empty());
}
