// What the kernel listener tells its subscribers: link, address and route changes seen over
// rtnetlink, and the end of each full (re)synchronization dump.
#pragma once

#include <variant>

#include "libcfn/netlink/rtnl_types.hpp"

namespace cfn::kernel {

enum class LinkChange : std::uint8_t {
  kAdded,    // first seen (its state is in link.flags)
  kUp,       // became operational (IFF_UP and IFF_RUNNING)
  kDown,     // stopped being operational
  kChanged,  // name, MTU or other flags changed, same operational state
  kRemoved,
};

struct LinkEvent {
  netlink::Link link;
  LinkChange change = LinkChange::kAdded;
  bool operator==(const LinkEvent&) const = default;
};

struct AddressEvent {
  netlink::Address address;
  bool added = true;
  bool operator==(const AddressEvent&) const = default;
};

struct RouteEvent {
  netlink::Route route;
  bool added = true;  // added or replaced; false: removed
  bool operator==(const RouteEvent&) const = default;
};

// A full dump finished: the tables now mirror the kernel (after start-up or ENOBUFS).
struct SyncEvent {
  bool operator==(const SyncEvent&) const = default;
};

using KernelEvent = std::variant<LinkEvent, AddressEvent, RouteEvent, SyncEvent>;

}  // namespace cfn::kernel
