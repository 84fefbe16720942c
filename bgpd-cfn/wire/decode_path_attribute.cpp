// One path attribute at a time: flag and length checks, value decoding, and the RFC 7606 7
// action when it is malformed (treat-as-withdraw, attribute discard, or session reset).
#include <algorithm>
#include <numeric>
#include <string>

#include "bgpd-cfn/wire/attribute_flags.hpp"
#include "bgpd-cfn/wire/byte_io.hpp"
#include "bgpd-cfn/wire/nlri.hpp"
#include "bgpd-cfn/wire/update_decoder.hpp"

namespace cfn::bgp::wire::detail {

namespace {

const char* attribute_name(std::uint8_t type) {
  switch (type) {
    case attr::kOrigin:
      return "ORIGIN";
    case attr::kAsPath:
      return "AS_PATH";
    case attr::kNextHop:
      return "NEXT_HOP";
    case attr::kMultiExitDisc:
      return "MULTI_EXIT_DISC";
    case attr::kLocalPref:
      return "LOCAL_PREF";
    case attr::kAtomicAggregate:
      return "ATOMIC_AGGREGATE";
    case attr::kAggregator:
      return "AGGREGATOR";
    case attr::kCommunities:
      return "COMMUNITIES";
    case attr::kOriginatorId:
      return "ORIGINATOR_ID";
    case attr::kClusterList:
      return "CLUSTER_LIST";
    case attr::kMpReachNlri:
      return "MP_REACH_NLRI";
    case attr::kMpUnreachNlri:
      return "MP_UNREACH_NLRI";
    case attr::kExtendedCommunities:
      return "EXTENDED_COMMUNITIES";
    case attr::kAs4Path:
      return "AS4_PATH";
    case attr::kAs4Aggregator:
      return "AS4_AGGREGATOR";
    case attr::kLargeCommunities:
      return "LARGE_COMMUNITIES";
    default:
      return "unknown";
  }
}

// RFC 7606 3.c and RFC 4271 4.3: Optional and Transitive must match the type; Partial only
// on optional transitive attributes. Extended Length and the unused bits do not matter.
bool flags_conflict(std::uint8_t flags, std::uint8_t required) {
  const std::uint8_t ot = flags & (attr_flag::kOptional | attr_flag::kTransitive);
  const bool partial = (flags & attr_flag::kPartial) != 0;
  return ot != required || (partial && required != kOptionalTransitive);
}

// A length that is a non-zero multiple of `unit` (RFC 7606 7.8, 7.10, 7.14; RFC 8092 6).
bool multiple_of(std::span<const std::uint8_t> value, std::size_t unit) {
  return !value.empty() && value.size() % unit == 0;
}

std::vector<std::uint32_t> u32_list(std::span<const std::uint8_t> value) {
  std::vector<std::uint32_t> out(value.size() / 4);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = load_u32(value.data() + 4 * i);
  return out;
}

// RFC 4271 4.3 segments; RFC 7606 7.2 says what makes one malformed. nullptr when fine.
const char* parse_as_path(std::span<const std::uint8_t> value, bool four_octet, AsPath& out) {
  ByteReader reader(value);
  const std::size_t asn_size = four_octet ? 4 : 2;
  while (!reader.empty()) {
    std::uint8_t type = 0, count = 0;
    std::span<const std::uint8_t> asns;
    reader.read_u8(type);
    if (!reader.read_u8(count)) return "ends inside a segment header";
    if (type < 1 || type > 4) return "unknown segment type";
    if (count == 0) return "segment of length zero";
    if (!reader.read_bytes(count * asn_size, asns)) return "segment overruns the attribute";
    AsPathSegment& segment = out.segments.emplace_back();
    segment.type = static_cast<SegmentType>(type);
    segment.asns.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint8_t* p = asns.data() + i * asn_size;
      segment.asns[i] = four_octet ? load_u32(p) : static_cast<std::uint32_t>(p[0] << 8 | p[1]);
    }
  }
  return nullptr;
}

bool contains_as_zero(const AsPath& path) {
  return std::any_of(path.segments.begin(), path.segments.end(), [](const AsPathSegment& s) {
    return std::find(s.asns.begin(), s.asns.end(), 0u) != s.asns.end();
  });
}

bool is_confederation(SegmentType type) {
  return type == SegmentType::kConfedSequence || type == SegmentType::kConfedSet;
}

bool has_confederation_segment(const AsPath& path) {
  return std::any_of(path.segments.begin(), path.segments.end(),
                     [](const AsPathSegment& s) { return is_confederation(s.type); });
}

// 0.0.0.0/8, 127.0.0.0/8 and 224.0.0.0/3 are never a next hop (RFC 4271 6.3, "not a valid
// IP host address").
bool martian_next_hop(std::uint32_t address) {
  const std::uint32_t first = address >> 24;
  return first == 0 || first == 127 || first >= 224;
}

net::Family family_of(AfiSafi afi_safi) {
  return afi_safi.afi == kAfiIpv4 ? net::Family::kV4 : net::Family::kV6;
}

std::string afi_safi_text(AfiSafi afi_safi) {
  return std::to_string(afi_safi.afi) + "/" + std::to_string(afi_safi.safi);
}

}  // namespace

bool UpdateDecoder::malformed(const AttributeView& a, std::uint8_t subcode,
                              const std::string& what) {
  std::string reason = std::string("malformed ") + attribute_name(a.type) + ": " + what;
  switch (a.type) {
    case attr::kMpReachNlri:
    case attr::kMpUnreachNlri:  // RFC 7606 7.11, 5.3
      return reset(ErrorCode::kUpdateMessage, subcode, a.whole, std::move(reason));
    case attr::kAtomicAggregate:  // RFC 7606 7.6
    case attr::kAggregator:       // RFC 7606 7.7
    case attr::kAs4Path:          // RFC 6793 6
    case attr::kAs4Aggregator:
      discard(subcode, a.whole, std::move(reason) + ", discarded");
      return true;
    default:  // RFC 7606 7.1-7.5, 7.8-7.10, 7.14, RFC 8092 6
      return treat_as_withdraw(subcode, a.whole, std::move(reason));
  }
}

bool UpdateDecoder::attribute(const AttributeView& a) {
  PathAttributes& attributes = update_.attributes;
  // RFC 7606 7.5, 7.9, 7.10: attributes meant for internal peers only.
  if (context_.is_ebgp && (a.type == attr::kLocalPref || a.type == attr::kOriginatorId ||
                           a.type == attr::kClusterList)) {
    discard(update_error::kUnspecific, a.whole,
            std::string(attribute_name(a.type)) + " from an external peer discarded");
    return true;
  }
  const std::optional<std::uint8_t> required = required_flags(a.type);
  if (!required) return unknown_attribute(a);
  if (flags_conflict(a.flags, *required)) {
    return malformed(a, update_error::kAttributeFlagsError, "attribute flags conflict");
  }
  const auto length_error = [&] {
    return malformed(a, update_error::kAttributeLengthError,
                     "length " + std::to_string(a.value.size()));
  };
  if (a.flags & attr_flag::kPartial) partial_.set(a.type);
  switch (a.type) {
    case attr::kOrigin:
      if (a.value.size() != 1) return length_error();
      if (a.value[0] > 2) {
        return malformed(a, update_error::kInvalidOriginAttribute,
                         "value " + std::to_string(a.value[0]));
      }
      attributes.origin = static_cast<Origin>(a.value[0]);
      return true;
    case attr::kAsPath:
      return as_path(a);
    case attr::kNextHop: {
      if (a.value.size() != 4) return length_error();
      const std::uint32_t address = load_u32(a.value.data());
      if (martian_next_hop(address)) {
        return malformed(a, update_error::kInvalidNextHopAttribute,
                         net::IpAddress::from_v4(address).to_string() + " is not a host address");
      }
      attributes.next_hop = net::IpAddress::from_v4(address);
      return true;
    }
    case attr::kMultiExitDisc:
    case attr::kLocalPref:
    case attr::kOriginatorId:
      if (a.value.size() != 4) return length_error();
      (a.type == attr::kMultiExitDisc ? attributes.med
       : a.type == attr::kLocalPref   ? attributes.local_pref
                                      : attributes.originator_id) = load_u32(a.value.data());
      return true;
    case attr::kAtomicAggregate:
      if (!a.value.empty()) return length_error();
      attributes.atomic_aggregate = true;
      return true;
    case attr::kAggregator:
      return aggregator(a, attributes.aggregator, context_.four_octet_as);
    case attr::kCommunities:
    case attr::kClusterList:
      if (!multiple_of(a.value, 4)) return length_error();
      (a.type == attr::kCommunities ? attributes.communities : attributes.cluster_list) =
          u32_list(a.value);
      return true;
    case attr::kMpReachNlri:
      return mp_reach(a);
    case attr::kMpUnreachNlri:
      return mp_unreach(a);
    case attr::kExtendedCommunities:
      if (!multiple_of(a.value, 8)) return length_error();
      attributes.extended_communities.resize(a.value.size() / 8);
      for (std::size_t i = 0; i < attributes.extended_communities.size(); ++i) {
        const std::uint8_t* p = a.value.data() + 8 * i;
        attributes.extended_communities[i].value =
            std::uint64_t{load_u32(p)} << 32 | load_u32(p + 4);
      }
      return true;
    case attr::kAs4Path:
      return as4_path(a);
    case attr::kAs4Aggregator:
      // RFC 6793 6: meaningless between 4-octet speakers.
      if (context_.four_octet_as) {
        discard(update_error::kUnspecific, a.whole, "AS4_AGGREGATOR from a 4-octet peer discarded");
        return true;
      }
      return aggregator(a, as4_aggregator_, true);
    case attr::kLargeCommunities:
      if (!multiple_of(a.value, 12)) return length_error();
      large_communities(a.value);
      return true;
  }
  return true;
}

// RFC 4271 5 and 9: unknown well-known attributes reset the session; unknown optional
// transitive ones are kept with Partial set; unknown optional non-transitive ones are dropped.
bool UpdateDecoder::unknown_attribute(const AttributeView& a) {
  if ((a.flags & attr_flag::kOptional) == 0) {
    return reset(ErrorCode::kUpdateMessage, update_error::kUnrecognizedWellKnownAttribute, a.whole,
                 "unrecognized well-known attribute " + std::to_string(a.type));
  }
  if ((a.flags & attr_flag::kTransitive) == 0) return true;
  auto& unknown = update_.attributes.unknown;
  const auto at = std::find_if(unknown.begin(), unknown.end(),
                               [&](const UnknownAttribute& u) { return u.type > a.type; });
  unknown.insert(at, {static_cast<std::uint8_t>(kOptionalTransitive | attr_flag::kPartial),
                      a.type,
                      {a.value.begin(), a.value.end()}});
  return true;
}

// RFC 7606 7.2 (malformed segments), RFC 7607 (AS 0), RFC 5065 5 (confederation segments
// from outside the confederation): treat-as-withdraw.
bool UpdateDecoder::as_path(const AttributeView& a) {
  AsPath path;
  if (const char* error = parse_as_path(a.value, context_.four_octet_as, path)) {
    return malformed(a, update_error::kMalformedAsPath, error);
  }
  if (contains_as_zero(path)) return malformed(a, update_error::kMalformedAsPath, "AS 0");
  if (context_.is_ebgp && has_confederation_segment(path)) {
    return malformed(a, update_error::kMalformedAsPath,
                     "confederation segment from an external peer");
  }
  update_.attributes.as_path = std::move(path);
  return true;
}

// RFC 6793 6: AS4_PATH from a 4-octet peer, or malformed, is discarded; confederation
// segments in it are dropped.
bool UpdateDecoder::as4_path(const AttributeView& a) {
  if (context_.four_octet_as) {
    discard(update_error::kUnspecific, a.whole, "AS4_PATH from a 4-octet peer discarded");
    return true;
  }
  AsPath path;
  if (const char* error = parse_as_path(a.value, true, path)) {
    return malformed(a, update_error::kOptionalAttributeError, error);
  }
  if (contains_as_zero(path)) return malformed(a, update_error::kOptionalAttributeError, "AS 0");
  if (has_confederation_segment(path)) {
    discard(update_error::kOptionalAttributeError, a.whole,
            "confederation segments of AS4_PATH discarded");
    std::erase_if(path.segments, [](const AsPathSegment& s) { return is_confederation(s.type); });
  }
  as4_path_ = std::move(path);
  return true;
}

// RFC 7606 7.7 and RFC 7607: a wrong length or AS 0 discards the attribute.
bool UpdateDecoder::aggregator(const AttributeView& a, std::optional<Aggregator>& out,
                               bool four_octet) {
  if (a.value.size() != (four_octet ? 8u : 6u)) {
    return malformed(a, update_error::kAttributeLengthError,
                     "length " + std::to_string(a.value.size()));
  }
  const std::uint8_t* p = a.value.data();
  Aggregator aggregator;
  aggregator.asn = four_octet ? load_u32(p) : static_cast<std::uint32_t>(p[0] << 8 | p[1]);
  aggregator.address = load_u32(p + (four_octet ? 4 : 2));
  if (aggregator.asn == 0) return malformed(a, update_error::kOptionalAttributeError, "AS 0");
  out = aggregator;
  return true;
}

// RFC 4760 3 and RFC 8950 3. Families not negotiated are ignored (RFC 4760 7 lets a speaker
// do so); the NLRI octets still count as reachable NLRI for RFC 7606 5.2.
bool UpdateDecoder::mp_reach(const AttributeView& a) {
  ByteReader reader(a.value);
  AfiSafi afi_safi;
  std::uint8_t next_hop_length = 0, reserved = 0;
  std::span<const std::uint8_t> next_hop;
  if (!reader.read_u16(afi_safi.afi) || !reader.read_u8(afi_safi.safi) ||
      !reader.read_u8(next_hop_length) || !reader.read_bytes(next_hop_length, next_hop) ||
      !reader.read_u8(reserved)) {
    return malformed(a, update_error::kOptionalAttributeError, "truncated fixed fields");
  }
  const auto nlri = reader.rest();
  if (!nlri.empty()) reachable_mp_ = true;
  if (!context_.negotiated(afi_safi)) {
    result_.problems.push_back(make_problem(
        Action::kIgnore, ErrorCode::kUpdateMessage, update_error::kOptionalAttributeError, {},
        "UPDATE: MP_REACH_NLRI for AFI/SAFI " + afi_safi_text(afi_safi) +
            ", not negotiated, ignored"));
    return true;
  }
  MpReach reach;
  reach.afi_safi = afi_safi;
  net::IpAddress::Bytes bytes{};
  switch (next_hop_length) {
    case 4:
      if (afi_safi.afi != kAfiIpv4) {
        return malformed(a, update_error::kOptionalAttributeError, "IPv4 next hop for IPv6");
      }
      reach.next_hop = net::IpAddress::from_v4(load_u32(next_hop.data()));
      break;
    case 32:
      std::copy(next_hop.begin() + 16, next_hop.end(), bytes.begin());
      reach.link_local_next_hop = net::IpAddress::from_v6(bytes);
      [[fallthrough]];
    case 16:
      std::copy(next_hop.begin(), next_hop.begin() + 16, bytes.begin());
      reach.next_hop = net::IpAddress::from_v6(bytes);
      break;
    default:  // RFC 7606 7.11: the NLRI cannot be located reliably
      return malformed(a, update_error::kOptionalAttributeError,
                       "next hop length " + std::to_string(next_hop_length));
  }
  if (const char* error = decode_prefixes(nlri, family_of(afi_safi), reach.nlri)) {
    return malformed(a, update_error::kOptionalAttributeError, error);
  }
  update_.mp_reach = std::move(reach);
  return true;
}

bool UpdateDecoder::mp_unreach(const AttributeView& a) {
  ByteReader reader(a.value);
  AfiSafi afi_safi;
  if (!reader.read_u16(afi_safi.afi) || !reader.read_u8(afi_safi.safi)) {
    return malformed(a, update_error::kOptionalAttributeError, "truncated fixed fields");
  }
  const auto withdrawn = reader.rest();
  if (withdrawn.empty()) empty_mp_unreach_ = afi_safi;
  if (!context_.negotiated(afi_safi)) {
    if (withdrawn.empty()) return true;  // an End-of-RIB marker is still recognized
    result_.problems.push_back(make_problem(
        Action::kIgnore, ErrorCode::kUpdateMessage, update_error::kOptionalAttributeError, {},
        "UPDATE: MP_UNREACH_NLRI for AFI/SAFI " + afi_safi_text(afi_safi) +
            ", not negotiated, ignored"));
    return true;
  }
  MpUnreach unreach{afi_safi, {}};
  if (const char* error = decode_prefixes(withdrawn, family_of(afi_safi), unreach.withdrawn)) {
    return malformed(a, update_error::kOptionalAttributeError, error);
  }
  update_.mp_unreach = std::move(unreach);
  return true;
}

// RFC 8092 5: repeated values are removed silently, the first one stays.
void UpdateDecoder::large_communities(std::span<const std::uint8_t> value) {
  std::vector<LargeCommunity> list(value.size() / 12);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::uint8_t* p = value.data() + 12 * i;
    list[i] = {load_u32(p), load_u32(p + 4), load_u32(p + 8)};
  }
  const auto key = [&](std::size_t i) {
    return std::tuple(list[i].global, list[i].local1, list[i].local2);
  };
  std::vector<std::size_t> order(list.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return key(x) < key(y); });
  std::vector<bool> repeated(list.size(), false);
  for (std::size_t i = 1; i < order.size(); ++i) {
    if (key(order[i]) == key(order[i - 1])) repeated[order[i]] = true;
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!repeated[i]) list[kept++] = list[i];
  }
  list.resize(kept);
  update_.attributes.large_communities = std::move(list);
}

}  // namespace cfn::bgp::wire::detail
