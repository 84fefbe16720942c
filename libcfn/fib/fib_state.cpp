// FibState: desired state, change queue, in-flight attribution and the reconcile diff.
#include "libcfn/fib/fib_state.hpp"

#include "libcfn/fib/write_queue.hpp"

#include <algorithm>
#include <cerrno>

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

PathList& PathList::operator=(const PathList& other) {
  if (this == &other) return *this;
  many_ = other.many_ ? std::make_unique<std::vector<netlink::NextHop>>(*other.many_) : nullptr;
  one_ = other.one_;
  has_one_ = other.has_one_;
  return *this;
}

void PathList::assign(const std::vector<netlink::NextHop>& nexthops) {
  has_one_ = nexthops.size() == 1;
  one_ = has_one_ ? nexthops.front() : netlink::NextHop{};
  if (nexthops.size() > 1) {
    if (many_) {
      *many_ = nexthops;
    } else {
      many_ = std::make_unique<std::vector<netlink::NextHop>>(nexthops);
    }
  } else {
    many_.reset();
  }
}

std::span<const netlink::NextHop> PathList::view() const {
  if (many_) return *many_;
  if (has_one_) return {&one_, 1};
  return {};
}

bool PathList::operator==(const std::vector<netlink::NextHop>& nexthops) const {
  const auto mine = view();
  return std::equal(mine.begin(), mine.end(), nexthops.begin(), nexthops.end());
}

RouteStatus RouteStatus::from(const netlink::Route& route, RouteState state, int error,
                              TimePoint since) {
  RouteStatus status;
  status.nexthops.assign(route.nexthops);
  status.metric = route.metric;
  status.nexthop_id = route.nexthop_id;
  status.set_since(since);
  status.error = static_cast<std::int16_t>(error);
  status.state = state;
  status.protocol = route.protocol;
  status.type = route.type;
  status.scope = route.scope;
  return status;
}

netlink::Route RouteStatus::route(const net::Prefix& prefix, std::uint32_t table) const {
  const auto paths = nexthops.view();
  return netlink::Route{.prefix = prefix,
                        .table = table,
                        .protocol = protocol,
                        .metric = metric,
                        .type = type,
                        .scope = scope,
                        .nexthops = {paths.begin(), paths.end()},
                        .nexthop_id = nexthop_id};
}

void RouteStatus::set_since(TimePoint now) {
  since_s = static_cast<std::uint32_t>(
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

bool RouteStatus::same_as(const netlink::Route& route) const {
  return metric == route.metric && nexthop_id == route.nexthop_id && type == route.type &&
         scope == route.scope && nexthops == route.nexthops;
}

FibState::RouteIt FibState::find_near(RouteIt& hint, const net::Prefix& prefix) {
  if (hint != routes_.end()) {
    if (hint->first == prefix) return hint;
    if (auto next = std::next(hint); next != routes_.end() && next->first == prefix)
      return hint = next;
  }
  auto it = routes_.find(prefix);
  if (it != routes_.end()) hint = it;
  return it;
}

void FibState::erase_route(RouteIt it) {
  for (RouteIt* hint : {&set_hint_, &take_hint_, &settle_hint_, &remove_hint_})
    if (*hint == it) *hint = routes_.end();
  routes_.erase(it);
}

bool FibState::ours(const netlink::Route& route) const {
  return route.protocol == options_.protocol && route.table == options_.table;
}

void FibState::set_route(const netlink::Route& route, TimePoint now) {
  // A sorted feed's next route goes after the last one (end() is an O(1) hint then), or is
  // the successor of the route set last.
  const bool last = routes_.empty() || routes_.rbegin()->first < route.prefix;
  const std::size_t before = routes_.size();
  auto it = routes_.try_emplace(
      last || set_hint_ == routes_.end() ? routes_.end() : std::next(set_hint_), route.prefix);
  set_hint_ = it;
  const bool added = routes_.size() != before;
  RouteStatus& status = it->second;
  if (!added) {
    if (status.state == RouteState::kInstalled && status.same_as(route)) return;
    if (status.metric != route.metric) queue_route_delete(route.prefix, status.metric);
  }
  if (!route_deletes_.empty()) route_deletes_.erase({route.prefix, route.metric});
  status.nexthops.assign(route.nexthops);
  status.metric = route.metric;
  status.nexthop_id = route.nexthop_id;
  status.protocol = options_.protocol;
  status.type = route.type;
  status.scope = route.scope;
  status.state = RouteState::kPending;
  status.error = 0;
  status.set_since(now);
  queue_route_set(it->first, status);
}

void FibState::queue_route_set(const net::Prefix& prefix, RouteStatus& status) {
  if (status.queued) return;
  status.queued = true;
  ++route_sets_queued_;
  route_sets_.push_back(prefix);
}

void FibState::remove_route(const net::Prefix& prefix) {
  auto it = find_near(remove_hint_, prefix);
  if (it == routes_.end()) return;
  queue_route_delete(prefix, it->second.metric);
  if (it->second.queued) --route_sets_queued_;
  remove_hint_ = std::next(it);  // where a sorted removal goes on
  erase_route(it);
}

void FibState::queue_route_delete(const net::Prefix& prefix, std::uint32_t metric) {
  route_deletes_.emplace_hint(route_deletes_.end(), prefix, metric);  // O(1) when ascending
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
  take_queued(limit, [&](const Request& request) { out.push_back(request); });
  return out;
}

void FibState::take_queued(std::size_t limit, const std::function<void(const Request&)>& send) {
  std::size_t taken = 0;
  auto room = [&] { return taken < limit; };
  auto out_push = [&](const Request& request) {
    ++taken;
    send(request);
  };
  Request set = Request::set_route({});  // reused: its next hop vector keeps its capacity
  set.route.table = options_.table;
  // Members before groups, so that a group never names an object the kernel lacks.
  for (bool groups : {false, true}) {
    for (auto it = nexthop_sets_.begin(); it != nexthop_sets_.end() && room();) {
      const netlink::NexthopObject& nexthop = nexthops_.at(*it).nexthop;
      if (is_group(nexthop) != groups) {
        ++it;
        continue;
      }
      out_push(Request::set_nexthop(nexthop));
      it = nexthop_sets_.erase(it);
    }
  }
  while (!route_sets_.empty() && room()) {
    auto it = find_near(take_hint_, route_sets_.front());
    route_sets_.pop_front();
    if (it == routes_.end() || !it->second.queued) continue;
    it->second.queued = false;
    --route_sets_queued_;
    // A generation unique across routes: a route removed and added again while its older
    // set is in flight must not be settled by that older answer.
    const RouteStatus& status = it->second;
    if (++generation_ == 0) ++generation_;  // 0 stands for "none taken"
    it->second.generation = generation_;
    const auto paths = status.nexthops.view();
    set.generation = status.generation;
    set.route.prefix = it->first;
    set.route.protocol = status.protocol;
    set.route.metric = status.metric;
    set.route.type = status.type;
    set.route.scope = status.scope;
    set.route.nexthops.assign(paths.begin(), paths.end());
    set.route.nexthop_id = status.nexthop_id;
    out_push(set);
  }
  if (route_sets_queued_ == 0) route_sets_ = {};  // give back what a large queue took
  for (auto it = route_deletes_.begin(); it != route_deletes_.end() && room();) {
    netlink::Route key;
    key.prefix = it->first;
    key.table = options_.table;
    key.protocol = options_.protocol;
    key.metric = it->second;
    out_push(Request::delete_route(key));
    it = route_deletes_.erase(it);
  }
  // Groups before their members: the kernel refuses to delete a member still in a group.
  for (bool groups : {true, false}) {
    for (auto it = nexthop_deletes_.begin(); it != nexthop_deletes_.end() && room();) {
      if (it->second != groups) {
        ++it;
        continue;
      }
      out_push(Request::delete_nexthop(it->first));
      it = nexthop_deletes_.erase(it);
    }
  }
}

void FibState::sent(std::uint32_t seq, const Request& request) {
  InFlight entry{.seq = seq,
                 .generation = request.generation,
                 .key = request.is_route() ? request.route.metric : request.nexthop.id,
                 .kind = request.kind,
                 .prefix = request.route.prefix};
  if (request.kind == Request::Kind::kSetNexthop) nexthop_seq_[request.nexthop.id] = seq;
  in_flight_.push_back(entry);
}

// The request as sent, for a refusal: a set from what is stored now (its key if it is gone).
Request FibState::request_of(const InFlight& request) const {
  netlink::Route key;
  key.prefix = request.prefix;
  key.table = options_.table;
  key.protocol = options_.protocol;
  key.metric = request.key;
  switch (request.kind) {
    case Request::Kind::kSetRoute: {
      auto it = routes_.find(request.prefix);
      if (it != routes_.end() && it->second.metric == request.key)
        return Request::set_route(it->second.route(request.prefix, options_.table));
      return Request::set_route(std::move(key));
    }
    case Request::Kind::kDeleteRoute:
      return Request::delete_route(key);
    case Request::Kind::kSetNexthop: {
      auto it = nexthops_.find(request.key);
      if (it != nexthops_.end()) return Request::set_nexthop(it->second.nexthop);
      netlink::NexthopObject nexthop;
      nexthop.id = request.key;
      nexthop.protocol = options_.protocol;
      return Request::set_nexthop(std::move(nexthop));
    }
    case Request::Kind::kDeleteNexthop:
      return Request::delete_nexthop(request.key);
  }
  return {};
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

// A route settles only by its latest set: the generation taken with the request must still
// be the route's (requests complete in send order, so a newer set is still in flight).
void FibState::settle(const InFlight& request, int error) {
  if (request.kind == Request::Kind::kSetRoute) {
    auto it = find_near(settle_hint_, request.prefix);
    if (it == routes_.end() || it->second.queued || it->second.generation != request.generation)
      return;
    it->second.state = error == 0 ? RouteState::kInstalled : RouteState::kFailed;
    it->second.error = static_cast<std::int16_t>(error);
  }
  if (request.kind == Request::Kind::kSetNexthop)
    settle_latest(
        nexthops_, nexthop_seq_,
        [&](const NexthopStatus& status) { return nexthop_sets_.contains(status.nexthop.id); },
        request.key, request.seq, error);
}

std::optional<Refusal> FibState::complete(std::uint32_t seq, int error) {
  if (in_flight_.empty() || seq_before(seq, in_flight_.front().seq) ||
      seq_before(in_flight_.back().seq, seq))
    return std::nullopt;
  // Everything sent before `seq` was accepted (a refusal would have been answered first).
  while (!in_flight_.empty() && seq_before(in_flight_.front().seq, seq)) {
    settle(in_flight_.front(), 0);
    in_flight_.pop_front();
  }
  if (in_flight_.empty() || in_flight_.front().seq != seq) return std::nullopt;
  const InFlight request = in_flight_.front();
  in_flight_.pop_front();
  const bool is_delete =
      request.kind == Request::Kind::kDeleteRoute || request.kind == Request::Kind::kDeleteNexthop;
  if (is_delete && (error == ESRCH || error == ENOENT)) error = 0;  // see is_absent_error
  settle(request, error);
  if (error == 0) return std::nullopt;
  return Refusal{.request = request_of(request), .error = error};
}

void FibState::forget_in_flight() {
  in_flight_.clear();
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
    if (wanted == routes_.end() || wanted->second.metric != key.second) route_deletes_.insert(key);
  }
  for (auto& [prefix, status] : routes_) {
    auto kernel = held.find({prefix, status.metric});
    if (kernel != held.end() &&
        comparable(*kernel->second) == comparable(status.route(prefix, options_.table))) {
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
