// `show ip bgp [json]`, `show bgp ipv4|ipv6 [unicast] [json]`, one prefix's detail
// (`show ip bgp A.B.C.D[/M] [json]`) and `neighbors X routes`, in FRR 8.4's layouts
// (bgp_route.c bgp_show_table / route_vty_out_detail). Pure: views in, text out.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "bgpd-cfn/show/bgp_show_model.hpp"

namespace cfn::bgp::show {

// The table of every route; with `peer`, only the paths received from that peer.
std::string show_route_table(const InstanceView& view, std::span<const RouteView> routes, Afi afi,
                             bool json, const std::optional<std::string>& peer = std::nullopt);

// One route with all its paths; nullopt: "% Network not in table" ({} in JSON).
std::string show_route_detail(const InstanceView& view, const std::optional<RouteView>& route,
                              Afi afi, bool json);

}  // namespace cfn::bgp::show
