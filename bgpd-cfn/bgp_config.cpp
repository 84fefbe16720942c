// Printer for the BGP configuration, in the order FRR 8.4's bgp_config_write uses.
#include "bgpd-cfn/bgp_config.hpp"

namespace cfn::bgp {

PeerKey PeerKey::parse(std::string_view text) {
  if (auto address = net::IpAddress::parse(text)) return {address, {}};
  return {std::nullopt, std::string(text)};
}

std::string PeerKey::to_string() const {
  return address ? address->to_string() : name;
}

namespace {

void print_neighbor(std::string& out, const std::string& peer, const Neighbor& n) {
  const std::string p = " neighbor " + peer;
  out += p + " remote-as " + n.remote_as + "\n";
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
  const bool activate_default = afi == Afi::kIpv4 && config.default_ipv4_unicast;
  for (const auto& [key, neighbor] : config.neighbors) {
    const std::string p = "  neighbor " + key.to_string();
    const NeighborAf& naf = neighbor.af[afi];
    if (naf.activate != activate_default)
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
  for (const auto& [key, neighbor] : config.neighbors)
    print_neighbor(out, key.to_string(), neighbor);
  out += print_af(config, Afi::kIpv4);
  out += print_af(config, Afi::kIpv6);
  out += "exit\n";
  return out;
}

}  // namespace cfn::bgp
