// local_routes: see local_routes.hpp. ORIGIN IGP for `network`, INCOMPLETE for redistributed
// routes (as FRR); MED is the route's metric (0 for connected networks).
#include "bgpd-cfn/local_routes.hpp"

#include <set>

namespace cfn::bgp {
namespace {

constexpr std::uint8_t kProtoKernel = 2;  // RTPROT_KERNEL: the kernel's connected routes
constexpr std::uint8_t kProtoStatic = 4;  // RTPROT_STATIC
constexpr std::uint8_t kProtoFrrStatic = 196;

wire::PathAttributes local(wire::Origin origin, std::uint32_t med) {
  wire::PathAttributes a;
  a.origin = origin;
  a.as_path = wire::AsPath{};
  a.med = med;
  return a;
}

// Not loopback, link-local or multicast networks.
bool redistributable(const net::Prefix& prefix) {
  const auto& b = prefix.address().bytes();
  if (prefix.is_v4()) return b[0] != 127;
  static const net::IpAddress kLoopback6 = *net::IpAddress::parse("::1");
  return !prefix.address().is_link_local_v6() && b[0] != 0xff && prefix.address() != kLoopback6;
}

}  // namespace

LocalRoutes local_routes(const AfConfig& af, net::Family family,
                         const kernel::InterfaceTable* interfaces,
                         const kernel::KernelRoutes* routes, std::uint8_t own_protocol,
                         bool import_check) {
  LocalRoutes out;
  if (interfaces && af.redistribute.contains("connected")) {
    for (const auto& [ifindex, iface] : interfaces->all()) {
      if (!kernel::operational(iface.link)) continue;
      for (const auto& address : iface.addresses) {
        if (address.address.family() != family) continue;
        const net::Prefix prefix(address.address, address.prefix_length);
        if (redistributable(prefix)) out.emplace(prefix, local(wire::Origin::kIncomplete, 0));
      }
    }
  }
  const bool kernel_routes = af.redistribute.contains("kernel");
  const bool static_routes = af.redistribute.contains("static");
  if (routes && (kernel_routes || static_routes)) {
    for (const auto& route : routes->all()) {
      if (route.prefix.family() != family || route.protocol == own_protocol ||
          route.protocol == kProtoKernel || route.type != 1 || !redistributable(route.prefix))
        continue;
      const bool is_static = route.protocol == kProtoStatic || route.protocol == kProtoFrrStatic;
      if (is_static ? static_routes : kernel_routes)
        out.emplace(route.prefix, local(wire::Origin::kIncomplete, route.metric));
    }
  }
  // `network` wins over a redistributed route of the same prefix (ORIGIN IGP).
  std::set<net::Prefix> in_kernel;
  if (import_check && routes)
    for (const auto& route : routes->all())
      if (route.protocol != own_protocol) in_kernel.insert(route.prefix);
  for (const auto& prefix : af.networks)
    if (prefix.family() == family && (!import_check || in_kernel.contains(prefix)))
      out.insert_or_assign(prefix, local(wire::Origin::kIgp, 0));
  return out;
}

}  // namespace cfn::bgp
