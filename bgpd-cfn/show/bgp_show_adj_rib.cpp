// One peer's Adj-RIB-In / Adj-RIB-Out in FRR's formats: see bgp_show_adj_rib.hpp.
#include "bgpd-cfn/show/bgp_show_adj_rib.hpp"

#include <fmt/format.h>

#include "bgpd-cfn/show/bgp_route_table.hpp"

namespace cfn::bgp::show {
namespace {

Json row_json(const AdvertisedView& row, Afi afi) {
  const wire::PathAttributes& a = *row.attributes;
  Json out;
  out["addrPrefix"] = row.prefix.address().to_string();
  out["prefixLen"] = row.prefix.length();
  out["network"] = row.prefix.to_string();
  out["nextHop"] = next_hop_text(row.next_hop, afi);
  if (a.med) out["metric"] = *a.med;
  if (a.local_pref) out["locPrf"] = *a.local_pref;
  out["weight"] = row.weight;
  out["path"] = as_path_text(a);
  out["bgpOriginCode"] = origin_code(a.origin);
  Json symbols = Json{{"*", true}};
  if (row.best) symbols[">"] = true;
  out["appliedStatusSymbols"] = std::move(symbols);
  return out;
}

// The legend FRR puts into the JSON of these commands.
Json status_codes_json() {
  return Json{{"suppressed", "s"}, {"damped", "d"},    {"history", "h"},  {"valid", "*"},
              {"best", ">"},       {"multipath", "="}, {"internal", "i"}, {"ribFailure", "r"},
              {"stale", "S"},      {"removed", "R"}};
}

std::string adj_json(const InstanceView& view, std::span<const AdvertisedView> rows, Afi afi,
                     bool advertised) {
  Json routes = Json::object();
  for (const auto& row : rows) routes[row.prefix.to_string()] = row_json(row, afi);
  Json out;
  out["bgpTableVersion"] = view.table_version;
  out["bgpLocalRouterId"] = router_id_text(view.router_id);
  out["defaultLocPrf"] = view.default_local_pref;
  out["localAS"] = view.as;
  out["bgpStatusCodes"] = status_codes_json();
  out["bgpOriginCodes"] = Json{{"igp", "i"}, {"egp", "e"}, {"incomplete", "?"}};
  out[advertised ? "advertisedRoutes" : "receivedRoutes"] = std::move(routes);
  out["totalPrefixCounter"] = rows.size();
  out["filteredPrefixCounter"] = 0;  // policy runs before the Adj-RIBs: nothing is filtered here
  return dump_json(out);
}

std::string adj_text(const InstanceView& view, std::span<const AdvertisedView> rows, Afi afi) {
  if (rows.empty()) return "";
  std::string out = table_header(view);
  for (const auto& row : rows) {
    out += table_row(path_status(true, row.best, false, false), &row.prefix, row.next_hop, afi,
                     *row.attributes, row.weight);
  }
  return out + fmt::format("\nTotal number of prefixes {}\n", rows.size());
}

}  // namespace

std::string show_adj_rib(const InstanceView& view, std::span<const AdvertisedView> rows, Afi afi,
                         bool advertised, bool json) {
  return json ? adj_json(view, rows, afi, advertised) : adj_text(view, rows, afi);
}

std::string no_such_neighbor_or_family(bool json) {
  constexpr std::string_view kText = "No such neighbor or address family";
  return json ? dump_json(Json{{"warning", kText}}) : "% " + std::string(kText) + "\n";
}

}  // namespace cfn::bgp::show
