// Tests for FibState: queue order and coalescing, reconcile diff, ack attribution.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <map>
#include <random>
#include <string>

#include "libcfn/fib/fib_state.hpp"

using cfn::fib::FibOptions;
using cfn::fib::FibState;
using cfn::fib::Request;
using cfn::fib::RouteState;
using Kind = cfn::fib::Request::Kind;
namespace netlink = cfn::netlink;

namespace {

constexpr std::uint8_t kOurs = cfn::netlink::kProtoCfnBgp;
const FibState::TimePoint kNow{};

netlink::Route route(const char* prefix, const char* gateway, std::uint16_t weight = 1) {
  netlink::Route r;
  r.prefix = *cfn::net::Prefix::parse(prefix);
  r.metric = 20;
  r.nexthops.emplace_back().gateway = cfn::net::IpAddress::parse(gateway);
  r.nexthops.back().weight = weight;
  return r;
}

netlink::Route as_kernel(netlink::Route r, std::uint8_t protocol = kOurs) {
  r.protocol = protocol;
  r.table = netlink::kMainTable;
  return r;
}

netlink::NexthopObject nexthop(std::uint32_t id, std::vector<std::uint32_t> members = {}) {
  netlink::NexthopObject n;
  n.id = id;
  for (std::uint32_t member : members) n.group.push_back({.id = member, .weight = 1});
  if (members.empty()) n.gateway = cfn::net::IpAddress::parse("10.9.0.2");
  return n;
}

std::vector<std::pair<Kind, std::string>> summary(const std::vector<Request>& requests) {
  std::vector<std::pair<Kind, std::string>> out;
  for (const Request& r : requests) out.emplace_back(r.kind, cfn::fib::request_subject(r));
  return out;
}

FibState state() {
  return FibState(FibOptions{.protocol = kOurs});
}

}  // namespace

TEST_CASE("Queued changes go out in dependency order", "[fib][state]") {
  FibState fib = state();
  fib.set_nexthop(nexthop(5), kNow);
  fib.set_nexthop(nexthop(100, {5, 6}), kNow);
  fib.set_nexthop(nexthop(6), kNow);
  fib.set_nexthop(nexthop(200, {5}), kNow);
  fib.set_nexthop(nexthop(7), kNow);
  fib.set_route(route("10.0.0.0/24", "10.9.0.2"), kNow);
  fib.set_route(route("10.1.0.0/24", "10.9.0.2"), kNow);
  fib.remove_route(cfn::net::Prefix::parse("10.1.0.0/24").value());
  fib.remove_nexthop(7);
  fib.remove_nexthop(200);
  CHECK(summary(fib.take_queued(100)) ==
        std::vector<std::pair<Kind, std::string>>{{Kind::kSetNexthop, "nexthop 5"},
                                                  {Kind::kSetNexthop, "nexthop 6"},
                                                  {Kind::kSetNexthop, "nexthop 100"},
                                                  {Kind::kSetRoute, "10.0.0.0/24"},
                                                  {Kind::kDeleteRoute, "10.1.0.0/24"},
                                                  {Kind::kDeleteNexthop, "nexthop 200"},
                                                  {Kind::kDeleteNexthop, "nexthop 7"}});
  CHECK(fib.queued() == 0);
}

TEST_CASE("Changes coalesce; protocol and table come from the options", "[fib][state]") {
  FibState fib = state();
  fib.set_route(route("10.0.0.0/24", "10.9.0.2", 3), kNow);
  fib.set_route(route("10.0.0.0/24", "10.9.0.2", 4), kNow);
  auto requests = fib.take_queued(100);
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].route.nexthops[0].weight == 4);
  CHECK(requests[0].route.protocol == kOurs);
  CHECK(requests[0].route.table == netlink::kMainTable);
}

TEST_CASE("take_queued honours the window and keeps the rest", "[fib][state]") {
  FibState fib = state();
  fib.set_route(route("10.0.0.0/24", "10.9.0.2"), kNow);
  fib.set_route(route("10.0.1.0/24", "10.9.0.2"), kNow);
  fib.set_route(route("10.0.2.0/24", "10.9.0.2"), kNow);
  CHECK(fib.take_queued(2).size() == 2);
  CHECK(fib.queued() == 1);
  CHECK(summary(fib.take_queued(2)) ==
        std::vector<std::pair<Kind, std::string>>{{Kind::kSetRoute, "10.0.2.0/24"}});
}

TEST_CASE("A metric change sets the new route and then deletes the old", "[fib][state]") {
  FibState fib = state();
  fib.set_route(route("10.0.0.0/24", "10.9.0.2"), kNow);
  fib.take_queued(100);
  auto changed = route("10.0.0.0/24", "10.9.0.2");
  changed.metric = 200;
  fib.set_route(changed, kNow);
  auto requests = fib.take_queued(100);
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].kind == Kind::kSetRoute);
  CHECK(requests[0].route.metric == 200);
  CHECK(requests[1].kind == Kind::kDeleteRoute);
  CHECK(requests[1].route.metric == 20);
}

TEST_CASE("Acks are attributed by sequence number; only the latest settles", "[fib][state]") {
  FibState fib = state();
  const auto prefix = cfn::net::Prefix::parse("10.5.0.0/24").value();
  fib.set_route(route("10.5.0.0/24", "10.77.0.1"), kNow);
  fib.set_route(route("10.6.0.0/24", "10.9.0.2"), kNow);
  auto requests = fib.take_queued(100);
  fib.sent(7, requests[0]);
  fib.sent(8, requests[1]);
  CHECK(fib.in_flight() == 2);
  CHECK(fib.routes().at(prefix).state == RouteState::kPending);

  auto refusal = fib.complete(7, ENETUNREACH);
  REQUIRE(refusal);
  CHECK(refusal->request.route.prefix == prefix);
  CHECK(refusal->error == ENETUNREACH);
  CHECK(fib.routes().at(prefix).state == RouteState::kFailed);
  CHECK(fib.routes().at(prefix).error == ENETUNREACH);
  CHECK_FALSE(fib.complete(8, 0));
  CHECK(fib.routes().at(*cfn::net::Prefix::parse("10.6.0.0/24")).state == RouteState::kInstalled);
  CHECK_FALSE(fib.complete(9, 0));  // unknown seq
  CHECK(fib.idle());

  // An older answer does not settle a route whose newer request is still in flight.
  fib.set_route(route("10.5.0.0/24", "10.9.0.2"), kNow);
  fib.sent(10, fib.take_queued(100)[0]);
  fib.set_route(route("10.5.0.0/24", "10.9.0.3"), kNow);
  fib.sent(11, fib.take_queued(100)[0]);
  CHECK_FALSE(fib.complete(10, 0));
  CHECK(fib.routes().at(prefix).state == RouteState::kPending);
  fib.complete(11, 0);
  CHECK(fib.routes().at(prefix).state == RouteState::kInstalled);
}

TEST_CASE("A route removed and added again is not settled by its older set", "[fib][ack]") {
  FibState fib = state();
  const auto prefix = *cfn::net::Prefix::parse("10.5.0.0/24");
  fib.set_route(route("10.5.0.0/24", "10.9.0.2"), kNow);
  fib.sent(10, fib.take_queued(100)[0]);
  fib.remove_route(prefix);
  fib.set_route(route("10.5.0.0/24", "10.9.0.3"), kNow);
  auto requests = fib.take_queued(100);  // the new set (it replaces: no delete first)
  REQUIRE(requests.size() == 1);
  fib.sent(11, requests[0]);
  fib.complete(10, 0);
  CHECK(fib.routes().at(prefix).state == RouteState::kPending);
  fib.complete(11, 0);
  CHECK(fib.routes().at(prefix).state == RouteState::kInstalled);
}

TEST_CASE("A stored route gives back the route that was set", "[fib][state]") {
  FibState fib = state();
  auto single = route("10.1.0.0/24", "10.9.0.2", 3);
  auto multi = route("10.2.0.0/24", "10.9.0.2", 2);
  multi.nexthops.push_back(route("10.2.0.0/24", "10.9.0.3", 5).nexthops[0]);
  auto none = route("10.3.0.0/24", "10.9.0.2");
  none.nexthops.clear();
  none.nexthop_id = 7;
  for (const auto& wanted : {single, multi, none}) {
    fib.set_route(wanted, kNow);
    const auto& stored = fib.routes().at(wanted.prefix);
    netlink::Route expected = wanted;
    expected.protocol = kOurs;
    expected.table = netlink::kMainTable;
    CHECK(stored.route(wanted.prefix) == expected);
    CHECK(stored.same_as(wanted));
    CHECK(stored.since() == std::chrono::time_point_cast<std::chrono::seconds>(kNow));
    const cfn::fib::RouteStatus copy = stored;  // a copy owns its own paths
    CHECK(copy.nexthops == wanted.nexthops);
  }
  CHECK(fib.routes().at(multi.prefix).nexthops.size() == 2);
}

TEST_CASE("Deleting what is already gone is not an error", "[fib][state]") {
  FibState fib = state();
  fib.set_route(route("10.0.0.0/24", "10.9.0.2"), kNow);
  fib.set_nexthop(nexthop(5), kNow);
  fib.take_queued(100);
  fib.remove_route(cfn::net::Prefix::parse("10.0.0.0/24").value());
  fib.remove_nexthop(5);
  auto requests = fib.take_queued(100);
  REQUIRE(requests.size() == 2);
  fib.sent(1, requests[0]);
  fib.sent(2, requests[1]);
  CHECK_FALSE(fib.complete(1, ESRCH));
  CHECK_FALSE(fib.complete(2, ENOENT));
}

TEST_CASE("Reconcile deletes our unwanted, sets what differs, touches nothing else",
          "[fib][state]") {
  FibState fib = state();
  fib.set_route(route("10.0.0.0/24", "10.9.0.2"), kNow);     // in the kernel as wanted
  fib.set_route(route("10.1.0.0/24", "10.9.0.2", 2), kNow);  // in the kernel, other weight
  fib.set_route(route("10.2.0.0/24", "10.9.0.2"), kNow);     // missing
  fib.set_nexthop(nexthop(5), kNow);
  const std::vector<netlink::Route> kernel{
      as_kernel(route("10.0.0.0/24", "10.9.0.2")), as_kernel(route("10.1.0.0/24", "10.9.0.2", 1)),
      as_kernel(route("10.3.0.0/24", "10.9.0.2")),      // stray of ours
      as_kernel(route("10.4.0.0/24", "10.9.0.2"), 42),  // another protocol
  };
  auto stray_nexthop = nexthop(9);
  stray_nexthop.protocol = kOurs;
  auto stray_group = nexthop(90, {9});
  stray_group.protocol = kOurs;
  auto foreign_nexthop = nexthop(8);
  foreign_nexthop.protocol = 42;
  fib.reconcile(kernel, {stray_nexthop, foreign_nexthop, stray_group});
  CHECK(summary(fib.take_queued(100)) ==
        std::vector<std::pair<Kind, std::string>>{{Kind::kSetNexthop, "nexthop 5"},
                                                  {Kind::kSetRoute, "10.1.0.0/24"},
                                                  {Kind::kSetRoute, "10.2.0.0/24"},
                                                  {Kind::kDeleteRoute, "10.3.0.0/24"},
                                                  {Kind::kDeleteNexthop, "nexthop 90"},
                                                  {Kind::kDeleteNexthop, "nexthop 9"}});
  CHECK(fib.routes().at(*cfn::net::Prefix::parse("10.0.0.0/24")).state == RouteState::kInstalled);
}

TEST_CASE("Reconcile compares a route on a nexthop object by id only", "[fib][state]") {
  FibState fib = state();
  netlink::Route wanted;
  wanted.prefix = *cfn::net::Prefix::parse("10.1.0.0/24");
  wanted.metric = 20;
  wanted.nexthop_id = 100;
  fib.set_route(wanted, kNow);
  auto kernel = as_kernel(wanted);
  kernel.nexthops = route("10.1.0.0/24", "10.9.0.2").nexthops;  // expanded by the kernel
  fib.reconcile({kernel}, {});
  CHECK(fib.queued() == 0);
  CHECK(fib.idle());
}

TEST_CASE("remove_all queues the delete of everything wanted", "[fib][state]") {
  FibState fib = state();
  fib.set_nexthop(nexthop(5), kNow);
  fib.set_nexthop(nexthop(100, {5}), kNow);
  fib.set_route(route("10.0.0.0/24", "10.9.0.2"), kNow);
  fib.take_queued(100);
  fib.remove_all();
  CHECK(fib.routes().empty());
  CHECK(summary(fib.take_queued(100)) ==
        std::vector<std::pair<Kind, std::string>>{{Kind::kDeleteRoute, "10.0.0.0/24"},
                                                  {Kind::kDeleteNexthop, "nexthop 100"},
                                                  {Kind::kDeleteNexthop, "nexthop 5"}});
}

TEST_CASE("One answer completes every request sent before it; a refusal stays attributed",
          "[fib][state][ack]") {
  FibState fib = state();
  for (const char* prefix : {"10.1.0.0/24", "10.2.0.0/24", "10.3.0.0/24", "10.4.0.0/24"})
    fib.set_route(route(prefix, "10.9.0.2"), kNow);
  auto requests = fib.take_queued(100);
  REQUIRE(requests.size() == 4);
  // One write: 10..13, only 13 asks for an ack; the kernel refuses 11 (unacked) on its own.
  for (std::uint32_t i = 0; i < 4; ++i) fib.sent(10 + i, requests[i]);
  auto at = [&](const char* prefix) { return fib.routes().at(*cfn::net::Prefix::parse(prefix)); };

  auto refusal = fib.complete(11, ENETUNREACH);
  REQUIRE(refusal);
  CHECK(refusal->request.route.prefix == *cfn::net::Prefix::parse("10.2.0.0/24"));
  CHECK(at("10.1.0.0/24").state == RouteState::kInstalled);  // before the refusal: accepted
  CHECK(at("10.2.0.0/24").state == RouteState::kFailed);
  CHECK(at("10.2.0.0/24").error == ENETUNREACH);
  CHECK(at("10.3.0.0/24").state == RouteState::kPending);
  CHECK(fib.in_flight() == 2);

  CHECK_FALSE(fib.complete(13, 0));  // the write's ack
  CHECK(at("10.3.0.0/24").state == RouteState::kInstalled);
  CHECK(at("10.4.0.0/24").state == RouteState::kInstalled);
  CHECK(at("10.2.0.0/24").state == RouteState::kFailed);  // not undone by the later ack
  CHECK(fib.idle());
}

TEST_CASE("Answers outside what is in flight are ignored; dump seqs may interleave",
          "[fib][state][ack]") {
  FibState fib = state();
  fib.set_route(route("10.1.0.0/24", "10.9.0.2"), kNow);
  fib.set_route(route("10.2.0.0/24", "10.9.0.2"), kNow);
  auto requests = fib.take_queued(100);
  fib.sent(20, requests[0]);
  fib.sent(22, requests[1]);              // 21 went to a dump
  CHECK_FALSE(fib.complete(19, EINVAL));  // older than anything in flight
  CHECK_FALSE(fib.complete(23, 0));       // not sent yet
  CHECK(fib.in_flight() == 2);
  CHECK_FALSE(fib.complete(21, 0));  // an answer after 20 completes 20
  CHECK(fib.in_flight() == 1);
  CHECK(fib.routes().at(*cfn::net::Prefix::parse("10.1.0.0/24")).state == RouteState::kInstalled);
  CHECK_FALSE(fib.complete(22, 0));
  CHECK(fib.idle());
}

TEST_CASE("Completion by sequence number survives the wrap of the counter", "[fib][state][ack]") {
  FibState fib = state();
  fib.set_route(route("10.1.0.0/24", "10.9.0.2"), kNow);
  fib.set_route(route("10.2.0.0/24", "10.9.0.2"), kNow);
  fib.set_route(route("10.3.0.0/24", "10.9.0.2"), kNow);
  auto requests = fib.take_queued(100);
  fib.sent(UINT32_MAX - 1, requests[0]);
  fib.sent(UINT32_MAX, requests[1]);
  fib.sent(1, requests[2]);
  auto refusal = fib.complete(UINT32_MAX, EINVAL);
  REQUIRE(refusal);
  CHECK(refusal->request.route.prefix == *cfn::net::Prefix::parse("10.2.0.0/24"));
  CHECK(fib.in_flight() == 1);
  CHECK_FALSE(fib.complete(1, 0));
  CHECK(fib.idle());
}

TEST_CASE("A removed route's queued set is skipped; set again, it goes out once", "[fib][state]") {
  FibState fib = state();
  const auto prefix = *cfn::net::Prefix::parse("10.1.0.0/24");
  fib.set_route(route("10.1.0.0/24", "10.9.0.2"), kNow);
  fib.remove_route(prefix);
  fib.set_route(route("10.1.0.0/24", "10.9.0.3"), kNow);
  fib.set_route(route("10.1.0.0/24", "10.9.0.4"), kNow);
  CHECK(fib.queued() == 1);  // the delete was cancelled by the set of the same metric
  auto requests = fib.take_queued(100);
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].kind == Kind::kSetRoute);
  CHECK(requests[0].route.nexthops.at(0).gateway == cfn::net::IpAddress::parse("10.9.0.4"));
  CHECK(fib.queued() == 0);
  CHECK(fib.routes().at(prefix).queued == false);
}

// FibState looks routes up through hints (the neighbour of the route handled last) and
// clears a hint before its route is erased. Random interleavings of sets, removals, sends
// and answers, over neighbouring prefixes, in sorted runs and at random: whatever the order,
// replaying the requests sent on a model kernel gives exactly the wanted routes.
TEST_CASE("Random interleavings leave the kernel with exactly the wanted routes",
          "[fib][state][hint]") {
  const auto seed = GENERATE(1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u);
  std::mt19937 random(seed);
  auto pick = [&](std::uint32_t n) {
    return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(random);
  };
  auto prefix_text = [](std::uint32_t i) { return "10." + std::to_string(i) + ".0.0/16"; };
  const char* gateways[] = {"10.255.0.1", "10.255.0.2"};

  FibState fib = state();
  std::map<std::string, std::string> wanted;  // prefix -> gateway
  std::map<std::string, std::string> kernel;  // the model kernel: requests applied in order
  std::uint32_t seq = 0;
  auto send_some = [&](std::size_t limit) {
    for (const Request& r : fib.take_queued(limit)) {
      const std::string prefix = r.route.prefix.to_string();
      if (r.kind == Kind::kSetRoute)
        kernel[prefix] = r.route.nexthops.at(0).gateway->to_string();
      else if (r.kind == Kind::kDeleteRoute)
        kernel.erase(prefix);
      fib.sent(++seq, r);
    }
  };
  for (int step = 0; step < 3000; ++step) {
    switch (pick(6)) {
      case 0:
      case 1: {  // a sorted run of sets, as a feed sends them
        const std::uint32_t first = pick(64), count = 1 + pick(16), gateway = pick(2);
        for (std::uint32_t i = first; i < std::min(64u, first + count); ++i) {
          fib.set_route(route(prefix_text(i).c_str(), gateways[gateway]), kNow);
          wanted[prefix_text(i)] = gateways[gateway];
        }
        break;
      }
      case 2: {  // a sorted run of removals
        const std::uint32_t first = pick(64), count = 1 + pick(16);
        for (std::uint32_t i = first; i < std::min(64u, first + count); ++i) {
          fib.remove_route(*cfn::net::Prefix::parse(prefix_text(i)));
          wanted.erase(prefix_text(i));
        }
        break;
      }
      case 3: {  // one change anywhere
        const std::uint32_t i = pick(64), gateway = pick(3);
        if (gateway == 2) {
          fib.remove_route(*cfn::net::Prefix::parse(prefix_text(i)));
          wanted.erase(prefix_text(i));
        } else {
          fib.set_route(route(prefix_text(i).c_str(), gateways[gateway]), kNow);
          wanted[prefix_text(i)] = gateways[gateway];
        }
        break;
      }
      case 4:
        send_some(1 + pick(20));
        break;
      case 5:
        if (seq != 0) fib.complete(seq - pick(std::min<std::uint32_t>(seq, 5)), 0);
        break;
    }
  }
  while (fib.queued() != 0) send_some(1000);
  fib.complete(seq, 0);

  CHECK(fib.idle());
  CHECK(kernel == wanted);
  REQUIRE(fib.routes().size() == wanted.size());
  for (const auto& [prefix, status] : fib.routes()) {
    CHECK(status.state == RouteState::kInstalled);
    CHECK(status.nexthops.view()[0].gateway->to_string() == wanted.at(prefix.to_string()));
  }
}
