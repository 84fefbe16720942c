// PathAttributes helpers: AS path length for the decision process and the interning hash.
#include "bgpd-cfn/wire/attributes.hpp"

#include <bit>

namespace cfn::bgp::wire {

namespace {

// Order-dependent mixing: a multiply-rotate step per word, finalized with splitmix64.
class Hasher {
 public:
  void add(std::uint64_t word) { state_ = std::rotl((state_ ^ word) * 0x9e3779b97f4a7c15ULL, 31); }
  template <typename T>
  void add_optional(const std::optional<T>& value) {
    add(value.has_value());
    if (value) add(static_cast<std::uint64_t>(*value));
  }
  std::uint64_t finish() const {
    std::uint64_t x = state_;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }

 private:
  std::uint64_t state_ = 0x243f6a8885a308d3ULL;
};

}  // namespace

std::size_t AsPath::length() const {
  std::size_t length = 0;
  for (const AsPathSegment& segment : segments) {
    if (segment.type == SegmentType::kSequence) length += segment.asns.size();
    if (segment.type == SegmentType::kSet) length += 1;
  }
  return length;
}

ExtendedCommunity ExtendedCommunity::as2_specific(std::uint8_t type, std::uint8_t subtype,
                                                  std::uint16_t global, std::uint32_t local) {
  return {std::uint64_t{type} << 56 | std::uint64_t{subtype} << 48 | std::uint64_t{global} << 32 |
          local};
}

std::uint64_t PathAttributes::hash_value() const noexcept {
  Hasher h;
  h.add_optional(origin);
  h.add(as_path.has_value());
  if (as_path) {
    for (const AsPathSegment& segment : as_path->segments) {
      h.add(static_cast<std::uint64_t>(segment.type) << 32 | segment.asns.size());
      for (std::uint32_t asn : segment.asns) h.add(asn);
    }
  }
  h.add(next_hop ? next_hop->hash_value() : 0);
  h.add_optional(med);
  h.add_optional(local_pref);
  h.add(atomic_aggregate);
  h.add(aggregator ? std::uint64_t{aggregator->asn} << 32 | aggregator->address : 1);
  h.add(communities.size());
  for (std::uint32_t community : communities) h.add(community);
  h.add_optional(originator_id);
  h.add(cluster_list.size());
  for (std::uint32_t id : cluster_list) h.add(id);
  h.add(extended_communities.size());
  for (const ExtendedCommunity& community : extended_communities) h.add(community.value);
  h.add(large_communities.size());
  for (const LargeCommunity& community : large_communities) {
    h.add(std::uint64_t{community.global} << 32 | community.local1);
    h.add(community.local2);
  }
  h.add(unknown.size());
  for (const UnknownAttribute& attribute : unknown) {
    h.add(std::uint64_t{attribute.flags} << 40 | std::uint64_t{attribute.type} << 32 |
          attribute.value.size());
    for (std::uint8_t byte : attribute.value) h.add(byte);
  }
  h.add(partial);
  return h.finish();
}

}  // namespace cfn::bgp::wire
