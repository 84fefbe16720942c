// Real messages from FRR 8.4, BIRD 2 and GoBGP 3 (extracted from shared captures by
// scripts/extract_bgp_messages.py): every one decodes cleanly and re-encodes to the same bytes,
// except where the sender chose another legal form (attribute order, Extended Length on short
// attributes, capability layout), which the test normalizes and names.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "bgpd-cfn/wire/shutdown_communication.hpp"
#include "tests/unit/address_literals.hpp"
#include "tests/unit/bgp_wire/wire_test_support.hpp"

using namespace cfn::bgp::wire;
using namespace cfn::bgp::wire::test;

namespace {

std::map<std::string, Bytes> fixtures() {
  std::map<std::string, Bytes> out;
  for (const auto& entry : std::filesystem::directory_iterator(FIXTURES)) {
    std::ifstream in(entry.path(), std::ios::binary);
    out[entry.path().filename().string()] =
        Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

// Both captured sessions negotiated 4-octet AS; the FRR-BIRD ones IPv4 and IPv6 unicast.
DecodeContext capture_context() {
  return ebgp4();
}

bool known_type(std::uint8_t type) {
  return (type >= 1 && type <= 10) || (type >= 14 && type <= 18) || type == 32;
}

// The UPDATE in the form our encoder writes: MP attributes first, the others in ascending
// type order, Extended Length only above 255 octets, Partial on unknown optional transitive.
Bytes canonical_update(const Bytes& message) {
  struct Raw {
    std::uint8_t flags, type;
    Bytes value;
  };
  const auto u16 = [&](std::size_t at) { return std::size_t(message[at] << 8 | message[at + 1]); };
  const std::size_t withdrawn_length = u16(19);
  const std::size_t attributes_at = 21 + withdrawn_length + 2;
  const std::size_t attributes_end = attributes_at + u16(21 + withdrawn_length);
  std::vector<Raw> raws;
  for (std::size_t at = attributes_at; at < attributes_end;) {
    const std::uint8_t flags = message[at], type = message[at + 1];
    const bool extended = flags & 0x10;
    const std::size_t length = extended ? u16(at + 2) : message[at + 2];
    const std::size_t value_at = at + (extended ? 4 : 3);
    raws.push_back(
        {flags, type, Bytes(message.begin() + value_at, message.begin() + value_at + length)});
    at = value_at + length;
  }
  const auto rank = [](std::uint8_t type) { return type == 14 || type == 15 ? type - 15 : type; };
  std::stable_sort(raws.begin(), raws.end(),
                   [&](const Raw& a, const Raw& b) { return rank(a.type) < rank(b.type); });
  Bytes attributes;
  for (Raw& raw : raws) {
    std::uint8_t flags = raw.flags & 0xe0;
    if (!known_type(raw.type) && (flags & 0xc0) == 0xc0) flags |= 0x20;
    if (raw.value.size() > 255) flags |= 0x10;
    const Bytes one = attribute(flags, raw.type, raw.value);
    attributes.insert(attributes.end(), one.begin(), one.end());
  }
  return update(Bytes(message.begin() + 21, message.begin() + 21 + withdrawn_length), attributes,
                Bytes(message.begin() + static_cast<long>(attributes_end), message.end()));
}

}  // namespace

TEST_CASE("every captured message decodes cleanly and re-encodes", "[bgp_wire][capture]") {
  const auto all = fixtures();
  REQUIRE(all.size() >= 50);
  for (const auto& [name, bytes] : all) {
    INFO(name);
    const DecodeResult result = decode_message(bytes, capture_context());
    for (const Problem& problem : result.problems) INFO(problem.reason);
    CHECK(result.problems.empty());
    REQUIRE(result.message.has_value());
    const Bytes again = encoded(*result.message);
    // BIRD over IPv4 (stream s1 of the FRR-BIRD capture) and GoBGP write UPDATEs in our form;
    // FRR sets Extended Length on AS_PATH and sends LARGE before EXTENDED communities, BIRD
    // sets Extended Length on MP_REACH_NLRI.
    const bool same_form =
        name.starts_with("bgp-ospf-frr-bird-s1-") || name.starts_with("bgp-frr-gobgp-s1-");
    if (std::holds_alternative<Open>(*result.message)) {
      // Capability layout (one parameter per capability, order) is the sender's choice.
      CHECK(decode_message(again, capture_context()).message == result.message);
    } else if (std::holds_alternative<Update>(*result.message)) {
      CHECK(again == canonical_update(bytes));
      if (same_form || std::get<Update>(*result.message).end_of_rib) CHECK(again == bytes);
    } else {
      CHECK(again == bytes);
    }
  }
}

TEST_CASE("captured messages carry what the routers were configured to send",
          "[bgp_wire][capture]") {
  bool frr_route = false, bird_ipv6 = false, shutdown = false, gobgp_open = false;
  for (const auto& [name, bytes] : fixtures()) {
    const DecodeResult result = decode_message(bytes, capture_context());
    REQUIRE(result.message.has_value());
    if (const auto* open = std::get_if<Open>(&*result.message)) {
      // GoBGP: AS 65003, FQDN (73) kept unknown, extended next hop IPv4 over IPv6.
      if (open->peer_as() == 65003) {
        gobgp_open =
            open->capabilities.route_refresh &&
            open->capabilities.extended_next_hop ==
                std::vector<ExtendedNextHop>{{kAfiIpv4, kSafiUnicast, kAfiIpv6}} &&
            std::any_of(open->capabilities.unknown.begin(), open->capabilities.unknown.end(),
                        [](const UnknownCapability& c) { return c.code == 73; });
      }
    }
    if (const auto* notification = std::get_if<Notification>(&*result.message)) {
      shutdown = shutdown || shutdown_communication(*notification) == "maintenance window";
    }
    const auto* update = std::get_if<Update>(&*result.message);
    if (!update) continue;
    const PathAttributes& a = update->attributes;
    // FRR: 65001:100 no-export, 4200000001:1:2, MED 42, link bandwidth 250 Mbit/s as AS_TRANS.
    const bool link_bandwidth = std::any_of(
        a.extended_communities.begin(), a.extended_communities.end(),
        [](const ExtendedCommunity& c) {
          return c.type() == 0x00 && c.subtype() == 0x04 && c.as2_global() == kAsTrans &&
                 std::bit_cast<float>(c.as2_local()) == 250e6f / 8;
        });
    if (a.communities == std::vector<std::uint32_t>{0xfde90064, kCommunityNoExport} &&
        a.large_communities == std::vector<LargeCommunity>{{4200000001, 1, 2}} && a.med == 42u &&
        link_bandwidth) {
      frr_route = true;
    }
    // BIRD over IPv6: a global and a link-local next hop.
    if (update->mp_reach && update->mp_reach->next_hop == cfn::test::addr("2001:db8:1::2") &&
        update->mp_reach->link_local_next_hop &&
        update->mp_reach->link_local_next_hop->bytes()[0] == 0xfe) {
      bird_ipv6 = true;
    }
  }
  CHECK(frr_route);
  CHECK(bird_ipv6);
  CHECK(shutdown);
  CHECK(gobgp_open);
}
