// One change the FIB sends to the kernel (set or delete of a route or nexthop object), in
// the order a batch must carry them, and how it is encoded and named in logs.
#pragma once

#include <cstdint>
#include <string>

#include "libcfn/netlink/rtnl_codec.hpp"

namespace cfn::fib {

struct Request {
  // Declaration order is send order within a batch: nexthop objects before the routes that
  // use them, route deletes before the objects they used.
  enum class Kind : std::uint8_t { kSetNexthop, kSetRoute, kDeleteRoute, kDeleteNexthop };

  Kind kind = Kind::kSetRoute;
  netlink::Route route;            // kSetRoute, kDeleteRoute
  netlink::NexthopObject nexthop;  // kSetNexthop, kDeleteNexthop
  std::uint32_t generation = 0;    // kSetRoute: the route's generation when taken (FibState)
  bool operator==(const Request& other) const {
    return kind == other.kind && route == other.route && nexthop == other.nexthop;
  }

  static Request set_route(netlink::Route route);
  static Request delete_route(const netlink::Route& route);
  static Request set_nexthop(netlink::NexthopObject nexthop);
  static Request delete_nexthop(std::uint32_t id);
  bool is_route() const { return kind == Kind::kSetRoute || kind == Kind::kDeleteRoute; }
};

// Sets are NLM_F_CREATE | NLM_F_REPLACE (replace in place, never delete first). No request
// asks for an ack here: the socket asks on the last of each write (refusals come anyway).
void encode_request(netlink::Buffer& out, const Request& request, std::uint32_t seq);

// "10.0.0.0/24" or "nexthop 100", as errors are logged.
std::string request_subject(const Request& request);

// Errors that mean the delete already happened (the object was not there).
bool is_absent_error(const Request& request, int error);

}  // namespace cfn::fib
