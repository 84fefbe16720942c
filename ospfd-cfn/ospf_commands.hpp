// Binds ospfd-cfn's handlers to the OSPF command definitions (libcfn/cli/commands_ospf.hpp):
// each one edits the OspfConfig the daemon currently points it at, with FRR 8.4's semantics.
#pragma once

#include <functional>

#include "libcfn/cli/session.hpp"
#include "ospfd-cfn/ospf_config.hpp"

namespace cfn::ospfd {

// Binds every definition in commands_ospf.hpp but kDebugOspf. `target` is called on each
// execution, so the daemon can point the handlers at the running config or a load candidate.
// A rejected line leaves the config unchanged and writes FRR's message to the context.
void bind_ospf_commands(cli::CommandTable& table, std::function<OspfConfig&()> target);

}  // namespace cfn::ospfd
