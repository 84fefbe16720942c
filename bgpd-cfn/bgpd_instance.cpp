// bgpd-cfn's identity, debug toggles and command binder.
#include "bgpd-cfn/bgpd_instance.hpp"

#include "bgpd-cfn/bgp_commands.hpp"
#include "libcfn/cli/commands_bgp.hpp"

namespace cfn::bgp {

const daemon::DaemonIdentity& bgpd_identity() {
  static const daemon::DaemonIdentity identity{"bgpd",     "bgpd-cfn", "BGP",
                                               cli::kBgpd, true,       netlink::kProtoCfnBgp};
  return identity;
}

BgpdInstance::BgpdInstance(daemon::DaemonOptions options)
    : DaemonInstance(bgpd_identity(), std::move(options), &print_bgp_config, &bind_bgp_commands,
                     {&cli::cmd::kDebugBgp, "bgp", {"bgp updates", "bgp neighbor-events", "fib"}}) {
}

}  // namespace cfn::bgp
