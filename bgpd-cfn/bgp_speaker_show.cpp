// SpeakerShow: see bgp_speaker_show.hpp.
#include "bgpd-cfn/bgp_speaker_show.hpp"

#include <algorithm>
#include <charconv>

#include "bgpd-cfn/peer_settings.hpp"
#include "bgpd-cfn/session/asio_address.hpp"

namespace cfn::bgp {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point then) {
  if (then == Clock::time_point{}) return std::chrono::milliseconds{0};
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - then);
}

}  // namespace

show::PeerView SpeakerShow::peer_view(const BgpSpeaker::PeerEntry& entry) const {
  const BgpPeer& peer = *entry.peer;
  const PeerCounters& c = peer.counters();
  const auto& negotiated = peer.negotiated();
  const BgpConfig& config = speaker_.config();
  show::PeerView v;
  v.key = entry.key.to_string();
  v.description = entry.neighbor.description;
  v.local_as = config.asn.value_or(0);
  const std::string& remote = entry.neighbor.remote_as;
  std::from_chars(remote.data(), remote.data() + remote.size(), v.remote_as);
  if (negotiated) v.remote_as = negotiated->peer_open.peer_as();
  v.internal = !is_external(config, entry.neighbor);
  v.state = peer.state();
  v.admin_shutdown = entry.settings.shutdown;
  v.passive = entry.settings.timers.passive;
  if (negotiated) v.remote_router_id = negotiated->peer_open.bgp_identifier;
  v.local_router_id = speaker_.router_id();
  v.uptime = since(c.last_change);
  if (c.established != 0)
    v.established_epoch =
        std::chrono::duration_cast<std::chrono::seconds>(c.established_at.time_since_epoch())
            .count();
  v.connections_established = c.established;
  v.connections_dropped = c.dropped;
  v.sent = c.sent;
  v.received = c.received;
  v.outq = peer.queued_writes();
  v.configured_hold = static_cast<std::uint32_t>(entry.settings.timers.hold.count());
  v.configured_keepalive = static_cast<std::uint32_t>(entry.settings.timers.keepalive.count());
  v.hold = static_cast<std::uint32_t>(peer.session().hold.count());
  v.keepalive = static_cast<std::uint32_t>(peer.session().keepalive.count());
  v.connect_retry = static_cast<std::uint32_t>(entry.settings.timers.connect_retry.count());
  v.four_octet_as.advertised = v.route_refresh.advertised = v.extended_message.advertised = true;
  if (negotiated) {
    const wire::Capabilities& caps = negotiated->peer_open.capabilities;
    v.four_octet_as.received = caps.four_octet_as.has_value();
    v.route_refresh.received = caps.route_refresh || caps.route_refresh_cisco;
    v.extended_message.received = caps.extended_message;
  }
  for (Afi afi : {Afi::kIpv4, Afi::kIpv6}) {
    show::PeerAfView& af = v.af[afi];
    const wire::AfiSafi family = afi == Afi::kIpv4 ? wire::kIpv4Unicast : wire::kIpv6Unicast;
    af.activated = afi == Afi::kIpv4 ? entry.settings.ipv4_unicast : entry.settings.ipv6_unicast;
    af.multiprotocol.advertised = af.activated;
    if (negotiated) {
      af.multiprotocol.received = negotiated->peer_open.capabilities.carries(family);
      af.negotiated =
          afi == Afi::kIpv4 ? negotiated->decode.ipv4_unicast : negotiated->decode.ipv6_unicast;
    }
    af.prefixes_received = speaker_.table(afi).path_count(entry.id);
    const auto& out = entry.out[static_cast<std::size_t>(afi)];
    af.prefixes_sent = out ? out->size() : 0;
    af.policy_in_missing = !entry.accept_in;
    af.policy_out_missing = !entry.send_out;
  }
  if (auto local = peer.local_endpoint()) {
    v.local_host = from_asio(local->address()).to_string();
    v.local_port = local->port();
  }
  if (auto remote_end = peer.remote_endpoint()) {
    v.remote_host = from_asio(remote_end->address()).to_string();
    v.remote_port = remote_end->port();
  }
  v.last_reset = c.last_reset;
  if (c.dropped != 0 && peer.state() != State::kEstablished)
    v.last_reset_age = since(c.last_change);
  if (!c.shutdown_message.empty()) v.shutdown_message = c.shutdown_message;
  return v;
}

show::InstanceView SpeakerShow::instance(Afi afi) const {
  show::InstanceView v;
  const BgpConfig& config = speaker_.config();
  v.router_id = speaker_.router_id();
  v.as = config.asn.value_or(0);
  v.table_version = speaker_.table_version(afi);
  v.rib_count = speaker_.table(afi).prefix_count();
  v.rib_memory = speaker_.table(afi).memory_usage();
  v.multipath_relax = config.multipath_relax;
  for (const auto& [key, entry] : speaker_.peers()) v.peers.push_back(peer_view(*entry));
  v.peer_memory = v.peers.size() * sizeof(BgpSpeaker::PeerEntry);
  return v;
}

show::RouteView SpeakerShow::route_view(Afi afi, DestId id) const {
  const RibTable& table = speaker_.table(afi);
  const Destination& destination = table.destination(id);
  show::RouteView v;
  v.prefix = destination.prefix;
  v.version = speaker_.table_version(afi);
  const auto paths = destination.paths();
  const bool several =
      std::count_if(paths.begin(), paths.end(), [](const Path& p) { return p.multipath(); }) > 1;
  for (const Path& path : paths) {
    const PeerInfo& info = table.peer(path.peer);
    show::PathView p;
    const BgpSpeaker::PeerEntry* entry = speaker_.peer_by_id(path.peer);
    p.peer_key = path.peer == kLocalPeer || !entry ? "(unspec)" : entry->key.to_string();
    p.peer_router_id = info.router_id;
    p.peer_type = info.type;
    p.attributes = &speaker_.attributes().get(path.attributes);
    p.next_hop = p.attributes->next_hop;
    p.valid = table.usable(path);
    p.best = path.best();
    p.multipath = several && path.multipath();  // FRR marks multipath only in a set
    if (p.best)
      if (auto reason = table.selection_reason(id))
        p.selection_reason = std::string(selection_reason_text(*reason));
    p.weight = info.weight;
    v.paths.push_back(std::move(p));
  }
  std::stable_partition(v.paths.begin(), v.paths.end(),
                        [](const show::PathView& p) { return p.best; });
  for (const auto& [key, entry] : speaker_.peers()) {
    const auto& out = entry->out[static_cast<std::size_t>(afi)];
    if (out && out->advertised(v.prefix)) v.advertised_to.push_back(key.to_string());
  }
  return v;
}

std::vector<show::RouteView> SpeakerShow::routes(Afi afi) const {
  std::vector<show::RouteView> out;
  speaker_.table(afi).for_each_destination([&](DestId id, const Destination& destination) {
    if (destination.size() != 0) out.push_back(route_view(afi, id));
  });
  std::sort(out.begin(), out.end(),
            [](const show::RouteView& a, const show::RouteView& b) { return a.prefix < b.prefix; });
  return out;
}

std::optional<show::RouteView> SpeakerShow::route(Afi afi, const net::Prefix& prefix) const {
  const auto id = speaker_.table(afi).find(prefix);
  if (!id || speaker_.table(afi).destination(*id).size() == 0) return std::nullopt;
  return route_view(afi, *id);
}

std::optional<show::RouteView> SpeakerShow::lookup(Afi afi, const net::IpAddress& address) const {
  for (int length = static_cast<int>(address.bit_length()); length >= 0; --length)
    if (auto found = route(afi, net::Prefix(address, static_cast<unsigned>(length)))) return found;
  return std::nullopt;
}

std::optional<std::vector<show::AdvertisedView>> SpeakerShow::adj_rib(Afi afi,
                                                                      const std::string& peer,
                                                                      bool advertised) const {
  const BgpSpeaker::PeerEntry* entry = speaker_.find_peer(peer);
  if (!entry) return std::nullopt;
  std::vector<show::AdvertisedView> rows;
  const AttributeStore& store = speaker_.attributes();
  if (advertised) {
    if (const auto& out = entry->out[static_cast<std::size_t>(afi)]) {
      for (const auto& batch : out->advertised_routes().announced) {
        const wire::PathAttributes& a = store.get(batch.attributes);
        for (const auto& prefix : batch.prefixes)
          rows.push_back({.prefix = prefix,
                          .attributes = &a,
                          .next_hop = a.next_hop,
                          .weight = 0,
                          .best = true});
      }
    }
  } else {
    speaker_.table(afi).for_each_destination([&](DestId, const Destination& destination) {
      for (const Path& path : destination.paths()) {
        if (path.peer != entry->id) continue;
        const wire::PathAttributes& a = store.get(path.attributes);
        rows.push_back({.prefix = destination.prefix,
                        .attributes = &a,
                        .next_hop = a.next_hop,
                        .weight = 0,
                        .best = path.best()});
      }
    });
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.prefix < b.prefix; });
  return rows;
}

bool SpeakerShow::clear(std::optional<std::string> peer, show::ClearMode mode,
                        std::optional<Afi> afi) {
  std::vector<BgpSpeaker::PeerEntry*> targets;
  if (peer) {
    BgpSpeaker::PeerEntry* entry = speaker_.find_peer(*peer);
    if (!entry) return false;
    targets.push_back(entry);
  } else {
    for (const auto& [key, entry] : speaker_.peers()) targets.push_back(entry.get());
  }
  for (BgpSpeaker::PeerEntry* entry : targets) {
    switch (mode) {
      case show::ClearMode::kHard:
        speaker_.clear_hard(*entry);
        break;
      case show::ClearMode::kSoftIn:
        speaker_.clear_soft_in(*entry, afi);
        break;
      case show::ClearMode::kSoftOut:
        speaker_.clear_soft_out(*entry, afi);
        break;
      case show::ClearMode::kSoftBoth:
        speaker_.clear_soft_in(*entry, afi);
        speaker_.clear_soft_out(*entry, afi);
        break;
    }
  }
  return true;
}

}  // namespace cfn::bgp
