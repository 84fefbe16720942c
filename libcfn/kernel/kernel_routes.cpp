// Kernel routing table and next-hop resolver: see kernel_routes.hpp.
#include "libcfn/kernel/kernel_routes.hpp"

#include <linux/rtnetlink.h>

#include <algorithm>

namespace cfn::kernel {

namespace {

// IPv6 keeps one route per device for the same prefix and metric (fe80::/64 on every link).
KernelRoutes::Key key_of(const netlink::Route& route) {
  std::uint32_t ifindex = 0;
  if (route.prefix.is_v6() && !route.nexthops.empty()) ifindex = route.nexthops.front().ifindex;
  return {route.metric, ifindex};
}

// fe80::/10: on-link on the interface the route names, never resolved through the table.
bool is_link_local(const net::IpAddress& address) {
  return address.is_v6() && address.bytes()[0] == 0xfe && (address.bytes()[1] & 0xc0) == 0x80;
}

}  // namespace

bool KernelRoutes::add(const netlink::Route& route) {
  if (route.table != netlink::kMainTable) return false;
  netlink::Route& slot = routes_[route.prefix][key_of(route)];
  if (slot == route) return false;
  slot = route;
  return true;
}

bool KernelRoutes::remove(const netlink::Route& route) {
  if (route.table != netlink::kMainTable) return false;
  auto it = routes_.find(route.prefix);
  if (it == routes_.end() || it->second.erase(key_of(route)) == 0) return false;
  if (it->second.empty()) routes_.erase(it);
  return true;
}

std::vector<netlink::Route> KernelRoutes::remove_interface(std::uint32_t ifindex,
                                                           std::optional<net::Family> family) {
  std::vector<netlink::Route> removed;
  for (auto prefix_it = routes_.begin(); prefix_it != routes_.end();) {
    if (family && prefix_it->first.family() != *family) {
      ++prefix_it;
      continue;
    }
    auto& by_key = prefix_it->second;
    for (auto it = by_key.begin(); it != by_key.end();) {
      auto& nexthops = it->second.nexthops;
      auto through = [&](const netlink::NextHop& nh) { return nh.ifindex == ifindex; };
      if (!nexthops.empty() && std::all_of(nexthops.begin(), nexthops.end(), through)) {
        removed.push_back(it->second);
        it = by_key.erase(it);
      } else {
        std::erase_if(nexthops, through);
        ++it;
      }
    }
    prefix_it = by_key.empty() ? routes_.erase(prefix_it) : std::next(prefix_it);
  }
  return removed;
}

const netlink::Route* KernelRoutes::best_match(const net::IpAddress& address) const {
  for (int length = static_cast<int>(address.bit_length()); length >= 0; --length) {
    auto it = routes_.find(net::Prefix(address, static_cast<unsigned>(length)));
    if (it != routes_.end()) return &it->second.begin()->second;  // lowest metric
  }
  return nullptr;
}

std::optional<netlink::Route> KernelRoutes::lookup(const net::IpAddress& address) const {
  const netlink::Route* route = best_match(address);
  if (!route) return std::nullopt;
  return *route;
}

std::optional<std::vector<ResolvedNexthop>> KernelRoutes::resolve(
    const net::IpAddress& next_hop) const {
  std::vector<const netlink::Route*> path;
  std::vector<ResolvedNexthop> out;
  resolve_into(next_hop, path, out);
  if (out.empty()) return std::nullopt;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// As zebra's nexthop_active(): the route covering the target either reaches it directly (a
// connected route: no gateway) or hands it to gateways, each resolved the same way. A route
// already on the path (a gateway reachable only through the route that needs it) and paths
// longer than kMaxDepth do not resolve. An IPv6 link-local gateway is on-link by definition.
void KernelRoutes::resolve_into(const net::IpAddress& target,
                                std::vector<const netlink::Route*>& path,
                                std::vector<ResolvedNexthop>& out) const {
  const netlink::Route* route = best_match(target);
  if (!route || route->type != RTN_UNICAST || path.size() >= kMaxDepth) return;
  if (std::find(path.begin(), path.end(), route) != path.end()) return;
  path.push_back(route);
  for (const netlink::NextHop& nh : route->nexthops) {
    if (!nh.gateway) {
      if (nh.ifindex != 0) out.push_back({target, nh.ifindex});
    } else if (is_link_local(*nh.gateway) && nh.ifindex != 0) {
      out.push_back({*nh.gateway, nh.ifindex});
    } else if (nh.gateway->family() == target.family()) {
      resolve_into(*nh.gateway, path, out);
    }
  }
  path.pop_back();
}

std::vector<RouteEvent> KernelRoutes::diff(const KernelRoutes& next) const {
  std::vector<RouteEvent> events;
  for (const auto& [prefix, by_key] : routes_) {
    auto there = next.routes_.find(prefix);
    for (const auto& [key, route] : by_key) {
      if (there == next.routes_.end() || !there->second.contains(key)) {
        events.push_back({route, false});
      }
    }
  }
  for (const auto& [prefix, by_key] : next.routes_) {
    auto here = routes_.find(prefix);
    for (const auto& [key, route] : by_key) {
      if (here == routes_.end()) {
        events.push_back({route, true});
        continue;
      }
      auto old = here->second.find(key);
      if (old == here->second.end() || old->second != route) events.push_back({route, true});
    }
  }
  return events;
}

std::vector<netlink::Route> KernelRoutes::all() const {
  std::vector<netlink::Route> out;
  for (const auto& [prefix, by_key] : routes_) {
    for (const auto& [key, route] : by_key) out.push_back(route);
  }
  return out;
}

std::size_t KernelRoutes::size() const {
  std::size_t n = 0;
  for (const auto& [prefix, by_key] : routes_) n += by_key.size();
  return n;
}

}  // namespace cfn::kernel
