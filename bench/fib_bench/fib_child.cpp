// The daemon side of the benchmark: cfn::fib::Fib programming the same routes, run in its own
// process (exec'd, not just forked) so that its peak RSS is the Fib's and nothing else's.
// Prints one line per result on stdout for the parent to read.
#include "bench/fib_bench/fib_child.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "bench/fib_bench/raw_netlink.hpp"

#ifdef CFN_BENCH_HAVE_FIB
#include <boost/asio/io_context.hpp>

#include "libcfn/fib/fib.hpp"
#include "libcfn/net/address.hpp"
#include "libcfn/netlink/rtnl_types.hpp"
#endif

namespace cfn::bench {

bool fib_available() {
#ifdef CFN_BENCH_HAVE_FIB
  return true;
#else
  return false;
#endif
}

#ifndef CFN_BENCH_HAVE_FIB

int fib_child_main(const std::string&, std::uint32_t, std::uint32_t) {
  std::printf("error cfn_fib was not built (libcfn/fib pending)\n");
  return 3;
}

#else

namespace {

using Clock = std::chrono::steady_clock;

netlink::Route make_route(std::uint32_t i, const Shape& shape, std::uint32_t ifindex) {
  netlink::Route r;
  r.prefix = net::Prefix(net::IpAddress::from_v4(route_address(i)), 24);
  r.table = kTable;
  r.protocol = kProto;
  r.metric = kMetric;
  switch (shape.kind) {
    case Shape::Kind::kSingle:
      r.nexthops.push_back(netlink::NextHop{net::IpAddress::from_v4(shape.gateway), ifindex, 1});
      break;
    case Shape::Kind::kMultipath:
      for (std::size_t k = 0; k < shape.weights.size(); ++k)
        r.nexthops.push_back(
            netlink::NextHop{net::IpAddress::from_v4(kGatewayBase + static_cast<std::uint32_t>(k)),
                             ifindex, shape.weights[k]});
      break;
    case Shape::Kind::kGroup:
      r.nexthop_id = shape.nexthop_id;
      break;
  }
  return r;
}

class Runner {
 public:
  Runner(std::uint32_t ifindex) : ifindex_(ifindex), fib_(io_, options()) {}

  bool open() {
    std::string error;
    if (!fib_.open(error)) {
      std::printf("error Fib::open: %s\n", error.c_str());
      return false;
    }
    fib_.on_route_error([this](const netlink::Route&, int error) {
      if (errors_++ == 0) first_error_ = error;
    });
    fib_.on_nexthop_error([](const netlink::NexthopObject& nh, int error) {
      std::printf("error nexthop %u: %s\n", nh.id, std::strerror(error));
    });
    return true;
  }

  // flush, then run the loop until nothing is queued or waiting for an ack.
  bool settle(std::chrono::seconds limit = std::chrono::seconds(1800)) {
    fib_.flush();
    const auto deadline = Clock::now() + limit;
    while (!fib_.idle()) {
      if (io_.stopped()) io_.restart();
      io_.run_one_for(std::chrono::milliseconds(100));
      if (Clock::now() > deadline) return false;
    }
    return true;
  }

  void op(Op op, std::uint32_t count, const Shape& shape) {
    const std::uint64_t errors_before = errors_;
    const auto t0 = Clock::now();
    const CpuTimes cpu0 = cpu_times();
    netlink::Route route = make_route(0, shape, ifindex_);  // one object, as a RIB walk would
    for (std::uint32_t i = 0; i < count; ++i) {
      const net::Prefix prefix(net::IpAddress::from_v4(route_address(i)), 24);
      if (op == Op::kDelete) {
        fib_.remove_route(prefix);
      } else {
        route.prefix = prefix;
        fib_.set_route(route);
      }
    }
    const auto t1 = Clock::now();
    const bool settled = settle();
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    const CpuTimes cpu = cpu_times() - cpu0;
    const double queued = std::chrono::duration<double>(t1 - t0).count();
    // Not timed: what the kernel holds now.
    DumpResult d = dump_routes(op == Op::kDelete ? nullptr : &shape);
    std::printf("op %s %.6f %.6f %llu %llu %llu %d %s %.6f %.6f\n", op_name(op), seconds, queued,
                static_cast<unsigned long long>(d.ours),
                static_cast<unsigned long long>(d.matching),
                static_cast<unsigned long long>(errors_ - errors_before), first_error_,
                settled ? "settled" : "TIMEOUT", cpu.user, cpu.sys);
    std::fflush(stdout);
  }

  void nexthops(bool add) {
    if (add) {
      for (std::uint32_t k = 0; k < 4; ++k) {
        netlink::NexthopObject nh;
        nh.id = kNhObjectBase + k;
        nh.protocol = kProto;
        nh.family = net::Family::kV4;
        nh.gateway = net::IpAddress::from_v4(kGatewayBase + k);
        nh.ifindex = ifindex_;
        fib_.set_nexthop(nh);
      }
      settle();
      for (std::uint32_t g : {kGroupA, kGroupB}) {
        netlink::NexthopObject nh;
        nh.id = g;
        nh.protocol = kProto;
        for (std::uint32_t k = 0; k < 4; ++k)
          nh.group.push_back(netlink::GroupMember{
              kNhObjectBase + k, static_cast<std::uint16_t>(g == kGroupA ? k + 1 : 4 - k)});
        fib_.set_nexthop(nh);
      }
      settle();
    } else {
      fib_.remove_nexthop(kGroupA);
      fib_.remove_nexthop(kGroupB);
      settle();
      for (std::uint32_t k = 0; k < 4; ++k) fib_.remove_nexthop(kNhObjectBase + k);
      settle();
    }
  }

  void stats() {
    const auto& s = fib_.stats();
    std::printf("stats %llu %llu %llu %llu\n", static_cast<unsigned long long>(s.requests_sent),
                static_cast<unsigned long long>(s.acks), static_cast<unsigned long long>(s.errors),
                static_cast<unsigned long long>(s.resyncs));
  }

 private:
  static fib::FibOptions options() {
    fib::FibOptions o;
    o.protocol = kProto;
    o.table = kTable;
    o.retain = false;
    return o;
  }

  std::uint32_t ifindex_;
  boost::asio::io_context io_;
  fib::Fib fib_;
  std::uint64_t errors_ = 0;
  int first_error_ = 0;
};

}  // namespace

int fib_child_main(const std::string& scenario, std::uint32_t count, std::uint32_t ifindex) {
  std::printf("rss_base_kib %llu\n", static_cast<unsigned long long>(peak_rss_kib()));
  Runner runner(ifindex);
  if (!runner.open()) return 2;
  if (scenario == "single") {
    runner.op(Op::kInstall, count, single_shape(kGatewayBase));
    runner.op(Op::kReplace, count, single_shape(kGatewayBase + 1));
    runner.op(Op::kDelete, count, Shape{});
  } else if (scenario == "multipath") {
    runner.op(Op::kInstall, count, multipath_shape({1, 2, 3, 4}));
    runner.op(Op::kReplace, count, multipath_shape({4, 3, 2, 1}));
    runner.op(Op::kDelete, count, Shape{});
  } else if (scenario == "nhgroup") {
    runner.nexthops(true);
    runner.op(Op::kInstall, count, group_shape(kGroupA));
    runner.op(Op::kReplace, count, group_shape(kGroupB));
    runner.op(Op::kDelete, count, Shape{});
    runner.nexthops(false);
  } else {
    std::printf("error unknown scenario %s\n", scenario.c_str());
    return 2;
  }
  runner.stats();
  std::printf("rss_kib %llu\n", static_cast<unsigned long long>(peak_rss_kib()));
  std::fflush(stdout);
  return 0;
}

#endif

}  // namespace cfn::bench
