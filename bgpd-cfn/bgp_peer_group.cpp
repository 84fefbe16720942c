// Peer-group resolution and the model operations of the peer-group commands.
#include "bgpd-cfn/bgp_peer_group.hpp"

namespace cfn::bgp {
namespace {

template <typename T>
void inherit(std::optional<T>& field, const std::optional<T>& from_group) {
  if (!field) field = from_group;
}

NeighborAf effective_af(NeighborAf own, const NeighborAf& group) {
  if (!own.next_hop_self) {
    own.next_hop_self = group.next_hop_self;
    own.next_hop_self_force = group.next_hop_self_force;
  }
  inherit(own.route_map_in, group.route_map_in);
  inherit(own.route_map_out, group.route_map_out);
  inherit(own.prefix_list_in, group.prefix_list_in);
  inherit(own.prefix_list_out, group.prefix_list_out);
  return own;
}

bool is_member_of(const Neighbor& neighbor, const PeerKey& group) {
  return neighbor.peer_group && peer_group_key(*neighbor.peer_group) == group;
}

// Calls fn(member) for each member of the peer-group `group`.
template <typename Fn>
void for_each_member(BgpConfig& config, const PeerKey& group, Fn fn) {
  for (auto& [key, neighbor] : config.neighbors) {
    if (is_member_of(neighbor, group)) fn(neighbor);
  }
}

}  // namespace

bool is_peer_group(const Neighbor& neighbor) {
  return neighbor.peer_group_definition;
}

PeerKey peer_group_key(std::string_view name) {
  return {std::nullopt, std::string(name)};
}

Neighbor effective_neighbor(const BgpConfig& config, const PeerKey& key) {
  Neighbor n = config.neighbors.at(key);
  if (!n.peer_group) return n;
  auto found = config.neighbors.find(peer_group_key(*n.peer_group));
  if (found == config.neighbors.end()) return n;
  const Neighbor& group = found->second;
  if (n.remote_as.empty()) n.remote_as = group.remote_as;
  if (!n.shutdown) {
    n.shutdown = group.shutdown;
    n.shutdown_message = group.shutdown_message;
  }
  n.passive = n.passive || group.passive;
  inherit(n.timers, group.timers);
  inherit(n.connect_timer, group.connect_timer);
  inherit(n.update_source, group.update_source);
  inherit(n.ebgp_multihop, group.ebgp_multihop);
  n.extended_nexthop = n.extended_nexthop || group.extended_nexthop;
  for (Afi afi : {Afi::kIpv4, Afi::kIpv6}) n.af[afi] = effective_af(n.af[afi], group.af[afi]);
  return n;
}

void bind_to_peer_group(BgpConfig& config, const PeerKey& member, const PeerKey& group) {
  const Neighbor& g = config.neighbors.at(group);
  Neighbor& m = config.neighbors.at(member);
  m.peer_group = group.name;
  if (!g.remote_as.empty()) m.remote_as.clear();
  for (Afi afi : {Afi::kIpv4, Afi::kIpv6}) m.af[afi].activate = g.af[afi].activate;
}

void set_activation(BgpConfig& config, const PeerKey& key, Afi afi, bool active) {
  Neighbor& n = config.neighbors.at(key);
  n.af[afi].activate = active;
  if (is_peer_group(n)) {
    for_each_member(config, key, [&](Neighbor& member) { member.af[afi].activate = active; });
  }
}

void set_remote_as(BgpConfig& config, const PeerKey& key, const std::string& remote_as) {
  Neighbor& n = config.neighbors.at(key);
  n.remote_as = remote_as;
  if (is_peer_group(n)) for_each_member(config, key, [](Neighbor& m) { m.remote_as.clear(); });
}

void erase_neighbor(BgpConfig& config, const PeerKey& key) {
  auto found = config.neighbors.find(key);
  if (found == config.neighbors.end()) return;
  if (is_peer_group(found->second)) {
    std::erase_if(config.neighbors,
                  [&](const auto& entry) { return is_member_of(entry.second, key); });
  }
  config.neighbors.erase(key);
}

}  // namespace cfn::bgp
