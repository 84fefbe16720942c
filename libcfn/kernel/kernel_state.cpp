// Kernel state and message application: see kernel_state.hpp.
#include "libcfn/kernel/kernel_state.hpp"

#include <linux/rtnetlink.h>
#include <net/if.h>

#include <algorithm>

#include <spdlog/spdlog.h>

namespace cfn::kernel {
namespace {

template <typename T>
void append(std::vector<KernelEvent>& events, const std::optional<T>& event) {
  if (event) events.emplace_back(*event);
}

void append_removed_routes(std::vector<KernelEvent>& events,
                           const std::vector<netlink::Route>& routes) {
  for (const auto& route : routes) events.emplace_back(RouteEvent{route, false});
}

// The decoded value, or nothing (logged) when the codec refuses the message.
template <typename T>
std::optional<T> decoded(netlink::Decoded<T> result, const netlink::MessageView& message) {
  if (!result) {
    spdlog::warn("kernel: ignoring rtnetlink message type {}: {}", message.header.type,
                 result.error);
  }
  return std::move(result.value);
}

}  // namespace

std::vector<KernelEvent> KernelState::apply(const netlink::MessageView& message) {
  const std::uint16_t type = message.header.type;
  switch (type) {
    case RTM_NEWLINK:
    case RTM_DELLINK:
      if (auto link = decoded(netlink::decode_link(message), message)) {
        return type == RTM_NEWLINK ? apply_link(*link) : remove_link(link->ifindex);
      }
      break;
    case RTM_NEWADDR:
    case RTM_DELADDR:
      if (auto address = decoded(netlink::decode_address(message), message)) {
        return apply_address(*address, type == RTM_NEWADDR);
      }
      break;
    case RTM_NEWROUTE:
    case RTM_DELROUTE:
      if (auto route = decoded(netlink::decode_route(message), message)) {
        return apply_route(*route, type == RTM_NEWROUTE);
      }
      break;
    default:
      break;
  }
  return {};
}

std::vector<KernelEvent> KernelState::apply_link(const netlink::Link& link) {
  std::vector<KernelEvent> events;
  const Interface* before = interfaces_.find(link.ifindex);
  const bool was_admin_up = before && (before->link.flags & IFF_UP);
  append(events, interfaces_.apply_link(link));
  // IPv4 flushes a device's routes without RTM_DELROUTE when it goes administratively down.
  if (was_admin_up && !(link.flags & IFF_UP)) {
    append_removed_routes(events, routes_.remove_interface(link.ifindex));
  }
  return events;
}

std::vector<KernelEvent> KernelState::remove_link(std::uint32_t ifindex) {
  std::vector<KernelEvent> events;
  if (const Interface* interface = interfaces_.find(ifindex)) {
    for (const auto& address : std::vector(interface->addresses)) {
      append(events, interfaces_.remove_address(address));
    }
  }
  append_removed_routes(events, routes_.remove_interface(ifindex));
  append(events, interfaces_.remove_link(ifindex));
  return events;
}

std::vector<KernelEvent> KernelState::apply_address(const netlink::Address& address, bool added) {
  std::vector<KernelEvent> events;
  if (added) {
    append(events, interfaces_.add_address(address));
    return events;
  }
  append(events, interfaces_.remove_address(address));
  // Losing its last IPv4 address flushes the device's IPv4 routes, silently (fib_disable_ip).
  const Interface* interface = interfaces_.find(address.ifindex);
  if (!events.empty() && address.address.is_v4() && interface &&
      std::none_of(interface->addresses.begin(), interface->addresses.end(),
                   [](const netlink::Address& a) { return a.address.is_v4(); })) {
    append_removed_routes(events, routes_.remove_interface(address.ifindex, net::Family::kV4));
  }
  return events;
}

std::vector<KernelEvent> KernelState::apply_route(const netlink::Route& route, bool added) {
  std::vector<KernelEvent> events;
  if (ignored_protocol_ != 0 && route.protocol == ignored_protocol_) return events;
  if (added ? routes_.add(route) : routes_.remove(route)) {
    events.emplace_back(RouteEvent{route, added});
  }
  return events;
}

std::vector<KernelEvent> KernelState::replace_with(KernelState dumped) {
  std::vector<KernelEvent> events = interfaces_.diff(dumped.interfaces_);
  for (auto& event : routes_.diff(dumped.routes_)) events.emplace_back(std::move(event));
  events.emplace_back(SyncEvent{});
  *this = std::move(dumped);
  return events;
}

}  // namespace cfn::kernel
