// Builders for the kernel tests: addresses, prefixes, links and routes from short text.
#pragma once

#include <net/if.h>
#include <catch2/catch.hpp>

#include <string_view>

#include "libcfn/netlink/rtnl_types.hpp"
#include "tests/unit/address_literals.hpp"

namespace cfn::kernel::test {

using cfn::test::pfx;
inline net::IpAddress ip(std::string_view text) {
  return cfn::test::addr(text);
}

inline netlink::Link link(std::uint32_t ifindex, std::string name, bool up) {
  return {ifindex, std::move(name), up ? unsigned{IFF_UP | IFF_RUNNING} : 0u, 1500};
}

inline netlink::Address address(std::uint32_t ifindex, std::string_view text, std::uint8_t len) {
  return {ifindex, ip(text), len};
}

// A connected route: prefix on ifindex, no gateway (proto kernel, scope link).
inline netlink::Route connected(std::string_view prefix, std::uint32_t ifindex) {
  netlink::Route route;
  route.prefix = pfx(prefix);
  route.protocol = 2;  // RTPROT_KERNEL
  route.scope = 253;
  route.nexthops = {{std::nullopt, ifindex, 1}};
  return route;
}

// A route via a gateway (proto static unless told), optionally through ifindex.
inline netlink::Route via(std::string_view prefix, std::string_view gateway,
                          std::uint32_t ifindex = 0, std::uint32_t metric = 0) {
  netlink::Route route;
  route.prefix = pfx(prefix);
  route.protocol = 4;  // RTPROT_STATIC
  route.metric = metric;
  route.nexthops = {{ip(gateway), ifindex, 1}};
  return route;
}

}  // namespace cfn::kernel::test
