// `show bgp ipv4|ipv6 [unicast] neighbors X advertised-routes|received-routes [json]` in FRR
// 8.4's layout (bgp_route.c show_adj_route): the table of one peer's Adj-RIB-Out or
// Adj-RIB-In and the prefix count. Pure: views in, text out.
#pragma once

#include <span>
#include <string>

#include "bgpd-cfn/show/bgp_show_model.hpp"

namespace cfn::bgp::show {

// advertised: Adj-RIB-Out ("advertisedRoutes"); else Adj-RIB-In ("receivedRoutes").
std::string show_adj_rib(const InstanceView& view, std::span<const AdvertisedView> rows, Afi afi,
                         bool advertised, bool json);

// FRR's answer when the peer does not exist or does not carry the family.
std::string no_such_neighbor_or_family(bool json);

}  // namespace cfn::bgp::show
