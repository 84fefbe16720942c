// The five BGP-4 messages as plain values: OPEN with its capabilities, UPDATE, NOTIFICATION,
// KEEPALIVE and ROUTE-REFRESH (RFC 4271 4, RFC 2918, RFC 5492, RFC 4760, RFC 7313).
#pragma once

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "bgpd-cfn/wire/attributes.hpp"
#include "bgpd-cfn/wire/types.hpp"
#include "libcfn/net/address.hpp"

namespace cfn::bgp::wire {

// RFC 8950 3: NLRI of <nlri afi, nlri safi> may carry a next hop of family nexthop_afi.
struct ExtendedNextHop {
  std::uint16_t nlri_afi = kAfiIpv4;
  std::uint16_t nlri_safi = kSafiUnicast;
  std::uint16_t nexthop_afi = kAfiIpv6;
  bool operator==(const ExtendedNextHop&) const = default;
};

// Any capability this codec does not interpret (graceful restart, add-path, FQDN, ...).
struct UnknownCapability {
  std::uint8_t code = 0;
  std::vector<std::uint8_t> value;
  bool operator==(const UnknownCapability&) const = default;
};

// Every capability of every Capabilities optional parameter, in one set. The encoder sends
// them in the order of the fields below, all in one optional parameter.
struct Capabilities {
  std::vector<AfiSafi> multiprotocol;  // RFC 4760 8, in received order
  bool route_refresh = false;          // code 2
  bool route_refresh_cisco = false;    // code 128
  std::optional<std::uint32_t> four_octet_as;
  bool extended_message = false;
  std::vector<ExtendedNextHop> extended_next_hop;
  std::vector<UnknownCapability> unknown;  // in received order
  // A multiprotocol capability for `family` was sent.
  bool carries(const AfiSafi& family) const {
    for (const AfiSafi& f : multiprotocol)
      if (f == family) return true;
    return false;
  }
  bool operator==(const Capabilities&) const = default;
};

struct Open {
  std::uint8_t version = kVersion;
  std::uint16_t my_as = 0;  // the 2-octet field: AS_TRANS for a 4-octet AS (RFC 6793 4.1)
  std::uint16_t hold_time = 0;
  std::uint32_t bgp_identifier = 0;  // host order
  Capabilities capabilities;

  // The sender's AS: the 4-octet AS capability when present, else the 2-octet field.
  std::uint32_t peer_as() const { return capabilities.four_octet_as.value_or(my_as); }
  bool operator==(const Open&) const = default;
};

// The 2-octet "My Autonomous System" value for an AS (RFC 6793 4.1).
inline std::uint16_t two_octet_as(std::uint32_t asn) {
  return asn > 0xFFFF ? kAsTrans : static_cast<std::uint16_t>(asn);
}

struct MpReach {
  AfiSafi afi_safi = kIpv6Unicast;
  net::IpAddress next_hop;                            // IPv4 (4 octets) or IPv6 global (16 octets)
  std::optional<net::IpAddress> link_local_next_hop;  // the second half of a 32-octet next hop
  std::vector<net::Prefix> nlri;
  bool operator==(const MpReach&) const = default;
};

struct MpUnreach {
  AfiSafi afi_safi = kIpv6Unicast;
  std::vector<net::Prefix> withdrawn;
  bool operator==(const MpUnreach&) const = default;
};

// An UPDATE. `withdrawn` and `nlri` are the IPv4 unicast fields of RFC 4271 4.3; other
// families travel in mp_reach / mp_unreach. After treat-as-withdraw (RFC 7606 2) every route
// of the message is withdrawn: IPv4 unicast in `withdrawn`, IPv6 unicast in mp_unreach.
struct Update {
  std::vector<net::Prefix> withdrawn;
  PathAttributes attributes;
  std::vector<net::Prefix> nlri;
  std::optional<MpReach> mp_reach;
  std::optional<MpUnreach> mp_unreach;
  // The message is an End-of-RIB marker for this AFI/SAFI (RFC 4724 2): an empty UPDATE for
  // IPv4 unicast, else only an MP_UNREACH_NLRI without routes. The encoder sends only the
  // marker when this is set.
  std::optional<AfiSafi> end_of_rib;
  bool operator==(const Update&) const = default;
};

struct Notification {
  ErrorCode code = ErrorCode::kCease;
  std::uint8_t subcode = 0;
  std::vector<std::uint8_t> data;
  bool operator==(const Notification&) const = default;
};

struct Keepalive {
  bool operator==(const Keepalive&) const = default;
};

// RFC 2918 / RFC 7313: subtype 0 normal request, 1 BoRR, 2 EoRR; others are to be ignored.
struct RouteRefresh {
  AfiSafi afi_safi = kIpv4Unicast;
  std::uint8_t subtype = 0;
  bool operator==(const RouteRefresh&) const = default;
};

using Message = std::variant<Open, Update, Notification, Keepalive, RouteRefresh>;

}  // namespace cfn::bgp::wire
