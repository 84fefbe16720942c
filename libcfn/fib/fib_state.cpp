// FibState: desired state, change queue, in-flight attribution and the reconcile diff.
#include "libcfn/fib/fib_state.hpp"

#include "libcfn/fib/write_queue.hpp"

namespace cfn::fib {

namespace {

bool is_group(const netlink::NexthopObject& nexthop) {
  return !nexthop.group.empty();
}

// The kernel reports a route on a nexthop object with the object's paths expanded next to
// RTA_NH_ID; only the id is ours to compare.
netlink::Route comparable(netlink::Route route) {
  if (route.nexthop_id != 0) route.nexthops.clear();
  return route;
}

}  // namespace

bool FibState::ours(const netlink::Route& route) const {
  return route.protocol == options_.protocol && route.table == options_.table;
}

void FibState::set_route(netlink::Route route, TimePoint now) {
  route.protocol = options_.protocol;
  route.table = options_.table;
  auto [it, added] = routes_.try_emplace(route.prefix);
  RouteStatus& status = it->second;
  if (!added) {
    if (status.route == route && status.state == RouteState::kInstalled) return;
    if (status.route.metric != route.metric) queue_route_delete(status.route);
  }
  if (!route_deletes_.empty()) route_deletes_.erase({route.prefix, route.metric});
  status.route = std::move(route);
  status.state = RouteState::kPending;
  status.error = 0;
  status.since = now;
  queue_route_set(it->first, status);
}

void FibState::queue_route_set(const net::Prefix& prefix, RouteStatus& status) {
  if (status.queued) return;
  status.queued = true;
  ++route_sets_queued_;
  route_sets_.push_back(prefix);
}

void FibState::remove_route(const net::Prefix& prefix) {
  auto it = routes_.find(prefix);
  if (it == routes_.end()) return;
  queue_route_delete(it->second.route);
  if (it->second.queued) --route_sets_queued_;
  routes_.erase(it);
}

void FibState::queue_route_delete(const netlink::Route& route) {
  route_deletes_.insert({route.prefix, route.metric});
}

void FibState::set_nexthop(netlink::NexthopObject nexthop, TimePoint now) {
  nexthop.protocol = options_.protocol;
  const std::uint32_t id = nexthop.id;
  auto it = nexthops_.find(id);
  if (it != nexthops_.end() && it->second.nexthop == nexthop &&
      it->second.state == RouteState::kInstalled)
    return;
  nexthop_deletes_.erase(id);
  nexthops_.insert_or_assign(
      id,
      NexthopStatus{
          .nexthop = std::move(nexthop), .state = RouteState::kPending, .error = 0, .since = now});
  nexthop_sets_.insert(id);
}

void FibState::remove_nexthop(std::uint32_t id) {
  auto it = nexthops_.find(id);
  if (it == nexthops_.end()) return;
  nexthop_deletes_.insert_or_assign(id, is_group(it->second.nexthop));
  nexthop_sets_.erase(id);
  nexthops_.erase(it);
}

void FibState::remove_all() {
  while (!routes_.empty()) remove_route(routes_.begin()->first);
  while (!nexthops_.empty()) remove_nexthop(nexthops_.begin()->first);
}

std::size_t FibState::queued() const {
  return route_sets_queued_ + route_deletes_.size() + nexthop_sets_.size() +
         nexthop_deletes_.size();
}

std::vector<Request> FibState::take_queued(std::size_t limit) {
  std::vector<Request> out;
  auto room = [&] { return out.size() < limit; };
  // Members before groups, so that a group never names an object the kernel lacks.
  for (bool groups : {false, true}) {
    for (auto it = nexthop_sets_.begin(); it != nexthop_sets_.end() && room();) {
      const netlink::NexthopObject& nexthop = nexthops_.at(*it).nexthop;
      if (is_group(nexthop) != groups) {
        ++it;
        continue;
      }
      out.push_back(Request::set_nexthop(nexthop));
      it = nexthop_sets_.erase(it);
    }
  }
  while (!route_sets_.empty() && room()) {
    auto it = routes_.find(route_sets_.front());
    route_sets_.pop_front();
    if (it == routes_.end() || !it->second.queued) continue;
    it->second.queued = false;
    --route_sets_queued_;
    out.push_back(Request::set_route(it->second.route));
  }
  if (route_sets_queued_ == 0) route_sets_ = {};  // give back what a large queue took
  for (auto it = route_deletes_.begin(); it != route_deletes_.end() && room();) {
    netlink::Route key;
    key.prefix = it->first;
    key.table = options_.table;
    key.protocol = options_.protocol;
    key.metric = it->second;
    out.push_back(Request::delete_route(key));
    it = route_deletes_.erase(it);
  }
  // Groups before their members: the kernel refuses to delete a member still in a group.
  for (bool groups : {true, false}) {
    for (auto it = nexthop_deletes_.begin(); it != nexthop_deletes_.end() && room();) {
      if (it->second != groups) {
        ++it;
        continue;
      }
      out.push_back(Request::delete_nexthop(it->first));
      it = nexthop_deletes_.erase(it);
    }
  }
  return out;
}

void FibState::sent(std::uint32_t seq, Request request) {
  if (request.kind == Request::Kind::kSetRoute) route_seq_[request.route.prefix] = seq;
  if (request.kind == Request::Kind::kSetNexthop) nexthop_seq_[request.nexthop.id] = seq;
  in_flight_.push_back(InFlight{.seq = seq, .request = std::move(request)});
}

namespace {

// Settles `status` when `seq` is the latest request for its key and no newer change waits.
template <typename Key, typename Status, typename Queued>
void settle_latest(std::map<Key, Status>& statuses, std::map<Key, std::uint32_t>& latest,
                   const Queued& queued, const Key& key, std::uint32_t seq, int error) {
  auto last = latest.find(key);
  if (last == latest.end() || last->second != seq) return;
  latest.erase(last);
  auto it = statuses.find(key);
  if (it == statuses.end() || queued(it->second)) return;
  it->second.state = error == 0 ? RouteState::kInstalled : RouteState::kFailed;
  it->second.error = error;
}

}  // namespace

void FibState::settle(const Request& request, std::uint32_t seq, int error) {
  if (request.kind == Request::Kind::kSetRoute)
    settle_latest(
        routes_, route_seq_, [](const RouteStatus& status) { return status.queued; },
        request.route.prefix, seq, error);
  if (request.kind == Request::Kind::kSetNexthop)
    settle_latest(
        nexthops_, nexthop_seq_,
        [&](const NexthopStatus& status) { return nexthop_sets_.contains(status.nexthop.id); },
        request.nexthop.id, seq, error);
}

std::optional<Refusal> FibState::complete(std::uint32_t seq, int error) {
  if (in_flight_.empty() || seq_before(seq, in_flight_.front().seq) ||
      seq_before(in_flight_.back().seq, seq))
    return std::nullopt;
  // Everything sent before `seq` was accepted (a refusal would have been answered first).
  while (!in_flight_.empty() && seq_before(in_flight_.front().seq, seq)) {
    settle(in_flight_.front().request, in_flight_.front().seq, 0);
    in_flight_.pop_front();
  }
  if (in_flight_.empty() || in_flight_.front().seq != seq) return std::nullopt;
  Request request = std::move(in_flight_.front().request);
  in_flight_.pop_front();
  if (is_absent_error(request, error)) error = 0;
  settle(request, seq, error);
  if (error == 0) return std::nullopt;
  return Refusal{.request = std::move(request), .error = error};
}

void FibState::forget_in_flight() {
  in_flight_.clear();
  route_seq_.clear();
  nexthop_seq_.clear();
}

void FibState::clear_queue() {
  route_sets_ = {};
  route_sets_queued_ = 0;
  for (auto& [prefix, status] : routes_) status.queued = false;
  route_deletes_.clear();
  nexthop_sets_.clear();
  nexthop_deletes_.clear();
}

void FibState::reconcile(const std::vector<netlink::Route>& kernel_routes,
                         const std::vector<netlink::NexthopObject>& kernel_nexthops) {
  clear_queue();
  std::map<RouteKey, const netlink::Route*> held;  // ours in the kernel
  for (const netlink::Route& route : kernel_routes)
    if (ours(route)) held.emplace(RouteKey{route.prefix, route.metric}, &route);
  for (const auto& [key, route] : held) {
    auto wanted = routes_.find(key.first);
    if (wanted == routes_.end() || wanted->second.route.metric != key.second)
      route_deletes_.insert(key);
  }
  for (auto& [prefix, status] : routes_) {
    auto kernel = held.find({prefix, status.route.metric});
    if (kernel != held.end() && comparable(*kernel->second) == comparable(status.route)) {
      status.state = RouteState::kInstalled;
      status.error = 0;
    } else {
      queue_route_set(prefix, status);
    }
  }

  std::map<std::uint32_t, const netlink::NexthopObject*> held_nexthops;
  for (const netlink::NexthopObject& nexthop : kernel_nexthops)
    if (nexthop.protocol == options_.protocol) held_nexthops.emplace(nexthop.id, &nexthop);
  for (const auto& [id, nexthop] : held_nexthops)
    if (!nexthops_.contains(id)) nexthop_deletes_.emplace(id, is_group(*nexthop));
  for (auto& [id, status] : nexthops_) {
    auto kernel = held_nexthops.find(id);
    if (kernel != held_nexthops.end() && *kernel->second == status.nexthop) {
      status.state = RouteState::kInstalled;
      status.error = 0;
    } else {
      nexthop_sets_.insert(id);
    }
  }
}

}  // namespace cfn::fib
