// ospfd-cfn's configuration as plain data (what `router ospf` and the `ip ospf` interface
// lines set), and its printing in FRR 8.4's `show running-config` layout.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "libcfn/net/address.hpp"

namespace cfn::ospfd {

// An area ID and the form the operator wrote it in: FRR prints it back the same way.
struct OspfArea {
  std::uint32_t id = 0;
  bool dotted = false;  // "0.0.0.1" rather than "1"

  // A.B.C.D or a decimal 0-4294967295.
  static std::optional<OspfArea> parse(std::string_view text);
  std::string to_string() const;
  bool operator==(const OspfArea&) const = default;
};

// Declaration order is FRR's (zebra route types), which is the order it prints them in.
enum class RedistributeSource : std::uint8_t { kKernel, kConnected, kStatic, kBgp };
enum class LogAdjacencyChanges : std::uint8_t { kOff, kOn, kDetail };
enum class InterfaceNetworkType : std::uint8_t { kBroadcast, kPointToPoint };
enum class InterfaceAuthentication : std::uint8_t { kNone, kPlain, kMessageDigest };

inline constexpr std::uint32_t kDefaultReferenceBandwidth = 100;  // Mbit/s
inline constexpr std::size_t kMd5KeyLength = 16;                  // RFC 2328 D.3

// Everything inside `router ospf`.
struct OspfRouterConfig {
  std::optional<net::IpAddress> router_id;
  std::map<net::Prefix, OspfArea> networks;  // prefix (host bits cleared) -> area
  bool capability_opaque = false;
  LogAdjacencyChanges log_adjacency_changes = LogAdjacencyChanges::kOff;
  std::uint32_t reference_bandwidth = kDefaultReferenceBandwidth;
  std::set<RedistributeSource> redistribute;
  bool operator==(const OspfRouterConfig&) const = default;
};

// The `ip ospf ...` settings of one interface. FRR 8.4 turns `passive-interface IFNAME` in
// `router ospf` into this `passive` flag, so it lives here and survives `no router ospf`.
struct OspfInterfaceConfig {
  std::optional<std::uint16_t> cost;  // unset: derived from the reference bandwidth
  std::uint16_t hello_interval = 10;
  std::uint16_t dead_interval = 40;
  std::uint8_t priority = 1;
  InterfaceNetworkType network_type = InterfaceNetworkType::kBroadcast;
  std::optional<OspfArea> area;
  bool passive = false;
  InterfaceAuthentication authentication = InterfaceAuthentication::kNone;
  std::map<std::uint8_t, std::string> message_digest_keys;  // key ID -> key
  bool operator==(const OspfInterfaceConfig&) const = default;
};

struct OspfConfig {
  std::optional<OspfRouterConfig> router;  // set while `router ospf` exists
  // Only interfaces with some non-default setting have an entry.
  std::map<std::string, OspfInterfaceConfig> interfaces;
  bool operator==(const OspfConfig&) const = default;
};

// The CLI keywords: "kernel", "connected", ...; "broadcast", "point-to-point".
std::string_view redistribute_source_name(RedistributeSource source);
std::optional<RedistributeSource> parse_redistribute_source(std::string_view name);
std::string_view network_type_name(InterfaceNetworkType type);
std::optional<InterfaceNetworkType> parse_network_type(std::string_view name);

// FRR layout: `interface` blocks, then `router ospf`, blocks separated by "!", each closed by
// "exit"; lines in FRR 8.4's order (interface lines as vtysh sorts them); defaults omitted.
std::string print_ospf_config(const OspfConfig& config);

}  // namespace cfn::ospfd
