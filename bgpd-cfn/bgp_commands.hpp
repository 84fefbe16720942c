// Command handlers for bgpd-cfn's configuration (router bgp and its address families).
#pragma once

#include <functional>

#include "bgpd-cfn/bgp_config.hpp"
#include "libcfn/cli/session.hpp"

namespace cfn::bgp {

// Binds every bgpd command except the debug toggles (the daemon runtime binds those).
// `target` is called on each command: the daemon points it at a candidate while loading.
void bind_bgp_commands(cli::CommandTable& table, std::function<BgpConfig&()> target);

}  // namespace cfn::bgp
