// The kernel FIB as one daemon owns it: the routes (and nexthop objects) the daemon wants,
// programmed over rtnetlink in batches with asynchronous acks, reconciled against what the
// kernel holds for the daemon's protocol, and removed on clean shutdown unless retained.
// Runs on the daemon's io_context; every method is called from that loop.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>

#include "libcfn/netlink/rtnl_types.hpp"

namespace cfn::fib {

struct FibOptions {
  std::uint8_t protocol = netlink::kProtoCfnBgp;
  std::uint32_t table = netlink::kMainTable;
  bool retain = false;  // -r: leave routes in the kernel on shutdown
};

enum class RouteState : std::uint8_t {
  kPending,    // queued or sent, no ack yet
  kInstalled,  // acked by the kernel
  kFailed,     // the kernel refused it (error holds the errno)
};

struct RouteStatus {
  netlink::Route route;  // as wanted (protocol and table filled in from FibOptions)
  RouteState state = RouteState::kPending;
  int error = 0;                                // positive errno when kFailed
  std::chrono::steady_clock::time_point since;  // when it was last (re)programmed
  bool queued = false;  // kPending and not sent yet (the Fib's queue holds its set)
};

struct NexthopStatus {
  netlink::NexthopObject nexthop;  // as wanted (protocol filled in from FibOptions)
  RouteState state = RouteState::kPending;
  int error = 0;  // positive errno when kFailed
  std::chrono::steady_clock::time_point since;
};

struct FibStats {
  std::uint64_t requests_sent = 0;
  std::uint64_t acks = 0;  // requests the kernel accepted (one ack completes many)
  std::uint64_t errors = 0;
  std::uint64_t resyncs = 0;  // dumps after ENOBUFS or a lost ack
};

class Fib {
 public:
  Fib(boost::asio::io_context& io, FibOptions options);
  ~Fib();
  Fib(const Fib&) = delete;
  Fib& operator=(const Fib&) = delete;

  // Opens the rtnetlink socket (large buffers). False with `error` if it cannot.
  bool open(std::string& error);

  // Desired state. Changes are queued and sent in batches (one write carries many requests);
  // a route that exists is replaced in place (NLM_F_REPLACE), never deleted first.
  void set_route(netlink::Route route);
  void remove_route(const net::Prefix& prefix);
  void set_nexthop(netlink::NexthopObject nexthop);  // object or group, e.g. resilient
  void remove_nexthop(std::uint32_t id);

  // Reads what the kernel holds for our protocol in our table, removes what is not wanted,
  // adds or replaces what is wanted, touches nothing else; calls `done` when all acks are in.
  void reconcile(std::function<void()> done);
  // Sends whatever is queued now (otherwise sent at the end of the current loop turn).
  void flush();
  // Clean shutdown: removes our routes and nexthops unless retain; blocks until acked.
  void shutdown();

  // Called for each request the kernel refused: the route (or nexthop id) and the errno.
  void on_route_error(std::function<void(const netlink::Route&, int error)> handler);
  // Likewise for nexthop objects and groups.
  void on_nexthop_error(std::function<void(const netlink::NexthopObject&, int error)> handler);

  const std::map<net::Prefix, RouteStatus>& routes() const;
  const std::map<std::uint32_t, NexthopStatus>& nexthops() const;
  const FibStats& stats() const;
  // True when nothing is queued or waiting for an ack.
  bool idle() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cfn::fib
