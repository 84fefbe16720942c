// Route display in FRR's formats: see route_show.hpp.
#include "libcfn/daemon/route_show.hpp"

#include <algorithm>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace cfn::daemon {
namespace {

using Json = nlohmann::ordered_json;

// FRR's nexthop flags (lib/nexthop.h).
constexpr int kNexthopFlagActive = 1 << 0;
constexpr int kNexthopFlagFib = 1 << 1;

// One path as shown: the route's own nexthops, or those of its nexthop object or group.
struct ShownNexthop {
  std::optional<net::IpAddress> gateway;
  std::uint32_t ifindex = 0;
  std::uint16_t weight = 1;
};

std::vector<ShownNexthop> shown_nexthops(const RouteShowInput& input,
                                         const fib::RouteStatus& route) {
  std::vector<ShownNexthop> out;
  for (const auto& nh : route.nexthops.view()) out.push_back({nh.gateway, nh.ifindex, nh.weight});
  if (!out.empty() || route.nexthop_id == 0) return out;
  auto object = input.nexthops.find(route.nexthop_id);
  if (object == input.nexthops.end()) return out;
  const netlink::NexthopObject& nh = object->second.nexthop;
  if (nh.group.empty()) {
    out.push_back({nh.gateway, nh.ifindex, 1});
    return out;
  }
  for (const auto& member : nh.group) {
    auto found = input.nexthops.find(member.id);
    if (found == input.nexthops.end()) continue;
    out.push_back({found->second.nexthop.gateway, found->second.nexthop.ifindex, member.weight});
  }
  return out;
}

// FRR's route type names and codes for the protocols cfn installs with (zebra_route_string).
std::string_view protocol_name(std::uint8_t protocol) {
  switch (protocol) {
    case netlink::kProtoCfnBgp:
      return "bgp";
    case netlink::kProtoCfnOspf:
      return "ospf";
    default:
      return "kernel";
  }
}

char protocol_code(std::uint8_t protocol) {
  switch (protocol) {
    case netlink::kProtoCfnBgp:
      return 'B';
    case netlink::kProtoCfnOspf:
      return 'O';
    default:
      return 'K';
  }
}

// re_status_output_char(): '*' in the FIB, 'q' queued, 'r' rejected by the kernel.
char status_char(fib::RouteState state) {
  switch (state) {
    case fib::RouteState::kInstalled:
      return '*';
    case fib::RouteState::kPending:
      return 'q';
    case fib::RouteState::kFailed:
      return 'r';
  }
  return ' ';
}

// A pending route's nexthops are resolved (active); a refused one's are not.
int nexthop_flags(fib::RouteState state) {
  switch (state) {
    case fib::RouteState::kInstalled:
      return kNexthopFlagActive | kNexthopFlagFib;
    case fib::RouteState::kPending:
      return kNexthopFlagActive;
    case fib::RouteState::kFailed:
      return 0;
  }
  return 0;
}

std::string name_of(const RouteShowInput& input, std::uint32_t ifindex) {
  std::string name = input.interface_name ? input.interface_name(ifindex) : std::string();
  return name.empty() ? "unknown" : name;
}

std::string uptime_of(const RouteShowInput& input, const fib::RouteStatus& status) {
  return frr_uptime(std::chrono::duration_cast<std::chrono::seconds>(input.now - status.since()));
}

// show_route_nexthop_helper(): " via GW, IFNAME" or " is directly connected, IFNAME".
std::string nexthop_text(const RouteShowInput& input, const ShownNexthop& nh, int flags) {
  std::string out;
  if (nh.gateway) {
    out = " via " + nh.gateway->to_string();
    if (nh.ifindex != 0) out += ", " + name_of(input, nh.ifindex);
  } else {
    out = " is directly connected, " + name_of(input, nh.ifindex);
  }
  if (!(flags & kNexthopFlagActive)) out += " inactive";
  return out + fmt::format(", weight {}", nh.weight);
}

Json nexthop_json(const RouteShowInput& input, const ShownNexthop& nh, int flags) {
  Json out;
  out["flags"] = flags;
  if (flags & kNexthopFlagFib) out["fib"] = true;
  if (nh.gateway) {
    out["ip"] = nh.gateway->to_string();
    out["afi"] = nh.gateway->is_v4() ? "ipv4" : "ipv6";
  } else {
    out["directlyConnected"] = true;
  }
  if (nh.ifindex != 0) {
    out["interfaceIndex"] = nh.ifindex;
    out["interfaceName"] = name_of(input, nh.ifindex);
  }
  if (flags & kNexthopFlagActive) out["active"] = true;
  out["weight"] = nh.weight;
  return out;
}

Json route_json(const RouteShowInput& input, const net::Prefix& prefix,
                const fib::RouteStatus& status) {
  const fib::RouteStatus& route = status;
  const auto nexthops = shown_nexthops(input, route);
  const int flags = nexthop_flags(status.state);
  Json out;
  out["prefix"] = prefix.to_string();
  out["prefixLen"] = prefix.length();
  out["protocol"] = protocol_name(route.protocol);
  out["vrfId"] = 0;
  out["vrfName"] = "default";
  // The daemon selected every route it hands to the kernel; the state says how far it got.
  out["selected"] = true;
  out["destSelected"] = true;
  out["distance"] = route.metric;  // cfn's kernel metric is FRR's administrative distance
  out["metric"] = 0;
  if (status.state == fib::RouteState::kInstalled) out["installed"] = true;
  if (status.state == fib::RouteState::kFailed) out["failed"] = true;
  if (status.state == fib::RouteState::kPending) out["queued"] = true;
  out["table"] = input.table;
  out["internalNextHopNum"] = nexthops.size();
  out["internalNextHopActiveNum"] = (flags & kNexthopFlagActive) ? nexthops.size() : 0;
  if (route.nexthop_id != 0) out["nexthopGroupId"] = route.nexthop_id;
  out["uptime"] = uptime_of(input, status);
  Json list = Json::array();
  for (const auto& nh : nexthops) list.push_back(nexthop_json(input, nh, flags));
  out["nexthops"] = std::move(list);
  return out;
}

// vty_show_ip_route(): "B>* PREFIX [DISTANCE/METRIC]" and the first nexthop; each further
// nexthop on its own line with its status character, aligned under the first.
std::string route_text(const RouteShowInput& input, const net::Prefix& prefix,
                       const fib::RouteStatus& status) {
  const fib::RouteStatus& route = status;
  const char mark = status_char(status.state);
  const int flags = nexthop_flags(status.state);
  const std::string uptime = uptime_of(input, status);
  std::string head = fmt::format("{}>{} {} [{}/0]", protocol_code(route.protocol), mark,
                                 prefix.to_string(), route.metric);
  const auto nexthops = shown_nexthops(input, route);
  if (nexthops.empty()) return head + ", " + uptime + "\n";
  std::string out;
  for (std::size_t i = 0; i < nexthops.size(); ++i) {
    out += i == 0 ? head : fmt::format("  {}{:{}}", mark, "", head.size() - 3);
    out += nexthop_text(input, nexthops[i], flags) + ", " + uptime + "\n";
  }
  return out;
}

constexpr std::string_view kV4Header =
    "Codes: K - kernel route, C - connected, S - static, R - RIP,\n"
    "       O - OSPF, I - IS-IS, B - BGP, E - EIGRP, N - NHRP,\n"
    "       T - Table, v - VNC, V - VNC-Direct, A - Babel, F - PBR,\n"
    "       f - OpenFabric,\n"
    "       > - selected route, * - FIB route, q - queued, r - rejected, b - backup\n"
    "       t - trapped, o - offload failure\n\n";
constexpr std::string_view kV6Header =
    "Codes: K - kernel route, C - connected, S - static, R - RIPng,\n"
    "       O - OSPFv3, I - IS-IS, B - BGP, N - NHRP, T - Table,\n"
    "       v - VNC, V - VNC-Direct, A - Babel, F - PBR,\n"
    "       f - OpenFabric,\n"
    "       > - selected route, * - FIB route, q - queued, r - rejected, b - backup\n"
    "       t - trapped, o - offload failure\n\n";

}  // namespace

std::string frr_uptime(std::chrono::seconds elapsed) {
  constexpr long kDay = 24 * 3600;
  constexpr long kWeek = 7 * kDay;
  const long s = std::max<long>(0, elapsed.count());
  if (s < kDay) return fmt::format("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  if (s < kWeek) return fmt::format("{}d{:02}h{:02}m", s / kDay, s / 3600 % 24, s / 60 % 60);
  return fmt::format("{:02}w{}d{:02}h", s / kWeek, s % kWeek / kDay, s / 3600 % 24);
}

std::string show_routes_text(const RouteShowInput& input, net::Family family) {
  std::string out;
  for (const auto& [prefix, status] : input.routes) {
    if (prefix.family() == family) out += route_text(input, prefix, status);
  }
  if (out.empty()) return out;
  return std::string(family == net::Family::kV4 ? kV4Header : kV6Header) + out;
}

std::string show_routes_json(const RouteShowInput& input, net::Family family) {
  Json out = Json::object();
  for (const auto& [prefix, status] : input.routes) {
    if (prefix.family() == family)
      out[prefix.to_string()].push_back(route_json(input, prefix, status));
  }
  return out.dump(2) + "\n";
}

}  // namespace cfn::daemon
