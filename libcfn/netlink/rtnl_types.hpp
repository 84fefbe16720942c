// What the kernel's routing tables hold, as cfn sees it through rtnetlink: routes (single,
// multipath, or on a nexthop object), nexthop objects and groups (resilient included),
// links and addresses. Plain values; the codec turns them into bytes and back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "libcfn/net/address.hpp"

namespace cfn::netlink {

inline constexpr std::uint32_t kMainTable = 254;  // RT_TABLE_MAIN
inline constexpr std::uint8_t kProtoCfnBgp =
    220;  // /etc/iproute2/rt_protos.d/cfn.conf (FRR uses 186-198)
inline constexpr std::uint8_t kProtoCfnOspf = 221;

// One path of a route: a gateway and/or an outgoing interface, and its weight (1..256;
// the kernel stores weight - 1 in rtnh_hops).
struct NextHop {
  std::optional<net::IpAddress> gateway;
  std::uint32_t ifindex = 0;
  std::uint16_t weight = 1;
  auto operator<=>(const NextHop&) const = default;
};

struct Route {
  net::Prefix prefix;
  std::uint32_t table = kMainTable;
  std::uint8_t protocol = 0;
  std::uint32_t metric = 0;       // RTA_PRIORITY: cfn uses FRR's administrative distance
  std::uint8_t type = 1;          // RTN_UNICAST
  std::uint8_t scope = 0;         // RT_SCOPE_UNIVERSE (253 = link for gateway-less routes)
  std::vector<NextHop> nexthops;  // one: RTA_GATEWAY/RTA_OIF; several: RTA_MULTIPATH
  std::uint32_t nexthop_id = 0;   // non-zero: RTA_NH_ID, the route uses a nexthop object
  bool operator==(const Route&) const = default;
};

// Group member of a nexthop group: another nexthop object's id and its weight (1..256).
struct GroupMember {
  std::uint32_t id = 0;
  std::uint16_t weight = 1;
  auto operator<=>(const GroupMember&) const = default;
};

// RTM_NEWNEXTHOP object: a single nexthop (gateway/ifindex) or a group of other objects.
struct NexthopObject {
  std::uint32_t id = 0;
  std::uint8_t protocol = 0;
  net::Family family = net::Family::kV4;  // of the gateway (groups: AF_UNSPEC on the wire)
  std::optional<net::IpAddress> gateway;
  std::uint32_t ifindex = 0;
  bool blackhole = false;
  std::vector<GroupMember> group;  // non-empty: a group
  bool resilient = false;          // NEXTHOP_GRP_TYPE_RES
  std::uint16_t buckets = 0;       // resilient groups
  std::uint32_t idle_timer_s = 0;
  std::uint32_t unbalanced_timer_s = 0;
  bool operator==(const NexthopObject&) const = default;
};

struct Link {
  std::uint32_t ifindex = 0;
  std::string name;
  std::uint32_t flags = 0;  // IFF_UP, IFF_RUNNING, ...
  std::uint32_t mtu = 0;
  bool up() const { return flags & 0x1; }
  bool operator==(const Link&) const = default;
};

struct Address {
  std::uint32_t ifindex = 0;
  net::IpAddress address;  // IFA_LOCAL for IPv4 (IFA_ADDRESS if absent), IFA_ADDRESS for IPv6
  std::uint8_t prefix_length = 0;
  bool operator==(const Address&) const = default;
};

}  // namespace cfn::netlink
