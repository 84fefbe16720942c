// RFC 4271 9.1.2.2 tie-breaking, in FRR's order (bgp_path_info_cmp), one numbered step each.
#include "bgpd-cfn/rib/decision.hpp"

#include <algorithm>

namespace cfn::bgp {
namespace {

constexpr std::uint32_t kDefaultLocalPref = 100;  // FRR's `bgp default local-preference`

template <typename T>
int lower_wins(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

template <typename T>
int higher_wins(T a, T b) {
  return lower_wins(b, a);
}

std::uint32_t local_pref(const wire::PathAttributes& p) {
  return p.local_pref.value_or(kDefaultLocalPref);
}

std::size_t as_path_length(const wire::PathAttributes& p) {
  return p.as_path ? p.as_path->length() : 0;
}

int origin_rank(const wire::PathAttributes& p) {
  return static_cast<int>(p.origin.value_or(wire::Origin::kIncomplete));
}

// RFC 4456 9: the ORIGINATOR_ID stands for the router ID when present.
std::uint32_t router_id(const Candidate& c) {
  return c.attributes->originator_id.value_or(c.peer_router_id);
}

Comparison decided(int order, SelectionReason reason) {
  return Comparison{.order = order, .reason = reason, .multipath_equal = false};
}

// Multipath-compatible once equal up to the IGP metric: same kind of peer (never local
// routes), and for eBGP the same neighbouring AS unless multipath-relax.
bool multipath_compatible(const Candidate& a, const Candidate& b, const DecisionOptions& o) {
  if (a.peer_type != b.peer_type || a.peer_type == PeerType::kLocal) return false;
  if (a.peer_type == PeerType::kInternal) return true;
  return o.multipath_relax || neighbor_as(*a.attributes) == neighbor_as(*b.attributes);
}

}  // namespace

std::uint32_t neighbor_as(const wire::PathAttributes& attributes) {
  if (!attributes.as_path) return 0;
  for (const wire::AsPathSegment& segment : attributes.as_path->segments) {
    if (segment.type == wire::SegmentType::kSequence && !segment.asns.empty())
      return segment.asns.front();
    if (segment.type == wire::SegmentType::kSet) return 0;
  }
  return 0;
}

Comparison compare_paths(const Candidate& a, const Candidate& b, const DecisionOptions& o) {
  const wire::PathAttributes& pa = *a.attributes;
  const wire::PathAttributes& pb = *b.attributes;
  int order = 0;
  // 1. Weight (FRR, local to this router): higher.
  if ((order = higher_wins(a.weight, b.weight))) return decided(order, SelectionReason::kWeight);
  // 2. LOCAL_PREF (RFC 4271 9.1.1): higher.
  if ((order = higher_wins(local_pref(pa), local_pref(pb))))
    return decided(order, SelectionReason::kLocalPref);
  // 3. Locally originated routes before learned ones.
  const bool la = a.peer_type == PeerType::kLocal, lb = b.peer_type == PeerType::kLocal;
  if ((order = higher_wins(la, lb))) return decided(order, SelectionReason::kLocalRoute);
  // 4. AS_PATH length (9.1.2.2 a): shorter; a SET counts one.
  if (!o.as_path_ignore && (order = lower_wins(as_path_length(pa), as_path_length(pb))))
    return decided(order, SelectionReason::kAsPath);
  // 5. ORIGIN (9.1.2.2 b): IGP < EGP < INCOMPLETE.
  if ((order = lower_wins(origin_rank(pa), origin_rank(pb))))
    return decided(order, SelectionReason::kOrigin);
  // 6. MULTI_EXIT_DISC (9.1.2.2 c): lower, between paths from the same neighbouring AS (or
  //    always); a missing MED counts as 0.
  if (o.always_compare_med || neighbor_as(pa) == neighbor_as(pb)) {
    if ((order = lower_wins(pa.med.value_or(0), pb.med.value_or(0))))
      return decided(order, SelectionReason::kMed);
  }
  // 7. eBGP before iBGP (9.1.2.2 d).
  const bool ea = a.peer_type == PeerType::kExternal, eb = b.peer_type == PeerType::kExternal;
  if ((order = higher_wins(ea, eb))) return decided(order, SelectionReason::kPeerType);
  // 8. Interior cost to the next hop (9.1.2.2 e): lower.
  if ((order = lower_wins(a.igp_metric, b.igp_metric)))
    return decided(order, SelectionReason::kIgpMetric);
  // 9. Equal so far: multipath candidates (FRR stops comparing for multipath here).
  const bool multipath = multipath_compatible(a, b, o);
  auto tie = [&](int result, SelectionReason reason) {
    return Comparison{.order = result, .reason = reason, .multipath_equal = multipath};
  };
  // 10. Both external: the older path stays (FRR; RFC 4271 leaves it to the implementation).
  if (ea && eb && !o.compare_router_id && (order = lower_wins(a.arrival, b.arrival)))
    return tie(order, SelectionReason::kOlderPath);
  // 11. BGP Identifier (9.1.2.2 f), the ORIGINATOR_ID where present (RFC 4456 9): lower.
  if ((order = lower_wins(router_id(a), router_id(b))))
    return tie(order, SelectionReason::kRouterId);
  // 12. CLUSTER_LIST length (RFC 4456 9): shorter.
  if ((order = lower_wins(pa.cluster_list.size(), pb.cluster_list.size())))
    return tie(order, SelectionReason::kClusterLength);
  // 13. Peer address (9.1.2.2 g): lower.
  order = a.peer_address < b.peer_address ? -1 : (b.peer_address < a.peer_address ? 1 : 0);
  return tie(order, SelectionReason::kNeighborIp);
}

Selection select_paths(std::span<const Candidate> candidates, const DecisionOptions& options) {
  Selection out;
  for (std::size_t i = 1; i < candidates.size(); ++i)
    if (compare_paths(candidates[i], candidates[out.best], options).order < 0) out.best = i;
  const Candidate& best = candidates[out.best];
  // The reason is the step that beat the closest contender (the latest deciding step).
  std::vector<std::size_t> equal;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (i == out.best) continue;
    const Comparison c = compare_paths(best, candidates[i], options);
    out.reason = std::max(out.reason, c.reason);
    if (c.multipath_equal) equal.push_back(i);
  }
  std::stable_sort(equal.begin(), equal.end(), [&](std::size_t x, std::size_t y) {
    return compare_paths(candidates[x], candidates[y], options).order < 0;
  });
  const std::size_t limit =
      best.peer_type == PeerType::kInternal ? options.maximum_paths_ibgp : options.maximum_paths;
  out.multipath.push_back(out.best);
  for (std::size_t i : equal) {
    if (out.multipath.size() >= limit) break;
    out.multipath.push_back(i);
  }
  return out;
}

std::string_view selection_reason_text(SelectionReason reason) {
  switch (reason) {
    case SelectionReason::kFirstPathReceived:
      return "First path received";
    case SelectionReason::kWeight:
      return "Weight";
    case SelectionReason::kLocalPref:
      return "Local Pref";
    case SelectionReason::kLocalRoute:
      return "Local Route";
    case SelectionReason::kAsPath:
      return "AS Path";
    case SelectionReason::kOrigin:
      return "Origin";
    case SelectionReason::kMed:
      return "MED";
    case SelectionReason::kPeerType:
      return "Peer Type";
    case SelectionReason::kIgpMetric:
      return "IGP Metric";
    case SelectionReason::kOlderPath:
      return "Older Path";
    case SelectionReason::kRouterId:
      return "Router ID";
    case SelectionReason::kClusterLength:
      return "Cluster length";
    case SelectionReason::kNeighborIp:
      return "Neighbor IP";
  }
  return "Invalid (internal error)";
}

}  // namespace cfn::bgp
