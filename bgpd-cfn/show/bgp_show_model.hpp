// What the BGP show commands display, as plain values the speaker fills in: the instance, its
// peers (state, counters, capabilities) and routes with their paths. The renderers (text in
// FRR's layout, JSON with FRR 8.4's field names) read only these.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bgpd-cfn/bgp_config.hpp"
#include "bgpd-cfn/rib/decision.hpp"
#include "bgpd-cfn/session/bgp_fsm.hpp"
#include "bgpd-cfn/session/peer_counters.hpp"
#include "bgpd-cfn/wire/attributes.hpp"
#include "libcfn/net/address.hpp"

namespace cfn::bgp::show {

// Messages of each type, sent or received (the session keeps them).
using MessageCounts = ::cfn::bgp::MessageCounts;

// A capability as FRR reports it: "advertised", "received", "advertisedAndReceived" or none.
struct CapabilityPair {
  bool advertised = false;
  bool received = false;
};

struct PeerAfView {
  bool activated = false;               // `neighbor X activate` (or the ipv4 default)
  CapabilityPair multiprotocol;         // MP capability for this family
  bool negotiated = false;              // the session carries this family
  std::uint64_t prefixes_received = 0;  // pfxRcd: paths in the Adj-RIB-In
  std::uint64_t prefixes_sent = 0;      // pfxSnt: prefixes in the Adj-RIB-Out
  // RFC 8212 (`bgp ebgp-requires-policy`): an eBGP peer without an inbound / outbound policy
  // for this family accepts / sends nothing; FRR shows "(Policy)" in the summary.
  bool policy_in_missing = false;
  bool policy_out_missing = false;
};

struct PeerView {
  std::string key;  // the neighbor as configured: "10.80.1.2", "2001:db8::2" or an ifname
  std::optional<std::string> description;
  std::uint32_t local_as = 0;
  std::uint32_t remote_as = 0;  // configured number, else the OPEN's AS (0: not known yet)
  bool internal = false;        // iBGP
  State state = State::kIdle;
  bool admin_shutdown = false;         // `neighbor X shutdown`: FRR prints "Idle (Admin)"
  bool passive = false;                // `neighbor X passive`: FRR's peerState "Passive"
  std::uint32_t remote_router_id = 0;  // host order; 0 until an OPEN arrived
  std::uint32_t local_router_id = 0;
  // Since the session came up (Established) or went down (otherwise); zero: never.
  std::chrono::milliseconds uptime{0};
  std::int64_t established_epoch = 0;  // unix seconds of the last Established; 0: never
  std::uint32_t connections_established = 0;
  std::uint32_t connections_dropped = 0;
  MessageCounts sent, received;
  std::uint64_t outq = 0;  // messages queued to send
  // Timers in seconds: as configured and as negotiated (when Established).
  std::uint32_t configured_hold = 180, configured_keepalive = 60;
  std::uint32_t hold = 0, keepalive = 0;
  std::uint32_t connect_retry = 120;
  CapabilityPair four_octet_as, route_refresh, extended_message;
  PerAfi<PeerAfView> af;
  std::optional<std::string> local_host, remote_host;  // addresses of the TCP connection
  std::uint16_t local_port = 0, remote_port = 0;
  std::string last_reset;                       // FRR's "lastResetDueTo" text; empty: never reset
  std::chrono::milliseconds last_reset_age{0};  // since that reset ("lastResetTimerMsecs")
  std::optional<std::string> shutdown_message;  // RFC 9003 text received or configured
};

struct InstanceView {
  std::uint32_t router_id = 0;  // host order
  std::uint32_t as = 0;
  std::uint64_t table_version = 0;
  std::uint64_t rib_count = 0;    // prefixes in the family's table
  std::uint64_t rib_memory = 0;   // bytes
  std::uint64_t peer_memory = 0;  // bytes held by the family's peers ("Peers N, using X")
  std::uint32_t default_local_pref = 100;
  bool multipath_relax = false;
  std::vector<PeerView> peers;  // in configuration order (sorted by key)
};

// One path of a route.
struct PathView {
  std::string peer_key;  // "(unspec)" for a local route (network / redistribute)
  std::uint32_t peer_router_id = 0;
  PeerType peer_type = PeerType::kExternal;
  const wire::PathAttributes* attributes = nullptr;  // never null; valid during rendering
  std::optional<net::IpAddress> next_hop;            // absent: local route (FRR shows 0.0.0.0 / ::)
  bool valid = true;                                 // next hop reachable
  bool best = false;
  bool multipath = false;
  std::string selection_reason;  // on the best path only
  std::uint32_t weight = 0;
  std::int64_t last_update_epoch = 0;  // unix seconds; 0: not recorded (not shown)
  std::uint32_t igp_metric = 0;
};

struct RouteView {
  net::Prefix prefix;
  std::uint64_t version = 0;
  std::vector<PathView> paths;             // best first
  std::vector<std::string> advertised_to;  // peer keys
};

// One row of `neighbors X advertised-routes` / `routes`: the prefix and the attribute set
// sent (or received), with our AS already prepended where it was sent to eBGP.
struct AdvertisedView {
  net::Prefix prefix;
  const wire::PathAttributes* attributes = nullptr;
  std::optional<net::IpAddress> next_hop;
  std::uint32_t weight = 0;
  bool best = true;
};

}  // namespace cfn::bgp::show
