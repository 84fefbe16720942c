// Decoded BGP path attributes as one value type (everything but MP_REACH/MP_UNREACH, which
// carry routes): equality and a hash so that a RIB can intern one copy per distinct set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "libcfn/net/address.hpp"

namespace cfn::bgp::wire {

enum class Origin : std::uint8_t { kIgp = 0, kEgp = 1, kIncomplete = 2 };

// RFC 4271 4.3 (SET, SEQUENCE) and RFC 5065 3 (confederation types).
enum class SegmentType : std::uint8_t {
  kSet = 1,
  kSequence = 2,
  kConfedSequence = 3,
  kConfedSet = 4,
};

struct AsPathSegment {
  SegmentType type = SegmentType::kSequence;
  std::vector<std::uint32_t> asns;  // 4-octet values; at most 255 per segment on the wire
  bool operator==(const AsPathSegment&) const = default;
};

struct AsPath {
  std::vector<AsPathSegment> segments;
  // RFC 4271 9.1.2.2 a: a SET counts 1, confederation segments count 0 (RFC 5065 5.3).
  std::size_t length() const;
  bool operator==(const AsPath&) const = default;
};

struct Aggregator {
  std::uint32_t asn = 0;
  std::uint32_t address = 0;  // the aggregating speaker's BGP identifier, host order
  bool operator==(const Aggregator&) const = default;
};

// RFC 4360: 8 octets kept raw (big-endian value); the helpers read the common layouts.
struct ExtendedCommunity {
  std::uint64_t value = 0;

  std::uint8_t type() const { return static_cast<std::uint8_t>(value >> 56); }
  std::uint8_t subtype() const { return static_cast<std::uint8_t>(value >> 48); }
  // RFC 4360 2: bit 6 of the type octet clear means transitive across ASes.
  bool transitive() const { return (type() & 0x40) == 0; }
  // Two-octet-AS-specific layout (types 0x00/0x40): global 2 octets, local 4 octets.
  std::uint16_t as2_global() const { return static_cast<std::uint16_t>(value >> 32); }
  std::uint32_t as2_local() const { return static_cast<std::uint32_t>(value); }
  // Four-octet-AS-specific and IPv4-address-specific layouts (0x02/0x42, 0x01/0x41):
  // global 4 octets, local 2 octets.
  std::uint32_t global4() const { return static_cast<std::uint32_t>(value >> 16); }
  std::uint16_t local2() const { return static_cast<std::uint16_t>(value); }

  static ExtendedCommunity as2_specific(std::uint8_t type, std::uint8_t subtype,
                                        std::uint16_t global, std::uint32_t local);
  // Route target 2-octet AS (RFC 4360 4: type 0x00, sub-type 0x02).
  static ExtendedCommunity route_target(std::uint16_t asn, std::uint32_t local) {
    return as2_specific(0x00, 0x02, asn, local);
  }
  bool operator==(const ExtendedCommunity&) const = default;
};

// RFC 8092: global administrator, local data part 1, local data part 2.
struct LargeCommunity {
  std::uint32_t global = 0;
  std::uint32_t local1 = 0;
  std::uint32_t local2 = 0;
  bool operator==(const LargeCommunity&) const = default;
};

// An optional transitive attribute this codec does not know, passed on unchanged except for
// the Partial bit, which is already set here (RFC 4271 5: set when passed along).
struct UnknownAttribute {
  std::uint8_t flags = 0;  // Optional | Transitive | Partial; no Extended Length bit
  std::uint8_t type = 0;
  std::vector<std::uint8_t> value;
  bool operator==(const UnknownAttribute&) const = default;
};

// Well-known communities (RFC 1997, RFC 8326).
inline constexpr std::uint32_t kCommunityGracefulShutdown = 0xFFFF0000;
inline constexpr std::uint32_t kCommunityNoExport = 0xFFFFFF01;
inline constexpr std::uint32_t kCommunityNoAdvertise = 0xFFFFFF02;
inline constexpr std::uint32_t kCommunityNoExportSubconfed = 0xFFFFFF03;

// A present COMMUNITIES / CLUSTER_LIST / EXTENDED / LARGE attribute is never empty on the wire
// (an empty one is malformed, RFC 7606 7.8-7.14), so an empty vector means "absent".
// AS4_PATH / AS4_AGGREGATOR never appear here: the decoder merges them into as_path and
// aggregator (RFC 6793 4.2.3) and the encoder produces them for 2-octet peers.
struct PathAttributes {
  std::optional<Origin> origin;
  std::optional<AsPath> as_path;           // present but empty for a route of our own AS (iBGP)
  std::optional<net::IpAddress> next_hop;  // the IPv4 NEXT_HOP attribute
  std::optional<std::uint32_t> med;
  std::optional<std::uint32_t> local_pref;
  bool atomic_aggregate = false;
  std::optional<Aggregator> aggregator;
  std::vector<std::uint32_t> communities;
  std::optional<std::uint32_t> originator_id;  // host order
  std::vector<std::uint32_t> cluster_list;     // host order
  std::vector<ExtendedCommunity> extended_communities;
  std::vector<LargeCommunity> large_communities;
  std::vector<UnknownAttribute> unknown;  // sorted by type, one per type
  // Bit N set: the recognized optional transitive attribute of type N (AGGREGATOR,
  // COMMUNITIES, EXTENDED or LARGE COMMUNITIES) arrived with the Partial bit, which stays set
  // when it is passed on (RFC 4271 5).
  std::uint64_t partial = 0;

  bool operator==(const PathAttributes&) const = default;
  // Mixes every field; equal sets hash equal.
  std::uint64_t hash_value() const noexcept;
};

}  // namespace cfn::bgp::wire

template <>
struct std::hash<cfn::bgp::wire::PathAttributes> {
  std::size_t operator()(const cfn::bgp::wire::PathAttributes& attributes) const noexcept {
    return static_cast<std::size_t>(attributes.hash_value());
  }
};
