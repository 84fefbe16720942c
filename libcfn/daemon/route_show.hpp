// `show ip route [json]` and `show ipv6 route [json]` for the routes a daemon owns in the
// kernel FIB, in FRR's text layout and JSON field names (zebra_vty.c). Pure: routes, nexthop
// objects, interface names and the time in; text out.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "libcfn/fib/fib.hpp"
#include "libcfn/net/address.hpp"

namespace cfn::daemon {

struct RouteShowInput {
  const std::map<net::Prefix, fib::RouteStatus>& routes;
  // Resolves routes that use a nexthop object or group (Route::nexthop_id).
  const std::map<std::uint32_t, fib::NexthopStatus>& nexthops;
  // An interface's name; empty when unknown (shown as FRR's "unknown").
  std::function<std::string(std::uint32_t ifindex)> interface_name;
  std::chrono::steady_clock::time_point now;
  std::uint32_t table = netlink::kMainTable;  // the Fib's (FibOptions::table)
};

// FRR's `show ip route` text for the routes of `family`: the Codes header, then one line per
// route and one more per extra nexthop. Empty when there is no route.
std::string show_routes_text(const RouteShowInput& input, net::Family family);
// FRR's `show ip route json`: {"PREFIX": [route], ...}.
std::string show_routes_json(const RouteShowInput& input, net::Family family);

// FRR's uptime: "hh:mm:ss" under a day, "NdHHhMMm" under a week, else "WWwNdHHh".
std::string frr_uptime(std::chrono::seconds elapsed);

}  // namespace cfn::daemon
