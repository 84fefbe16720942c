// The fake speaker's data: see fake_show_source.hpp.
#include "fake_show_source.hpp"

#include <bit>

#include "tests/unit/address_literals.hpp"

namespace cfn::test {
namespace {

using namespace std::chrono_literals;
using bgp::Afi;
using bgp::show::PathView;
using bgp::show::PeerView;
using bgp::wire::AsPath;
using bgp::wire::AsPathSegment;
using bgp::wire::ExtendedCommunity;
using bgp::wire::Origin;
using bgp::wire::PathAttributes;

constexpr std::int64_t kEpoch = 1795943081;

std::uint32_t id(std::string_view text) {
  return addr(text).v4_value();
}

AsPath sequence(std::vector<std::uint32_t> asns) {
  return AsPath{{AsPathSegment{bgp::wire::SegmentType::kSequence, std::move(asns)}}};
}

PeerView established_peer(std::string key, std::uint32_t remote_as, std::string router_id) {
  PeerView p;
  p.key = std::move(key);
  p.local_as = 65001;
  p.remote_as = remote_as;
  p.state = bgp::State::kEstablished;
  p.remote_router_id = id(router_id);
  p.local_router_id = id("10.80.1.1");
  p.uptime = 46s;
  p.established_epoch = kEpoch;
  p.connections_established = 1;
  p.hold = 180;
  p.keepalive = 60;
  p.four_octet_as = {true, true};
  p.route_refresh = {true, true};
  p.extended_message = {true, false};
  p.local_port = 53864;
  p.remote_port = 179;
  p.last_reset = "Waiting for peer OPEN";
  p.last_reset_age = 47s;
  return p;
}

void activate(PeerView& peer, Afi afi, std::uint64_t received, std::uint64_t sent) {
  auto& af = peer.af[afi];
  af.activated = true;
  af.multiprotocol = {true, true};
  af.negotiated = true;
  af.prefixes_received = received;
  af.prefixes_sent = sent;
}

std::vector<PeerView> peers() {
  PeerView bird = established_peer("10.80.1.2", 65002, "10.80.1.2");
  bird.description = "bird-v4";
  bird.sent = {1, 3, 1, 0, 0};
  bird.received = {1, 2, 1, 0, 0};
  activate(bird, Afi::kIpv4, 3, 4);
  bird.local_host = "10.80.1.1";
  bird.remote_host = "10.80.1.2";

  PeerView gobgp = established_peer("10.80.2.2", 65003, "10.80.2.2");
  gobgp.description = "gobgp route server with a long description";
  gobgp.sent = {1, 2, 3, 0, 0};
  gobgp.received = {1, 1, 3, 0, 1};
  gobgp.uptime = 2 * 24h + 3h + 4min;
  activate(gobgp, Afi::kIpv4, 1, 3);
  gobgp.local_host = "10.80.2.1";
  gobgp.remote_host = "10.80.2.2";

  PeerView bird6 = established_peer("2001:db8:80::2", 65002, "10.80.1.2");
  bird6.sent = {1, 5, 1, 0, 0};
  bird6.received = {1, 3, 1, 0, 0};
  activate(bird6, Afi::kIpv4, 0, 4);
  activate(bird6, Afi::kIpv6, 1, 1);
  bird6.local_host = "2001:db8:80::1";
  bird6.remote_host = "2001:db8:80::2";
  bird6.local_port = 34708;

  PeerView down;
  down.key = "10.80.9.9";
  down.local_as = 65001;
  down.remote_as = 65009;
  down.state = bgp::State::kIdle;
  down.admin_shutdown = true;
  down.af[Afi::kIpv4].activated = true;
  down.shutdown_message = "maintenance";
  return {bird, gobgp, bird6, down};
}

PathView path_from(const PeerView& peer, const PathAttributes* attributes, std::string_view nh) {
  PathView p;
  p.peer_key = peer.key;
  p.peer_router_id = peer.remote_router_id;
  p.attributes = attributes;
  p.next_hop = addr(nh);
  p.last_update_epoch = kEpoch;
  return p;
}

PathView best(PathView path, std::string reason) {
  path.best = true;
  path.selection_reason = std::move(reason);
  return path;
}

}  // namespace

FakeShowSource::FakeShowSource() {
  view_.router_id = id("10.80.1.1");
  view_.as = 65001;
  view_.table_version = 6;
  view_.peer_memory = 1482928;
  view_.multipath_relax = true;
  view_.peers = peers();
  const PeerView& bird = view_.peers[0];
  const PeerView& gobgp = view_.peers[1];
  const PeerView& bird6 = view_.peers[2];

  PathAttributes plain;
  plain.origin = Origin::kIgp;
  plain.as_path = sequence({65002});
  const auto* from_bird = intern(plain);
  plain.as_path = sequence({65003});
  const auto* from_gobgp = intern(plain);

  PathAttributes local;
  local.origin = Origin::kIgp;
  local.as_path = AsPath{};
  local.med = 0;
  const auto* local_attributes = intern(local);

  PathAttributes tagged;
  tagged.origin = Origin::kIgp;
  tagged.as_path = sequence({65002});
  tagged.med = 50;
  tagged.communities = {(65002u << 16) | 7, bgp::wire::kCommunityNoExport};
  tagged.large_communities = {{65002, 3, 4}};
  tagged.extended_communities = {
      ExtendedCommunity::route_target(65002, 1),
      ExtendedCommunity::as2_specific(0x40, 0x04, 65002, std::bit_cast<std::uint32_t>(125000.0f)),
      ExtendedCommunity{0x8301'1000'0000'0000ull}};
  const auto* tagged_attributes = intern(tagged);

  auto add = [this](Afi afi, std::string_view prefix, std::uint64_t version,
                    std::vector<PathView> paths, std::vector<std::string> advertised_to) {
    bgp::show::RouteView r{pfx(prefix), version, std::move(paths), std::move(advertised_to)};
    routes_[afi][r.prefix] = std::move(r);
  };
  const std::vector<std::string> everyone = {"10.80.1.2", "10.80.2.2", "2001:db8:80::2"};
  add(Afi::kIpv4, "10.80.1.0/30", 3,
      {best(path_from(bird, from_bird, "10.80.1.2"), "First path received")}, everyone);
  // The ECMP pair: equal up to the router ID, both used.
  PathView first = best(path_from(bird, from_bird, "10.80.1.2"), "Router ID");
  first.multipath = true;
  PathView second = path_from(gobgp, from_gobgp, "10.80.2.2");
  second.multipath = true;
  add(Afi::kIpv4, "192.0.2.0/25", 2, {first, second}, everyone);
  PathView own;
  own.peer_key = "(unspec)";
  own.peer_type = bgp::PeerType::kLocal;
  own.attributes = local_attributes;
  own.weight = 32768;
  own.last_update_epoch = kEpoch;
  add(Afi::kIpv4, "198.51.100.0/24", 1, {best(own, "First path received")}, everyone);
  add(Afi::kIpv4, "203.0.113.0/24", 4,
      {best(path_from(bird, tagged_attributes, "10.80.1.2"), "First path received")},
      {"10.80.2.2", "2001:db8:80::2"});
  add(Afi::kIpv6, "2001:db8:200::/48", 1,
      {best(path_from(bird6, from_bird, "2001:db8:80::2"), "First path received")}, {});

  PathAttributes sent_own;
  sent_own.origin = Origin::kIgp;
  sent_own.as_path = sequence({65001});
  sent_own.med = 0;
  PathAttributes sent_on = plain;
  sent_on.as_path = sequence({65001, 65003});
  advertised_["10.80.1.2"] = {
      {pfx("192.0.2.0/25"), intern(sent_on), addr("10.80.1.1"), 0, true},
      {pfx("198.51.100.0/24"), intern(sent_own), addr("10.80.1.1"), 0, true},
  };
}

const PathAttributes* FakeShowSource::intern(PathAttributes attributes) {
  attributes_.push_back(std::move(attributes));
  return &attributes_.back();
}

bgp::show::InstanceView FakeShowSource::instance(Afi afi) const {
  bgp::show::InstanceView view = view_;
  view.rib_count = routes_[afi].size();
  view.rib_memory = view.rib_count * 192;
  if (afi == Afi::kIpv6) view.table_version = 1;
  return view;
}

std::vector<bgp::show::RouteView> FakeShowSource::routes(Afi afi) const {
  std::vector<bgp::show::RouteView> out;
  for (const auto& [prefix, route] : routes_[afi]) out.push_back(route);
  return out;
}

std::optional<bgp::show::RouteView> FakeShowSource::route(Afi afi, const net::Prefix& p) const {
  auto it = routes_[afi].find(p);
  if (it == routes_[afi].end()) return std::nullopt;
  return it->second;
}

std::optional<bgp::show::RouteView> FakeShowSource::lookup(Afi afi, const net::IpAddress& a) const {
  std::optional<bgp::show::RouteView> found;
  for (const auto& [prefix, route] : routes_[afi]) {
    if (prefix.contains(a) && (!found || prefix.length() > found->prefix.length())) found = route;
  }
  return found;
}

std::optional<std::vector<bgp::show::AdvertisedView>> FakeShowSource::adj_rib(
    Afi afi, const std::string& peer, bool advertised) const {
  if (!known(peer)) return std::nullopt;
  std::vector<bgp::show::AdvertisedView> rows;
  if (advertised) {
    auto it = advertised_.find(peer);
    if (afi == Afi::kIpv4 && it != advertised_.end()) rows = it->second;
    return rows;
  }
  for (const auto& [prefix, route] : routes_[afi]) {
    for (const auto& path : route.paths) {
      if (path.peer_key == peer) {
        rows.push_back({prefix, path.attributes, path.next_hop, path.weight, path.best});
      }
    }
  }
  return rows;
}

bool FakeShowSource::known(const std::string& peer) const {
  for (const auto& p : view_.peers) {
    if (p.key == peer) return true;
  }
  return false;
}

bool FakeShowSource::clear(std::optional<std::string> peer, bgp::show::ClearMode mode,
                           std::optional<Afi> afi) {
  if (peer && !known(*peer)) return false;
  clears.push_back({std::move(peer), mode, afi});
  return true;
}

}  // namespace cfn::test
