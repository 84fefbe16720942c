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
#include <span>
#include <string>
#include <vector>

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

// The next hops of a stored route: the common single path inline, two or more on the heap
// (one allocation per multipath route, none per single-path route).
class PathList {
 public:
  PathList() = default;
  explicit PathList(const std::vector<netlink::NextHop>& nexthops) { assign(nexthops); }
  PathList(const PathList& other) { *this = other; }
  PathList(PathList&&) noexcept = default;
  PathList& operator=(const PathList& other);
  PathList& operator=(PathList&&) noexcept = default;

  void assign(const std::vector<netlink::NextHop>& nexthops);
  std::span<const netlink::NextHop> view() const;
  std::size_t size() const { return view().size(); }
  bool operator==(const std::vector<netlink::NextHop>& nexthops) const;

 private:
  std::unique_ptr<std::vector<netlink::NextHop>> many_;  // two or more paths
  netlink::NextHop one_;                                 // exactly one path
  bool has_one_ = false;
};

// One wanted route as the FIB stores it, keyed by prefix (about 64 bytes, next hop inline):
// the table comes from FibOptions; `route()` rebuilds the netlink::Route when one is needed.
struct RouteStatus {
  using TimePoint = std::chrono::steady_clock::time_point;

  PathList nexthops;
  std::uint32_t metric = 0;      // RTA_PRIORITY
  std::uint32_t nexthop_id = 0;  // non-zero: the route uses a nexthop object
  std::uint32_t since_s = 0;     // steady_clock seconds when it was last (re)programmed
  std::uint32_t generation = 0;  // of the latest set taken for sending (0: none)
  std::int16_t error = 0;        // positive errno when kFailed
  RouteState state = RouteState::kPending;
  bool queued = false;  // kPending and not sent yet (the Fib's queue holds its set)
  std::uint8_t protocol = 0;
  std::uint8_t type = 1;   // RTN_UNICAST
  std::uint8_t scope = 0;  // RT_SCOPE_UNIVERSE

  static RouteStatus from(const netlink::Route& route, RouteState state = RouteState::kPending,
                          int error = 0, TimePoint since = {});
  netlink::Route route(const net::Prefix& prefix, std::uint32_t table = netlink::kMainTable) const;
  TimePoint since() const { return TimePoint(std::chrono::seconds(since_s)); }
  void set_since(TimePoint now);
  // Same route apart from prefix, table and protocol (which the FIB fills in).
  bool same_as(const netlink::Route& route) const;
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
  void set_route(const netlink::Route& route);
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
  // Handlers (these and reconcile's `done`) may run inside set_route/remove_route/flush:
  // before each batch the FIB reads the answers already waiting.
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
