// From configuration to session settings: one neighbor's PeerSettings under `router bgp`
// (FRR semantics: remote-as internal/external, timers, passive, TTL, activated families).
// Pure.
#pragma once

#include <cstdint>
#include <optional>

#include "bgpd-cfn/bgp_config.hpp"
#include "bgpd-cfn/session/bgp_peer.hpp"

namespace cfn::bgp {

// Nothing when the neighbor cannot run: not an address (unnumbered peers are not supported),
// no `router bgp`, no remote-as.
std::optional<PeerSettings> peer_settings(const BgpConfig& config, const Neighbor& neighbor,
                                          const PeerKey& key, std::uint32_t router_id,
                                          std::uint16_t port);

// True when the neighbor is (or, for remote-as external, will be) an eBGP peer.
bool is_external(const BgpConfig& config, const Neighbor& neighbor);

}  // namespace cfn::bgp
