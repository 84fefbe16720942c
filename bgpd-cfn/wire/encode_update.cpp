// UPDATE encoder: MP_REACH_NLRI / MP_UNREACH_NLRI first (RFC 7606 5.1), then the other
// attributes in ascending type order (RFC 4271 5), Extended Length only above 255 octets,
// and AS_TRANS with AS4_PATH / AS4_AGGREGATOR toward 2-octet peers (RFC 6793 4.2.2).
#include <algorithm>

#include "bgpd-cfn/wire/as4.hpp"
#include "bgpd-cfn/wire/attribute_flags.hpp"
#include "bgpd-cfn/wire/encode.hpp"
#include "bgpd-cfn/wire/encode_internal.hpp"
#include "bgpd-cfn/wire/nlri.hpp"

namespace cfn::bgp::wire {

namespace {

constexpr std::size_t kMaxSegmentAsns = 255;

// Writes attributes into a buffer: each value is written after a 2-octet length and moved
// back one octet when it turns out to fit in one.
class AttributeWriter {
 public:
  explicit AttributeWriter(Buffer& out) : out_(out) {}

  std::size_t begin(std::uint8_t flags, std::uint8_t type) {
    const std::size_t start = out_.size();
    append_u8(out_, flags | attr_flag::kExtendedLength);
    append_u8(out_, type);
    append_u16(out_, 0);
    return start;
  }
  void end(std::size_t start) {
    const std::size_t length = out_.size() - start - 4;
    if (length > 0xFFFF) {
      ok_ = false;
    } else if (length <= 255) {
      out_[start] &= static_cast<std::uint8_t>(~attr_flag::kExtendedLength);
      out_[start + 2] = static_cast<std::uint8_t>(length);
      out_.erase(out_.begin() + static_cast<long>(start) + 3);
    } else {
      patch_u16(out_, start + 2, static_cast<std::uint16_t>(length));
    }
  }
  void u32(std::uint8_t flags, std::uint8_t type, std::uint32_t value) {
    const std::size_t start = begin(flags, type);
    append_u32(out_, value);
    end(start);
  }
  void u32_list(std::uint8_t flags, std::uint8_t type, const std::vector<std::uint32_t>& values) {
    if (values.empty()) return;
    const std::size_t start = begin(flags, type);
    for (std::uint32_t value : values) append_u32(out_, value);
    end(start);
  }
  void as_path(std::uint8_t flags, std::uint8_t type, const AsPath& path, bool four_octet) {
    const std::size_t start = begin(flags, type);
    for (const AsPathSegment& segment : path.segments) {
      for (std::size_t first = 0; first < segment.asns.size(); first += kMaxSegmentAsns) {
        const std::size_t count = std::min(kMaxSegmentAsns, segment.asns.size() - first);
        append_u8(out_, static_cast<std::uint8_t>(segment.type));
        append_u8(out_, static_cast<std::uint8_t>(count));
        for (std::size_t i = first; i < first + count; ++i) {
          four_octet ? append_u32(out_, segment.asns[i])
                     : append_u16(out_, static_cast<std::uint16_t>(segment.asns[i]));
        }
      }
    }
    end(start);
  }
  void aggregator(std::uint8_t flags, std::uint8_t type, const Aggregator& aggregator,
                  bool four_octet) {
    const std::size_t start = begin(flags, type);
    four_octet ? append_u32(out_, aggregator.asn) : append_u16(out_, two_octet_as(aggregator.asn));
    append_u32(out_, aggregator.address);
    end(start);
  }
  void raw(std::uint8_t flags, std::uint8_t type, std::span<const std::uint8_t> value) {
    const std::size_t start = begin(flags, type);
    append_bytes(out_, value);
    end(start);
  }
  Buffer& out() { return out_; }
  bool ok() const { return ok_; }

 private:
  Buffer& out_;
  bool ok_ = true;
};

void write_mp_reach(AttributeWriter& w, const MpReach& reach) {
  Buffer& out = w.out();
  const std::size_t start = w.begin(kOptionalNonTransitive, attr::kMpReachNlri);
  append_u16(out, reach.afi_safi.afi);
  append_u8(out, reach.afi_safi.safi);
  const auto& global = reach.next_hop.bytes();
  if (reach.next_hop.is_v4()) {
    append_u8(out, 4);
    out.insert(out.end(), global.begin(), global.begin() + 4);
  } else {
    append_u8(out, reach.link_local_next_hop ? 32 : 16);
    append_bytes(out, global);
    if (reach.link_local_next_hop) append_bytes(out, reach.link_local_next_hop->bytes());
  }
  append_u8(out, 0);  // reserved (RFC 4760 3)
  encode_prefixes(out, reach.nlri);
  w.end(start);
}

void write_mp_unreach(AttributeWriter& w, const MpUnreach& unreach) {
  Buffer& out = w.out();
  const std::size_t start = w.begin(kOptionalNonTransitive, attr::kMpUnreachNlri);
  append_u16(out, unreach.afi_safi.afi);
  append_u8(out, unreach.afi_safi.safi);
  encode_prefixes(out, unreach.withdrawn);
  w.end(start);
}

// Every attribute but the MP ones, in ascending type order with the unknown ones merged in.
void write_attributes(AttributeWriter& w, const PathAttributes& a, const EncodeContext& context) {
  auto unknown = a.unknown.begin();
  const auto unknown_before = [&](unsigned type) {
    for (; unknown != a.unknown.end() && unknown->type < type; ++unknown) {
      w.raw(unknown->flags | attr_flag::kPartial, unknown->type, unknown->value);
    }
  };
  const bool four = context.four_octet_as;
  // The type's flags, with the Partial bit it arrived with (RFC 4271 5).
  const auto flags = [&](std::uint8_t type) {
    const bool partial = type < 64 && ((a.partial >> type) & 1) != 0;
    return static_cast<std::uint8_t>(*required_flags(type) | (partial ? attr_flag::kPartial : 0));
  };
  unknown_before(attr::kOrigin);
  if (a.origin) {
    const std::uint8_t origin = static_cast<std::uint8_t>(*a.origin);
    w.raw(kWellKnown, attr::kOrigin, {&origin, 1});
  }
  if (a.as_path) {
    w.as_path(kWellKnown, attr::kAsPath, four ? *a.as_path : as_trans_path(*a.as_path), four);
  }
  if (a.next_hop) w.raw(kWellKnown, attr::kNextHop, {a.next_hop->bytes().data(), 4});
  if (a.med) w.u32(kOptionalNonTransitive, attr::kMultiExitDisc, *a.med);
  if (a.local_pref) w.u32(kWellKnown, attr::kLocalPref, *a.local_pref);
  if (a.atomic_aggregate) w.raw(kWellKnown, attr::kAtomicAggregate, {});
  if (a.aggregator) w.aggregator(flags(attr::kAggregator), attr::kAggregator, *a.aggregator, four);
  w.u32_list(flags(attr::kCommunities), attr::kCommunities, a.communities);
  if (a.originator_id) w.u32(kOptionalNonTransitive, attr::kOriginatorId, *a.originator_id);
  w.u32_list(kOptionalNonTransitive, attr::kClusterList, a.cluster_list);
  unknown_before(attr::kExtendedCommunities);
  if (!a.extended_communities.empty()) {
    const std::size_t start =
        w.begin(flags(attr::kExtendedCommunities), attr::kExtendedCommunities);
    for (const ExtendedCommunity& community : a.extended_communities) {
      append_u32(w.out(), static_cast<std::uint32_t>(community.value >> 32));
      append_u32(w.out(), static_cast<std::uint32_t>(community.value));
    }
    w.end(start);
  }
  unknown_before(attr::kAs4Path);
  if (!four && a.as_path && needs_as4_path(*a.as_path)) {
    w.as_path(kOptionalTransitive, attr::kAs4Path, without_confederation_segments(*a.as_path),
              true);
  }
  if (!four && a.aggregator && a.aggregator->asn > 0xFFFF) {
    w.aggregator(flags(attr::kAggregator), attr::kAs4Aggregator, *a.aggregator, true);
  }
  unknown_before(attr::kLargeCommunities);
  if (!a.large_communities.empty()) {
    const std::size_t start = w.begin(flags(attr::kLargeCommunities), attr::kLargeCommunities);
    for (const LargeCommunity& community : a.large_communities) {
      append_u32(w.out(), community.global);
      append_u32(w.out(), community.local1);
      append_u32(w.out(), community.local2);
    }
    w.end(start);
  }
  unknown_before(256);
}

}  // namespace

bool encode_update(Buffer& out, const Update& update, const EncodeContext& context) {
  const std::size_t start = detail::begin_message(out, MessageType::kUpdate);
  AttributeWriter w(out);
  if (update.end_of_rib) {  // RFC 4724 2
    append_u16(out, 0);
    const std::size_t attributes_start = out.size();
    append_u16(out, 0);
    if (*update.end_of_rib != kIpv4Unicast) write_mp_unreach(w, {*update.end_of_rib, {}});
    patch_u16(out, attributes_start, static_cast<std::uint16_t>(out.size() - attributes_start - 2));
    return detail::end_message(out, start, detail::max_size(context));
  }
  const std::size_t withdrawn_start = out.size();
  append_u16(out, 0);
  encode_prefixes(out, update.withdrawn);
  const std::size_t withdrawn_length = out.size() - withdrawn_start - 2;
  const std::size_t attributes_start = out.size();
  append_u16(out, 0);
  if (update.mp_reach) write_mp_reach(w, *update.mp_reach);
  if (update.mp_unreach) write_mp_unreach(w, *update.mp_unreach);
  write_attributes(w, update.attributes, context);
  const std::size_t attributes_length = out.size() - attributes_start - 2;
  const bool valid = w.ok() && (!update.attributes.next_hop || update.attributes.next_hop->is_v4());
  if (!valid || withdrawn_length > 0xFFFF || attributes_length > 0xFFFF) {
    out.resize(start);
    return false;
  }
  patch_u16(out, withdrawn_start, static_cast<std::uint16_t>(withdrawn_length));
  patch_u16(out, attributes_start, static_cast<std::uint16_t>(attributes_length));
  encode_prefixes(out, update.nlri);
  return detail::end_message(out, start, detail::max_size(context));
}

}  // namespace cfn::bgp::wire
