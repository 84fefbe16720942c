// Encoding FIB requests as rtnetlink messages.
#include "libcfn/fib/fib_request.hpp"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <cerrno>

namespace cfn::fib {

namespace {
constexpr std::uint16_t kSetFlags = NLM_F_CREATE | NLM_F_REPLACE;
constexpr std::uint8_t kRtnUnspec = 0;  // a delete matches any route type
}  // namespace

Request Request::set_route(netlink::Route route) {
  return {.kind = Kind::kSetRoute, .route = std::move(route), .nexthop = {}};
}

// The kernel finds the route by prefix, table, protocol and metric; RT_SCOPE_NOWHERE and
// no nexthops match any scope and path (as `ip route del` does).
Request Request::delete_route(const netlink::Route& route) {
  netlink::Route key{.prefix = route.prefix,
                     .table = route.table,
                     .protocol = route.protocol,
                     .metric = route.metric,
                     .type = kRtnUnspec,
                     .scope = RT_SCOPE_NOWHERE,
                     .nexthops = {},
                     .nexthop_id = 0};
  return {.kind = Kind::kDeleteRoute, .route = std::move(key), .nexthop = {}};
}

Request Request::set_nexthop(netlink::NexthopObject nexthop) {
  return {.kind = Kind::kSetNexthop, .route = {}, .nexthop = std::move(nexthop)};
}

// A delete carries NHA_ID only; the kernel refuses any other attribute or header value.
Request Request::delete_nexthop(std::uint32_t id) {
  netlink::NexthopObject key;
  key.id = id;
  return {.kind = Kind::kDeleteNexthop, .route = {}, .nexthop = std::move(key)};
}

void encode_request(netlink::Buffer& out, const Request& request, std::uint32_t seq) {
  switch (request.kind) {
    case Request::Kind::kSetNexthop:
      return netlink::encode_nexthop(out, RTM_NEWNEXTHOP, kSetFlags, seq, request.nexthop);
    case Request::Kind::kSetRoute:
      return netlink::encode_route(out, RTM_NEWROUTE, kSetFlags, seq, request.route);
    case Request::Kind::kDeleteRoute:
      return netlink::encode_route(out, RTM_DELROUTE, 0, seq, request.route);
    case Request::Kind::kDeleteNexthop:
      return netlink::encode_nexthop(out, RTM_DELNEXTHOP, 0, seq, request.nexthop);
  }
}

std::string request_subject(const Request& request) {
  return request.is_route() ? request.route.prefix.to_string()
                            : "nexthop " + std::to_string(request.nexthop.id);
}

bool is_absent_error(const Request& request, int error) {
  const bool is_delete =
      request.kind == Request::Kind::kDeleteRoute || request.kind == Request::Kind::kDeleteNexthop;
  return is_delete && (error == ESRCH || error == ENOENT);
}

}  // namespace cfn::fib
