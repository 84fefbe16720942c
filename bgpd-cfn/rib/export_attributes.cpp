// export_attributes: the pure export rules, one numbered step each.
#include "bgpd-cfn/rib/export_attributes.hpp"

#include <algorithm>

namespace cfn::bgp {
namespace {

constexpr std::size_t kMaxSegmentAsns = 255;  // RFC 4271 4.3: the segment length is one octet

bool has_community(const wire::PathAttributes& a, std::uint32_t community) {
  return std::find(a.communities.begin(), a.communities.end(), community) != a.communities.end();
}

// RFC 4271 5.1.2 b: prepend to a leading AS_SEQUENCE with room, else a new one first.
void prepend_as(wire::AsPath& path, std::uint32_t asn) {
  if (!path.segments.empty() && path.segments.front().type == wire::SegmentType::kSequence &&
      path.segments.front().asns.size() < kMaxSegmentAsns) {
    std::vector<std::uint32_t>& asns = path.segments.front().asns;
    asns.insert(asns.begin(), asn);
  } else {
    path.segments.insert(path.segments.begin(),
                         wire::AsPathSegment{wire::SegmentType::kSequence, {asn}});
  }
}

}  // namespace

std::optional<wire::PathAttributes> export_attributes(const wire::PathAttributes& attributes,
                                                      const ExportSource& from,
                                                      const ExportTarget& to) {
  const bool to_external = to.type == PeerType::kExternal;
  // 1. Never back to the sender.
  if (from.peer == to.peer) return std::nullopt;
  // 2. RFC 1997 well-known communities.
  if (has_community(attributes, wire::kCommunityNoAdvertise)) return std::nullopt;
  if (to_external && (has_community(attributes, wire::kCommunityNoExport) ||
                      has_community(attributes, wire::kCommunityNoExportSubconfed)))
    return std::nullopt;
  // 3. iBGP-learned routes are not sent to iBGP peers (full mesh, no route reflection).
  if (from.type == PeerType::kInternal && !to_external) return std::nullopt;

  wire::PathAttributes out = attributes;
  if (!out.as_path) out.as_path = wire::AsPath{};
  if (to_external) {
    // 4. eBGP (RFC 4271 5.1.2-5.1.5, RFC 4456 8, RFC 4360 3).
    prepend_as(*out.as_path, to.local_as);
    out.next_hop = to.self_next_hop;
    if (from.type != PeerType::kLocal) out.med.reset();
    out.local_pref.reset();
    out.originator_id.reset();
    out.cluster_list.clear();
    std::erase_if(out.extended_communities,
                  [](const wire::ExtendedCommunity& c) { return !c.transitive(); });
  } else {
    // 5. iBGP (RFC 4271 5.1.3, 5.1.5).
    if (!out.local_pref) out.local_pref = to.default_local_pref;
    if (to.next_hop_self || !out.next_hop) out.next_hop = to.self_next_hop;
  }
  return out;
}

}  // namespace cfn::bgp
