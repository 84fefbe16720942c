// Binds bgpd-cfn's show and clear commands (libcfn/cli/commands_bgp.hpp) to a ShowSource and
// the renderers: the argument handling of FRR's DEFUNs, no display logic of its own.
#pragma once

#include "bgpd-cfn/show/bgp_show_source.hpp"
#include "libcfn/cli/session.hpp"

namespace cfn::bgp::show {

// `source` must outlive the table.
void bind_bgp_show_commands(cli::CommandTable& table, ShowSource& source);

}  // namespace cfn::bgp::show
