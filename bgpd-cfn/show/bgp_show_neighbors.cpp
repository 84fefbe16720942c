// The BGP neighbor details in FRR's formats: see bgp_show_neighbors.hpp.
#include "bgpd-cfn/show/bgp_show_neighbors.hpp"

#include <fmt/format.h>

#include "bgpd-cfn/show/bgp_show_format.hpp"

namespace cfn::bgp::show {
namespace {

constexpr Afi kFamilies[] = {Afi::kIpv4, Afi::kIpv6};

bool established(const PeerView& peer) {
  return peer.state == State::kEstablished;
}

// Hold time and keepalive in use: negotiated once Established, else as configured.
std::pair<std::uint32_t, std::uint32_t> timers_in_use(const PeerView& peer) {
  if (established(peer)) return {peer.hold, peer.keepalive};
  return {peer.configured_hold, peer.configured_keepalive};
}

Json capabilities_json(const PeerView& peer) {
  Json out;
  if (auto text = capability_text(peer.four_octet_as); !text.empty()) out["4byteAs"] = text;
  if (auto text = capability_text(peer.extended_message); !text.empty()) {
    out["extendedMessage"] = text;
  }
  // RFC 2918's code (2), which is what we send and take: FRR's "New".
  if (auto text = capability_text(peer.route_refresh); !text.empty()) {
    out["routeRefresh"] = std::string(text) + (peer.route_refresh.received ? "New" : "");
  }
  Json mp = Json::object();
  for (Afi afi : kFamilies) {
    if (auto text = capability_text(peer.af[afi].multiprotocol); !text.empty()) {
      mp[std::string(afi_json_key(afi))] = Json{{std::string(text), true}};
    }
  }
  out["multiprotocolExtensions"] = std::move(mp);
  return out;
}

Json message_stats_json(const PeerView& peer) {
  return Json{
      {"depthInq", 0},
      {"depthOutq", peer.outq},
      {"opensSent", peer.sent.opens},
      {"opensRecv", peer.received.opens},
      {"notificationsSent", peer.sent.notifications},
      {"notificationsRecv", peer.received.notifications},
      {"updatesSent", peer.sent.updates},
      {"updatesRecv", peer.received.updates},
      {"keepalivesSent", peer.sent.keepalives},
      {"keepalivesRecv", peer.received.keepalives},
      {"routeRefreshSent", peer.sent.route_refreshes},
      {"routeRefreshRecv", peer.received.route_refreshes},
      {"capabilitySent", 0},  // dynamic capability (no RFC) is not implemented
      {"capabilityRecv", 0},
      {"totalSent", peer.sent.total()},
      {"totalRecv", peer.received.total()},
  };
}

Json peer_json(const PeerView& peer, const InstanceView& view) {
  Json out;
  out["remoteAs"] = peer.remote_as;
  out["localAs"] = peer.local_as;
  out[peer.internal ? "nbrInternalLink" : "nbrExternalLink"] = true;
  if (peer.description) out["nbrDesc"] = *peer.description;
  out["bgpVersion"] = 4;
  out["remoteRouterId"] = router_id_text(peer.remote_router_id);
  out["localRouterId"] =
      router_id_text(peer.local_router_id ? peer.local_router_id : view.router_id);
  out["bgpState"] = state_name(peer.state);
  if (established(peer)) {
    out["bgpTimerUpMsec"] = peer.uptime.count();
    out["bgpTimerUpString"] = peer_uptime_text(peer.uptime);
    out["bgpTimerUpEstablishedEpoch"] = peer.established_epoch;
  }
  const auto [hold, keepalive] = timers_in_use(peer);
  out["bgpTimerConfiguredHoldTimeMsecs"] = std::uint64_t{peer.configured_hold} * 1000;
  out["bgpTimerConfiguredKeepAliveIntervalMsecs"] = std::uint64_t{peer.configured_keepalive} * 1000;
  out["bgpTimerHoldTimeMsecs"] = std::uint64_t{hold} * 1000;
  out["bgpTimerKeepAliveIntervalMsecs"] = std::uint64_t{keepalive} * 1000;
  if (established(peer)) out["neighborCapabilities"] = capabilities_json(peer);
  out["messageStats"] = message_stats_json(peer);
  Json families = Json::object();
  for (Afi afi : kFamilies) {
    const PeerAfView& af = peer.af[afi];
    if (!af.activated) continue;
    families[std::string(afi_json_key(afi))] = Json{{"acceptedPrefixCounter", af.prefixes_received},
                                                    {"sentPrefixCounter", af.prefixes_sent}};
  }
  out["addressFamilyInfo"] = std::move(families);
  out["connectionsEstablished"] = peer.connections_established;
  out["connectionsDropped"] = peer.connections_dropped;
  if (!peer.last_reset.empty()) {
    out["lastResetTimerMsecs"] = peer.last_reset_age.count();
    out["lastResetDueTo"] = peer.last_reset;
  }
  if (peer.shutdown_message) out["lastShutdownDescription"] = *peer.shutdown_message;
  if (peer.local_host && peer.remote_host) {
    out["hostLocal"] = *peer.local_host;
    out["portLocal"] = peer.local_port;
    out["hostForeign"] = *peer.remote_host;
    out["portForeign"] = peer.remote_port;
  }
  out["connectRetryTimer"] = peer.connect_retry;
  return out;
}

// "advertised and received" / "advertised" / "received" as FRR's text prints capabilities.
std::string capability_words(const CapabilityPair& capability) {
  std::string out;
  if (capability.advertised) out = "advertised";
  if (capability.received) out += out.empty() ? "received" : " and received";
  return out;
}

std::string capabilities_text(const PeerView& peer) {
  std::string out = "  Neighbor capabilities:\n";
  auto line = [&](std::string_view name, const CapabilityPair& capability,
                  std::string_view suffix = "") {
    if (capability.advertised || capability.received) {
      out += fmt::format("    {}: {}{}\n", name, capability_words(capability), suffix);
    }
  };
  line("4 Byte AS", peer.four_octet_as);
  line("Extended Message", peer.extended_message);
  line("Route refresh", peer.route_refresh, peer.route_refresh.received ? "(new)" : "");
  for (Afi afi : kFamilies) {
    line(fmt::format("Address Family {}", afi_title(afi)), peer.af[afi].multiprotocol);
  }
  return out;
}

std::string message_stats_text(const PeerView& peer) {
  std::string out = fmt::format(
      "  Message statistics:\n    Inq depth is 0\n    Outq depth is {}\n"
      "                         Sent       Rcvd\n",
      peer.outq);
  auto row = [&](std::string_view label, std::uint64_t sent, std::uint64_t received) {
    out += fmt::format("    {:<15}{:>10} {:>10}\n", label, sent, received);
  };
  row("Opens:", peer.sent.opens, peer.received.opens);
  row("Notifications:", peer.sent.notifications, peer.received.notifications);
  row("Updates:", peer.sent.updates, peer.received.updates);
  row("Keepalives:", peer.sent.keepalives, peer.received.keepalives);
  row("Route Refresh:", peer.sent.route_refreshes, peer.received.route_refreshes);
  row("Capability:", 0, 0);
  row("Total:", peer.sent.total(), peer.received.total());
  return out;
}

std::string peer_text(const PeerView& peer, const InstanceView& view) {
  std::string out =
      fmt::format("BGP neighbor is {}, remote AS {}, local AS {}, {} link\n", peer.key,
                  peer.remote_as, peer.local_as, peer.internal ? "internal" : "external");
  if (peer.description) out += " Description: " + *peer.description + "\n";
  out += fmt::format("  BGP version 4, remote router ID {}, local router ID {}\n",
                     router_id_text(peer.remote_router_id),
                     router_id_text(peer.local_router_id ? peer.local_router_id : view.router_id));
  out += fmt::format("  BGP state = {}", state_name(peer.state));
  if (established(peer)) out += fmt::format(", up for {:>8}", peer_uptime_text(peer.uptime));
  out += "\n";
  if (peer.admin_shutdown) out += "  Administratively shut down\n";
  const auto [hold, keepalive] = timers_in_use(peer);
  out += fmt::format("  Hold time is {}, keepalive interval is {} seconds\n", hold, keepalive);
  out += fmt::format("  Configured hold time is {}, keepalive interval is {} seconds\n",
                     peer.configured_hold, peer.configured_keepalive);
  if (established(peer)) out += capabilities_text(peer);
  out += message_stats_text(peer) + "\n";
  for (Afi afi : kFamilies) {
    const PeerAfView& af = peer.af[afi];
    if (!af.activated) continue;
    out += fmt::format(" For address family: {}\n  {} accepted prefixes\n\n", afi_title(afi),
                       af.prefixes_received);
  }
  out += fmt::format("  Connections established {}; dropped {}\n", peer.connections_established,
                     peer.connections_dropped);
  if (peer.last_reset.empty()) {
    out += "  Last reset never\n";
  } else {
    out += fmt::format("  Last reset {}, {}\n", peer_uptime_text(peer.last_reset_age),
                       peer.last_reset);
  }
  if (peer.local_host && peer.remote_host) {
    out += fmt::format("Local host: {}, Local port: {}\n", *peer.local_host, peer.local_port);
    out += fmt::format("Foreign host: {}, Foreign port: {}\n", *peer.remote_host, peer.remote_port);
  }
  out += fmt::format("BGP Connect Retry Timer in Seconds: {}\n", peer.connect_retry);
  return out + "\n";
}

}  // namespace

NeighborsOutput show_neighbors(const InstanceView& view, const NeighborsOptions& options) {
  NeighborsOutput result;
  Json peers = Json::object();
  if (options.vrf_all) {
    peers["vrfId"] = 0;
    peers["vrfName"] = "default";
  }
  std::string text;
  bool any = false;
  for (const auto& peer : view.peers) {
    if (options.peer && peer.key != *options.peer) continue;
    any = true;
    if (options.json) {
      peers[peer.key] = peer_json(peer, view);
    } else {
      text += peer_text(peer, view);
    }
  }
  if (options.peer && !any) {
    result.found = false;
    result.text = options.json ? dump_json(Json{{"bgpNoSuchNeighbor", true}})
                               : "% No such neighbor in this view/vrf\n";
    return result;
  }
  if (!options.json) {
    result.text = text;
    return result;
  }
  result.text = dump_json(options.vrf_all ? Json{{"default", std::move(peers)}} : peers);
  return result;
}

}  // namespace cfn::bgp::show
