// The show and clear command handlers: see bgp_show_commands.hpp.
#include "bgpd-cfn/show/bgp_show_commands.hpp"

#include <vector>

#include "bgpd-cfn/show/bgp_show_adj_rib.hpp"
#include "bgpd-cfn/show/bgp_show_neighbors.hpp"
#include "bgpd-cfn/show/bgp_show_routes.hpp"
#include "bgpd-cfn/show/bgp_show_summary.hpp"
#include "libcfn/cli/commands_bgp.hpp"

namespace cfn::bgp::show {
namespace {

using cli::Args;
using cli::Context;
using cli::Status;

const cli::Arg* find_arg(const Args& args, std::string_view name) {
  for (const auto& arg : args.items()) {
    if (arg.name == name) return &arg;
  }
  return nullptr;
}

// The family a line names: `ipv4|ipv6`, else `ip` (IPv4), else none.
std::optional<Afi> named_afi(const Args& args) {
  if (auto afi = args.find("afi")) return *afi == "ipv6" ? Afi::kIpv6 : Afi::kIpv4;
  if (args.has("ip")) return Afi::kIpv4;
  return std::nullopt;
}

// `show bgp [vrf all] [ipv4|ipv6 [unicast]] summary [json]`: without a full family, every
// family the line allows, each under its own header (FRR's AFI/SAFI wildcard).
Status summary(ShowSource& source, Context& ctx, const Args& args) {
  std::vector<FamilySummary> families;
  if (auto afi = named_afi(args)) {
    families.push_back({*afi, source.instance(*afi)});
  } else {
    for (Afi afi : {Afi::kIpv4, Afi::kIpv6}) families.push_back({afi, source.instance(afi)});
  }
  SummaryOptions options;
  options.json = args.has("json");
  options.per_family = !args.has("unicast");
  options.vrf_all = args.get("vrf_name") == "all";
  ctx.out() += show_summary(families, options);
  return Status::kSuccess;
}

Status neighbors(ShowSource& source, Context& ctx, const Args& args) {
  NeighborsOptions options;
  options.json = args.has("json");
  options.vrf_all = args.get("vrf_name") == "all";
  if (auto peer = args.find("peer")) options.peer = std::string(*peer);
  NeighborsOutput out = show_neighbors(source.instance(Afi::kIpv4), options);
  ctx.out() += out.text;
  return out.found ? Status::kSuccess : Status::kWarning;
}

// `show ip bgp [A.B.C.D|A.B.C.D/M]`, `show bgp ipv4|ipv6 [unicast] [PREFIX|ADDRESS]`: the
// table, or one route (a prefix exactly, an address by longest match).
Status routes(ShowSource& source, Context& ctx, const Args& args) {
  const bool json = args.has("json");
  const cli::Arg* target = find_arg(args, "target");
  const bool target_v6 = target && (target->kind == cli::TokenKind::kIpv6 ||
                                    target->kind == cli::TokenKind::kIpv6Prefix);
  const Afi afi = named_afi(args).value_or(target_v6 ? Afi::kIpv6 : Afi::kIpv4);
  const InstanceView view = source.instance(afi);
  if (!target) {
    ctx.out() += show_route_table(view, source.routes(afi), afi, json);
    return Status::kSuccess;
  }
  const bool is_prefix =
      target->kind == cli::TokenKind::kIpv4Prefix || target->kind == cli::TokenKind::kIpv6Prefix;
  std::optional<RouteView> route;
  if ((afi == Afi::kIpv6) == target_v6) {  // else the family and the address disagree
    if (is_prefix) {
      route = source.route(afi, *net::Prefix::parse(target->value));
    } else {
      route = source.lookup(afi, *net::IpAddress::parse(target->value));
    }
  }
  ctx.out() += show_route_detail(view, route, afi, json);
  return route ? Status::kSuccess : Status::kWarning;
}

bool has_family(const InstanceView& view, const std::string& peer, Afi afi) {
  for (const auto& p : view.peers) {
    if (p.key == peer) return p.af[afi].activated;
  }
  return false;
}

// `neighbors X advertised-routes|received-routes|routes`: the peer's Adj-RIB-Out or -In, or
// the table's paths from that peer.
Status neighbor_routes(ShowSource& source, Context& ctx, const Args& args) {
  const bool json = args.has("json");
  const Afi afi = named_afi(args).value_or(Afi::kIpv4);
  const std::string peer(args.get("peer"));
  const std::string_view what = args.get("what");
  const InstanceView view = source.instance(afi);
  std::optional<std::vector<AdvertisedView>> rows;
  bool found = has_family(view, peer, afi);
  if (found && what != "routes") {
    rows = source.adj_rib(afi, peer, what == "advertised-routes");
    found = rows.has_value();
  }
  if (!found) {
    ctx.out() += no_such_neighbor_or_family(json);
    return Status::kWarning;
  }
  if (rows) {
    ctx.out() += show_adj_rib(view, *rows, afi, what == "advertised-routes", json);
  } else {
    ctx.out() += show_route_table(view, source.routes(afi), afi, json, peer);
  }
  return Status::kSuccess;
}

// `clear [ip] bgp [ipv4|ipv6 [unicast]] <*|PEER> [soft [in|out]]`.
Status clear(ShowSource& source, Context& ctx, const Args& args) {
  const std::string_view peer = args.get("peer");
  ClearMode mode = ClearMode::kHard;
  if (args.has("soft")) {
    const std::string_view direction = args.get("direction");
    mode = direction == "in"    ? ClearMode::kSoftIn
           : direction == "out" ? ClearMode::kSoftOut
                                : ClearMode::kSoftBoth;
  }
  std::optional<std::string> which;
  if (peer != "*") which = std::string(peer);
  if (!source.clear(which, mode, named_afi(args))) {
    ctx.out() += "% BGP: Unknown neighbor - \"" + std::string(peer) + "\"\n";
    return Status::kWarning;
  }
  return Status::kSuccess;
}

}  // namespace

void bind_bgp_show_commands(cli::CommandTable& table, ShowSource& source) {
  using Fn = Status (*)(ShowSource&, Context&, const Args&);
  const std::pair<const cli::CommandDef*, Fn> bindings[] = {
      {&cli::cmd::kShowBgpSummary, summary}, {&cli::cmd::kShowBgpNeighbors, neighbors},
      {&cli::cmd::kShowBgpRoutes, routes},   {&cli::cmd::kShowBgpNeighborRoutes, neighbor_routes},
      {&cli::cmd::kClearBgp, clear},
  };
  for (const auto& [def, fn] : bindings) {
    const Fn handler = fn;  // clang 14 cannot capture structured bindings
    table.bind(*def, [&source, handler](Context& ctx, const Args& args) {
      return handler(source, ctx, args);
    });
  }
}

}  // namespace cfn::bgp::show
