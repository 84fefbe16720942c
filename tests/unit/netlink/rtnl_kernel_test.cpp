// The codec against the running kernel, in a private network namespace: decodes what the
// kernel dumps after `ip` set it up, and checks with `ip -j` what it made of encoded requests.
// Needs root (CAP_NET_ADMIN) and fails without it.
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include "tests/unit/address_literals.hpp"

#include "libcfn/netlink/rtnl_codec.hpp"

using namespace cfn::netlink;
using cfn::net::IpAddress;
using cfn::net::Prefix;

using cfn::test::addr;
using cfn::test::pfx;

namespace {

void run(const std::string& command) {
  INFO(command);
  REQUIRE(std::system(command.c_str()) == 0);
}

std::string output_of(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string text;
  std::array<char, 4096> chunk;
  while (std::size_t n = std::fread(chunk.data(), 1, chunk.size(), pipe))
    text.append(chunk.data(), n);
  REQUIRE(::pclose(pipe) == 0);
  return text;
}

// Moves this (single-threaded) test process into a fresh network namespace with a "d0"
// interface at 10.0.0.1/24 and 2001:db8::1/64, and back out when it goes away.
class TestNamespace {
 public:
  TestNamespace() {
    REQUIRE(::geteuid() == 0);  // the kernel tests need root: fail, do not skip
    REQUIRE(original_ >= 0);
    REQUIRE(::unshare(CLONE_NEWNET) == 0);
    run("ip link set lo up");
    // Dummy interfaces need a module some kernels lack; a veth pair does as well.
    run("ip link add d0 type dummy 2>/dev/null || ip link add d0 type veth peer name d1");
    run("ip link set d0 mtu 1400 up && (ip link set d1 up 2>/dev/null || true)");
    run("ip addr add 10.0.0.1/24 dev d0 && ip -6 addr add 2001:db8::1/64 dev d0 nodad");
    ifindex_ = ::if_nametoindex("d0");
    REQUIRE(ifindex_ != 0);
  }
  ~TestNamespace() {
    ::setns(original_, CLONE_NEWNET);
    ::close(original_);
  }
  std::uint32_t ifindex() const { return ifindex_; }

 private:
  int original_ = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  std::uint32_t ifindex_ = 0;
};

// A NETLINK_ROUTE socket that sends one request and collects the datagrams answering it.
class RouteSocket {
 public:
  RouteSocket() { REQUIRE(fd_ >= 0); }
  ~RouteSocket() { ::close(fd_); }

  // Every message answering `request` (its seq), up to NLMSG_DONE or an NLMSG_ERROR.
  std::vector<Buffer> exchange(const Buffer& request) {
    REQUIRE(::send(fd_, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
    std::vector<Buffer> datagrams;
    for (bool done = false; !done;) {
      Buffer datagram(65536);
      ssize_t n = ::recv(fd_, datagram.data(), datagram.size(), 0);
      REQUIRE(n > 0);
      datagram.resize(static_cast<std::size_t>(n));
      auto messages = split_messages(datagram);
      INFO(messages.error);
      REQUIRE(messages);
      for (const MessageView& message : *messages.value)
        done = done || message.header.type == NLMSG_DONE || message.header.type == NLMSG_ERROR;
      datagrams.push_back(std::move(datagram));
    }
    return datagrams;
  }

  // Every message of a dump of `type`, decoded with `decode`, errors failing the test.
  template <typename Decode>
  auto dump(std::uint16_t type, std::uint8_t family, Decode decode) {
    Buffer request;
    encode_dump_request(request, type, family, ++seq_);
    std::vector<std::decay_t<decltype(*decode(MessageView{}).value)>> values;
    for (const Buffer& datagram : exchange(request)) {
      auto messages = split_messages(datagram);
      for (const MessageView& message : *messages.value) {
        if (message.header.type == NLMSG_DONE) continue;
        CHECK(message.header.seq == seq_);
        auto decoded = decode(message);
        INFO(decoded.error);
        REQUIRE(decoded);
        values.push_back(*decoded.value);
      }
    }
    return values;
  }

  // Sends an encoded request and returns the kernel's ack (0) or error (-errno).
  template <typename Encode, typename Value>
  int request(Encode encode, std::uint16_t type, std::uint16_t flags, const Value& value) {
    Buffer request;
    encode(request, type, flags | NLM_F_ACK, ++seq_, value);
    auto datagrams = exchange(request);
    auto ack = decode_ack(split_messages(datagrams.back()).value->back());
    INFO(ack.error);
    REQUIRE(ack);
    CHECK(ack.value->seq == seq_);
    return ack.value->error;
  }

 private:
  int fd_ = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  std::uint32_t seq_ = 0;
};

template <typename T, typename Key>
std::map<Key, T> by(const std::vector<T>& values, Key (*key)(const T&)) {
  std::map<Key, T> map;
  for (const T& value : values) map.emplace(key(value), value);
  return map;
}

}  // namespace

TEST_CASE("decodes what the kernel dumps", "[netlink][kernel]") {
  TestNamespace ns;
  run("ip nexthop add id 1 via 10.0.0.2 dev d0 && ip nexthop add id 2 via 10.0.0.3 dev d0");
  run("ip nexthop add id 3 blackhole");
  run("ip nexthop add id 10 group 1/2,3 type resilient buckets 32 idle_timer 5 unbalanced_timer 7");
  run("ip nexthop add id 11 group 1,3/2,256");
  run("ip route add 192.0.2.0/24 proto 196 metric 20"
      " nexthop via 10.0.0.2 dev d0 weight 1 nexthop via 10.0.0.3 dev d0 weight 3");
  run("ip route add 198.51.100.0/24 nhid 11 table 1000 proto 197");
  run("ip route add default via 10.0.0.2 dev d0");
  run("ip -6 route add 2001:db8:5::/48 via 2001:db8::2 dev d0 metric 20");
  run("ip -6 route add 2001:db8:6::/48"
      " nexthop via 2001:db8::2 dev d0 weight 2 nexthop via 2001:db8::3 dev d0 weight 5");
  RouteSocket socket;

  auto links = socket.dump(RTM_GETLINK, AF_UNSPEC, decode_link);
  auto d0 = std::find_if(links.begin(), links.end(), [](const Link& l) { return l.name == "d0"; });
  REQUIRE(d0 != links.end());
  CHECK(d0->ifindex == ns.ifindex());
  CHECK(d0->mtu == 1400);
  CHECK(d0->up());

  auto v4_addresses = socket.dump(RTM_GETADDR, AF_INET, decode_address);
  CHECK(std::count(v4_addresses.begin(), v4_addresses.end(),
                   Address{ns.ifindex(), addr("10.0.0.1"), 24}) == 1);
  auto v6_addresses = socket.dump(RTM_GETADDR, AF_INET6, decode_address);
  CHECK(std::count(v6_addresses.begin(), v6_addresses.end(),
                   Address{ns.ifindex(), addr("2001:db8::1"), 64}) == 1);

  auto nexthops = by(
      socket.dump(RTM_GETNEXTHOP, AF_UNSPEC, decode_nexthop),
      +[](const NexthopObject& n) { return n.id; });
  REQUIRE(nexthops.size() == 5);
  CHECK(nexthops[1].gateway == addr("10.0.0.2"));
  CHECK(nexthops[1].ifindex == ns.ifindex());
  CHECK(nexthops[3].blackhole);
  const NexthopObject& resilient = nexthops[10];
  CHECK(resilient.group == std::vector<GroupMember>{{1, 1}, {2, 3}});
  CHECK(resilient.resilient);
  CHECK(resilient.buckets == 32);
  CHECK(resilient.idle_timer_s == 5);  // iproute2's seconds, as clock_t on the wire
  CHECK(resilient.unbalanced_timer_s == 7);
  CHECK(nexthops[11].group == std::vector<GroupMember>{{1, 3}, {2, 256}});
  CHECK_FALSE(nexthops[11].resilient);

  auto routes = by(
      socket.dump(RTM_GETROUTE, AF_INET, decode_route),
      +[](const Route& r) { return std::pair(r.prefix, r.table); });
  const Route& multipath = routes[{pfx("192.0.2.0/24"), kMainTable}];
  CHECK(multipath.protocol == 196);
  CHECK(multipath.metric == 20);
  CHECK(multipath.nexthops == std::vector<NextHop>{{addr("10.0.0.2"), ns.ifindex(), 1},
                                                   {addr("10.0.0.3"), ns.ifindex(), 3}});
  const Route& on_object = routes[{pfx("198.51.100.0/24"), 1000}];
  CHECK(on_object.nexthop_id == 11);
  CHECK(on_object.protocol == 197);
  CHECK(routes[{pfx("0.0.0.0/0"), kMainTable}].nexthops ==
        std::vector<NextHop>{{addr("10.0.0.2"), ns.ifindex(), 1}});

  auto v6_routes = by(
      socket.dump(RTM_GETROUTE, AF_INET6, decode_route),
      +[](const Route& r) { return std::pair(r.prefix, r.table); });
  const Route& v6 = v6_routes[{pfx("2001:db8:5::/48"), kMainTable}];
  CHECK(v6.metric == 20);
  CHECK(v6.nexthops == std::vector<NextHop>{{addr("2001:db8::2"), ns.ifindex(), 1}});
  CHECK(v6_routes[{pfx("2001:db8:6::/48"), kMainTable}].nexthops ==
        std::vector<NextHop>{{addr("2001:db8::2"), ns.ifindex(), 2},
                             {addr("2001:db8::3"), ns.ifindex(), 5}});
}

TEST_CASE("the kernel accepts what the codec encodes", "[netlink][kernel]") {
  TestNamespace ns;
  RouteSocket socket;
  constexpr std::uint16_t kCreate = NLM_F_CREATE | NLM_F_EXCL;

  NexthopObject first;
  first.id = 21;
  first.protocol = kProtoCfnBgp;
  first.gateway = addr("10.0.0.2");
  first.ifindex = ns.ifindex();
  NexthopObject second = first;
  second.id = 22;
  second.gateway = addr("10.0.0.3");
  NexthopObject group;
  group.id = 30;
  group.protocol = kProtoCfnBgp;
  group.group = {{21, 1}, {22, 256}};
  NexthopObject resilient = group;
  resilient.id = 31;
  resilient.group = {{21, 2}, {22, 1}};
  resilient.resilient = true;
  resilient.buckets = 16;
  resilient.idle_timer_s = 4;
  resilient.unbalanced_timer_s = 9;
  for (const NexthopObject& nexthop : {first, second, group, resilient})
    CHECK(socket.request(encode_nexthop, RTM_NEWNEXTHOP, kCreate, nexthop) == 0);

  Route multipath;
  multipath.prefix = pfx("203.0.113.0/25");
  multipath.protocol = kProtoCfnBgp;
  multipath.metric = 20;
  multipath.nexthops = {{addr("10.0.0.2"), ns.ifindex(), 1}, {addr("10.0.0.3"), ns.ifindex(), 256}};
  Route on_object;
  on_object.prefix = pfx("203.0.113.128/25");
  on_object.table = 1000;
  on_object.protocol = kProtoCfnOspf;
  on_object.metric = 110;
  on_object.nexthop_id = 31;
  Route v6 = multipath;
  v6.prefix = pfx("2001:db8:7::/48");
  v6.nexthops = {{addr("2001:db8::2"), ns.ifindex(), 1}};
  Route unreachable;
  unreachable.prefix = pfx("192.0.2.0/24");
  unreachable.nexthops = {{addr("172.16.0.1"), 0, 1}};
  for (const Route& route : {multipath, on_object, v6})
    CHECK(socket.request(encode_route, RTM_NEWROUTE, kCreate, route) == 0);
  CHECK(socket.request(encode_route, RTM_NEWROUTE, kCreate, unreachable) == -ENETUNREACH);

  auto shown = nlohmann::json::parse(output_of("ip -N -j nexthop show"));
  std::map<int, nlohmann::json> objects;
  for (const auto& object : shown) objects[object["id"].get<int>()] = object;
  CHECK(objects[21]["gateway"] == "10.0.0.2");
  CHECK(objects[21]["dev"] == "d0");
  CHECK(objects[21]["protocol"] == "220");
  CHECK(objects[30]["group"] == nlohmann::json::parse(R"([{"id":21},{"id":22,"weight":256}])"));
  CHECK(objects[31]["type"] == "resilient");
  CHECK(objects[31]["group"] == nlohmann::json::parse(R"([{"id":21,"weight":2},{"id":22}])"));
  CHECK(objects[31]["resilient_args"]["buckets"] == 16);
  CHECK(objects[31]["resilient_args"]["idle_timer"] == 4);
  CHECK(objects[31]["resilient_args"]["unbalanced_timer"] == 9);

  auto routes = nlohmann::json::parse(output_of("ip -N -j route show table all"));
  std::map<std::string, nlohmann::json> by_destination;
  for (const auto& route : routes) by_destination[route["dst"].get<std::string>()] = route;
  const auto& shown_multipath = by_destination["203.0.113.0/25"];
  CHECK(shown_multipath["metric"] == 20);
  CHECK(shown_multipath["protocol"] == "220");
  REQUIRE(shown_multipath["nexthops"].size() == 2);
  CHECK(shown_multipath["nexthops"][0]["gateway"] == "10.0.0.2");
  CHECK(shown_multipath["nexthops"][0]["weight"] == 1);
  CHECK(shown_multipath["nexthops"][1]["weight"] == 256);
  const auto& shown_on_object = by_destination["203.0.113.128/25"];
  CHECK(shown_on_object["nhid"] == 31);
  CHECK(shown_on_object["table"] == "1000");
  CHECK(shown_on_object["metric"] == 110);
  CHECK(by_destination["2001:db8:7::/48"]["gateway"] == "2001:db8::2");

  CHECK(socket.request(encode_route, RTM_DELROUTE, 0, multipath) == 0);
  CHECK(output_of("ip route show 203.0.113.0/25").empty());
}
