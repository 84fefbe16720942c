// The benchmark's own minimal rtnetlink code, independent of libcfn/netlink on purpose: the
// "kernel limit" sender (RTM_NEWROUTE/RTM_DELROUTE packed into large writes, no NLM_F_ACK)
// and a route dump that counts and checks what the kernel holds for one protocol.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace cfn::bench {

inline constexpr std::uint8_t kProto = 220;                // cfn-bgp
inline constexpr std::uint32_t kMetric = 20;               // eBGP distance
inline constexpr std::uint32_t kTable = 254;               // main
inline constexpr std::uint32_t kRouteBase = 0x14000000;    // 20.0.0.0: route i is base + i*256 /24
inline constexpr std::uint32_t kMaxRoutes = 1u << 22;      // stays inside 20.0.0.0 - 83.255.255.0
inline constexpr std::uint32_t kGatewayBase = 0x64400002;  // 100.64.0.2 .. .5 on the dummy /16
inline constexpr std::uint32_t kNhObjectBase = 1;          // nexthop objects 1..4
inline constexpr std::uint32_t kGroupA = 100;              // weights 1,2,3,4
inline constexpr std::uint32_t kGroupB = 101;              // weights 4,3,2,1

inline std::uint32_t route_address(std::uint32_t i) {
  return kRouteBase + (i << 8);
}

// What one route should look like (used to encode it and to check the dump).
struct Shape {
  enum class Kind { kSingle, kMultipath, kGroup } kind = Kind::kSingle;
  std::uint32_t gateway = kGatewayBase;  // kSingle (host order)
  std::vector<std::uint16_t> weights;    // kMultipath: one per gateway base+k
  std::uint32_t nexthop_id = 0;          // kGroup
};

Shape single_shape(std::uint32_t gateway);
Shape multipath_shape(std::vector<std::uint16_t> weights);
Shape group_shape(std::uint32_t nexthop_id);

// CPU time this process has used so far, in seconds: user space and kernel (for a netlink
// writer, the kernel time is the routing table's own work, done inside sendmsg).
struct CpuTimes {
  double user = 0;
  double sys = 0;
};
CpuTimes cpu_times();
CpuTimes children_cpu_times();  // of the waited-for child processes
CpuTimes operator-(const CpuTimes& a, const CpuTimes& b);

struct SendResult {
  double seconds = 0;
  std::uint64_t messages = 0;
  std::uint64_t writes = 0;
  std::uint64_t errors = 0;       // NLMSG_ERROR with a non-zero error
  std::uint64_t lost_errors = 0;  // ENOBUFS on the receive side: some error reports lost
  int first_error = 0;            // positive errno
  CpuTimes cpu;                   // used by the write loop
};

enum class Op { kInstall, kReplace, kDelete };
const char* op_name(Op op);

// Sends `count` route requests (install: NLM_F_CREATE|NLM_F_EXCL; replace:
// NLM_F_CREATE|NLM_F_REPLACE; delete: RTM_DELROUTE) packed into writes of `write_bytes`,
// without NLM_F_ACK. The timed part is the write loop; the kernel processes each write
// inside the sendmsg call, so when the loop ends the routes are in (or refused).
SendResult raw_send(Op op, std::uint32_t count, const Shape& shape, std::uint32_t ifindex,
                    std::size_t write_bytes);

struct DumpResult {
  std::uint64_t ours = 0;      // routes of kProto in kTable
  std::uint64_t matching = 0;  // of those, with exactly the expected shape
  std::string error;
};
// Dumps the IPv4 routes and counts ours; `expected` null: only counts.
DumpResult dump_routes(const Shape* expected);

// Peak resident set of this process (VmHWM) in KiB, 0 if unknown.
std::uint64_t peak_rss_kib();
// True when this process is in the network namespace /run/netns/NAME (created by run.sh)
// and that is not the init namespace (when /proc/1 can tell).
bool in_netns(const std::string& name);

}  // namespace cfn::bench
