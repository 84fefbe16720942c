// BGP configuration handlers, with FRR's checks and messages.
#include "bgpd-cfn/bgp_commands.hpp"

#include <charconv>

#include "bgpd-cfn/bgp_peer_group.hpp"
#include "libcfn/cli/commands_bgp.hpp"

namespace cfn::bgp {
namespace {

using cli::Args;
using cli::Context;
using cli::Node;
using cli::Status;
namespace cmd = cli::cmd;
using Target = std::function<BgpConfig&()>;

template <typename T>
T to_number(std::string_view text) {
  T value{};
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

Status warn(Context& ctx, const std::string& message) {
  ctx.out() += "% " + message + "\n";
  return Status::kWarning;
}

Afi afi_of(Context& ctx) {
  return ctx.frame(Node::kBgpIpv6Unicast).get("afi") == "ipv6" ? Afi::kIpv6 : Afi::kIpv4;
}

// Runs `fn` on an existing neighbor, or answers as FRR does when it is not configured.
template <typename Fn>
Status with_neighbor(const Target& target, Context& ctx, const Args& args, Fn&& fn) {
  auto& neighbors = target().neighbors;
  auto it = neighbors.find(PeerKey::parse(args.get("peer")));
  if (it == neighbors.end()) return warn(ctx, "Specify remote-as or peer-group commands first");
  fn(it->second);
  return Status::kSuccess;
}

// Binds a handler for a per-neighbor command: `apply(neighbor, args, negate)`.
template <typename Apply>
void bind_neighbor(cli::CommandTable& table, const cli::CommandDef& def, const Target& target,
                   Apply apply) {
  table.bind(def, [target, apply](Context& ctx, const Args& args) {
    return with_neighbor(target, ctx, args, [&](Neighbor& n) { apply(n, args, args.has("no")); });
  });
}

// Binds a handler for a per-neighbor, per-address-family command.
template <typename Apply>
void bind_neighbor_af(cli::CommandTable& table, const cli::CommandDef& def, const Target& target,
                      Apply apply) {
  table.bind(def, [target, apply](Context& ctx, const Args& args) {
    Afi afi = afi_of(ctx);
    return with_neighbor(target, ctx, args,
                         [&](Neighbor& n) { apply(n.af[afi], args, args.has("no")); });
  });
}

template <typename T>
void set_or_reset(std::optional<T>& field, bool negate, T value) {
  if (negate) {
    field.reset();
  } else {
    field = std::move(value);
  }
}

void bind_router(cli::CommandTable& table, const Target& target) {
  table.bind(cmd::kRouterBgp, [target](Context& ctx, const Args& args) {
    auto asn = to_number<std::uint32_t>(args.get("asn"));
    BgpConfig& config = target();
    if (config.asn && *config.asn != asn) {
      return warn(ctx, "BGP is already running; AS is " + std::to_string(*config.asn));
    }
    config.asn = asn;
    return Status::kSuccess;
  });
  table.bind(cmd::kNoRouterBgp, [target](Context& ctx, const Args& args) {
    BgpConfig& config = target();
    if (!config.asn) return warn(ctx, "No BGP process is configured");
    if (auto asn = args.find("asn"); asn && to_number<std::uint32_t>(*asn) != *config.asn) {
      return warn(ctx, "Can't find BGP instance");
    }
    config = BgpConfig{};
    return Status::kSuccess;
  });
  table.bind(cmd::kBgpRouterId, [target](Context&, const Args& args) {
    target().router_id = net::IpAddress::parse_v4(args.get("id"));
    return Status::kSuccess;
  });
  table.bind(cmd::kNoBgpRouterId, [target](Context&, const Args&) {
    target().router_id.reset();
    return Status::kSuccess;
  });
  auto flag = [&](const cli::CommandDef& def, bool BgpConfig::*field) {
    table.bind(def, [target, field](Context&, const Args& args) {
      target().*field = !args.has("no");
      return Status::kSuccess;
    });
  };
  flag(cmd::kBgpDefaultIpv4Unicast, &BgpConfig::default_ipv4_unicast);
  flag(cmd::kBgpNetworkImportCheck, &BgpConfig::network_import_check);
  flag(cmd::kBgpEbgpRequiresPolicy, &BgpConfig::ebgp_requires_policy);
  flag(cmd::kBgpMultipathRelax, &BgpConfig::multipath_relax);
  table.bind(cmd::kTimersBgp, [target](Context& ctx, const Args& args) {
    Timers timers{to_number<std::uint16_t>(args.get("keepalive")),
                  to_number<std::uint16_t>(args.get("holdtime"))};
    if (timers.holdtime != 0 && timers.holdtime < 3) {
      return warn(ctx, "hold time value must be either 0 or greater than 3");
    }
    target().timers = timers;
    return Status::kSuccess;
  });
  table.bind(cmd::kNoTimersBgp, [target](Context&, const Args&) {
    target().timers = Timers{};
    return Status::kSuccess;
  });
}

// A new neighbor or peer-group, active in ipv4 unicast when `bgp default ipv4-unicast` is on.
Neighbor new_neighbor(const BgpConfig& config) {
  Neighbor n;
  n.af[Afi::kIpv4].activate = config.default_ipv4_unicast;
  return n;
}

void bind_neighbors(cli::CommandTable& table, const Target& target) {
  table.bind(cmd::kNeighborRemoteAs, [target](Context& ctx, const Args& args) {
    BgpConfig& config = target();
    const PeerKey key = PeerKey::parse(args.get("peer"));
    const auto& group =
        config.neighbors.try_emplace(key, new_neighbor(config)).first->second.peer_group;
    if (group && !config.neighbors.at(peer_group_key(*group)).remote_as.empty()) {
      return warn(ctx, "Peer-group member cannot override remote-as of peer-group.");
    }
    set_remote_as(config, key, std::string(args.get("asn")));
    return Status::kSuccess;
  });
  table.bind(cmd::kNoNeighbor, [target](Context& ctx, const Args& args) {
    const PeerKey key = PeerKey::parse(args.get("peer"));
    if (!target().neighbors.contains(key)) {
      return warn(ctx, "Specify remote-as or peer-group commands first");
    }
    erase_neighbor(target(), key);
    return Status::kSuccess;
  });
  bind_neighbor(table, cmd::kNeighborDescription, target, [](Neighbor& n, const Args& a, bool) {
    n.description = std::string(a.get("text"));
  });
  bind_neighbor(table, cmd::kNoNeighborDescription, target,
                [](Neighbor& n, const Args&, bool) { n.description.reset(); });
  bind_neighbor(table, cmd::kNeighborShutdown, target, [](Neighbor& n, const Args& a, bool no) {
    n.shutdown = !no;
    n.shutdown_message.reset();
    if (!no && a.has("text")) n.shutdown_message = std::string(a.get("text"));
  });
  bind_neighbor(table, cmd::kNeighborPassive, target,
                [](Neighbor& n, const Args&, bool no) { n.passive = !no; });
  bind_neighbor(table, cmd::kNeighborTimers, target, [](Neighbor& n, const Args& a, bool) {
    n.timers = Timers{to_number<std::uint16_t>(a.get("keepalive")),
                      to_number<std::uint16_t>(a.get("holdtime"))};
  });
  bind_neighbor(table, cmd::kNoNeighborTimers, target,
                [](Neighbor& n, const Args&, bool) { n.timers.reset(); });
  bind_neighbor(table, cmd::kNeighborTimersConnect, target, [](Neighbor& n, const Args& a, bool) {
    n.connect_timer = to_number<std::uint16_t>(a.get("seconds"));
  });
  bind_neighbor(table, cmd::kNoNeighborTimersConnect, target,
                [](Neighbor& n, const Args&, bool) { n.connect_timer.reset(); });
  bind_neighbor(table, cmd::kNeighborUpdateSource, target, [](Neighbor& n, const Args& a, bool) {
    n.update_source = std::string(a.get("source"));
  });
  bind_neighbor(table, cmd::kNoNeighborUpdateSource, target,
                [](Neighbor& n, const Args&, bool) { n.update_source.reset(); });
  bind_neighbor(table, cmd::kNeighborEbgpMultihop, target, [](Neighbor& n, const Args& a, bool) {
    n.ebgp_multihop = a.has("ttl") ? to_number<std::uint8_t>(a.get("ttl")) : std::uint8_t{255};
  });
  bind_neighbor(table, cmd::kNoNeighborEbgpMultihop, target,
                [](Neighbor& n, const Args&, bool) { n.ebgp_multihop.reset(); });
  bind_neighbor(table, cmd::kNeighborExtendedNexthop, target,
                [](Neighbor& n, const Args&, bool no) { n.extended_nexthop = !no; });
}

void bind_peer_groups(cli::CommandTable& table, const Target& target) {
  table.bind(cmd::kNeighborPeerGroup, [target](Context& ctx, const Args& args) {
    BgpConfig& config = target();
    const PeerKey key = peer_group_key(args.get("group"));
    auto found = config.neighbors.find(key);
    const bool exists = found != config.neighbors.end();
    if (args.has("no")) {
      if (!exists || !is_peer_group(found->second)) return warn(ctx, "Create the peer-group first");
      erase_neighbor(config, key);
    } else if (exists && !is_peer_group(found->second)) {
      return warn(ctx, "Name conflict with interface: ");
    } else if (!exists) {
      config.neighbors.emplace(key, new_neighbor(config)).first->second.peer_group_definition =
          true;
    }
    return Status::kSuccess;
  });
  table.bind(cmd::kNeighborSetPeerGroup, [target](Context& ctx, const Args& args) {
    BgpConfig& config = target();
    const PeerKey key = PeerKey::parse(args.get("peer"));
    const PeerKey group_key = peer_group_key(args.get("group"));
    auto group = config.neighbors.find(group_key);
    auto member = config.neighbors.find(key);
    const bool have_group = group != config.neighbors.end() && is_peer_group(group->second);
    if (args.has("no")) {
      // FRR deletes the peer, unless it is a member of another group.
      if (member == config.neighbors.end()) {
        return warn(ctx, "Specify remote-as or peer-group commands first");
      }
      if (!have_group) return warn(ctx, "Configure the peer-group first");
      const auto& bound = member->second.peer_group;
      if (!bound || *bound == group_key.name) erase_neighbor(config, key);
      return Status::kSuccess;
    }
    if (!have_group) return warn(ctx, "Configure the peer-group first");
    if (member == config.neighbors.end()) {
      if (group->second.remote_as.empty()) {
        return warn(ctx, "Specify remote-as or peer-group commands first");
      }
      config.neighbors.emplace(key, Neighbor{});
    } else if (const auto& bound = member->second.peer_group) {
      if (*bound == group_key.name) return Status::kSuccess;
      return warn(ctx, "Cannot change the peer-group. Deconfigure first");
    }
    bind_to_peer_group(config, key, group_key);
    return Status::kSuccess;
  });
}

void bind_address_families(cli::CommandTable& table, const Target& target) {
  // Entering the node is the session's business; nothing to record until a line inside it.
  table.bind(cmd::kAddressFamily, [](Context&, const Args&) { return Status::kSuccess; });
  // (De)activating a peer-group (de)activates its members (FRR).
  table.bind(cmd::kNeighborActivate, [target](Context& ctx, const Args& args) {
    return with_neighbor(target, ctx, args, [&](Neighbor&) {
      set_activation(target(), PeerKey::parse(args.get("peer")), afi_of(ctx), !args.has("no"));
    });
  });
  bind_neighbor_af(table, cmd::kNeighborNextHopSelf, target,
                   [](NeighborAf& af, const Args& a, bool no) {
                     af.next_hop_self = !no;
                     af.next_hop_self_force = !no && a.has("force");
                   });
  bind_neighbor_af(table, cmd::kNeighborRouteMap, target,
                   [](NeighborAf& af, const Args& a, bool no) {
                     auto& field = a.get("direction") == "in" ? af.route_map_in : af.route_map_out;
                     set_or_reset(field, no, std::string(a.get("map")));
                   });
  bind_neighbor_af(
      table, cmd::kNeighborPrefixList, target, [](NeighborAf& af, const Args& a, bool no) {
        auto& field = a.get("direction") == "in" ? af.prefix_list_in : af.prefix_list_out;
        set_or_reset(field, no, std::string(a.get("list")));
      });
  auto network = [target](Context& ctx, const Args& args) {
    auto prefix = net::Prefix::parse(args.get("prefix"));
    auto& networks = target().af[afi_of(ctx)].networks;
    if (args.has("no")) {
      if (networks.erase(*prefix) == 0) return warn(ctx, "Can't find static route specified");
    } else {
      networks.insert(*prefix);
    }
    return Status::kSuccess;
  };
  table.bind(cmd::kNetworkV4, network);
  table.bind(cmd::kNetworkV6, network);
  table.bind(cmd::kRedistribute, [target](Context& ctx, const Args& args) {
    auto& sources = target().af[afi_of(ctx)].redistribute;
    if (args.has("no")) {
      sources.erase(std::string(args.get("source")));
    } else {
      sources.insert(std::string(args.get("source")));
    }
    return Status::kSuccess;
  });
  table.bind(cmd::kMaximumPaths, [target](Context& ctx, const Args& args) {
    AfConfig& af = target().af[afi_of(ctx)];
    (args.has("ibgp") ? af.maximum_paths_ibgp : af.maximum_paths) =
        to_number<std::uint16_t>(args.get("paths"));
    return Status::kSuccess;
  });
  table.bind(cmd::kNoMaximumPaths, [target](Context& ctx, const Args& args) {
    AfConfig& af = target().af[afi_of(ctx)];
    (args.has("ibgp") ? af.maximum_paths_ibgp : af.maximum_paths) = 1;
    return Status::kSuccess;
  });
}

}  // namespace

void bind_bgp_commands(cli::CommandTable& table, std::function<BgpConfig&()> target) {
  bind_router(table, target);
  bind_neighbors(table, target);
  bind_peer_groups(table, target);
  bind_address_families(table, target);
}

}  // namespace cfn::bgp
