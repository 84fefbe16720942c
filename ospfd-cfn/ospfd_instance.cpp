// ospfd-cfn's identity, debug toggles and command binder.
#include "ospfd-cfn/ospfd_instance.hpp"

#include "libcfn/cli/commands_ospf.hpp"
#include "ospfd-cfn/ospf_commands.hpp"

namespace cfn::ospfd {

const daemon::DaemonIdentity& ospfd_identity() {
  static const daemon::DaemonIdentity identity{"ospfd",     "ospfd-cfn", "OSPF",
                                               cli::kOspfd, false,       netlink::kProtoCfnOspf};
  return identity;
}

OspfdInstance::OspfdInstance(daemon::DaemonOptions options)
    : DaemonInstance(
          ospfd_identity(), std::move(options), &print_ospf_config, &bind_ospf_commands,
          {&cli::cmd::kDebugOspf, "ospf", {"ospf packet", "ospf lsa", "ospf spf", "fib"}}) {}

}  // namespace cfn::ospfd
