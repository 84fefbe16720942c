// Interface table: see interface_table.hpp.
#include "libcfn/kernel/interface_table.hpp"

#include <net/if.h>

#include <algorithm>

namespace cfn::kernel {

bool operational(const netlink::Link& link) {
  return (link.flags & IFF_UP) && (link.flags & IFF_RUNNING);
}

namespace {

// The event that takes a link from `before` (nullptr: unknown) to `after`.
std::optional<LinkEvent> link_change(const netlink::Link* before, const netlink::Link& after) {
  if (!before) return LinkEvent{after, LinkChange::kAdded};
  if (*before == after) return std::nullopt;
  if (operational(*before) == operational(after)) return LinkEvent{after, LinkChange::kChanged};
  return LinkEvent{after, operational(after) ? LinkChange::kUp : LinkChange::kDown};
}

bool has_address(const Interface* interface, const netlink::Address& address) {
  return interface && std::find(interface->addresses.begin(), interface->addresses.end(),
                                address) != interface->addresses.end();
}

}  // namespace

std::optional<LinkEvent> InterfaceTable::apply_link(const netlink::Link& link) {
  const Interface* before = find(link.ifindex);
  auto event = link_change(before ? &before->link : nullptr, link);
  interfaces_[link.ifindex].link = link;
  return event;
}

std::optional<LinkEvent> InterfaceTable::remove_link(std::uint32_t ifindex) {
  auto it = interfaces_.find(ifindex);
  if (it == interfaces_.end()) return std::nullopt;
  LinkEvent event{it->second.link, LinkChange::kRemoved};
  interfaces_.erase(it);
  return event;
}

std::optional<AddressEvent> InterfaceTable::add_address(const netlink::Address& address) {
  auto it = interfaces_.find(address.ifindex);
  if (it == interfaces_.end()) return std::nullopt;  // RTM_NEWLINK always comes first
  if (has_address(&it->second, address)) return std::nullopt;
  it->second.addresses.push_back(address);
  return AddressEvent{address, true};
}

std::optional<AddressEvent> InterfaceTable::remove_address(const netlink::Address& address) {
  auto it = interfaces_.find(address.ifindex);
  if (it == interfaces_.end()) return std::nullopt;
  auto& addresses = it->second.addresses;
  auto found = std::find(addresses.begin(), addresses.end(), address);
  if (found == addresses.end()) return std::nullopt;
  addresses.erase(found);
  return AddressEvent{address, false};
}

std::vector<KernelEvent> InterfaceTable::diff(const InterfaceTable& next) const {
  std::vector<KernelEvent> events;
  for (const auto& [ifindex, interface] : interfaces_) {
    if (!next.find(ifindex)) events.emplace_back(LinkEvent{interface.link, LinkChange::kRemoved});
  }
  for (const auto& [ifindex, interface] : next.interfaces_) {
    const Interface* before = find(ifindex);
    if (auto event = link_change(before ? &before->link : nullptr, interface.link)) {
      events.emplace_back(*event);
    }
  }
  for (const auto& [ifindex, interface] : interfaces_) {
    for (const auto& address : interface.addresses) {
      if (!has_address(next.find(ifindex), address)) {
        events.emplace_back(AddressEvent{address, false});
      }
    }
  }
  for (const auto& [ifindex, interface] : next.interfaces_) {
    for (const auto& address : interface.addresses) {
      if (!has_address(find(ifindex), address)) events.emplace_back(AddressEvent{address, true});
    }
  }
  return events;
}

const Interface* InterfaceTable::find(std::uint32_t ifindex) const {
  auto it = interfaces_.find(ifindex);
  return it == interfaces_.end() ? nullptr : &it->second;
}

const Interface* InterfaceTable::find(std::string_view name) const {
  for (const auto& [ifindex, interface] : interfaces_) {
    if (interface.link.name == name) return &interface;
  }
  return nullptr;
}

std::string InterfaceTable::name(std::uint32_t ifindex) const {
  const Interface* interface = find(ifindex);
  return interface ? interface->link.name : std::string();
}

}  // namespace cfn::kernel
