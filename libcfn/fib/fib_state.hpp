// FibState: the pure core of the FIB (no socket): desired routes and nexthop objects with
// their status, the queue of changes still to send, the requests in flight by sequence
// number, and the reconcile diff of a kernel dump against the desired state.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "libcfn/fib/fib.hpp"
#include "libcfn/fib/fib_request.hpp"

namespace cfn::fib {

// A request the kernel refused, with the positive errno.
struct Refusal {
  Request request;
  int error = 0;
};

class FibState {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit FibState(FibOptions options) : options_(options) {}
  FibState(const FibState&) = delete;  // holds iterators into its own maps
  FibState& operator=(const FibState&) = delete;

  // Desired state. Protocol and table come from the options. Setting what is already
  // installed queues nothing; a route whose metric changes also queues the old one's delete.
  void set_route(const netlink::Route& route, TimePoint now);
  void remove_route(const net::Prefix& prefix);
  void set_nexthop(netlink::NexthopObject nexthop, TimePoint now);
  void remove_nexthop(std::uint32_t id);
  // Queues the delete of everything wanted (clean shutdown).
  void remove_all();

  // Up to `limit` queued changes, in Request::Kind order (nexthop objects before groups,
  // groups deleted before their members); the rest stay queued.
  std::vector<Request> take_queued(std::size_t limit);
  // The same, each handed to `send` as taken (valid during the call only: a route set is
  // built in one reused Request, no allocation per route).
  void take_queued(std::size_t limit, const std::function<void(const Request&)>& send);
  std::size_t queued() const;

  // `request` went to the kernel under `seq` (sequence numbers increase in send order).
  // Only its kind and key are kept in flight; a refusal is reported from the stored route.
  void sent(std::uint32_t seq, const Request& request);
  // The kernel answered `seq` with 0 or a positive errno. It processes requests in order and
  // answers every refusal, acked or not, so every request sent before `seq` and still in
  // flight was accepted. Settles each of them and `seq` (a route or nexthop only by its
  // latest request); the refusal, if the kernel refused `seq`. An unknown seq is ignored.
  std::optional<Refusal> complete(std::uint32_t seq, int error);
  // The answers to what is in flight are lost (ENOBUFS, ack timeout); a reconcile follows.
  void forget_in_flight();
  std::size_t in_flight() const { return in_flight_.size(); }
  bool idle() const { return queued() == 0 && in_flight_.empty(); }

  // Replaces the queue by what brings the kernel (a dump: routes and nexthop objects of
  // every protocol) to the desired state: ours that are unwanted are deleted, wanted ones
  // that differ are set, identical ones are marked installed, other protocols are untouched.
  void reconcile(const std::vector<netlink::Route>& kernel_routes,
                 const std::vector<netlink::NexthopObject>& kernel_nexthops);

  const std::map<net::Prefix, RouteStatus>& routes() const { return routes_; }
  const std::map<std::uint32_t, NexthopStatus>& nexthops() const { return nexthops_; }

 private:
  using RouteKey = std::pair<net::Prefix, std::uint32_t>;  // prefix, metric

  bool ours(const netlink::Route& route) const;
  void queue_route_delete(const net::Prefix& prefix, std::uint32_t metric);
  void queue_route_set(const net::Prefix& prefix, RouteStatus& status);
  void clear_queue();

  // A request in flight: its kind and key (prefix and metric, or nexthop id), no payload.
  struct InFlight {
    std::uint32_t seq = 0;
    std::uint32_t generation = 0;  // kSetRoute: see RouteStatus::generation
    std::uint32_t key = 0;         // routes: the metric; nexthops: the id
    Request::Kind kind = Request::Kind::kSetRoute;
    net::Prefix prefix;
  };
  void settle(const InFlight& request, int error);
  Request request_of(const InFlight& request) const;

  using RouteIt = std::map<net::Prefix, RouteStatus>::iterator;
  // Routes are set, sent and answered in the same order (one after another in a table dump
  // or a feed): each step first tries the neighbour of the route it handled last (O(1)) and
  // searches the map only when that is not it. Hints are cleared before their route is erased.
  RouteIt find_near(RouteIt& hint, const net::Prefix& prefix);
  void erase_route(RouteIt it);

  FibOptions options_;
  std::map<net::Prefix, RouteStatus> routes_;
  RouteIt set_hint_ = routes_.end();     // last route set
  RouteIt take_hint_ = routes_.end();    // last route set taken for sending
  RouteIt settle_hint_ = routes_.end();  // last route settled
  RouteIt remove_hint_ = routes_.end();  // successor of the last route removed
  std::map<std::uint32_t, NexthopStatus> nexthops_;
  // Queued sets: routes_ entries with `queued`, in the order queued; a prefix removed or
  // already taken is skipped (a compact queue: 1M routes may be queued at once).
  std::deque<net::Prefix> route_sets_;
  std::size_t route_sets_queued_ = 0;              // entries with `queued`
  std::set<RouteKey> route_deletes_;               // queued: routes of ours to delete
  std::set<std::uint32_t> nexthop_sets_;           // queued: nexthops_ entries to send
  std::map<std::uint32_t, bool> nexthop_deletes_;  // queued: id -> is a group
  std::deque<InFlight> in_flight_;                 // in send order
  std::uint32_t generation_ = 0;                   // last given to a route set taken
  std::map<std::uint32_t, std::uint32_t> nexthop_seq_;
};

}  // namespace cfn::fib
