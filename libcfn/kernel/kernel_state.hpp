// What the kernel holds as the listener sees it (interfaces, addresses, main-table routes)
// and the pure step from one rtnetlink message to table changes and events. The listener
// feeds it socket data; tests feed it decoded values.
#pragma once

#include <vector>

#include "libcfn/kernel/interface_table.hpp"
#include "libcfn/kernel/kernel_events.hpp"
#include "libcfn/kernel/kernel_routes.hpp"
#include "libcfn/netlink/rtnl_codec.hpp"

namespace cfn::kernel {

class KernelState {
 public:
  // Routes of `protocol` (the daemon's own, which its FIB tracks) are neither kept nor
  // reported; 0 keeps every route.
  explicit KernelState(std::uint8_t ignored_protocol = 0) : ignored_protocol_(ignored_protocol) {}

  // RTM_NEWLINK/DELLINK, RTM_NEWADDR/DELADDR, RTM_NEWROUTE/DELROUTE; other types and
  // messages the codec refuses change nothing (the refusal is logged).
  std::vector<KernelEvent> apply(const netlink::MessageView& message);

  std::vector<KernelEvent> apply_link(const netlink::Link& link);
  std::vector<KernelEvent> remove_link(std::uint32_t ifindex);
  std::vector<KernelEvent> apply_address(const netlink::Address& address, bool added);
  std::vector<KernelEvent> apply_route(const netlink::Route& route, bool added);

  // Becomes `dumped` (a state built from a full dump) and returns the events that take a
  // subscriber from this state to it: links, then addresses, then routes, then a SyncEvent.
  std::vector<KernelEvent> replace_with(KernelState dumped);

  const InterfaceTable& interfaces() const { return interfaces_; }
  const KernelRoutes& routes() const { return routes_; }

 private:
  InterfaceTable interfaces_;
  KernelRoutes routes_;
  std::uint8_t ignored_protocol_ = 0;
};

}  // namespace cfn::kernel
