// Malformed rtnetlink input: every inconsistent length or field is refused with its reason.
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "libcfn/netlink/rtnl_codec.hpp"

using namespace cfn::netlink;

namespace {

// A complete message: nlmsghdr with the right nlmsg_len, then `payload`.
Buffer message(std::uint16_t type, std::initializer_list<std::uint8_t> payload) {
  Buffer bytes = {static_cast<std::uint8_t>(16 + payload.size()),
                  0,
                  0,
                  0,
                  static_cast<std::uint8_t>(type & 0xff),
                  static_cast<std::uint8_t>(type >> 8),
                  0,
                  0,
                  1,
                  0,
                  0,
                  0,
                  0,
                  0,
                  0,
                  0};
  for (std::uint8_t b : payload) bytes.push_back(b);  // insert() trips g++ 12's -Warray-bounds
  return bytes;
}

// The decoder's error for the only message in `bytes`, or "accepted".
template <typename Decode>
std::function<std::string(const Buffer&)> refusal_of(Decode decode) {
  return [decode](const Buffer& bytes) -> std::string {
    auto messages = split_messages(bytes);
    REQUIRE(messages);
    REQUIRE(messages.value->size() == 1);
    auto decoded = decode(messages.value->front());
    return decoded ? "accepted" : decoded.error;
  };
}

struct Case {
  const char* name;
  std::function<std::string(const Buffer&)> decode;
  Buffer bytes;
  const char* error;
};

// rtmsg for AF_INET with `dst_len`, main table, unicast.
#define RTMSG_V4(dst_len) 2, dst_len, 0, 0, 254, 0, 0, 1, 0, 0, 0, 0
#define NHMSG(family) family, 0, 0, 0, 0, 0, 0, 0

}  // namespace

TEST_CASE("split_messages refuses inconsistent lengths", "[netlink]") {
  const std::vector<std::pair<Buffer, const char*>> cases = {
      {{16, 0, 0, 0, 3, 0, 0, 0, 0, 0}, "truncated message header"},
      {{8, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "nlmsg_len smaller than the header"},
      {{0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "nlmsg_len smaller than the header"},
      {{100, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
       "nlmsg_len past the end of the datagram"},
      {{16, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 3, 0, 0, 0},
       "truncated message header"},  // the second message
  };
  for (const auto& [bytes, error] : cases) {
    auto split = split_messages(bytes);
    CHECK_FALSE(split);
    CHECK(split.error == error);
  }
}

TEST_CASE("split_messages takes a last message without its padding", "[netlink]") {
  const Buffer bytes = {17, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xaa};
  auto split = split_messages(bytes);
  REQUIRE(split);
  REQUIRE(split.value->size() == 1);
  CHECK(split.value->front().payload.size() == 1);
}

TEST_CASE("decoders refuse malformed messages", "[netlink]") {
  const auto route = refusal_of(decode_route);
  const auto nexthop = refusal_of(decode_nexthop);
  const auto link = refusal_of(decode_link);
  const auto address = refusal_of(decode_address);
  const auto ack = refusal_of(decode_ack);
  const std::vector<Case> cases = {
      {"link message to the route decoder", route, message(RTM_NEWLINK, {RTMSG_V4(0)}),
       "not a route message"},
      {"short rtmsg", route, message(RTM_NEWROUTE, {2, 0, 0, 0, 254, 0, 0, 1}), "truncated rtmsg"},
      {"AF_UNIX route", route, message(RTM_NEWROUTE, {1, 0, 0, 0, 254, 0, 0, 1, 0, 0, 0, 0}),
       "unsupported route family"},
      {"attribute length past the end", route,
       message(RTM_NEWROUTE, {RTMSG_V4(24), 12, 0, RTA_DST, 0, 10, 0, 0, 0}),
       "attribute length past the end"},
      {"zero-length attribute", route, message(RTM_NEWROUTE, {RTMSG_V4(0), 0, 0, RTA_OIF, 0}),
       "attribute length smaller than its header"},
      {"half an attribute header", route, message(RTM_NEWROUTE, {RTMSG_V4(0), 8, 0}),
       "truncated attribute header"},
      {"IPv6-sized RTA_DST in an IPv4 route", route,
       message(RTM_NEWROUTE,
               {RTMSG_V4(24), 20, 0, RTA_DST, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
       "RTA_DST length does not match the family"},
      {"3-byte RTA_GATEWAY", route,
       message(RTM_NEWROUTE, {RTMSG_V4(0), 7, 0, RTA_GATEWAY, 0, 10, 0, 0, 0}),
       "RTA_GATEWAY length does not match the family"},
      {"2-byte RTA_OIF", route, message(RTM_NEWROUTE, {RTMSG_V4(0), 6, 0, RTA_OIF, 0, 2, 0, 0, 0}),
       "bad u32 route attribute length"},
      {"rtm_dst_len 33", route,
       message(RTM_NEWROUTE, {RTMSG_V4(33), 8, 0, RTA_DST, 0, 10, 0, 0, 0}),
       "rtm_dst_len too long for the family"},
      {"rtm_dst_len without RTA_DST", route, message(RTM_NEWROUTE, {RTMSG_V4(24)}),
       "rtm_dst_len without RTA_DST"},
      {"RTA_MULTIPATH with rtnh_len past its end", route,
       message(RTM_NEWROUTE, {RTMSG_V4(0), 12, 0, RTA_MULTIPATH, 0, 64, 0, 0, 0, 2, 0, 0, 0}),
       "rtnh_len past the end of RTA_MULTIPATH"},
      {"RTA_MULTIPATH with rtnh_len under rtnexthop", route,
       message(RTM_NEWROUTE, {RTMSG_V4(0), 12, 0, RTA_MULTIPATH, 0, 4, 0, 0, 0, 2, 0, 0, 0}),
       "rtnh_len smaller than rtnexthop"},
      {"RTA_MULTIPATH with half an rtnexthop", route,
       message(RTM_NEWROUTE, {RTMSG_V4(0), 8, 0, RTA_MULTIPATH, 0, 8, 0, 0, 0}),
       "truncated rtnexthop"},
      {"RTA_MULTIPATH gateway past its rtnexthop", route,
       message(RTM_NEWROUTE, {RTMSG_V4(0), 20, 0,           RTA_MULTIPATH,
                              0,  // one 12-byte rtnexthop
                              12,          0,  0,           0,
                              2,           0,  0,           0,
                              8,           0,  RTA_GATEWAY, 0,
                              10,          0,  0,           2}),
       "attribute length past the end"},
      {"RTA_MULTIPATH with a 16-byte IPv4 gateway", route,
       message(RTM_NEWROUTE, {RTMSG_V4(0),
                              32,
                              0,
                              RTA_MULTIPATH,
                              0,
                              28,
                              0,
                              0,
                              0,
                              2,
                              0,
                              0,
                              0,
                              20,
                              0,
                              RTA_GATEWAY,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0}),
       "RTA_GATEWAY length does not match the family"},
      {"RTA_MULTIPATH next to RTA_OIF", route,
       message(RTM_NEWROUTE, {RTMSG_V4(0),   8, 0, RTA_OIF, 0, 2, 0, 0, 0, 12, 0,
                              RTA_MULTIPATH, 0, 8, 0,       0, 0, 2, 0, 0, 0}),
       "RTA_MULTIPATH next to RTA_GATEWAY/RTA_OIF"},
      {"route message to the nexthop decoder", nexthop, message(RTM_NEWROUTE, {NHMSG(2)}),
       "not a nexthop message"},
      {"short nhmsg", nexthop, message(RTM_NEWNEXTHOP, {2, 0, 0, 0}), "truncated nhmsg"},
      {"nexthop family 7", nexthop, message(RTM_NEWNEXTHOP, {NHMSG(7)}),
       "unsupported nexthop family"},
      {"NHA_GROUP of 12 bytes", nexthop,
       message(RTM_NEWNEXTHOP, {NHMSG(0), 16, 0, NHA_GROUP, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0}),
       "NHA_GROUP length not a positive multiple of nexthop_grp"},
      {"empty NHA_GROUP", nexthop, message(RTM_NEWNEXTHOP, {NHMSG(0), 4, 0, NHA_GROUP, 0}),
       "NHA_GROUP length not a positive multiple of nexthop_grp"},
      {"NHA_GATEWAY in an AF_UNSPEC nexthop", nexthop,
       message(RTM_NEWNEXTHOP, {NHMSG(0), 8, 0, NHA_GATEWAY, 0, 10, 0, 0, 2}),
       "NHA_GATEWAY without a family"},
      {"IPv6-sized NHA_GATEWAY in an IPv4 nexthop", nexthop,
       message(RTM_NEWNEXTHOP,
               {NHMSG(2), 20, 0, NHA_GATEWAY, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
       "NHA_GATEWAY length does not match the family"},
      {"2-byte NHA_ID", nexthop, message(RTM_NEWNEXTHOP, {NHMSG(2), 6, 0, NHA_ID, 0, 1, 0, 0, 0}),
       "bad NHA_ID length"},
      {"8-byte NHA_OIF", nexthop,
       message(RTM_NEWNEXTHOP, {NHMSG(2), 12, 0, NHA_OIF, 0, 1, 0, 0, 0, 0, 0, 0, 0}),
       "bad NHA_OIF length"},
      {"4-byte NHA_GROUP_TYPE", nexthop,
       message(RTM_NEWNEXTHOP, {NHMSG(0), 8, 0, NHA_GROUP_TYPE, 0, 1, 0, 0, 0}),
       "bad NHA_GROUP_TYPE length"},
      {"4-byte NHA_RES_GROUP_BUCKETS", nexthop,
       message(RTM_NEWNEXTHOP,
               {NHMSG(0), 12, 0, NHA_RES_GROUP, 0x80, 8, 0, NHA_RES_GROUP_BUCKETS, 0, 32, 0, 0, 0}),
       "bad NHA_RES_GROUP_BUCKETS length"},
      {"2-byte NHA_RES_GROUP_IDLE_TIMER", nexthop,
       message(RTM_NEWNEXTHOP, {NHMSG(0), 12, 0, NHA_RES_GROUP, 0x80, 6, 0,
                                NHA_RES_GROUP_IDLE_TIMER, 0, 32, 0, 0, 0}),
       "bad NHA_RES_GROUP timer length"},
      {"NHA_RES_GROUP member past its end", nexthop,
       message(RTM_NEWNEXTHOP,
               {NHMSG(0), 8, 0, NHA_RES_GROUP, 0x80, 8, 0, NHA_RES_GROUP_BUCKETS, 0}),
       "attribute length past the end"},
      {"route message to the link decoder", link, message(RTM_NEWROUTE, {}), "not a link message"},
      {"short ifinfomsg", link, message(RTM_NEWLINK, {0, 0, 0, 0, 1, 0, 0, 0}),
       "truncated ifinfomsg"},
      {"IFLA_IFNAME without NUL", link,
       message(RTM_NEWLINK,
               {0, 0, 0,           0, 1,   0,   0,   0,  0, 0, 0, 0, 0, 0, 0, 0,  // ifinfomsg
                8, 0, IFLA_IFNAME, 0, 'e', 't', 'h', '0'}),
       "IFLA_IFNAME without its terminating NUL"},
      {"2-byte IFLA_MTU", link,
       message(RTM_NEWLINK,
               {0, 0, 0,        0, 1,    0,    0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // ifinfomsg
                6, 0, IFLA_MTU, 0, 0xdc, 0x05, 0, 0}),
       "bad IFLA_MTU length"},
      {"route message to the address decoder", address, message(RTM_NEWROUTE, {}),
       "not an address message"},
      {"short ifaddrmsg", address, message(RTM_NEWADDR, {2, 24, 0, 0}), "truncated ifaddrmsg"},
      {"AF_UNSPEC address", address, message(RTM_NEWADDR, {0, 24, 0, 0, 1, 0, 0, 0}),
       "unsupported address family"},
      {"IPv6-sized IFA_LOCAL for IPv4", address,
       message(RTM_NEWADDR, {2, 24, 0, 0, 1, 0, 0, 0, 20, 0, IFA_LOCAL, 0, 0, 0,
                             0, 0,  0, 0, 0, 0, 0, 0, 0,  0, 0,         0, 0, 0}),
       "address length does not match the family"},
      {"address without an address", address, message(RTM_NEWADDR, {2, 24, 0, 0, 1, 0, 0, 0}),
       "no IFA_LOCAL or IFA_ADDRESS"},
      {"IPv4 prefix length 33", address,
       message(RTM_NEWADDR, {2, 33, 0, 0, 1, 0, 0, 0, 8, 0, IFA_LOCAL, 0, 10, 0, 0, 1}),
       "prefix length too long for the family"},
      {"NLMSG_DONE to the ack decoder", ack, message(NLMSG_DONE, {0, 0, 0, 0}),
       "not an NLMSG_ERROR message"},
      {"nlmsgerr without the request header", ack, message(NLMSG_ERROR, {0x9b, 0xff, 0xff, 0xff}),
       "truncated nlmsgerr"},
      {"positive error", ack,
       message(NLMSG_ERROR, {101, 0, 0, 0, 16, 0, 0, 0, 24, 0, 5, 5, 1, 0, 0, 0, 0, 0, 0, 0}),
       "positive error in nlmsgerr"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(c.decode(c.bytes) == c.error);
  }
}

TEST_CASE("decoders skip attributes they do not use", "[netlink]") {
  // RTA_MARK, then an unknown type 999 with an odd length and its padding, then RTA_OIF.
  const Buffer bytes =
      message(RTM_NEWROUTE, {RTMSG_V4(0), 8, 0, RTA_MARK, 0, 1, 0,       0, 0, 5, 0, 0xe7, 0x03,
                             0xff,        0, 0, 0,        8, 0, RTA_OIF, 0, 2, 0, 0, 0});
  auto decoded = decode_route(split_messages(bytes).value->front());
  INFO(decoded.error);
  REQUIRE(decoded);
  CHECK(decoded.value->nexthops == std::vector<NextHop>{{std::nullopt, 2, 1}});
}
