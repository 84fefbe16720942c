// The BGP export rules that need no policy engine (RFC 4271 5.1 and 9.1.3, RFC 1997, no route
// reflection yet): whether a best path goes to a peer, and with which attributes. Pure.
#pragma once

#include <cstdint>
#include <optional>

#include "bgpd-cfn/rib/decision.hpp"
#include "bgpd-cfn/rib/rib_ids.hpp"
#include "bgpd-cfn/wire/attributes.hpp"
#include "libcfn/net/address.hpp"

namespace cfn::bgp {

// Where the path came from.
struct ExportSource {
  PeerId peer = kLocalPeer;
  PeerType type = PeerType::kLocal;
};

// The peer the route would go to.
struct ExportTarget {
  PeerId peer = 0;                      // never kLocalPeer
  PeerType type = PeerType::kExternal;  // kExternal or kInternal
  std::uint32_t local_as = 0;
  net::IpAddress self_next_hop;            // our address toward this peer, in the table's family
  bool next_hop_self = false;              // `neighbor X next-hop-self` (iBGP)
  std::uint32_t default_local_pref = 100;  // `bgp default local-preference`
};

// The attributes to advertise, or nothing when the route must not go to this peer:
// - never back to the peer it came from;
// - NO_ADVERTISE: to nobody; NO_EXPORT and NO_EXPORT_SUBCONFED: not to eBGP (RFC 1997; no
//   confederations here);
// - learned over iBGP: not to iBGP peers (RFC 4271 9.1.1, no route reflection yet);
// - to eBGP: our AS prepended to AS_PATH (RFC 4271 5.1.2), NEXT_HOP = self (5.1.3),
//   MULTI_EXIT_DISC removed unless originated here (5.1.4, as FRR), LOCAL_PREF removed (5.1.5),
//   ORIGINATOR_ID and CLUSTER_LIST removed (RFC 4456 8), non-transitive extended communities
//   removed (RFC 4360 3);
// - to iBGP: LOCAL_PREF kept or set to the default when absent (5.1.5), AS_PATH as is (an
//   empty one for our own routes), NEXT_HOP kept unless next-hop-self or absent (our routes).
std::optional<wire::PathAttributes> export_attributes(const wire::PathAttributes& attributes,
                                                      const ExportSource& from,
                                                      const ExportTarget& to);

}  // namespace cfn::bgp
