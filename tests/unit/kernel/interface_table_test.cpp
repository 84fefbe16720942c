// Tests for InterfaceTable: link add/up/down/change/remove events, addresses, diffs.
#include "libcfn/kernel/interface_table.hpp"

#include "tests/unit/kernel/kernel_test_support.hpp"

using namespace cfn::kernel;
using namespace cfn::kernel::test;

TEST_CASE("links: added, up, down, changed, unchanged, removed") {
  InterfaceTable table;
  CHECK(table.apply_link(link(2, "eth0", false)) ==
        LinkEvent{link(2, "eth0", false), LinkChange::kAdded});
  CHECK(table.apply_link(link(2, "eth0", true)) ==
        LinkEvent{link(2, "eth0", true), LinkChange::kUp});
  CHECK_FALSE(table.apply_link(link(2, "eth0", true)));
  CHECK(table.apply_link(link(2, "wan0", true)) ==
        LinkEvent{link(2, "wan0", true), LinkChange::kChanged});
  CHECK(table.name(2) == "wan0");
  CHECK(table.find("wan0") == table.find(2));
  CHECK(table.apply_link(link(2, "wan0", false)) ==
        LinkEvent{link(2, "wan0", false), LinkChange::kDown});
  CHECK(table.remove_link(2) == LinkEvent{link(2, "wan0", false), LinkChange::kRemoved});
  CHECK_FALSE(table.remove_link(2));
  CHECK(table.name(2).empty());
  CHECK(table.find(2) == nullptr);
}

TEST_CASE("links: administratively up without carrier is not up") {
  InterfaceTable table;
  cfn::netlink::Link no_carrier = link(3, "veth0", false);
  no_carrier.flags = IFF_UP;
  table.apply_link(link(3, "veth0", false));
  auto event = table.apply_link(no_carrier);
  REQUIRE(event);
  CHECK(event->change == LinkChange::kChanged);
  CHECK_FALSE(operational(no_carrier));
}

TEST_CASE("addresses: added once, removed once, unknown links ignored") {
  InterfaceTable table;
  table.apply_link(link(2, "eth0", true));
  const auto a4 = address(2, "10.0.0.1", 24);
  const auto a6 = address(2, "2001:db8::1", 64);
  CHECK(table.add_address(a4) == AddressEvent{a4, true});
  CHECK_FALSE(table.add_address(a4));
  CHECK(table.add_address(a6) == AddressEvent{a6, true});
  CHECK(table.find(2)->addresses == std::vector{a4, a6});
  CHECK(table.remove_address(a4) == AddressEvent{a4, false});
  CHECK_FALSE(table.remove_address(a4));
  CHECK_FALSE(table.add_address(address(9, "10.9.9.9", 24)));
  table.remove_link(2);
  CHECK(table.all().empty());
}

TEST_CASE("diff: removed links, changed links, address changes, in that order") {
  InterfaceTable before;
  before.apply_link(link(2, "eth0", true));
  before.apply_link(link(3, "eth1", true));
  before.add_address(address(2, "10.0.0.1", 24));
  InterfaceTable after;
  after.apply_link(link(2, "eth0", false));
  after.apply_link(link(4, "eth2", true));
  after.add_address(address(2, "10.0.1.1", 24));
  std::vector<KernelEvent> expected{
      LinkEvent{link(3, "eth1", true), LinkChange::kRemoved},
      LinkEvent{link(2, "eth0", false), LinkChange::kDown},
      LinkEvent{link(4, "eth2", true), LinkChange::kAdded},
      AddressEvent{address(2, "10.0.0.1", 24), false},
      AddressEvent{address(2, "10.0.1.1", 24), true},
  };
  CHECK(before.diff(after) == expected);
  CHECK(after.diff(after).empty());
}
