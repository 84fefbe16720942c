// ospfd-cfn wired together (shared by main and the tests).
#pragma once

#include "libcfn/daemon/daemon_instance.hpp"
#include "ospfd-cfn/ospf_config.hpp"

namespace cfn::ospfd {

const daemon::DaemonIdentity& ospfd_identity();

class OspfdInstance : public daemon::DaemonInstance<OspfConfig> {
 public:
  explicit OspfdInstance(daemon::DaemonOptions options);
};

}  // namespace cfn::ospfd
