// The BGP summary in FRR's formats: see bgp_show_summary.hpp.
#include "bgpd-cfn/show/bgp_show_summary.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "bgpd-cfn/show/bgp_show_format.hpp"

namespace cfn::bgp::show {
namespace {

constexpr std::string_view kHeader =
    "V         AS   MsgRcvd   MsgSent   TblVer  InQ OutQ  Up/Down State/PfxRcd   PfxSnt Desc\n";
constexpr std::size_t kNeighborColumn = 16;  // FRR's default width of the Neighbor column
constexpr std::size_t kDescriptionWidth = 20;

std::vector<const PeerView*> active_peers(const FamilySummary& family) {
  std::vector<const PeerView*> peers;
  for (const auto& peer : family.view.peers) {
    if (peer.af[family.afi].activated) peers.push_back(&peer);
  }
  return peers;
}

// bgp_peer_description_stripped(): at most `size` characters, cut at the last blank when
// the description is longer.
std::string stripped_description(const std::string& text, std::size_t size) {
  if (text.size() <= size) return text;
  std::size_t last_space = size;
  for (std::size_t i = 1; i < size; ++i) {
    if (text[i] == ' ' && last_space != i - 1) last_space = i;
  }
  return text.substr(0, last_space);
}

std::string_view id_type(const PeerView& peer) {
  auto address = net::IpAddress::parse(peer.key);
  if (!address) return "interface";
  return address->is_v4() ? "ipv4" : "ipv6";
}

// The JSON "peerState": why a peer is held back, else "OK".
std::string_view peer_state_word(const PeerView& peer, Afi afi) {
  if (peer.admin_shutdown) return "Admin";
  if (peer.passive) return "Passive";
  if (peer.af[afi].policy_in_missing || peer.af[afi].policy_out_missing) return "Policy";
  return "OK";
}

Json peer_json(const PeerView& peer, Afi afi) {
  const PeerAfView& af = peer.af[afi];
  Json out;
  out["remoteAs"] = peer.remote_as;
  out["localAs"] = peer.local_as;
  out["version"] = 4;
  out["msgRcvd"] = peer.received.total();
  out["msgSent"] = peer.sent.total();
  out["tableVersion"] = 0;  // FRR 8.4 prints peer->version, which nothing updates
  out["outq"] = peer.outq;
  out["inq"] = 0;  // received messages are processed as they arrive
  out["peerUptime"] = peer_uptime_text(peer.uptime);
  out["peerUptimeMsec"] = peer.uptime.count();
  if (peer.uptime.count() != 0) out["peerUptimeEstablishedEpoch"] = peer.established_epoch;
  out["pfxRcd"] = af.prefixes_received;
  out["pfxSnt"] = af.prefixes_sent;
  out["state"] = peer_state_text(peer);
  out["peerState"] = peer_state_word(peer, afi);
  out["connectionsEstablished"] = peer.connections_established;
  out["connectionsDropped"] = peer.connections_dropped;
  if (peer.description) out["desc"] = *peer.description;
  out["idType"] = id_type(peer);
  return out;
}

Json family_json(const FamilySummary& family) {
  const InstanceView& view = family.view;
  const auto peers = active_peers(family);
  Json out;
  out["routerId"] = router_id_text(view.router_id);
  out["as"] = view.as;
  out["vrfId"] = 0;
  out["vrfName"] = "default";
  out["tableVersion"] = view.table_version;
  out["ribCount"] = view.rib_count;
  out["ribMemory"] = view.rib_memory;
  out["peerCount"] = peers.size();
  out["peerMemory"] = view.peer_memory;
  Json list = Json::object();
  std::size_t failed = 0;
  for (const PeerView* peer : peers) {
    list[peer->key] = peer_json(*peer, family.afi);
    if (peer->state != State::kEstablished) ++failed;
  }
  out["peers"] = std::move(list);
  out["failedPeers"] = failed;
  out["displayedPeers"] = peers.size();
  out["totalPeers"] = peers.size();
  out["dynamicPeers"] = 0;
  out["bestPath"] = Json{{"multiPathRelax", view.multipath_relax ? "true" : "false"}};
  return out;
}

// PfxRcd and PfxSnt of an Established peer: counts, "(Policy)" when RFC 8212 blocks the
// direction, "NoNeg" when the session does not carry the family.
std::string established_columns(const PeerAfView& af) {
  if (!af.negotiated) return "        NoNeg    NoNeg";
  std::string received = af.policy_in_missing ? "(Policy)" : std::to_string(af.prefixes_received);
  std::string sent = af.policy_out_missing ? "(Policy)" : std::to_string(af.prefixes_sent);
  return fmt::format(" {:>12} {:>8}", received, sent);
}

std::string peer_row(const PeerView& peer, Afi afi, std::size_t width) {
  std::string row = peer.key;
  if (row.size() < width) row.append(width - row.size(), ' ');
  row += fmt::format("4 {:>10} {:>9} {:>9} {:>8} {:>4} {:>4} {:>8}", peer.remote_as,
                     peer.received.total(), peer.sent.total(), 0, 0, peer.outq,
                     peer_uptime_text(peer.uptime));
  if (peer.state == State::kEstablished && !peer.admin_shutdown) {
    row += established_columns(peer.af[afi]);
  } else {
    row += peer.admin_shutdown ? " Idle (Admin)" : fmt::format(" {:>12}", state_name(peer.state));
    row += fmt::format(" {:>8}", 0);
  }
  row += " " + (peer.description ? stripped_description(*peer.description, kDescriptionWidth)
                                 : std::string("N/A"));
  return row + "\n";
}

std::string family_text(const FamilySummary& family) {
  const InstanceView& view = family.view;
  const auto peers = active_peers(family);
  std::size_t width = kNeighborColumn;
  for (const PeerView* peer : peers) width = std::max(width, peer->key.size() + 1);
  std::string out = fmt::format(
      "BGP router identifier {}, local AS number {} vrf-id 0\n"
      "BGP table version {}\n"
      "RIB entries {}, using {} of memory\n"
      "Peers {}, using {} of memory\n\n",
      router_id_text(view.router_id), view.as, view.table_version, view.rib_count,
      memory_text(view.rib_memory), peers.size(), memory_text(view.peer_memory));
  out += "Neighbor" + std::string(width - 8, ' ') + std::string(kHeader);
  for (const PeerView* peer : peers) out += peer_row(*peer, family.afi, width);
  return out + fmt::format("\nTotal number of neighbors {}\n", peers.size());
}

bool has_peers(const FamilySummary& family) {
  return !active_peers(family).empty();
}

Json summary_json(std::span<const FamilySummary> families, bool per_family) {
  Json out = Json::object();
  for (const auto& family : families) {
    if (!has_peers(family)) continue;
    if (!per_family) return family_json(family);
    out[std::string(afi_json_key(family.afi))] = family_json(family);
  }
  return out;
}

}  // namespace

std::string show_summary(std::span<const FamilySummary> families, const SummaryOptions& options) {
  if (options.json) {
    Json out = summary_json(families, options.per_family);
    return dump_json(options.vrf_all ? Json{{"default", std::move(out)}} : out);
  }
  std::string out;
  for (const auto& family : families) {
    if (!has_peers(family)) continue;
    if (options.per_family)
      out += fmt::format("\n{} Summary (VRF default):\n", afi_title(family.afi));
    out += family_text(family);
  }
  return out.empty() ? "% No BGP neighbors found in VRF default\n" : out;
}

}  // namespace cfn::bgp::show
