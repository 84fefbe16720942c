// bgpd-cfn's identity, debug toggles, command binder and speaker wiring.
#include "bgpd-cfn/bgpd_instance.hpp"

#include <spdlog/spdlog.h>

#include "bgpd-cfn/bgp_commands.hpp"
#include "bgpd-cfn/show/bgp_show_commands.hpp"
#include "libcfn/cli/commands_bgp.hpp"

namespace cfn::bgp {

const daemon::DaemonIdentity& bgpd_identity() {
  static const daemon::DaemonIdentity identity{"bgpd",     "bgpd-cfn", "BGP",
                                               cli::kBgpd, true,       netlink::kProtoCfnBgp};
  return identity;
}

BgpdInstance::BgpdInstance(daemon::DaemonOptions options)
    : DaemonInstance(bgpd_identity(), std::move(options), &print_bgp_config, &bind_bgp_commands,
                     {&cli::cmd::kDebugBgp, "bgp", {"bgp updates", "bgp neighbor-events", "fib"}}),
      speaker_(daemon().loop().io(), daemon().loop().timers()) {
  show::bind_bgp_show_commands(commands(), show_);
  daemon().on_started([this] {
    const daemon::DaemonOptions& o = daemon().options();
    std::string error;
    if (!speaker_.start({.port = o.bgp_port,
                         .listen_address = o.bgp_listen_address,
                         .fib = daemon().fib(),
                         .kernel = daemon().kernel(),
                         .fib_protocol = bgpd_identity().route_protocol},
                        error))
      spdlog::error("bgp: {}", error);
    speaker_.apply(running(), running_common());
  });
  daemon().on_applied([this] { speaker_.apply(running(), running_common()); });
  daemon().on_stopped([this] { speaker_.stop(); });
}

}  // namespace cfn::bgp
