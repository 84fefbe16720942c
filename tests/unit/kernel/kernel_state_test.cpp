// Tests for KernelState: rtnetlink messages to events, silent IPv4 flushes on link down,
// link removal, and the resync diff after a full dump.
#include "libcfn/kernel/kernel_state.hpp"

#include <linux/rtnetlink.h>

#include "libcfn/netlink/rtnl_codec.hpp"
#include "tests/unit/kernel/kernel_test_support.hpp"

using namespace cfn::kernel;
using namespace cfn::kernel::test;
using cfn::netlink::Route;

TEST_CASE("messages: RTM_NEWROUTE / RTM_DELROUTE bytes become route events") {
  KernelState state;
  const Route route = via("192.0.2.0/24", "10.0.0.2", 2);
  for (auto [type, added] : {std::pair{RTM_NEWROUTE, true}, std::pair{RTM_DELROUTE, false}}) {
    cfn::netlink::Buffer bytes;
    cfn::netlink::encode_route(bytes, type, 0, 1, route);
    auto messages = cfn::netlink::split_messages(bytes);
    REQUIRE(messages);
    REQUIRE(messages.value->size() == 1);
    auto events = state.apply(messages.value->front());
    REQUIRE(events.size() == 1);
    const auto& event = std::get<RouteEvent>(events.front());
    CHECK(event.added == added);
    CHECK(event.route.prefix == route.prefix);
    CHECK(event.route.nexthops == route.nexthops);
    CHECK(state.routes().size() == (added ? 1 : 0));
  }
}

TEST_CASE("messages: other types and malformed payloads change nothing") {
  KernelState state;
  cfn::netlink::MessageView done{{NLMSG_DONE, 0, 1, 0}, {}};
  CHECK(state.apply(done).empty());
  const std::uint8_t garbage[] = {1, 2, 3};
  cfn::netlink::MessageView bad_route{{RTM_NEWROUTE, 0, 1, 0}, garbage};
  CHECK(state.apply(bad_route).empty());
  CHECK(state.routes().size() == 0);
}

TEST_CASE("events: link up/down, addresses added/removed, routes added/removed") {
  KernelState state;
  CHECK(state.apply_link(link(2, "eth0", false)) ==
        std::vector<KernelEvent>{LinkEvent{link(2, "eth0", false), LinkChange::kAdded}});
  CHECK(state.apply_link(link(2, "eth0", true)) ==
        std::vector<KernelEvent>{LinkEvent{link(2, "eth0", true), LinkChange::kUp}});
  const auto a = address(2, "10.0.0.1", 24);
  CHECK(state.apply_address(a, true) == std::vector<KernelEvent>{AddressEvent{a, true}});
  CHECK(state.apply_address(a, true).empty());
  const Route route = connected("10.0.0.0/24", 2);
  CHECK(state.apply_route(route, true) == std::vector<KernelEvent>{RouteEvent{route, true}});
  CHECK(state.apply_route(route, true).empty());
  CHECK(state.apply_route(route, false) == std::vector<KernelEvent>{RouteEvent{route, false}});
  CHECK(state.apply_address(a, false) == std::vector<KernelEvent>{AddressEvent{a, false}});
}

TEST_CASE("events: administrative down flushes the link's routes (the kernel says nothing)") {
  KernelState state;
  state.apply_link(link(2, "eth0", true));
  const Route c = connected("10.0.0.0/24", 2);
  const Route s = via("192.0.2.0/24", "10.0.0.2", 2);
  state.apply_route(c, true);
  state.apply_route(s, true);
  CHECK(state.routes().resolve(ip("192.0.2.1")) ==
        std::vector<ResolvedNexthop>{{ip("10.0.0.2"), 2}});
  // Carrier loss alone keeps the routes.
  auto no_carrier = link(2, "eth0", true);
  no_carrier.flags = IFF_UP;
  CHECK(state.apply_link(no_carrier) ==
        std::vector<KernelEvent>{LinkEvent{no_carrier, LinkChange::kDown}});
  CHECK(state.routes().size() == 2);
  CHECK(state.apply_link(link(2, "eth0", false)) ==
        std::vector<KernelEvent>{LinkEvent{link(2, "eth0", false), LinkChange::kChanged},
                                 RouteEvent{c, false}, RouteEvent{s, false}});
  CHECK_FALSE(state.routes().resolve(ip("192.0.2.1")));
}

TEST_CASE("events: the last IPv4 address gone flushes the link's IPv4 routes") {
  KernelState state;
  state.apply_link(link(2, "eth0", true));
  const auto a1 = address(2, "10.0.0.1", 24);
  const auto a2 = address(2, "10.0.1.1", 24);
  const auto a6 = address(2, "2001:db8:1::1", 64);
  for (const auto& a : {a1, a2, a6}) state.apply_address(a, true);
  const Route s4 = via("192.0.2.0/24", "10.0.0.2", 2);
  const Route s6 = via("2001:db8:99::/48", "2001:db8:1::2", 2);
  state.apply_route(s4, true);
  state.apply_route(s6, true);
  CHECK(state.apply_address(a1, false) == std::vector<KernelEvent>{AddressEvent{a1, false}});
  CHECK(state.apply_address(a2, false) ==
        std::vector<KernelEvent>{AddressEvent{a2, false}, RouteEvent{s4, false}});
  CHECK(state.routes().all() == std::vector{s6});
}

TEST_CASE("events: a removed link takes its addresses and routes with it") {
  KernelState state;
  state.apply_link(link(2, "eth0", true));
  const auto a = address(2, "10.0.0.1", 24);
  state.apply_address(a, true);
  const Route c = connected("10.0.0.0/24", 2);
  state.apply_route(c, true);
  CHECK(state.remove_link(2) ==
        std::vector<KernelEvent>{AddressEvent{a, false}, RouteEvent{c, false},
                                 LinkEvent{link(2, "eth0", true), LinkChange::kRemoved}});
  CHECK(state.interfaces().all().empty());
  CHECK(state.routes().size() == 0);
}

TEST_CASE("resync: replacing with a dump reports the differences and a sync") {
  KernelState state;
  state.apply_link(link(2, "eth0", true));
  state.apply_address(address(2, "10.0.0.1", 24), true);
  state.apply_route(connected("10.0.0.0/24", 2), true);
  state.apply_route(via("192.0.2.0/24", "10.0.0.2", 2), true);

  KernelState dumped;  // what the kernel holds after notifications were lost
  dumped.apply_link(link(2, "eth0", true));
  dumped.apply_link(link(3, "eth1", true));
  dumped.apply_address(address(2, "10.0.0.1", 24), true);
  dumped.apply_route(connected("10.0.0.0/24", 2), true);
  dumped.apply_route(via("198.51.100.0/24", "10.0.0.2", 2), true);

  std::vector<KernelEvent> expected{
      LinkEvent{link(3, "eth1", true), LinkChange::kAdded},
      RouteEvent{via("192.0.2.0/24", "10.0.0.2", 2), false},
      RouteEvent{via("198.51.100.0/24", "10.0.0.2", 2), true},
      SyncEvent{},
  };
  CHECK(state.replace_with(dumped) == expected);
  CHECK(state.interfaces().name(3) == "eth1");
  CHECK(state.routes().resolve(ip("198.51.100.1")) ==
        std::vector<ResolvedNexthop>{{ip("10.0.0.2"), 2}});
  CHECK(state.replace_with(dumped) == std::vector<KernelEvent>{SyncEvent{}});
}

TEST_CASE("events: routes of the ignored protocol (the daemon's own) are neither kept nor told") {
  KernelState state(220);
  Route ours = via("198.51.100.0/24", "10.0.0.2", 2);
  ours.protocol = 220;
  Route other = ours;
  other.protocol = 3;  // RTPROT_BOOT: `ip route add`
  CHECK(state.apply_route(ours, true).empty());
  CHECK(state.routes().size() == 0);
  CHECK(state.apply_route(other, true) == std::vector<KernelEvent>{RouteEvent{other, true}});
  CHECK(state.routes().size() == 1);
  CHECK(state.apply_route(ours, false).empty());
  CHECK(state.routes().size() == 1);
}
