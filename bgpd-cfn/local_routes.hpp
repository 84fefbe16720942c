// The routes bgpd-cfn originates itself (RFC 4271 9.4): `network` statements and
// `redistribute connected|kernel|static`, computed from the configuration and the kernel's
// interfaces and routes, with the attributes FRR gives them. Pure.
#pragma once

#include <map>
#include <optional>

#include "bgpd-cfn/bgp_config.hpp"
#include "bgpd-cfn/wire/attributes.hpp"
#include "libcfn/kernel/interface_table.hpp"
#include "libcfn/kernel/kernel_routes.hpp"

namespace cfn::bgp {

using LocalRoutes = std::map<net::Prefix, wire::PathAttributes>;

// `own_protocol`: routes of this protocol in the kernel (ours) are never redistributed.
// `interfaces` / `routes` may be null (no kernel listener): only `network` routes then.
// `import_check` (`bgp network import-check`): a `network` is originated only while the
// kernel has a route to exactly that prefix (not one of ours).
LocalRoutes local_routes(const AfConfig& af, net::Family family,
                         const kernel::InterfaceTable* interfaces,
                         const kernel::KernelRoutes* routes, std::uint8_t own_protocol,
                         bool import_check);

}  // namespace cfn::bgp
