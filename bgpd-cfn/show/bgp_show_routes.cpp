// BGP routes in FRR's formats: see bgp_show_routes.hpp.
#include "bgpd-cfn/show/bgp_show_routes.hpp"

#include <fmt/format.h>

#include "bgpd-cfn/show/bgp_community_text.hpp"
#include "bgpd-cfn/show/bgp_route_table.hpp"

namespace cfn::bgp::show {
namespace {

bool shown(const PathView& path, const std::optional<std::string>& peer) {
  return !peer || path.peer_key == *peer;
}

std::string_view path_from(const PathView& path) {
  return path.peer_type == PeerType::kInternal ? "internal" : "external";
}

// One path of the table's JSON (route_vty_out with json_paths).
Json table_path_json(const RouteView& route, const PathView& path, Afi afi) {
  const wire::PathAttributes& attributes = *path.attributes;
  Json out;
  if (path.valid) out["valid"] = true;
  if (path.best) {
    out["bestpath"] = true;
    out["selectionReason"] = path.selection_reason;
  }
  if (path.multipath) out["multipath"] = true;
  out["pathFrom"] = path_from(path);
  out["prefix"] = route.prefix.address().to_string();
  out["prefixLen"] = route.prefix.length();
  out["network"] = route.prefix.to_string();
  out["version"] = route.version;
  if (attributes.med) out["metric"] = *attributes.med;
  if (attributes.local_pref) out["locPrf"] = *attributes.local_pref;
  out["weight"] = path.weight;
  out["peerId"] = path.peer_key;
  out["path"] = as_path_text(attributes);
  out["origin"] = origin_name(attributes.origin);
  Json next_hop = next_hop_json(path.next_hop, afi);
  next_hop["used"] = true;
  out["nexthops"] = Json::array({std::move(next_hop)});
  return out;
}

std::string table_json(const InstanceView& view, std::span<const RouteView> routes, Afi afi,
                       const std::optional<std::string>& peer) {
  Json list = Json::object();
  for (const auto& route : routes) {
    Json paths = Json::array();
    for (const auto& path : route.paths) {
      if (shown(path, peer)) paths.push_back(table_path_json(route, path, afi));
    }
    if (!paths.empty()) list[route.prefix.to_string()] = std::move(paths);
  }
  Json out;
  out["vrfId"] = 0;
  out["vrfName"] = "default";
  out["tableVersion"] = view.table_version;
  out["routerId"] = router_id_text(view.router_id);
  out["defaultLocPrf"] = view.default_local_pref;
  out["localAS"] = view.as;
  out["routes"] = std::move(list);
  return dump_json(out);
}

std::string table_text(const InstanceView& view, std::span<const RouteView> routes, Afi afi,
                       const std::optional<std::string>& peer) {
  std::string rows;
  std::size_t prefixes = 0, paths = 0;  // displayed prefixes; every path of the table
  for (const auto& route : routes) {
    bool first = true;
    for (const auto& path : route.paths) {
      ++paths;
      if (!shown(path, peer)) continue;
      const std::string status =
          path_status(path.valid, path.best, path.multipath, path.peer_type == PeerType::kInternal);
      rows += table_row(status, first ? &route.prefix : nullptr, path.next_hop, afi,
                        *path.attributes, path.weight);
      if (first) ++prefixes;
      first = false;
    }
  }
  // bgp_show_table(): the count line only for the whole table.
  if (prefixes == 0) {
    return peer ? std::string() : fmt::format("No BGP prefixes displayed, {} exist\n", paths);
  }
  return table_header(view) + rows +
         fmt::format("\nDisplayed  {} routes and {} total paths\n", prefixes, paths);
}

Json as_path_json(const wire::PathAttributes& attributes) {
  static constexpr std::string_view kTypes[] = {"", "as-set", "as-sequence", "as-confed-sequence",
                                                "as-confed-set"};
  Json segments = Json::array();
  std::size_t length = 0;
  if (attributes.as_path) {
    for (const auto& segment : attributes.as_path->segments) {
      segments.push_back(
          Json{{"type", kTypes[static_cast<std::size_t>(segment.type)]}, {"list", segment.asns}});
    }
    length = attributes.as_path->length();
  }
  const std::string text = as_path_text(attributes);
  return Json{{"string", text.empty() ? "Local" : text},
              {"segments", std::move(segments)},
              {"length", length}};
}

Json peer_json(const InstanceView& view, const PathView& path) {
  if (path.peer_type == PeerType::kLocal) {
    return Json{{"peerId", "0.0.0.0"}, {"routerId", router_id_text(view.router_id)}};
  }
  return Json{{"peerId", path.peer_key},
              {"routerId", router_id_text(path.peer_router_id)},
              {"type", path_from(path)}};
}

// One path of the detail view (route_vty_out_detail with json_paths).
Json detail_path_json(const InstanceView& view, const RouteView& route, const PathView& path,
                      Afi afi) {
  const wire::PathAttributes& a = *path.attributes;
  Json out;
  out["aspath"] = as_path_json(a);
  if (a.aggregator) {
    out["aggregatorAs"] = a.aggregator->asn;
    out["aggregatorId"] = router_id_text(a.aggregator->address);
  }
  out["origin"] = origin_name(a.origin);
  if (a.med) out["metric"] = *a.med;
  if (a.local_pref) out["locPrf"] = *a.local_pref;
  if (path.weight != 0) out["weight"] = path.weight;
  out["valid"] = path.valid;
  if (a.atomic_aggregate) out["atomicAggregate"] = true;
  out["version"] = route.version;
  if (path.best)
    out["bestpath"] = Json{{"overall", true}, {"selectionReason", path.selection_reason}};
  if (path.multipath) out["multipath"] = true;
  if (!a.communities.empty()) out["community"] = communities_json(a.communities);
  if (!a.extended_communities.empty()) {
    out["extendedCommunity"] = extended_communities_json(a.extended_communities);
  }
  if (!a.large_communities.empty())
    out["largeCommunity"] = large_communities_json(a.large_communities);
  if (a.originator_id) out["originatorId"] = router_id_text(*a.originator_id);
  if (!a.cluster_list.empty()) {
    Json list = Json::array();
    for (std::uint32_t id : a.cluster_list) list.push_back(router_id_text(id));
    out["clusterList"] = Json{{"list", std::move(list)}};
  }
  if (path.last_update_epoch != 0)
    out["lastUpdate"] =
        Json{{"epoch", path.last_update_epoch}, {"string", ctime_text(path.last_update_epoch)}};
  Json next_hop = next_hop_json(path.next_hop, afi);
  next_hop["metric"] = path.igp_metric;
  next_hop["accessible"] = path.valid;
  next_hop["used"] = true;
  out["nexthops"] = Json::array({std::move(next_hop)});
  out["peer"] = peer_json(view, path);
  return out;
}

std::string detail_json(const InstanceView& view, const RouteView& route, Afi afi) {
  Json advertised = Json::object();
  for (const auto& peer : route.advertised_to) advertised[peer] = Json::object();
  Json paths = Json::array();
  for (const auto& path : route.paths) paths.push_back(detail_path_json(view, route, path, afi));
  Json out;
  out["prefix"] = route.prefix.to_string();
  out["version"] = route.version;
  out["advertisedTo"] = std::move(advertised);
  out["paths"] = std::move(paths);
  return dump_json(out);
}

// ", valid, external, multipath, best (AS Path)" and the rest of the Origin line.
std::string origin_line(const PathView& path) {
  const wire::PathAttributes& a = *path.attributes;
  std::string out = fmt::format("      Origin {}", origin_name(a.origin));
  if (a.med) out += fmt::format(", metric {}", *a.med);
  if (a.local_pref) out += fmt::format(", localpref {}", *a.local_pref);
  if (path.weight != 0) out += fmt::format(", weight {}", path.weight);
  if (path.valid) out += ", valid";
  switch (path.peer_type) {
    case PeerType::kLocal:
      out += ", sourced, local";
      break;
    case PeerType::kExternal:
      out += ", external";
      break;
    case PeerType::kInternal:
      out += ", internal";
      break;
  }
  if (a.atomic_aggregate) out += ", atomic-aggregate";
  if (path.multipath) out += ", multipath";
  if (path.best) out += fmt::format(", best ({})", path.selection_reason);
  return out + "\n";
}

std::string detail_path_text(const InstanceView& view, const PathView& path, Afi afi) {
  const wire::PathAttributes& a = *path.attributes;
  const std::string as_path = as_path_text(a);
  std::string out = "  " + (as_path.empty() ? std::string("Local") : as_path) + "\n";
  if (path.peer_type == PeerType::kLocal) {
    out += fmt::format("    {} from 0.0.0.0 ({})\n", next_hop_text(path.next_hop, afi),
                       router_id_text(view.router_id));
  } else {
    out += fmt::format("    {} from {} ({})\n", next_hop_text(path.next_hop, afi), path.peer_key,
                       router_id_text(path.peer_router_id));
  }
  out += origin_line(path);
  if (!a.communities.empty()) out += "      Community: " + communities_text(a.communities) + "\n";
  if (!a.extended_communities.empty()) {
    out += "      Extended Community: " + extended_communities_text(a.extended_communities) + "\n";
  }
  if (!a.large_communities.empty()) {
    out += "      Large Community: " + large_communities_text(a.large_communities) + "\n";
  }
  if (a.originator_id) out += "      Originator: " + router_id_text(*a.originator_id) + "\n";
  if (path.last_update_epoch == 0) return out;
  return out + "      Last update: " + ctime_text(path.last_update_epoch);
}

std::string detail_text(const InstanceView& view, const RouteView& route, Afi afi) {
  std::string out = fmt::format("BGP routing table entry for {}, version {}\n",
                                route.prefix.to_string(), route.version);
  const bool has_best = !route.paths.empty() && route.paths.front().best;
  out += has_best
             ? fmt::format("Paths: ({} available, best #1, table default)\n", route.paths.size())
             : fmt::format("Paths: ({} available, no best path)\n", route.paths.size());
  if (route.advertised_to.empty()) {
    out += "  Not advertised to any peer\n";
  } else {
    out += "  Advertised to non peer-group peers:\n ";
    for (const auto& peer : route.advertised_to) out += " " + peer;
    out += "\n";
  }
  for (const auto& path : route.paths) out += detail_path_text(view, path, afi);
  return out;
}

}  // namespace

std::string show_route_table(const InstanceView& view, std::span<const RouteView> routes, Afi afi,
                             bool json, const std::optional<std::string>& peer) {
  return json ? table_json(view, routes, afi, peer) : table_text(view, routes, afi, peer);
}

std::string show_route_detail(const InstanceView& view, const std::optional<RouteView>& route,
                              Afi afi, bool json) {
  if (!route) return json ? "{}\n" : "% Network not in table\n";
  return json ? detail_json(view, *route, afi) : detail_text(view, *route, afi);
}

}  // namespace cfn::bgp::show
