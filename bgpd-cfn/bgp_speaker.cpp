// BgpSpeaker: peers, RIBs, resolution, origination and the FIB on one loop (see the header).
#include "bgpd-cfn/bgp_speaker.hpp"

#include <algorithm>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>

#include <spdlog/spdlog.h>

#include "bgpd-cfn/bgp_peer_group.hpp"
#include "bgpd-cfn/peer_settings.hpp"
#include "bgpd-cfn/session/asio_address.hpp"
#include "bgpd-cfn/wire/pack_updates.hpp"

namespace cfn::bgp {
namespace {

using boost::asio::ip::tcp;
constexpr std::array<Afi, 2> kAfis{Afi::kIpv4, Afi::kIpv6};

std::size_t index(Afi afi) {
  return static_cast<std::size_t>(afi);
}

Afi afi_of(net::Family family) {
  return family == net::Family::kV4 ? Afi::kIpv4 : Afi::kIpv6;
}

std::optional<Afi> afi_of(const wire::AfiSafi& family) {
  if (family == wire::kIpv4Unicast) return Afi::kIpv4;
  if (family == wire::kIpv6Unicast) return Afi::kIpv6;
  return std::nullopt;
}

bool negotiated(const BgpPeer& peer, Afi afi) {
  const auto& n = peer.negotiated();
  return n && (afi == Afi::kIpv4 ? n->decode.ipv4_unicast : n->decode.ipv6_unicast);
}

DecisionOptions decision_options(const BgpConfig& config, Afi afi) {
  DecisionOptions options;
  options.multipath_relax = config.multipath_relax;
  options.maximum_paths = config.af[afi].maximum_paths;
  options.maximum_paths_ibgp = config.af[afi].maximum_paths_ibgp;
  return options;
}

bool as_path_has(const wire::PathAttributes& attributes, std::uint32_t asn) {
  if (!attributes.as_path) return false;
  for (const auto& segment : attributes.as_path->segments)
    if (std::find(segment.asns.begin(), segment.asns.end(), asn) != segment.asns.end()) return true;
  return false;
}

// Settings that, when changed, need a new session (all but the administrative shutdown).
bool same_session(PeerSettings a, PeerSettings b) {
  a.shutdown = b.shutdown;
  a.shutdown_message = b.shutdown_message;
  return a == b;
}

}  // namespace

BgpSpeaker::BgpSpeaker(boost::asio::io_context& io, core::TimerService& timers)
    : io_(io), timers_(timers) {}

BgpSpeaker::~BgpSpeaker() {
  stop();
}

bool BgpSpeaker::start(const Environment& environment, std::string& error) {
  env_ = environment;
  // Without a kernel view every next hop counts as reachable; with one, only resolved ones.
  const NextHopState initial{.reachable = env_.kernel == nullptr, .igp_metric = 0};
  for (Afi afi : kAfis)
    tables_[index(afi)] = std::make_unique<RibTable>(store_, DecisionOptions{}, initial);
  if (env_.kernel) {
    std::weak_ptr<int> life = life_;
    env_.kernel->subscribe([this, life](const kernel::KernelEvent& event) {
      if (!life.expired()) kernel_changed(event);
    });
  }
  if (env_.port == 0) return true;
  auto open = [&](const boost::asio::ip::address& address) {
    acceptor_ = std::make_unique<tcp::acceptor>(io_);
    boost::system::error_code ec;
    const tcp::endpoint endpoint(address, env_.port);
    acceptor_->open(endpoint.protocol(), ec);
    if (!ec && address.is_v6() && address.is_unspecified())
      acceptor_->set_option(boost::asio::ip::v6_only(false), ec);
    if (!ec) acceptor_->set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor_->bind(endpoint, ec);
    if (!ec) acceptor_->listen(tcp::socket::max_listen_connections, ec);
    if (ec) {
      error = "cannot listen on port " + std::to_string(env_.port) + ": " + ec.message();
      acceptor_.reset();
    }
    return !ec;
  };
  bool ok = false;
  if (env_.listen_address.empty()) {
    ok = open(boost::asio::ip::address_v6::any()) || open(boost::asio::ip::address_v4::any());
  } else {
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(env_.listen_address, ec);
    if (ec) {
      error = "bad listen address " + env_.listen_address;
      return false;
    }
    ok = open(address);
  }
  if (ok) {
    error.clear();
    accept_next();
  }
  return ok;
}

void BgpSpeaker::stop() {
  life_ = std::make_shared<int>(0);
  if (acceptor_) {
    boost::system::error_code ignored;
    acceptor_->close(ignored);
    acceptor_.reset();
  }
  for (auto& [key, entry] : peers_) {
    for (auto& out : entry->out) out.reset();
    entry->peer.reset();
  }
  peers_.clear();
  by_id_.clear();
}

void BgpSpeaker::accept_next() {
  std::weak_ptr<int> life = life_;
  acceptor_->async_accept([this, life](const boost::system::error_code& ec, tcp::socket socket) {
    if (life.expired() || !acceptor_ || ec == boost::asio::error::operation_aborted) return;
    if (!ec) accepted(std::move(socket));
    accept_next();
  });
}

void BgpSpeaker::accepted(tcp::socket socket) {
  boost::system::error_code ec;
  const tcp::endpoint remote = socket.remote_endpoint(ec);
  if (ec) return;
  const net::IpAddress address = from_asio(remote.address());
  for (auto& [key, entry] : peers_) {
    if (key.address == address) {
      if (!entry->peer->accept(std::move(socket)))
        spdlog::debug("bgp: neighbor {}: connection refused in state {}", address.to_string(),
                      state_name(entry->peer->state()));
      return;
    }
  }
  spdlog::info("bgp: connection from {} refused: not a configured neighbor", address.to_string());
}

std::uint32_t BgpSpeaker::choose_router_id(const BgpConfig& config) const {
  if (config.router_id && config.router_id->is_v4()) return config.router_id->v4_value();
  // As zebra: the highest IPv4 address outside 127/8.
  std::uint32_t best = 0;
  if (env_.kernel)
    for (const auto& [ifindex, iface] : env_.kernel->interfaces().all())
      for (const auto& a : iface.addresses)
        if (a.address.is_v4() && (a.address.v4_value() >> 24) != 127)
          best = std::max(best, a.address.v4_value());
  return best;
}

void BgpSpeaker::apply(const BgpConfig& config, const daemon::CommonConfig& common) {
  const std::uint32_t router_id = choose_router_id(config);
  if (config.asn != config_.asn || router_id != router_id_) remove_all_peers();
  bool policy_changed =
      common.route_maps != common_.route_maps || common.prefix_lists != common_.prefix_lists;
  for (const auto& [key, entry] : peers_) {
    if (!config.neighbors.contains(key)) continue;
    const Neighbor now = effective_neighbor(config, key);
    for (Afi afi : kAfis)
      if (inbound_policy(entry->neighbor.af[afi]) != inbound_policy(now.af[afi]) ||
          outbound_policy(entry->neighbor.af[afi]) != outbound_policy(now.af[afi]))
        policy_changed = true;
  }
  config_ = config;
  common_ = common;
  router_id_ = router_id;
  for (Afi afi : kAfis) {
    const DecisionOptions options = decision_options(config_, afi);
    RibTable& table = table_of(afi);
    const DecisionOptions& now = table.options();
    if (now.multipath_relax != options.multipath_relax ||
        now.maximum_paths != options.maximum_paths ||
        now.maximum_paths_ibgp != options.maximum_paths_ibgp)
      table.set_options(options);
    PeerInfo local = table.peer(kLocalPeer);
    local.router_id = router_id_;
    table.set_peer(kLocalPeer, local);
  }
  // Peers: removed, changed (a new session), added.
  std::vector<PeerKey> gone;
  for (const auto& [key, entry] : peers_) {
    auto found = config_.neighbors.find(key);
    if (found == config_.neighbors.end() || is_peer_group(found->second)) gone.push_back(key);
  }
  for (const auto& key : gone) remove_peer(key);
  if (config_.asn && router_id_ != 0) {
    for (const auto& [key, configured] : config_.neighbors) {
      if (is_peer_group(configured)) continue;
      const Neighbor neighbor = effective_neighbor(config_, key);
      auto settings = peer_settings(config_, neighbor, key, router_id_, 179);
      auto found = peers_.find(key);
      if (!settings) {
        if (found != peers_.end()) remove_peer(key);
        if (!key.address)
          spdlog::warn("bgp: neighbor {}: interface peers are not supported", key.to_string());
        continue;
      }
      const bool external = is_external(config_, neighbor);
      const auto& af = neighbor.af[Afi::kIpv4];
      const bool policy_in = af.route_map_in || af.prefix_list_in ||
                             neighbor.af[Afi::kIpv6].route_map_in ||
                             neighbor.af[Afi::kIpv6].prefix_list_in;
      const bool policy_out = af.route_map_out || af.prefix_list_out ||
                              neighbor.af[Afi::kIpv6].route_map_out ||
                              neighbor.af[Afi::kIpv6].prefix_list_out;
      const bool accept_in = !(external && config_.ebgp_requires_policy && !policy_in);
      const bool send_out = !(external && config_.ebgp_requires_policy && !policy_out);
      if (found != peers_.end()) {
        PeerEntry& entry = *found->second;
        if (same_session(entry.settings, *settings) && entry.accept_in == accept_in &&
            entry.send_out == send_out &&
            entry.neighbor.af[Afi::kIpv4].next_hop_self == af.next_hop_self &&
            entry.neighbor.af[Afi::kIpv6].next_hop_self == neighbor.af[Afi::kIpv6].next_hop_self) {
          const bool was_shutdown = entry.settings.shutdown;
          entry.neighbor = neighbor;
          if (settings->shutdown && !was_shutdown) {
            entry.settings = *settings;
            entry.peer->stop(settings->shutdown_message);
          }
          if (settings->shutdown || !was_shutdown) continue;
          // `no neighbor X shutdown`: a fresh peer starts below.
        }
        remove_peer(key);
      }
      add_peer(key, neighbor, *settings, accept_in, send_out);
    }
  } else if (config_.asn) {
    spdlog::warn("bgp: no router ID (no `bgp router-id` and no IPv4 address): peers wait");
  }
  if (policy_changed) refresh_policy();
  kernel_dirty_ = true;  // local routes follow the new configuration
  schedule();
}

// A route-map, prefix-list or a neighbor's policy changed: every established session is
// re-filtered both ways (Adj-RIB-Out re-exported, ROUTE-REFRESH asked), as FRR does.
void BgpSpeaker::refresh_policy() {
  for (auto& [key, entry] : peers_) {
    if (entry->peer->state() != State::kEstablished) continue;
    for (Afi afi : kAfis) {
      if (!entry->out[index(afi)]) continue;
      install_policy(*entry, afi);
      entry->out[index(afi)]->mark_all();
    }
    clear_soft_in(*entry, std::nullopt);
  }
}

void BgpSpeaker::add_peer(const PeerKey& key, const Neighbor& neighbor,
                          const PeerSettings& settings, bool accept_in, bool send_out) {
  auto entry = std::make_unique<PeerEntry>();
  entry->key = key;
  entry->accept_in = accept_in;
  entry->send_out = send_out;
  entry->neighbor = neighbor;
  entry->settings = settings;
  PeerId id = 1;
  while (id < by_id_.size() && by_id_[id]) ++id;
  if (id >= by_id_.size()) by_id_.resize(id + 1, nullptr);
  entry->id = id;
  by_id_[id] = entry.get();
  PeerEntry* raw = entry.get();
  BgpPeer::Events events{
      .established = [this, raw] { established(*raw); },
      .down = [this, raw] { down(*raw); },
      .update = [this, raw](wire::Update& u) { update(*raw, u); },
      .route_refresh = [this, raw](const wire::RouteRefresh& r) { route_refresh(*raw, r); }};
  entry->peer = std::make_unique<BgpPeer>(io_, timers_, settings, std::move(events));
  peers_[key] = std::move(entry);
  raw->peer->start();
}

void BgpSpeaker::remove_peer(const PeerKey& key) {
  auto found = peers_.find(key);
  if (found == peers_.end()) return;
  PeerEntry& entry = *found->second;
  entry.peer->stop(std::nullopt);  // Cease; down() drops the routes
  down(entry);
  by_id_[entry.id] = nullptr;
  peers_.erase(found);
}

void BgpSpeaker::remove_all_peers() {
  while (!peers_.empty()) remove_peer(peers_.begin()->first);
}

BgpSpeaker::PeerEntry* BgpSpeaker::find_peer(const std::string& key) {
  for (auto& [k, entry] : peers_)
    if (k.to_string() == key) return entry.get();
  return nullptr;
}

const BgpSpeaker::PeerEntry* BgpSpeaker::peer_by_id(PeerId id) const {
  return id < by_id_.size() ? by_id_[id] : nullptr;
}

std::optional<net::IpAddress> BgpSpeaker::self_next_hop(const PeerEntry& entry,
                                                        net::Family family) const {
  const auto local = entry.peer->local_address();
  if (!local) return std::nullopt;
  if (local->family() == family) return local;
  // The other family's session: an address of that family on the same interface.
  if (!env_.kernel) return std::nullopt;
  for (const auto& [ifindex, iface] : env_.kernel->interfaces().all()) {
    const auto& addresses = iface.addresses;
    const bool holds = std::any_of(addresses.begin(), addresses.end(),
                                   [&](const auto& a) { return a.address == *local; });
    if (!holds) continue;
    for (const auto& a : addresses)
      if (a.address.family() == family && !a.address.is_link_local_v6()) return a.address;
  }
  return std::nullopt;
}

void BgpSpeaker::established(PeerEntry& entry) {
  const Negotiated& n = *entry.peer->negotiated();
  const PeerType type = n.decode.is_ebgp ? PeerType::kExternal : PeerType::kInternal;
  for (Afi afi : kAfis) {
    if (!negotiated(*entry.peer, afi)) continue;
    table_of(afi).set_peer(entry.id, PeerInfo{.type = type,
                                              .address = entry.settings.remote,
                                              .router_id = n.peer_open.bgp_identifier,
                                              .weight = 0});
    if (!entry.send_out) continue;
    const auto self = self_next_hop(entry, afi == Afi::kIpv4 ? net::Family::kV4 : net::Family::kV6);
    if (!self) {
      spdlog::warn("bgp: neighbor {}: no local {} address to use as next hop",
                   entry.key.to_string(), afi == Afi::kIpv4 ? "IPv4" : "IPv6");
      continue;
    }
    ExportTarget target{.peer = entry.id,
                        .type = type,
                        .local_as = *config_.asn,
                        .self_next_hop = *self,
                        .next_hop_self = entry.neighbor.af[afi].next_hop_self,
                        .default_local_pref = 100};
    entry.out[index(afi)] = std::make_unique<AdjRibOut>(table_of(afi), target);
    install_policy(entry, afi);
    entry.out[index(afi)]->mark_all();
  }
  schedule();
}

// The neighbor's outbound policy on its Adj-RIB-Out (read at each use: the neighbor's
// policy names and the route-maps are those of the running configuration).
void BgpSpeaker::install_policy(PeerEntry& entry, Afi afi) {
  const PolicyRefs policy = outbound_policy(entry.neighbor.af[afi]);
  AdjRibOut& out = *entry.out[index(afi)];
  if (policy.empty()) {
    out.set_policy(nullptr, false);
    return;
  }
  out.set_policy(
      [this, policy](const net::Prefix& prefix, const wire::PathAttributes& attributes) {
        return apply_policy(common_, policy, prefix, attributes);
      },
      prefix_dependent(common_, policy));
}

void BgpSpeaker::down(PeerEntry& entry) {
  for (Afi afi : kAfis) {
    entry.out[index(afi)].reset();
    if (table_of(afi).path_count(entry.id) != 0) table_of(afi).drop_peer(entry.id);
  }
  schedule();
}

void BgpSpeaker::update(PeerEntry& entry, wire::Update& u) {
  if (!entry.accept_in) return;
  // RFC 4271 9.1.2: a route whose AS_PATH holds our AS is a loop: never used.
  const bool loop = as_path_has(u.attributes, *config_.asn);
  auto announce = [&](Afi afi, const std::vector<net::Prefix>& nlri,
                      const wire::PathAttributes& attributes) {
    RibTable& table = table_of(afi);
    if (nlri.empty()) return;
    if (loop) {
      for (const auto& p : nlri) table.withdraw(entry.id, p);
      return;
    }
    const PolicyRefs policy = inbound_policy(entry.neighbor.af[afi]);
    if (!policy.empty()) {  // per prefix: a prefix-list or route-map may tell them apart
      for (const auto& p : nlri) {
        const auto filtered = apply_policy(common_, policy, p, attributes);
        if (!filtered) {
          table.withdraw(entry.id, p);
          continue;
        }
        const AttrId id = store_.intern(*filtered);
        table.announce(entry.id, p, id);
        store_.release(id);
      }
      return;
    }
    const AttrId id = store_.intern(attributes);
    for (const auto& p : nlri) table.announce(entry.id, p, id);
    store_.release(id);
  };
  RibTable& v4 = table_of(Afi::kIpv4);
  for (const auto& p : u.withdrawn) v4.withdraw(entry.id, p);
  if (u.mp_unreach)
    if (auto afi = afi_of(u.mp_unreach->afi_safi))
      for (const auto& p : u.mp_unreach->withdrawn) table_of(*afi).withdraw(entry.id, p);
  announce(Afi::kIpv4, u.nlri, u.attributes);
  if (u.mp_reach && !u.mp_reach->nlri.empty()) {
    if (auto afi = afi_of(u.mp_reach->afi_safi)) {
      wire::PathAttributes attributes = u.attributes;
      attributes.next_hop = u.mp_reach->next_hop;
      announce(*afi, u.mp_reach->nlri, attributes);
    }
  }
  schedule();
}

void BgpSpeaker::route_refresh(PeerEntry& entry, const wire::RouteRefresh& refresh) {
  if (refresh.subtype != 0) return;  // RFC 7313 BoRR/EoRR markers: nothing to do
  if (auto afi = afi_of(refresh.afi_safi)) send_all(entry, *afi);
}

void BgpSpeaker::clear_hard(PeerEntry& entry) {
  entry.peer->reset();
}

void BgpSpeaker::clear_soft_in(PeerEntry& entry, std::optional<Afi> afi) {
  if (!entry.peer->negotiated() || !entry.peer->negotiated()->route_refresh) return;
  for (Afi a : kAfis)
    if ((!afi || *afi == a) && negotiated(*entry.peer, a))
      entry.peer->send_route_refresh(
          {a == Afi::kIpv4 ? wire::kIpv4Unicast : wire::kIpv6Unicast, 0});
}

void BgpSpeaker::clear_soft_out(PeerEntry& entry, std::optional<Afi> afi) {
  for (Afi a : kAfis)
    if (!afi || *afi == a) send_all(entry, a);
}

// Every route of the Adj-RIB-Out again (ROUTE-REFRESH answer, soft out).
void BgpSpeaker::send_all(PeerEntry& entry, Afi afi) {
  AdjRibOut* out = entry.out[index(afi)].get();
  if (!out) return;
  flush(entry, afi);  // what is queued first, so the table sent is current
  const OutboundUpdates all = out->advertised_routes();
  wire::Buffer bytes;
  std::size_t messages = 0;
  const wire::EncodeContext& context = entry.peer->negotiated()->encode;
  for (const auto& batch : all.announced)
    messages +=
        wire::pack_announcements(bytes, store_.get(batch.attributes), batch.prefixes, context);
  entry.peer->send_updates(std::move(bytes), messages);
}

// The listener never reports our own routes (see Daemon::start_kernel).
void BgpSpeaker::kernel_changed(const kernel::KernelEvent&) {
  kernel_dirty_ = true;
  schedule();
}

void BgpSpeaker::schedule() {
  if (scheduled_) return;
  scheduled_ = true;
  std::weak_ptr<int> life = life_;
  boost::asio::post(io_, [this, life] {
    if (life.expired()) return;
    scheduled_ = false;
    run();
  });
}

// One batch: kernel changes, new next hops, decision, FIB, Adj-RIBs-Out, packed UPDATEs.
void BgpSpeaker::run() {
  if (kernel_dirty_) {
    kernel_dirty_ = false;
    // Without `bgp router-id` the ID follows the interfaces (as zebra's); a new one restarts
    // the sessions, and the first one (once the kernel's addresses are known) starts them.
    if (config_.asn && choose_router_id(config_) != router_id_) {
      const BgpConfig config = config_;
      const daemon::CommonConfig common = common_;
      apply(config, common);
    }
    refresh_local_routes();
    resolve_all();
  }
  for (Afi afi : kAfis) {
    RibTable& table = table_of(afi);
    for (const auto& next_hop : table.take_new_next_hops()) resolve(next_hop, true);
    if (table.dirty_count() == 0) continue;
    const DecisionResult result = table.run_decision();
    table_version_[index(afi)] += result.changes.size();
    install(result);
    for (auto& [key, entry] : peers_)
      if (auto& out = entry->out[index(afi)]) out->mark(result);
  }
  for (auto& [key, entry] : peers_)
    for (Afi afi : kAfis) flush(*entry, afi);
}

// Where the kernel would send traffic for `next_hop` now; its table hears the verdict when the
// next hop is new to it (`always`) or the path changed.
void BgpSpeaker::resolve(const net::IpAddress& next_hop, bool always) {
  if (!env_.kernel) return;
  auto now =
      env_.kernel->routes().resolve(next_hop).value_or(std::vector<kernel::ResolvedNexthop>{});
  auto& hops = resolved_[next_hop];
  if (!always && now == hops) return;
  hops = std::move(now);
  table_of(afi_of(next_hop.family()))
      .set_next_hop_state(next_hop, NextHopState{.reachable = !hops.empty(), .igp_metric = 0});
}

void BgpSpeaker::resolve_all() {
  for (const auto& entry : resolved_) resolve(entry.first, false);
}

void BgpSpeaker::refresh_local_routes() {
  for (Afi afi : kAfis) {
    const net::Family family = afi == Afi::kIpv4 ? net::Family::kV4 : net::Family::kV6;
    LocalRoutes wanted = config_.asn
                             ? local_routes(config_.af[afi], family,
                                            env_.kernel ? &env_.kernel->interfaces() : nullptr,
                                            env_.kernel ? &env_.kernel->routes() : nullptr,
                                            env_.fib_protocol, config_.network_import_check)
                             : LocalRoutes{};
    RibTable& table = table_of(afi);
    for (const auto& [prefix, attributes] : local_[index(afi)])
      if (!wanted.contains(prefix)) table.withdraw_local(prefix);
    for (const auto& [prefix, attributes] : wanted) {
      const AttrId id = store_.intern(attributes);
      table.originate(prefix, id);
      store_.release(id);
    }
    local_[index(afi)] = std::move(wanted);
  }
}

// Best paths learned from peers go to the kernel with every multipath next hop; a local
// best path (or none) removes our route.
void BgpSpeaker::install(const DecisionResult& result) {
  if (!env_.fib) return;
  for (const RouteChange& change : result.changes) {
    const auto selected = result.selected(change);
    netlink::Route route;
    route.prefix = change.prefix;
    if (!selected.empty() && selected.front().peer != kLocalPeer) {
      const PeerType best =
          table_of(afi_of(change.prefix.family())).peer(selected.front().peer).type;
      route.metric = best == PeerType::kInternal ? kIbgpDistance : kEbgpDistance;
      for (const SelectedPath& path : selected) {
        if (path.peer == kLocalPeer) continue;
        const auto& next_hop = store_.get(path.attributes).next_hop;
        if (!next_hop) continue;
        auto found = resolved_.find(*next_hop);
        if (found == resolved_.end()) continue;
        for (const auto& hop : found->second) {
          netlink::NextHop nh{.gateway = hop.gateway, .ifindex = hop.ifindex, .weight = 1};
          if (std::find(route.nexthops.begin(), route.nexthops.end(), nh) == route.nexthops.end())
            route.nexthops.push_back(nh);
        }
      }
      std::sort(route.nexthops.begin(), route.nexthops.end());
    }
    if (route.nexthops.empty()) {
      if (env_.fib->routes().contains(change.prefix)) env_.fib->remove_route(change.prefix);
    } else {
      env_.fib->set_route(route);
    }
  }
}

void BgpSpeaker::flush(PeerEntry& entry, Afi afi) {
  AdjRibOut* out = entry.out[index(afi)].get();
  if (!out || out->queued() == 0) return;
  const OutboundUpdates updates = out->take_updates();
  if (updates.empty()) return;
  const wire::EncodeContext& context = entry.peer->negotiated()->encode;
  wire::Buffer bytes;
  std::size_t messages = wire::pack_withdrawals(bytes, updates.withdrawn, context);
  for (const auto& batch : updates.announced)
    messages +=
        wire::pack_announcements(bytes, store_.get(batch.attributes), batch.prefixes, context);
  entry.peer->send_updates(std::move(bytes), messages);
}

}  // namespace cfn::bgp
