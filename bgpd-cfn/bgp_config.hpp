// bgpd-cfn's configuration model (router bgp, neighbors, address families) and its
// FRR-layout printer. Defaults follow FRR's traditional profile.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "libcfn/net/address.hpp"

namespace cfn::bgp {

enum class Afi : std::uint8_t { kIpv4, kIpv6 };

// Per address family settings, indexed by Afi.
template <typename T>
struct PerAfi {
  std::array<T, 2> values{};
  T& operator[](Afi afi) { return values[static_cast<std::size_t>(afi)]; }
  const T& operator[](Afi afi) const { return values[static_cast<std::size_t>(afi)]; }
  bool operator==(const PerAfi&) const = default;
};

// A neighbor is an address, or an interface name (FRR's unnumbered peers).
struct PeerKey {
  std::optional<net::IpAddress> address;
  std::string name;  // when not an address
  static PeerKey parse(std::string_view text);
  std::string to_string() const;
  auto operator<=>(const PeerKey&) const = default;
};

struct Timers {
  std::uint16_t keepalive = 60;
  std::uint16_t holdtime = 180;
  bool operator==(const Timers&) const = default;
};

struct NeighborAf {
  bool activate = false;
  bool next_hop_self = false;
  bool next_hop_self_force = false;
  std::optional<std::string> route_map_in, route_map_out;
  std::optional<std::string> prefix_list_in, prefix_list_out;
  bool operator==(const NeighborAf&) const = default;
};

// A peer, or a peer-group (`neighbor WORD peer-group`: a template of settings, keyed by its
// name, never a session). A member (`neighbor X peer-group WORD`) keeps only its own settings;
// effective_neighbor() (bgp_peer_group.hpp) resolves what its session uses.
struct Neighbor {
  std::string remote_as;  // an AS number, "internal" or "external"; empty: the group's (or none)
  std::optional<std::string> description;
  bool shutdown = false;
  std::optional<std::string> shutdown_message;  // RFC 9003
  bool passive = false;
  std::optional<Timers> timers;
  std::optional<std::uint16_t> connect_timer;  // FRR default 120 s when unset
  std::optional<std::string> update_source;
  std::optional<std::uint8_t> ebgp_multihop;  // TTL; 255 when given without a value
  bool extended_nexthop = false;
  PerAfi<NeighborAf> af;  // a member's `activate` is its own state, copied from the group
  bool peer_group_definition = false;     // this entry is a peer-group
  std::optional<std::string> peer_group;  // the group this peer is a member of
  bool operator==(const Neighbor&) const = default;
};

struct AfConfig {
  std::set<net::Prefix> networks;
  std::set<std::string> redistribute;  // connected, kernel, static
  std::uint16_t maximum_paths = 1;     // FRR's BGP_DEFAULT_MAXPATHS
  std::uint16_t maximum_paths_ibgp = 1;
  bool operator==(const AfConfig&) const = default;
};

struct BgpConfig {
  std::optional<std::uint32_t> asn;  // set once `router bgp ASN` exists
  std::optional<net::IpAddress> router_id;
  bool default_ipv4_unicast = true;
  bool network_import_check = false;
  bool ebgp_requires_policy = true;  // RFC 8212
  bool multipath_relax = false;
  Timers timers;
  std::map<PeerKey, Neighbor> neighbors;
  PerAfi<AfConfig> af;
  bool operator==(const BgpConfig&) const = default;
};

std::string print_bgp_config(const BgpConfig& config);

}  // namespace cfn::bgp
