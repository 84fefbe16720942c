// Fib: FibState driven over an RtnlSocket on the daemon's loop: batches flushed at the end
// of the loop turn (or when large) within a window of requests in flight, refusals logged
// and reported per route, reconcile and resynchronization by dump, clean shutdown.
#include "libcfn/fib/fib.hpp"

#include <linux/rtnetlink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstring>
#include <vector>

#include "libcfn/fib/fib_state.hpp"
#include "libcfn/fib/rtnl_socket.hpp"

namespace cfn::fib {

namespace {

// Requests in flight at most: were every one refused, the errors would still fit the rcvbuf.
constexpr std::size_t kWindow = 32768;
constexpr std::size_t kBatchFlush = 4096;  // queued changes that are sent without waiting
constexpr auto kShutdownTimeout = std::chrono::seconds(10);
using Clock = std::chrono::steady_clock;

}  // namespace

struct Fib::Impl {
  Impl(boost::asio::io_context& io_context, FibOptions fib_options)
      : io(io_context), options(fib_options), socket(io_context), state(fib_options) {}

  void changed();
  void flush();
  void send(const Request& request);
  void answered(std::uint32_t seq, int error);
  void report(const Refusal& refusal) const;
  void start_dump();
  void dump_finished(int error, bool routes, bool last);
  void check_reconciled();

  boost::asio::io_context& io;
  FibOptions options;
  RtnlSocket socket;
  FibState state;
  FibStats stats;
  std::shared_ptr<int> alive = std::make_shared<int>(0);  // posted flushes check it
  bool flush_posted = false;
  bool draining = false;  // in socket.receive_ready() from flush()
  // The time routes are stamped with (RouteStatus::since, in seconds): read once per batch,
  // not per route (a million clock reads cost more than the rest of set_route).
  Clock::time_point batch_time() {
    if (!batch_time_valid) {
      batch_time_now = Clock::now();
      batch_time_valid = true;
    }
    return batch_time_now;
  }
  Clock::time_point batch_time_now;
  bool batch_time_valid = false;
  bool reconciling = false;  // dumps running; the plan that follows covers the queue
  bool retry_dump = false;   // a route dump was interrupted: dump again
  bool closed = false;       // after shutdown()
  std::vector<netlink::Route> dumped_routes;
  std::vector<netlink::NexthopObject> dumped_nexthops;
  std::vector<std::function<void()>> reconcile_done;
  std::function<void(const netlink::Route&, int)> on_route_error;
  std::function<void(const netlink::NexthopObject&, int)> on_nexthop_error;
};

void Fib::Impl::changed() {
  if (state.queued() >= kBatchFlush) return flush();
  if (flush_posted) return;
  flush_posted = true;
  boost::asio::post(io, [this, guard = std::weak_ptr<int>(alive)] {
    if (guard.expired()) return;
    flush_posted = false;
    flush();
  });
}

void Fib::Impl::flush() {
  batch_time_valid = false;
  if (closed || reconciling || !socket.is_open()) return;
  // Answers already waiting free the window and settle their routes while those are still in
  // the CPU's cache (not re-entered: an answer may flush again).
  if (!draining) {
    draining = true;
    socket.receive_ready();
    draining = false;
    if (closed || reconciling || !socket.is_open()) return;
  }
  const std::size_t room = kWindow > state.in_flight() ? kWindow - state.in_flight() : 0;
  if (room != 0) state.take_queued(room, [this](const Request& request) { send(request); });
  socket.flush();
}

void Fib::Impl::send(const Request& request) {
  const std::uint32_t seq = socket.request(
      [&](netlink::Buffer& out, std::uint32_t s) { encode_request(out, request, s); });
  state.sent(seq, request);
  ++stats.requests_sent;
}

// One answer completes every request sent up to `seq` (see FibState::complete).
void Fib::Impl::answered(std::uint32_t seq, int error) {
  const std::size_t before = state.in_flight();
  auto refusal = state.complete(seq, error);
  const std::size_t done = before - state.in_flight();
  if (refusal) {
    ++stats.errors;
    report(*refusal);
  }
  stats.acks += done - (refusal ? 1 : 0);
  if (state.queued() != 0 && state.in_flight() <= kWindow / 2) flush();
  check_reconciled();
}

void Fib::Impl::report(const Refusal& refusal) const {
  spdlog::error("fib: {}: {}", request_subject(refusal.request), std::strerror(refusal.error));
  if (refusal.request.is_route()) {
    if (on_route_error) on_route_error(refusal.request.route, refusal.error);
  } else if (on_nexthop_error) {
    on_nexthop_error(refusal.request.nexthop, refusal.error);
  }
}

// Nexthop objects first, then IPv4 and IPv6 routes; the plan is made when the last ends.
void Fib::Impl::start_dump() {
  if (closed || reconciling || !socket.is_open()) return;
  reconciling = true;
  retry_dump = false;
  dumped_routes.clear();
  dumped_nexthops.clear();
  socket.dump(
      RTM_GETNEXTHOP, AF_UNSPEC,
      [this](const netlink::MessageView& message) {
        if (auto nexthop = netlink::decode_nexthop(message))
          dumped_nexthops.push_back(std::move(*nexthop.value));
      },
      [this](int error) { dump_finished(error, false, false); });
  for (std::uint8_t family : {AF_INET, AF_INET6}) {
    socket.dump(
        RTM_GETROUTE, family,
        [this](const netlink::MessageView& message) {
          if (auto route = netlink::decode_route(message))
            dumped_routes.push_back(std::move(*route.value));
        },
        [this, last = family == AF_INET6](int error) { dump_finished(error, true, last); });
  }
}

// A failed nexthop dump (a kernel without nexthop objects) leaves none to reconcile; a
// failed or inconsistent route dump is repeated, since deleting from it could be wrong.
void Fib::Impl::dump_finished(int error, bool routes, bool last) {
  if (error != 0) {
    spdlog::warn("fib: {} dump: {}", routes ? "route" : "nexthop", std::strerror(error));
    if (routes) retry_dump = true;
  }
  if (!last) return;
  reconciling = false;
  if (retry_dump) return start_dump();
  state.reconcile(dumped_routes, dumped_nexthops);
  dumped_routes = {};
  dumped_nexthops = {};
  flush();
  check_reconciled();
}

void Fib::Impl::check_reconciled() {
  if (reconciling || !state.idle() || reconcile_done.empty()) return;
  std::vector<std::function<void()>> done = std::move(reconcile_done);
  reconcile_done.clear();
  for (auto& callback : done) callback();
}

Fib::Fib(boost::asio::io_context& io, FibOptions options)
    : impl_(std::make_unique<Impl>(io, options)) {}

Fib::~Fib() = default;

bool Fib::open(std::string& error) {
  if (!impl_->socket.open(error)) return false;
  impl_->socket.on_answer([this](std::uint32_t seq, int error) { impl_->answered(seq, error); });
  impl_->socket.on_lost([this](int) {
    ++impl_->stats.resyncs;
    impl_->state.forget_in_flight();
    impl_->reconciling = false;
    impl_->start_dump();
  });
  if (impl_->state.queued() != 0) impl_->changed();
  return true;
}

void Fib::set_route(const netlink::Route& route) {
  impl_->state.set_route(route, impl_->batch_time());
  impl_->changed();
}

void Fib::remove_route(const net::Prefix& prefix) {
  impl_->state.remove_route(prefix);
  impl_->changed();
}

void Fib::set_nexthop(netlink::NexthopObject nexthop) {
  impl_->state.set_nexthop(std::move(nexthop), Clock::now());
  impl_->changed();
}

void Fib::remove_nexthop(std::uint32_t id) {
  impl_->state.remove_nexthop(id);
  impl_->changed();
}

void Fib::reconcile(std::function<void()> done) {
  if (done) impl_->reconcile_done.push_back(std::move(done));
  impl_->start_dump();
}

void Fib::flush() {
  impl_->flush();
}

void Fib::shutdown() {
  Impl& fib = *impl_;
  if (fib.closed) return;
  if (!fib.options.retain && fib.socket.is_open()) {
    const auto deadline = Clock::now() + kShutdownTimeout;
    while (fib.reconciling && fib.socket.receive_blocking(deadline)) {
    }
    fib.state.remove_all();
    fib.flush();
    while (!fib.state.idle() && fib.socket.receive_blocking(deadline)) {
    }
  }
  fib.closed = true;
}

void Fib::on_route_error(std::function<void(const netlink::Route&, int error)> handler) {
  impl_->on_route_error = std::move(handler);
}

void Fib::on_nexthop_error(std::function<void(const netlink::NexthopObject&, int error)> handler) {
  impl_->on_nexthop_error = std::move(handler);
}

const std::map<net::Prefix, RouteStatus>& Fib::routes() const {
  return impl_->state.routes();
}

const std::map<std::uint32_t, NexthopStatus>& Fib::nexthops() const {
  return impl_->state.nexthops();
}

const FibStats& Fib::stats() const {
  return impl_->stats;
}

bool Fib::idle() const {
  return !impl_->reconciling && impl_->state.idle();
}

}  // namespace cfn::fib
