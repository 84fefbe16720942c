// The route table layout FRR's `show ip bgp` and `neighbors X advertised-routes` share
// (bgp_route.c route_vty_out): the legend, the column header, one line per path, and the
// next hop in text and JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bgpd-cfn/show/bgp_show_format.hpp"

namespace cfn::bgp::show {

// "BGP table version is N, local router ID is X, vrf id 0", the default local preference,
// the status/origin code legend and the column header.
std::string table_header(const InstanceView& view);

// The status columns: valid "*", best ">" or multipath "=", internal "i".
std::string path_status(bool valid, bool best, bool multipath, bool internal);

// One line: status (3 columns), the prefix (or blanks for a further path of the same
// prefix), next hop, MED, LOCAL_PREF, weight, AS_PATH and origin code.
std::string table_row(std::string_view status, const net::Prefix* prefix,
                      const std::optional<net::IpAddress>& next_hop, Afi afi,
                      const wire::PathAttributes& attributes, std::uint32_t weight);

// The next hop as shown: a local route's is 0.0.0.0 (IPv4) or :: (IPv6).
std::string next_hop_text(const std::optional<net::IpAddress>& next_hop, Afi afi);
// {"ip", "afi"} and, for IPv6, "scope" ("global" or "link-local").
Json next_hop_json(const std::optional<net::IpAddress>& next_hop, Afi afi);

}  // namespace cfn::bgp::show
