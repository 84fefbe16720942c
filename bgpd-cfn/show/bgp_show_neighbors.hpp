// `show bgp [vrf all] neighbors [PEER] [json]` in FRR 8.4's layout (bgp_show_peer): per peer
// the session, timers, capabilities, message counts, per-family prefix counts and the TCP
// endpoints. Graceful restart, add-path, hostname and roles are not modelled and not shown.
#pragma once

#include <optional>
#include <string>

#include "bgpd-cfn/show/bgp_show_model.hpp"

namespace cfn::bgp::show {

struct NeighborsOptions {
  bool json = false;
  bool vrf_all = false;             // JSON nested under "default" with vrfId / vrfName
  std::optional<std::string> peer;  // only this one
};

struct NeighborsOutput {
  std::string text;
  bool found = true;  // false: the named peer does not exist (FRR answers with a warning)
};

NeighborsOutput show_neighbors(const InstanceView& view, const NeighborsOptions& options);

}  // namespace cfn::bgp::show
