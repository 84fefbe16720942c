// The kernel's interfaces as rtnetlink reports them: ifindex -> link (name, flags, MTU) and
// its addresses. Pure: fed decoded links and addresses; knows nothing of sockets.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "libcfn/kernel/kernel_events.hpp"
#include "libcfn/netlink/rtnl_types.hpp"

namespace cfn::kernel {

// IFF_UP and IFF_RUNNING: administratively up with carrier.
bool operational(const netlink::Link& link);

struct Interface {
  netlink::Link link;
  std::vector<netlink::Address> addresses;  // in the order the kernel reported them
  bool operator==(const Interface&) const = default;
};

class InterfaceTable {
 public:
  // RTM_NEWLINK: the change it makes, or nothing when the link is unchanged.
  std::optional<LinkEvent> apply_link(const netlink::Link& link);
  // RTM_DELLINK: forgets the link and its addresses.
  std::optional<LinkEvent> remove_link(std::uint32_t ifindex);
  // RTM_NEWADDR / RTM_DELADDR: the event, or nothing when already present / absent (or the
  // link is unknown).
  std::optional<AddressEvent> add_address(const netlink::Address& address);
  std::optional<AddressEvent> remove_address(const netlink::Address& address);

  // The events that take this table to `next`: link changes, then address changes.
  std::vector<KernelEvent> diff(const InterfaceTable& next) const;

  const Interface* find(std::uint32_t ifindex) const;
  const Interface* find(std::string_view name) const;
  // The interface's name, or empty when unknown.
  std::string name(std::uint32_t ifindex) const;
  const std::map<std::uint32_t, Interface>& all() const { return interfaces_; }

 private:
  std::map<std::uint32_t, Interface> interfaces_;
};

}  // namespace cfn::kernel
