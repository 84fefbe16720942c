// The kernel's main routing table, routes of every protocol, with longest-prefix match and
// recursive next-hop resolution (a BGP next hop through IGP/static routes to a connected
// route). Pure: fed decoded routes; knows nothing of sockets.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "libcfn/kernel/kernel_events.hpp"
#include "libcfn/netlink/rtnl_types.hpp"

namespace cfn::kernel {

// Where a resolved next hop leaves the router: the neighbour to send to (the next hop itself
// when it is on a connected network) and the outgoing interface.
struct ResolvedNexthop {
  net::IpAddress gateway;
  std::uint32_t ifindex = 0;
  auto operator<=>(const ResolvedNexthop&) const = default;
};

class KernelRoutes {
 public:
  // What tells two routes of one prefix apart: the metric, and for IPv6 the device.
  struct Key {
    std::uint32_t metric = 0;
    std::uint32_t ifindex = 0;
    auto operator<=>(const Key&) const = default;
  };
  // Routes followed at most when resolving one next hop.
  static constexpr unsigned kMaxDepth = 8;

  // RTM_NEWROUTE (added or replaced). Routes of other tables are ignored; returns whether the
  // table changed.
  bool add(const netlink::Route& route);
  // RTM_DELROUTE; returns whether the route was present.
  bool remove(const netlink::Route& route);
  // Removes and returns the routes (of `family`, or both) whose every next hop leaves through
  // ifindex; the others lose that next hop. The kernel flushes them without RTM_DELROUTE when
  // the link goes administratively down or away, or loses its last IPv4 address.
  std::vector<netlink::Route> remove_interface(std::uint32_t ifindex,
                                               std::optional<net::Family> family = std::nullopt);

  // The route the kernel would use for address: the longest matching prefix, lowest metric.
  std::optional<netlink::Route> lookup(const net::IpAddress& address) const;
  // Follows gateways through the table to connected routes (at most kMaxDepth routes deep).
  // Empty when no path reaches a connected route: no route, a blackhole, a loop, too deep.
  std::optional<std::vector<ResolvedNexthop>> resolve(const net::IpAddress& next_hop) const;

  // The events that take this table to `next` (a replaced route is one "added" event).
  std::vector<RouteEvent> diff(const KernelRoutes& next) const;

  // Every route, by prefix then metric.
  std::vector<netlink::Route> all() const;
  std::size_t size() const;

 private:
  const netlink::Route* best_match(const net::IpAddress& address) const;
  void resolve_into(const net::IpAddress& target, std::vector<const netlink::Route*>& path,
                    std::vector<ResolvedNexthop>& out) const;

  std::map<net::Prefix, std::map<Key, netlink::Route>> routes_;
};

}  // namespace cfn::kernel
