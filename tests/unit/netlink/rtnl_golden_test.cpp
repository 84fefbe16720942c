// Golden bytes for the rtnetlink codec: each value encodes to exactly the bytes the kernel's
// struct layouts give (little-endian host) and decodes back to the same value.
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdint>
#include <vector>
#include "tests/unit/address_literals.hpp"

#include "libcfn/netlink/rtnl_codec.hpp"

using namespace cfn::netlink;
using cfn::net::IpAddress;
using cfn::net::Prefix;

using cfn::test::addr;
using cfn::test::pfx;

namespace {

constexpr std::uint16_t kCreateFlags = NLM_F_CREATE | NLM_F_REPLACE | NLM_F_ACK;

// The only message in `bytes`.
MessageView only_message(const Buffer& bytes) {
  auto messages = split_messages(bytes);
  REQUIRE(messages);
  REQUIRE(messages.value->size() == 1);
  return messages.value->front();
}

template <typename T, typename Decode>
void check_decodes_to(const Buffer& bytes, Decode decode, const T& expected) {
  auto decoded = decode(only_message(bytes));
  INFO(decoded.error);
  REQUIRE(decoded);
  CHECK(*decoded.value == expected);
}

void check_route(const Route& route, std::uint16_t type, std::uint16_t flags, std::uint32_t seq,
                 const Buffer& expected) {
  Buffer out;
  encode_route(out, type, flags, seq, route);
  CHECK(out == expected);
  check_decodes_to(expected, decode_route, route);
}

void check_nexthop(const NexthopObject& nexthop, std::uint32_t seq, const Buffer& expected) {
  Buffer out;
  encode_nexthop(out, RTM_NEWNEXTHOP, kCreateFlags, seq, nexthop);
  CHECK(out == expected);
  check_decodes_to(expected, decode_nexthop, nexthop);
}

}  // namespace

TEST_CASE("IPv4 route with one nexthop", "[netlink]") {
  Route route;
  route.prefix = pfx("10.1.0.0/16");
  route.protocol = kProtoCfnBgp;
  route.metric = 20;
  route.nexthops = {{addr("192.0.2.1"), 2, 1}};
  check_route(route, RTM_NEWROUTE, kCreateFlags, 7,
              {
                  0x44, 0x00, 0x00, 0x00,  // nlmsg_len 68
                  0x18, 0x00,              // nlmsg_type RTM_NEWROUTE
                  0x05, 0x05,              // REQUEST | ACK | REPLACE | CREATE
                  0x07, 0x00, 0x00, 0x00,  // nlmsg_seq 7
                  0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
                  0x02, 0x10, 0x00, 0x00,  // rtm_family AF_INET, dst_len 16, src_len, tos
                  0xfe, 0xdc, 0x00, 0x01,  // table main, protocol 220, scope universe, unicast
                  0x00, 0x00, 0x00, 0x00,  // rtm_flags
                  0x08, 0x00, 0x01, 0x00, 10,  1, 0, 0,  // RTA_DST 10.1.0.0
                  0x08, 0x00, 0x06, 0x00, 20,  0, 0, 0,  // RTA_PRIORITY 20
                  0x08, 0x00, 0x0f, 0x00, 254, 0, 0, 0,  // RTA_TABLE 254
                  0x08, 0x00, 0x05, 0x00, 192, 0, 2, 1,  // RTA_GATEWAY 192.0.2.1
                  0x08, 0x00, 0x04, 0x00, 2,   0, 0, 0,  // RTA_OIF 2
              });
}

TEST_CASE("IPv6 route", "[netlink]") {
  Route route;
  route.prefix = pfx("2001:db8:1::/48");
  route.protocol = kProtoCfnBgp;
  route.metric = 20;
  route.nexthops = {{addr("fe80::1"), 3, 1}};
  check_route(route, RTM_NEWROUTE, kCreateFlags, 8,
              {
                  0x5c, 0x00, 0x00, 0x00,  // nlmsg_len 92
                  0x18, 0x00, 0x05, 0x05,  // RTM_NEWROUTE, REQUEST | ACK | REPLACE | CREATE
                  0x08, 0x00, 0x00, 0x00,  // nlmsg_seq 8
                  0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
                  0x0a, 0x30, 0x00, 0x00,  // AF_INET6, dst_len 48, src_len, tos
                  0xfe, 0xdc, 0x00, 0x01,  // table main, protocol 220, scope universe, unicast
                  0x00, 0x00, 0x00, 0x00,  // rtm_flags
                  0x14, 0x00, 0x01, 0x00,  // RTA_DST, 16 bytes: 2001:db8:1::
                  0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0,    0,    0,  0, 0, 0,
                  0,    0,    0,    0,    0x08, 0x00, 0x06, 0x00, 20, 0, 0, 0,  // RTA_PRIORITY 20
                  0x08, 0x00, 0x0f, 0x00, 254,  0,    0,    0,                  // RTA_TABLE 254
                  0x14, 0x00, 0x05, 0x00,  // RTA_GATEWAY, 16 bytes: fe80::1
                  0xfe, 0x80, 0,    0,    0,    0,    0,    0,    0,  0, 0, 0,
                  0,    0,    0,    0x01, 0x08, 0x00, 0x04, 0x00, 3,  0, 0, 0,  // RTA_OIF 3
              });
}

TEST_CASE("weighted multipath route in a table past 255", "[netlink]") {
  Route route;
  route.prefix = pfx("198.51.100.0/24");
  route.table = 1000;
  route.protocol = kProtoCfnBgp;
  route.metric = 20;
  route.nexthops = {{addr("10.0.0.2"), 2, 1}, {addr("10.0.0.3"), 2, 3}, {addr("10.0.1.2"), 3, 256}};
  check_route(
      route, RTM_NEWROUTE, kCreateFlags, 9,
      {
          0x68, 0x00, 0x00, 0x00,  // nlmsg_len 104
          0x18, 0x00, 0x05, 0x05,  // RTM_NEWROUTE, REQUEST | ACK | REPLACE | CREATE
          0x09, 0x00, 0x00, 0x00,  // nlmsg_seq 9
          0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
          0x02, 0x18, 0x00, 0x00,  // AF_INET, dst_len 24, src_len, tos
          0x00, 0xdc, 0x00, 0x01,  // table RT_TABLE_UNSPEC (see RTA_TABLE), 220, universe, unicast
          0x00, 0x00, 0x00, 0x00,  // rtm_flags
          0x08, 0x00, 0x01, 0x00, 198,  51,   100, 0,  // RTA_DST
          0x08, 0x00, 0x06, 0x00, 20,   0,    0,   0,  // RTA_PRIORITY 20
          0x08, 0x00, 0x0f, 0x00, 0xe8, 0x03, 0,   0,  // RTA_TABLE 1000
          0x34, 0x00, 0x09, 0x00,                      // RTA_MULTIPATH, 52 bytes
          0x10, 0x00, 0x00, 0x00,  // rtnh_len 16, rtnh_flags, rtnh_hops 0 (weight 1)
          0x02, 0x00, 0x00, 0x00,  // rtnh_ifindex 2
          0x08, 0x00, 0x05, 0x00, 10,   0,    0,   2,  // RTA_GATEWAY 10.0.0.2
          0x10, 0x00, 0x00, 0x02,                      // rtnh_len 16, rtnh_hops 2 (weight 3)
          0x02, 0x00, 0x00, 0x00,                      // rtnh_ifindex 2
          0x08, 0x00, 0x05, 0x00, 10,   0,    0,   3,  // RTA_GATEWAY 10.0.0.3
          0x10, 0x00, 0x00, 0xff,                      // rtnh_len 16, rtnh_hops 255 (weight 256)
          0x03, 0x00, 0x00, 0x00,                      // rtnh_ifindex 3
          0x08, 0x00, 0x05, 0x00, 10,   0,    1,   2,  // RTA_GATEWAY 10.0.1.2
      });
}

TEST_CASE("route on a nexthop object", "[netlink]") {
  Route route;
  route.prefix = pfx("203.0.113.0/24");
  route.protocol = kProtoCfnBgp;
  route.metric = 20;
  route.nexthop_id = 10;
  check_route(route, RTM_NEWROUTE, kCreateFlags, 10,
              {
                  0x3c, 0x00, 0x00, 0x00,  // nlmsg_len 60
                  0x18, 0x00, 0x05, 0x05,  // RTM_NEWROUTE, REQUEST | ACK | REPLACE | CREATE
                  0x0a, 0x00, 0x00, 0x00,  // nlmsg_seq 10
                  0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
                  0x02, 0x18, 0x00, 0x00,  // AF_INET, dst_len 24, src_len, tos
                  0xfe, 0xdc, 0x00, 0x01,  // table main, protocol 220, universe, unicast
                  0x00, 0x00, 0x00, 0x00,  // rtm_flags
                  0x08, 0x00, 0x01, 0x00, 203, 0, 113, 0,  // RTA_DST
                  0x08, 0x00, 0x06, 0x00, 20,  0, 0,   0,  // RTA_PRIORITY 20
                  0x08, 0x00, 0x0f, 0x00, 254, 0, 0,   0,  // RTA_TABLE 254
                  0x08, 0x00, 0x1e, 0x00, 10,  0, 0,   0,  // RTA_NH_ID 10
              });
}

TEST_CASE("default route deletion", "[netlink]") {
  Route route;
  route.prefix = pfx("0.0.0.0/0");
  route.protocol = kProtoCfnOspf;
  route.metric = 110;
  route.nexthops = {{addr("192.0.2.1"), 2, 1}};
  check_route(route, RTM_DELROUTE, NLM_F_ACK, 11,
              {
                  0x3c, 0x00, 0x00, 0x00,  // nlmsg_len 60
                  0x19, 0x00, 0x05, 0x00,  // RTM_DELROUTE, REQUEST | ACK
                  0x0b, 0x00, 0x00, 0x00,  // nlmsg_seq 11
                  0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
                  0x02, 0x00, 0x00, 0x00,  // AF_INET, dst_len 0 (no RTA_DST), src_len, tos
                  0xfe, 0xdd, 0x00, 0x01,  // table main, protocol 221, universe, unicast
                  0x00, 0x00, 0x00, 0x00,  // rtm_flags
                  0x08, 0x00, 0x06, 0x00, 110, 0, 0, 0,  // RTA_PRIORITY 110
                  0x08, 0x00, 0x0f, 0x00, 254, 0, 0, 0,  // RTA_TABLE 254
                  0x08, 0x00, 0x05, 0x00, 192, 0, 2, 1,  // RTA_GATEWAY 192.0.2.1
                  0x08, 0x00, 0x04, 0x00, 2,   0, 0, 0,  // RTA_OIF 2
              });
}

TEST_CASE("single nexthop object", "[netlink]") {
  NexthopObject nexthop;
  nexthop.id = 1;
  nexthop.protocol = kProtoCfnBgp;
  nexthop.gateway = addr("10.0.0.2");
  nexthop.ifindex = 2;
  check_nexthop(nexthop, 20,
                {
                    0x30, 0x00, 0x00, 0x00,  // nlmsg_len 48
                    0x68, 0x00, 0x05, 0x05,  // RTM_NEWNEXTHOP, REQUEST | ACK | REPLACE | CREATE
                    0x14, 0x00, 0x00, 0x00,  // nlmsg_seq 20
                    0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
                    0x02, 0x00, 0xdc, 0x00,  // nh_family AF_INET, nh_scope, nh_protocol 220, resvd
                    0x00, 0x00, 0x00, 0x00,  // nh_flags
                    0x08, 0x00, 0x01, 0x00, 1,  0, 0, 0,  // NHA_ID 1
                    0x08, 0x00, 0x06, 0x00, 10, 0, 0, 2,  // NHA_GATEWAY 10.0.0.2
                    0x08, 0x00, 0x05, 0x00, 2,  0, 0, 0,  // NHA_OIF 2
                });
}

TEST_CASE("weighted nexthop group", "[netlink]") {
  NexthopObject group;
  group.id = 100;
  group.protocol = kProtoCfnBgp;
  group.group = {{1, 1}, {2, 3}, {3, 256}};
  check_nexthop(group, 21,
                {
                    0x3c, 0x00, 0x00, 0x00,  // nlmsg_len 60
                    0x68, 0x00, 0x05, 0x05,  // RTM_NEWNEXTHOP, REQUEST | ACK | REPLACE | CREATE
                    0x15, 0x00, 0x00, 0x00,  // nlmsg_seq 21
                    0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
                    0x00, 0x00, 0xdc, 0x00,  // nh_family AF_UNSPEC, nh_scope, protocol 220, resvd
                    0x00, 0x00, 0x00, 0x00,  // nh_flags
                    0x08, 0x00, 0x01, 0x00, 100,  0, 0, 0,  // NHA_ID 100
                    0x1c, 0x00, 0x02, 0x00,                 // NHA_GROUP, 3 nexthop_grp
                    1,    0,    0,    0,    0x00, 0, 0, 0,  // id 1, weight 0 (1), resvd1, resvd2
                    2,    0,    0,    0,    0x02, 0, 0, 0,  // id 2, weight 2 (3)
                    3,    0,    0,    0,    0xff, 0, 0, 0,  // id 3, weight 255 (256)
                });
}

TEST_CASE("resilient nexthop group", "[netlink]") {
  NexthopObject group;
  group.id = 101;
  group.protocol = kProtoCfnBgp;
  group.group = {{1, 1}, {2, 1}};
  group.resilient = true;
  group.buckets = 32;
  group.idle_timer_s = 5;
  group.unbalanced_timer_s = 7;
  check_nexthop(
      group, 22,
      {
          0x58, 0x00, 0x00, 0x00,  // nlmsg_len 88
          0x68, 0x00, 0x05, 0x05,  // RTM_NEWNEXTHOP, REQUEST | ACK | REPLACE | CREATE
          0x16, 0x00, 0x00, 0x00,  // nlmsg_seq 22
          0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
          0x00, 0x00, 0xdc, 0x00,  // nh_family AF_UNSPEC, nh_scope, protocol 220, resvd
          0x00, 0x00, 0x00, 0x00,  // nh_flags
          0x08, 0x00, 0x01, 0x00, 101,  0,    0, 0,  // NHA_ID 101
          0x14, 0x00, 0x02, 0x00,                    // NHA_GROUP, 2 nexthop_grp
          1,    0,    0,    0,    0,    0,    0, 0,  // id 1, weight 1
          2,    0,    0,    0,    0,    0,    0, 0,  // id 2, weight 1
          0x06, 0x00, 0x03, 0x00, 1,    0,    0, 0,  // NHA_GROUP_TYPE RES, 2 bytes padding
          0x1c, 0x00, 0x0c, 0x80,                    // NHA_RES_GROUP | NLA_F_NESTED, 28 bytes
          0x06, 0x00, 0x01, 0x00, 32,   0,    0, 0,  // NHA_RES_GROUP_BUCKETS 32, padding
          0x08, 0x00, 0x02, 0x00, 0xf4, 0x01, 0, 0,  // IDLE_TIMER 500 clock_t (5 s)
          0x08, 0x00, 0x03, 0x00, 0xbc, 0x02, 0, 0,  // UNBALANCED_TIMER 700 (7 s)
      });
}

TEST_CASE("dump requests carry their type's header", "[netlink]") {
  Buffer out;
  encode_dump_request(out, RTM_GETROUTE, AF_INET, 30);
  encode_dump_request(out, RTM_GETNEXTHOP, AF_UNSPEC, 31);
  encode_dump_request(out, RTM_GETLINK, AF_UNSPEC, 32);
  encode_dump_request(out, RTM_GETADDR, AF_INET6, 33);
  const Buffer expected = {
      0x1c, 0x00, 0x00, 0x00,                                      // nlmsg_len 28
      0x1a, 0x00, 0x01, 0x03,                                      // RTM_GETROUTE, REQUEST | DUMP
      0x1e, 0x00, 0x00, 0x00,                                      // nlmsg_seq 30
      0x00, 0x00, 0x00, 0x00,                                      // nlmsg_pid
      0x02, 0,    0,    0,    0, 0, 0, 0, 0, 0, 0, 0,              // rtmsg: AF_INET, the rest zero
      0x18, 0x00, 0x00, 0x00,                                      // nlmsg_len 24
      0x6a, 0x00, 0x01, 0x03,                                      // RTM_GETNEXTHOP, REQUEST | DUMP
      0x1f, 0x00, 0x00, 0x00,                                      // nlmsg_seq 31
      0x00, 0x00, 0x00, 0x00,                                      // nlmsg_pid
      0x00, 0,    0,    0,    0, 0, 0, 0,                          // nhmsg: AF_UNSPEC
      0x20, 0x00, 0x00, 0x00,                                      // nlmsg_len 32
      0x12, 0x00, 0x01, 0x03,                                      // RTM_GETLINK, REQUEST | DUMP
      0x20, 0x00, 0x00, 0x00,                                      // nlmsg_seq 32
      0x00, 0x00, 0x00, 0x00,                                      // nlmsg_pid
      0x00, 0,    0,    0,    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // ifinfomsg: AF_UNSPEC
      0x18, 0x00, 0x00, 0x00,                                      // nlmsg_len 24
      0x16, 0x00, 0x01, 0x03,                                      // RTM_GETADDR, REQUEST | DUMP
      0x21, 0x00, 0x00, 0x00,                                      // nlmsg_seq 33
      0x00, 0x00, 0x00, 0x00,                                      // nlmsg_pid
      0x0a, 0,    0,    0,    0, 0, 0, 0,                          // ifaddrmsg: AF_INET6
  };
  CHECK(out == expected);
  auto messages = split_messages(out);
  REQUIRE(messages);
  REQUIRE(messages.value->size() == 4);
  CHECK((*messages.value)[2].header.type == RTM_GETLINK);
  CHECK((*messages.value)[3].header.seq == 33);
  CHECK((*messages.value)[3].payload.size() == 8);
}

TEST_CASE("ack and error", "[netlink]") {
  const Buffer ack = {
      0x24, 0x00, 0x00, 0x00,  // nlmsg_len 36
      0x02, 0x00, 0x00, 0x01,  // NLMSG_ERROR, NLM_F_CAPPED
      0x07, 0x00, 0x00, 0x00,  // nlmsg_seq 7: the request's
      0x39, 0x30, 0x00, 0x00,  // nlmsg_pid: our port id
      0x00, 0x00, 0x00, 0x00,  // error 0: an ack
      0x44, 0x00, 0x00, 0x00,  // the request's nlmsghdr: nlmsg_len 68
      0x18, 0x00, 0x05, 0x05,  // RTM_NEWROUTE, REQUEST | ACK | REPLACE | CREATE
      0x07, 0x00, 0x00, 0x00,  // nlmsg_seq 7
      0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
  };
  auto acked = decode_ack(only_message(ack));
  REQUIRE(acked);
  CHECK(acked.value->error == 0);
  CHECK(acked.value->seq == 7);

  const Buffer error = {
      0x50, 0x00, 0x00, 0x00,  // nlmsg_len 80
      0x02, 0x00, 0x00, 0x00,  // NLMSG_ERROR, the request follows
      0x0a, 0x00, 0x00, 0x00,  // nlmsg_seq 10
      0x39, 0x30, 0x00, 0x00,  // nlmsg_pid
      0x9b, 0xff, 0xff, 0xff,  // error -101 (-ENETUNREACH)
      0x3c, 0x00, 0x00, 0x00,  // the request: nlmsg_len 60
      0x18, 0x00, 0x05, 0x05,  // RTM_NEWROUTE, REQUEST | ACK | REPLACE | CREATE
      0x0a, 0x00, 0x00, 0x00,  // nlmsg_seq 10
      0x00, 0x00, 0x00, 0x00,  // nlmsg_pid
      0x02, 0x18, 0x00, 0x00, 0xfe, 0xc4, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,  // rtmsg
      0x08, 0x00, 0x01, 0x00, 203,  0,    113,  0,                             // RTA_DST
      0x08, 0x00, 0x06, 0x00, 20,   0,    0,    0,                             // RTA_PRIORITY
      0x08, 0x00, 0x0f, 0x00, 254,  0,    0,    0,                             // RTA_TABLE
      0x08, 0x00, 0x1e, 0x00, 10,   0,    0,    0,                             // RTA_NH_ID 10
  };
  auto decoded = decode_ack(only_message(error));
  REQUIRE(decoded);
  CHECK(decoded.value->error == -ENETUNREACH);
  CHECK(decoded.value->seq == 10);
}
