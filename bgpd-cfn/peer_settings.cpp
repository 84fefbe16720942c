// peer_settings: see peer_settings.hpp.
#include "bgpd-cfn/peer_settings.hpp"

#include <charconv>

namespace cfn::bgp {

bool is_external(const BgpConfig& config, const Neighbor& neighbor) {
  if (neighbor.remote_as == "internal") return false;
  if (neighbor.remote_as == "external") return true;
  std::uint32_t asn = 0;
  std::from_chars(neighbor.remote_as.data(), neighbor.remote_as.data() + neighbor.remote_as.size(),
                  asn);
  return asn != config.asn.value_or(0);
}

std::optional<PeerSettings> peer_settings(const BgpConfig& config, const Neighbor& neighbor,
                                          const PeerKey& key, std::uint32_t router_id,
                                          std::uint16_t port) {
  if (!key.address || !config.asn || neighbor.remote_as.empty()) return std::nullopt;
  PeerSettings s;
  s.remote = *key.address;
  s.port = port;
  if (neighbor.update_source) s.local = net::IpAddress::parse(*neighbor.update_source);
  s.expect.local_as = *config.asn;
  s.expect.local_identifier = router_id;
  if (neighbor.remote_as == "internal") {
    s.expect.remote_as_kind = wire::RemoteAsKind::kInternal;
  } else if (neighbor.remote_as == "external") {
    s.expect.remote_as_kind = wire::RemoteAsKind::kExternal;
  } else {
    s.expect.remote_as_kind = wire::RemoteAsKind::kNumber;
    std::from_chars(neighbor.remote_as.data(),
                    neighbor.remote_as.data() + neighbor.remote_as.size(), s.expect.remote_as);
  }
  const Timers timers = neighbor.timers.value_or(config.timers);
  s.timers.keepalive = std::chrono::seconds(timers.keepalive);
  s.timers.hold = std::chrono::seconds(timers.holdtime);
  s.timers.connect_retry = std::chrono::seconds(neighbor.connect_timer.value_or(120));
  s.timers.passive = neighbor.passive;
  const bool external = is_external(config, neighbor);
  s.ttl = !external ? 255 : neighbor.ebgp_multihop.value_or(1);
  s.ipv4_unicast = neighbor.af[Afi::kIpv4].activate;
  s.ipv6_unicast = neighbor.af[Afi::kIpv6].activate;
  s.shutdown = neighbor.shutdown;
  s.shutdown_message = neighbor.shutdown_message;
  return s;
}

}  // namespace cfn::bgp
