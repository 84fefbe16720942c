// Peer-groups as FRR has them: resolving a member's settings against its group, and the
// model operations behind the peer-group commands.
#pragma once

#include <string_view>

#include "bgpd-cfn/bgp_config.hpp"

namespace cfn::bgp {

bool is_peer_group(const Neighbor& neighbor);

// The key a peer-group is stored under: always its name, even one that reads as an address.
PeerKey peer_group_key(std::string_view name);

// What the session of `key` (a configured neighbor) uses: the member's own settings where it
// has them, else its group's. The description stays the member's; shutdown, passive,
// capability extended-nexthop and next-hop-self apply when either sets them. Per-family
// activation is the member's own state: binding copies the group's, and (de)activating the
// group (de)activates its members, as in FRR. Not a member: the neighbor as configured.
Neighbor effective_neighbor(const BgpConfig& config, const PeerKey& key);

// Makes `member` a member of `group` (both configured): it takes the group's activation per
// family, and the group's remote-as when the group has one (FRR: the group's AS wins).
void bind_to_peer_group(BgpConfig& config, const PeerKey& member, const PeerKey& group);

// Sets (de)activation of `key` in `afi`; for a peer-group, of its members too.
void set_activation(BgpConfig& config, const PeerKey& key, Afi afi, bool active);

// Sets the remote-as of `key`; a peer-group's replaces its members' own.
void set_remote_as(BgpConfig& config, const PeerKey& key, const std::string& remote_as);

// Removes `key`; removing a peer-group removes its members too (as FRR does).
void erase_neighbor(BgpConfig& config, const PeerKey& key);

}  // namespace cfn::bgp
