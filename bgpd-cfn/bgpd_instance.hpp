// bgpd-cfn wired together (shared by main and the tests).
#pragma once

#include "bgpd-cfn/bgp_config.hpp"
#include "libcfn/daemon/daemon_instance.hpp"

namespace cfn::bgp {

const daemon::DaemonIdentity& bgpd_identity();

class BgpdInstance : public daemon::DaemonInstance<BgpConfig> {
 public:
  explicit BgpdInstance(daemon::DaemonOptions options);
};

}  // namespace cfn::bgp
