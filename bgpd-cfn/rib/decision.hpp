// The BGP decision process (RFC 4271 section 9.1.2.2 with FRR's order of tie-breaks): which
// of a prefix's usable paths is best, why, and which are equal enough for multipath. Pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "bgpd-cfn/wire/attributes.hpp"
#include "libcfn/net/address.hpp"

namespace cfn::bgp {

enum class PeerType : std::uint8_t {
  kLocal,     // originated here: `network`, `redistribute`
  kExternal,  // eBGP
  kInternal,  // iBGP
};

// One usable path (its next hop resolved: RFC 4271 9.1.2 leaves out unresolvable ones).
struct Candidate {
  const wire::PathAttributes* attributes = nullptr;
  PeerType peer_type = PeerType::kExternal;
  std::uint32_t weight = 0;          // FRR's local weight (32768 for local routes)
  std::uint32_t peer_router_id = 0;  // the peer's BGP Identifier, host order
  net::IpAddress peer_address;
  std::uint32_t igp_metric = 0;  // the cost to the next hop
  std::uint64_t arrival = 0;     // when the path arrived: smaller is older
};

struct DecisionOptions {
  bool always_compare_med = false;       // `bgp always-compare-med`
  bool multipath_relax = false;          // `bgp bestpath as-path multipath-relax`
  bool compare_router_id = false;        // `bgp bestpath compare-routerid`: no "older path" step
  bool as_path_ignore = false;           // `bgp bestpath as-path ignore`
  std::uint16_t maximum_paths = 1;       // eBGP `maximum-paths`
  std::uint16_t maximum_paths_ibgp = 1;  // `maximum-paths ibgp`
};

// The step that decided, as FRR names it (`show ip bgp PREFIX`: "selectionReason").
enum class SelectionReason : std::uint8_t {
  kFirstPathReceived,
  kWeight,
  kLocalPref,
  kLocalRoute,
  kAsPath,
  kOrigin,
  kMed,
  kPeerType,
  kIgpMetric,
  kOlderPath,
  kRouterId,
  kClusterLength,
  kNeighborIp,
};
std::string_view selection_reason_text(SelectionReason reason);

struct Comparison {
  int order = 0;  // < 0: the first path is better; > 0: the second; 0: the same path
  SelectionReason reason = SelectionReason::kFirstPathReceived;
  bool multipath_equal = false;  // equal up to the IGP metric step and multipath-compatible
};
Comparison compare_paths(const Candidate& a, const Candidate& b, const DecisionOptions& options);

struct Selection {
  std::size_t best = 0;
  SelectionReason reason = SelectionReason::kFirstPathReceived;
  // The paths used together (RFC 4271 9.1.4 / FRR multipath): best first, at most the
  // configured number; {best} when multipath is off or nothing else is equal enough.
  std::vector<std::size_t> multipath;
};
// `candidates` must not be empty.
Selection select_paths(std::span<const Candidate> candidates, const DecisionOptions& options);

// The neighbouring AS a path came from (the first AS of its AS_PATH; 0 when none), against
// which MEDs are comparable (RFC 4271 9.1.2.2 c).
std::uint32_t neighbor_as(const wire::PathAttributes& attributes);

}  // namespace cfn::bgp
