// Tests for KernelRoutes: main table only, longest-prefix match, metrics, recursive next-hop
// resolution through gateways (loops, depth limit, multipath, blackholes), link flushes.
#include "libcfn/kernel/kernel_routes.hpp"

#include <linux/rtnetlink.h>

#include "tests/unit/kernel/kernel_test_support.hpp"

using namespace cfn::kernel;
using namespace cfn::kernel::test;
using cfn::netlink::Route;

namespace {

std::vector<ResolvedNexthop> resolved(std::string_view gateway, std::uint32_t ifindex) {
  return {{ip(gateway), ifindex}};
}

}  // namespace

TEST_CASE("lookup: longest prefix, then lowest metric; other tables ignored") {
  KernelRoutes routes;
  CHECK(routes.add(via("0.0.0.0/0", "10.0.0.254", 2)));
  CHECK(routes.add(connected("10.0.0.0/24", 2)));
  CHECK(routes.add(via("192.0.2.0/24", "10.0.0.2", 2, 200)));
  CHECK(routes.add(via("192.0.2.0/24", "10.0.0.3", 2, 20)));
  Route other_table = via("192.0.2.128/25", "10.0.0.9", 2);
  other_table.table = 100;
  CHECK_FALSE(routes.add(other_table));
  CHECK_FALSE(routes.add(connected("10.0.0.0/24", 2)));  // unchanged
  CHECK(routes.size() == 4);

  CHECK(routes.lookup(ip("192.0.2.200"))->metric == 20);
  CHECK(routes.lookup(ip("10.0.0.7"))->prefix == pfx("10.0.0.0/24"));
  CHECK(routes.lookup(ip("8.8.8.8"))->prefix == pfx("0.0.0.0/0"));
  CHECK_FALSE(routes.lookup(ip("2001:db8::1")));

  CHECK(routes.remove(via("192.0.2.0/24", "10.0.0.3", 2, 20)));
  CHECK_FALSE(routes.remove(via("192.0.2.0/24", "10.0.0.3", 2, 20)));
  CHECK(routes.lookup(ip("192.0.2.200"))->metric == 200);
  CHECK(routes.add(via("192.0.2.0/24", "10.0.0.4", 2, 200)));  // replaced in place
  CHECK(routes.lookup(ip("192.0.2.200"))->nexthops.front().gateway == ip("10.0.0.4"));
  CHECK(routes.size() == 3);
}

TEST_CASE("lookup: IPv6 keeps one fe80::/64 per device") {
  KernelRoutes routes;
  Route a = connected("fe80::/64", 2);
  Route b = connected("fe80::/64", 3);
  a.metric = b.metric = 256;
  CHECK(routes.add(a));
  CHECK(routes.add(b));
  CHECK(routes.size() == 2);
  CHECK(routes.remove(b));
  CHECK(routes.lookup(ip("fe80::1"))->nexthops.front().ifindex == 2);
}

TEST_CASE("resolve: a next hop on a connected network is its own gateway") {
  KernelRoutes routes;
  routes.add(connected("10.0.0.0/24", 2));
  CHECK(routes.resolve(ip("10.0.0.2")) == resolved("10.0.0.2", 2));
  CHECK_FALSE(routes.resolve(ip("10.0.1.2")));
}

TEST_CASE("resolve: recursive through a static route to a connected /24") {
  KernelRoutes routes;
  routes.add(connected("10.0.0.0/24", 2));
  routes.add(via("192.0.2.0/24", "10.0.0.2", 2));
  routes.add(via("198.51.100.0/24", "192.0.2.1"));  // two levels, e.g. an iBGP next hop
  CHECK(routes.resolve(ip("192.0.2.1")) == resolved("10.0.0.2", 2));
  CHECK(routes.resolve(ip("198.51.100.7")) == resolved("10.0.0.2", 2));
  routes.remove(connected("10.0.0.0/24", 2));
  CHECK_FALSE(routes.resolve(ip("198.51.100.7")));
}

TEST_CASE("resolve: a gateway reachable only through the route itself does not resolve") {
  KernelRoutes routes;
  routes.add(connected("10.0.0.0/24", 2));
  routes.add(via("192.0.2.0/24", "192.0.2.1"));
  CHECK_FALSE(routes.resolve(ip("192.0.2.9")));
  // Two routes pointing at each other.
  routes.add(via("198.51.100.0/24", "203.0.113.1"));
  routes.add(via("203.0.113.0/24", "198.51.100.1"));
  CHECK_FALSE(routes.resolve(ip("198.51.100.1")));
  CHECK_FALSE(routes.resolve(ip("203.0.113.1")));
  // A more specific route to the gateway breaks the loop.
  routes.add(via("192.0.2.1/32", "10.0.0.5", 2));
  CHECK(routes.resolve(ip("192.0.2.9")) == resolved("10.0.0.5", 2));
}

TEST_CASE("resolve: depth limit of 8 routes") {
  // Chain: 10.1.N.0/24 via 10.1.(N-1).1, ending at connected 10.1.0.0/24.
  auto chain = [](int length) {
    KernelRoutes routes;
    routes.add(connected("10.1.0.0/24", 2));
    for (int n = 1; n < length; ++n) {
      routes.add(
          via("10.1." + std::to_string(n) + ".0/24", "10.1." + std::to_string(n - 1) + ".1"));
    }
    return routes;
  };
  const unsigned max = KernelRoutes::kMaxDepth;
  // The lookup of 10.1.(N).9 follows N+1 routes.
  CHECK(chain(max).resolve(ip("10.1." + std::to_string(max - 1) + ".9")) ==
        resolved("10.1.0.1", 2));
  CHECK_FALSE(chain(max + 1).resolve(ip("10.1." + std::to_string(max) + ".9")));
}

TEST_CASE("resolve: multipath keeps every path that resolves") {
  KernelRoutes routes;
  routes.add(connected("10.0.0.0/24", 2));
  routes.add(connected("10.0.1.0/24", 3));
  Route ecmp = via("192.0.2.0/24", "10.0.0.2", 2);
  ecmp.nexthops.push_back({ip("10.0.1.2"), 3, 1});
  ecmp.nexthops.push_back({ip("10.9.9.9"), 0, 1});  // unresolvable path is dropped
  routes.add(ecmp);
  CHECK(routes.resolve(ip("192.0.2.1")) ==
        std::vector<ResolvedNexthop>{{ip("10.0.0.2"), 2}, {ip("10.0.1.2"), 3}});
}

TEST_CASE("resolve: blackholes and IPv6 link-local gateways") {
  KernelRoutes routes;
  Route blackhole;
  blackhole.prefix = pfx("192.0.2.0/24");
  blackhole.type = RTN_BLACKHOLE;
  routes.add(blackhole);
  CHECK(routes.lookup(ip("192.0.2.1")));
  CHECK_FALSE(routes.resolve(ip("192.0.2.1")));

  routes.add(via("2001:db8:99::/48", "fe80::1", 4));
  routes.add(connected("2001:db8:1::/64", 5));
  routes.add(via("2001:db8:98::/48", "2001:db8:1::2", 5));
  CHECK(routes.resolve(ip("2001:db8:99::1")) == resolved("fe80::1", 4));
  CHECK(routes.resolve(ip("2001:db8:98::1")) == resolved("2001:db8:1::2", 5));
}

TEST_CASE("remove_interface: routes only through the link go, multipath loses a path") {
  KernelRoutes routes;
  routes.add(connected("10.0.0.0/24", 2));
  routes.add(connected("10.0.1.0/24", 3));
  Route ecmp = via("192.0.2.0/24", "10.0.0.2", 2);
  ecmp.nexthops.push_back({ip("10.0.1.2"), 3, 1});
  routes.add(ecmp);
  CHECK(routes.remove_interface(2) == std::vector{connected("10.0.0.0/24", 2)});
  CHECK(routes.lookup(ip("192.0.2.1"))->nexthops.size() == 1);
  CHECK(routes.resolve(ip("192.0.2.1")) == resolved("10.0.1.2", 3));
}

TEST_CASE("diff: removed, added and replaced routes") {
  KernelRoutes before;
  before.add(connected("10.0.0.0/24", 2));
  before.add(via("192.0.2.0/24", "10.0.0.2", 2));
  KernelRoutes after;
  after.add(via("192.0.2.0/24", "10.0.0.3", 2));
  after.add(via("198.51.100.0/24", "10.0.0.2", 2));
  std::vector<RouteEvent> expected{
      {connected("10.0.0.0/24", 2), false},
      {via("192.0.2.0/24", "10.0.0.3", 2), true},
      {via("198.51.100.0/24", "10.0.0.2", 2), true},
  };
  CHECK(before.diff(after) == expected);
  CHECK(before.all().size() == 2);
}
