// Printer for the BGP configuration, in the order FRR 8.4's bgp_config_write uses.
#include "bgpd-cfn/bgp_config.hpp"

#include <algorithm>
#include <vector>

#include "bgpd-cfn/bgp_peer_group.hpp"

namespace cfn::bgp {

PeerKey PeerKey::parse(std::string_view text) {
  if (auto address = net::IpAddress::parse(text)) return {address, {}};
  return {std::nullopt, std::string(text)};
}

std::string PeerKey::to_string() const {
  return address ? address->to_string() : name;
}

namespace {

using NeighborEntry = std::pair<const PeerKey, Neighbor>;

// FRR's order (its peer-group list, then its peer list sorted by peer_cmp): peer-groups by
// name, then the members of each group by group name, then the other neighbors; names before
// addresses, addresses in order, within each.
std::vector<const NeighborEntry*> frr_order(const BgpConfig& config) {
  std::vector<const NeighborEntry*> order;
  for (const auto& entry : config.neighbors) order.push_back(&entry);
  auto rank = [](const NeighborEntry* e) {
    const Neighbor& n = e->second;
    return std::pair(n.peer_group_definition ? 0 : n.peer_group ? 1 : 2, n.peer_group);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](const auto* a, const auto* b) { return rank(a) < rank(b); });
  return order;
}

// Activation a neighbor has unless configured: its group's, else the ipv4 default.
bool default_activation(const BgpConfig& config, const Neighbor& n, Afi afi) {
  if (n.peer_group) {
    auto group = config.neighbors.find(peer_group_key(*n.peer_group));
    if (group != config.neighbors.end()) return group->second.af[afi].activate;
  }
  return afi == Afi::kIpv4 && config.default_ipv4_unicast;
}

void print_neighbor(std::string& out, const std::string& peer, const Neighbor& n) {
  const std::string p = " neighbor " + peer;
  if (n.peer_group_definition) out += p + " peer-group\n";
  if (!n.remote_as.empty()) out += p + " remote-as " + n.remote_as + "\n";
  if (n.peer_group) out += p + " peer-group " + *n.peer_group + "\n";
  if (n.description) out += p + " description " + *n.description + "\n";
  if (n.shutdown) {
    out += p + " shutdown" + (n.shutdown_message ? " message " + *n.shutdown_message : "") + "\n";
  }
  if (n.passive) out += p + " passive\n";
  if (n.ebgp_multihop) {
    out += p + " ebgp-multihop" +
           (*n.ebgp_multihop == 255 ? "" : " " + std::to_string(*n.ebgp_multihop)) + "\n";
  }
  if (n.update_source) out += p + " update-source " + *n.update_source + "\n";
  if (n.timers) {
    out += p + " timers " + std::to_string(n.timers->keepalive) + " " +
           std::to_string(n.timers->holdtime) + "\n";
  }
  if (n.connect_timer) out += p + " timers connect " + std::to_string(*n.connect_timer) + "\n";
  if (n.extended_nexthop) out += p + " capability extended-nexthop\n";
}

std::string print_af(const BgpConfig& config, Afi afi) {
  std::string body;
  {
    const AfConfig& af = config.af[afi];
    for (const auto& prefix : af.networks) body += "  network " + prefix.to_string() + "\n";
    for (const auto& source : af.redistribute) body += "  redistribute " + source + "\n";
    if (af.maximum_paths != 1) body += "  maximum-paths " + std::to_string(af.maximum_paths) + "\n";
    if (af.maximum_paths_ibgp != 1) {
      body += "  maximum-paths ibgp " + std::to_string(af.maximum_paths_ibgp) + "\n";
    }
  }
  for (const NeighborEntry* entry : frr_order(config)) {
    const auto& [key, neighbor] = *entry;
    const std::string p = "  neighbor " + key.to_string();
    const NeighborAf& naf = neighbor.af[afi];
    if (naf.activate != default_activation(config, neighbor, afi))
      body += (naf.activate ? p : "  no" + p.substr(1)) + " activate\n";
    if (naf.next_hop_self)
      body += p + " next-hop-self" + (naf.next_hop_self_force ? " force" : "") + "\n";
    if (naf.prefix_list_in) body += p + " prefix-list " + *naf.prefix_list_in + " in\n";
    if (naf.prefix_list_out) body += p + " prefix-list " + *naf.prefix_list_out + " out\n";
    if (naf.route_map_in) body += p + " route-map " + *naf.route_map_in + " in\n";
    if (naf.route_map_out) body += p + " route-map " + *naf.route_map_out + " out\n";
  }
  if (body.empty()) return body;
  return std::string(" address-family ") + (afi == Afi::kIpv4 ? "ipv4" : "ipv6") + " unicast\n" +
         body + " exit-address-family\n";
}

}  // namespace

std::string print_bgp_config(const BgpConfig& config) {
  if (!config.asn) return "";
  std::string out = "router bgp " + std::to_string(*config.asn) + "\n";
  if (config.router_id) out += " bgp router-id " + config.router_id->to_string() + "\n";
  if (!config.ebgp_requires_policy) out += " no bgp ebgp-requires-policy\n";
  if (!config.default_ipv4_unicast) out += " no bgp default ipv4-unicast\n";
  if (config.network_import_check) out += " bgp network import-check\n";
  if (config.multipath_relax) out += " bgp bestpath as-path multipath-relax\n";
  if (config.timers != Timers{}) {
    out += " timers bgp " + std::to_string(config.timers.keepalive) + " " +
           std::to_string(config.timers.holdtime) + "\n";
  }
  for (const NeighborEntry* entry : frr_order(config))
    print_neighbor(out, entry->first.to_string(), entry->second);
  out += print_af(config, Afi::kIpv4);
  out += print_af(config, Afi::kIpv6);
  out += "exit\n";
  return out;
}

}  // namespace cfn::bgp
