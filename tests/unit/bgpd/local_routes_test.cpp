// Tests for the routes bgpd-cfn originates: redistributed connected networks (operational
// links, no loopback or link-local), kernel and static routes (never our own protocol's),
// `network` statements winning with ORIGIN IGP, import-check; the attributes FRR gives each.
#include <catch2/catch.hpp>

#include "bgpd-cfn/local_routes.hpp"
#include "tests/unit/kernel/kernel_test_support.hpp"

using namespace cfn::bgp;
using cfn::kernel::InterfaceTable;
using cfn::kernel::KernelRoutes;
using cfn::net::Family;
using namespace cfn::kernel::test;

namespace {

constexpr std::uint8_t kOwnProtocol = 186;  // RTPROT_BGP, as the daemon would pass it

wire::PathAttributes local(wire::Origin origin, std::uint32_t med) {
  wire::PathAttributes a;
  a.origin = origin;
  a.as_path = wire::AsPath{};
  a.med = med;
  return a;
}

// lo (127.0.0.1/8, ::1/128, 10.255.0.1/32), eth0 up (192.0.2.1/24, 2001:db8:1::1/64,
// fe80::1/64), eth1 up without carrier (198.51.100.1/24, 2001:db8:2::1/64).
InterfaceTable interfaces() {
  InterfaceTable table;
  table.apply_link(link(1, "lo", true));
  table.add_address(address(1, "127.0.0.1", 8));
  table.add_address(address(1, "::1", 128));
  table.add_address(address(1, "10.255.0.1", 32));
  table.apply_link(link(2, "eth0", true));
  table.add_address(address(2, "192.0.2.1", 24));
  table.add_address(address(2, "2001:db8:1::1", 64));
  table.add_address(address(2, "fe80::1", 64));
  cfn::netlink::Link eth1 = link(3, "eth1", true);
  eth1.flags = IFF_UP;  // administratively up, no carrier
  table.apply_link(eth1);
  table.add_address(address(3, "198.51.100.1", 24));
  table.add_address(address(3, "2001:db8:2::1", 64));
  return table;
}

cfn::netlink::Route with_protocol(cfn::netlink::Route route, std::uint8_t protocol) {
  route.protocol = protocol;
  return route;
}

// One route per protocol of interest, each with its own metric.
KernelRoutes routes() {
  KernelRoutes table;
  table.add(connected("192.0.2.0/24", 2));                                     // proto kernel
  table.add(with_protocol(via("203.0.113.0/24", "192.0.2.9", 2, 20), 3));      // proto boot
  table.add(with_protocol(via("198.18.0.0/15", "192.0.2.9", 2, 30), 4));       // proto static
  table.add(with_protocol(via("198.18.4.0/24", "192.0.2.9", 2, 1), 196));      // FRR static
  table.add(with_protocol(via("100.64.0.0/10", "192.0.2.9", 2, 20), 186));     // ours
  table.add(with_protocol(via("127.1.0.0/16", "192.0.2.9", 2, 20), 3));        // loopback net
  table.add(with_protocol(via("2001:db8:9::/48", "2001:db8:1::9", 2, 5), 3));  // IPv6 boot
  table.add(with_protocol(via("2001:db8:a::/48", "2001:db8:1::9", 2, 6), 4));  // IPv6 static
  return table;
}

AfConfig redistribute(std::initializer_list<const char*> kinds) {
  AfConfig af;
  for (const char* kind : kinds) af.redistribute.insert(kind);
  return af;
}

}  // namespace

TEST_CASE("Redistribute connected: operational links, no loopback or link-local networks",
          "[bgpd][local]") {
  const InterfaceTable table = interfaces();
  const AfConfig af = redistribute({"connected"});
  const auto incomplete = local(wire::Origin::kIncomplete, 0);

  CHECK(local_routes(af, Family::kV4, &table, nullptr, kOwnProtocol, false) ==
        LocalRoutes{{pfx("10.255.0.1/32"), incomplete}, {pfx("192.0.2.0/24"), incomplete}});
  CHECK(local_routes(af, Family::kV6, &table, nullptr, kOwnProtocol, false) ==
        LocalRoutes{{pfx("2001:db8:1::/64"), incomplete}});
  // Without `redistribute connected` the interfaces give nothing.
  CHECK(local_routes(redistribute({"kernel"}), Family::kV4, &table, nullptr, kOwnProtocol, false)
            .empty());
}

TEST_CASE("Redistribute kernel and static: by protocol, never ours or the kernel's own",
          "[bgpd][local]") {
  const KernelRoutes table = routes();
  const auto incomplete = [](std::uint32_t med) { return local(wire::Origin::kIncomplete, med); };

  CHECK(local_routes(redistribute({"kernel"}), Family::kV4, nullptr, &table, kOwnProtocol, false) ==
        LocalRoutes{{pfx("203.0.113.0/24"), incomplete(20)}});
  CHECK(local_routes(redistribute({"static"}), Family::kV4, nullptr, &table, kOwnProtocol, false) ==
        LocalRoutes{{pfx("198.18.0.0/15"), incomplete(30)}, {pfx("198.18.4.0/24"), incomplete(1)}});
  CHECK(local_routes(redistribute({"kernel", "static"}), Family::kV6, nullptr, &table, kOwnProtocol,
                     false) == LocalRoutes{{pfx("2001:db8:9::/48"), incomplete(5)},
                                           {pfx("2001:db8:a::/48"), incomplete(6)}});
  CHECK(local_routes(redistribute({"connected"}), Family::kV4, nullptr, &table, kOwnProtocol, false)
            .empty());
  // Whatever protocol number the daemon owns is left out; any other non-static one is kernel.
  CHECK(local_routes(redistribute({"kernel"}), Family::kV4, nullptr, &table, 3, false) ==
        LocalRoutes{{pfx("100.64.0.0/10"), incomplete(20)}});
}

TEST_CASE("`network` wins over a redistributed route, with ORIGIN IGP and MED 0", "[bgpd][local]") {
  const InterfaceTable ifaces = interfaces();
  const KernelRoutes table = routes();
  AfConfig af = redistribute({"connected", "kernel"});
  af.networks = {pfx("192.0.2.0/24"), pfx("203.0.113.0/24"), pfx("172.16.0.0/12"),
                 pfx("2001:db8:5::/48")};
  const LocalRoutes out = local_routes(af, Family::kV4, &ifaces, &table, kOwnProtocol, false);
  const LocalRoutes expected{{pfx("10.255.0.1/32"), local(wire::Origin::kIncomplete, 0)},
                             {pfx("172.16.0.0/12"), local(wire::Origin::kIgp, 0)},
                             {pfx("192.0.2.0/24"), local(wire::Origin::kIgp, 0)},
                             {pfx("203.0.113.0/24"), local(wire::Origin::kIgp, 0)}};
  CHECK(out == expected);
  for (const auto& [prefix, attributes] : out) {
    INFO(prefix.to_string());
    REQUIRE(attributes.as_path);
    CHECK(attributes.as_path->segments.empty());  // present, empty: our own route
    CHECK_FALSE(attributes.next_hop);             // set per peer when advertised
  }
}

TEST_CASE("Without a kernel listener only `network` routes come out", "[bgpd][local]") {
  AfConfig af = redistribute({"connected", "kernel", "static"});
  af.networks = {pfx("172.16.0.0/12"), pfx("2001:db8:5::/48")};
  CHECK(local_routes(af, Family::kV6, nullptr, nullptr, kOwnProtocol, false) ==
        LocalRoutes{{pfx("2001:db8:5::/48"), local(wire::Origin::kIgp, 0)}});
  CHECK(local_routes(AfConfig{}, Family::kV4, nullptr, nullptr, kOwnProtocol, false).empty());
}

TEST_CASE("Import check: a `network` only while the kernel has exactly that prefix, not ours",
          "[bgpd][local]") {
  const KernelRoutes table = routes();
  AfConfig af;
  af.networks = {pfx("192.0.2.0/24"),    // the kernel's connected route
                 pfx("203.0.113.0/24"),  // a kernel route
                 pfx("100.64.0.0/10"),   // only our own route
                 pfx("198.18.0.0/16"),   // covered by 198.18.0.0/15, not exact
                 pfx("172.16.0.0/12")};  // no route
  const auto igp = local(wire::Origin::kIgp, 0);
  CHECK(local_routes(af, Family::kV4, nullptr, &table, kOwnProtocol, true) ==
        LocalRoutes{{pfx("192.0.2.0/24"), igp}, {pfx("203.0.113.0/24"), igp}});
  CHECK(local_routes(af, Family::kV4, nullptr, nullptr, kOwnProtocol, true).empty());
  CHECK(local_routes(af, Family::kV4, nullptr, &table, kOwnProtocol, false).size() == 5);
}
