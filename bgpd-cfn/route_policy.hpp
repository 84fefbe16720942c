// Routing policy as FRR applies it to a neighbor (`neighbor X prefix-list|route-map NAME
// in|out`): the prefix-list first, then the route-map's entries in sequence order (match
// ip address prefix-list; set metric, set local-preference). Pure.
#pragma once

#include <optional>
#include <string>

#include "bgpd-cfn/bgp_config.hpp"
#include "bgpd-cfn/wire/attributes.hpp"
#include "libcfn/daemon/common_config.hpp"

namespace cfn::bgp {

// One direction's policy of one neighbor and family.
struct PolicyRefs {
  std::optional<std::string> prefix_list;
  std::optional<std::string> route_map;
  bool empty() const { return !prefix_list && !route_map; }
  bool operator==(const PolicyRefs&) const = default;
};

PolicyRefs inbound_policy(const NeighborAf& af);
PolicyRefs outbound_policy(const NeighborAf& af);

// FRR semantics: first matching entry decides, nothing matched denies; a prefix-list that does
// not exist permits everything.
bool prefix_list_permits(const daemon::CommonConfig& config, const std::string& name,
                         const net::Prefix& prefix);

// Whether the policy's verdict can differ between prefixes with the same attributes (a
// prefix-list, or a route-map entry matching one); if not, it can be computed per set.
bool prefix_dependent(const daemon::CommonConfig& config, const PolicyRefs& policy);

// The attributes after policy, or nothing when denied. A route-map that does not exist
// denies everything (as FRR); a route-map entry without match clauses matches every route.
std::optional<wire::PathAttributes> apply_policy(const daemon::CommonConfig& config,
                                                 const PolicyRefs& policy,
                                                 const net::Prefix& prefix,
                                                 const wire::PathAttributes& attributes);

}  // namespace cfn::bgp
