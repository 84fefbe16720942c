// Tests for DaemonContext: the exit/end/enter steps between two contexts, and their recording.
#include <catch2/catch.hpp>

#include "vtysh-cfn/daemon_context.hpp"

using cfn::vtysh::ContextLines;
using cfn::vtysh::DaemonContext;

namespace {

DaemonContext context_of(const ContextLines& lines) {
  DaemonContext context;
  for (const auto& line : lines) context.record(line);
  return context;
}

}  // namespace

TEST_CASE("steps_to enters what is missing from enable mode", "[vtysh]") {
  DaemonContext context;
  CHECK_FALSE(context.in_config());
  CHECK(context.steps_to({"configure terminal", "router bgp 1"}) ==
        ContextLines{"configure terminal", "router bgp 1"});
  CHECK(context.steps_to({}).empty());
}

TEST_CASE("steps_to exits to the common prefix, then enters", "[vtysh]") {
  auto context = context_of({"configure terminal", "router bgp 1", "address-family ipv4 unicast"});
  CHECK(context.steps_to({"configure terminal", "interface eth0"}) ==
        ContextLines{"exit", "exit", "interface eth0"});
  CHECK(context.steps_to({"configure terminal", "router bgp 1"}) == ContextLines{"exit"});
  CHECK(context.steps_to(context.lines()).empty());
}

TEST_CASE("steps_to uses one end to reach enable mode", "[vtysh]") {
  auto context = context_of({"configure terminal", "router bgp 1"});
  CHECK(context.steps_to({}) == ContextLines{"end"});
}

TEST_CASE("record follows exit, end and entering lines", "[vtysh]") {
  auto context = context_of({"configure terminal", "router bgp 1"});
  context.record("exit");
  CHECK(context.lines() == ContextLines{"configure terminal"});
  context.record("interface eth0");
  CHECK(context.lines() == ContextLines{"configure terminal", "interface eth0"});
  context.record("end");
  CHECK_FALSE(context.in_config());
}
