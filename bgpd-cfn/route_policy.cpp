// apply_policy and prefix_list_permits: see route_policy.hpp.
#include "bgpd-cfn/route_policy.hpp"

namespace cfn::bgp {
namespace {

bool entry_matches(const daemon::PrefixListEntry& entry, const net::Prefix& prefix) {
  if (!entry.prefix) return true;  // "any"
  const net::Prefix& p = *entry.prefix;
  if (p.family() != prefix.family() || !p.contains(prefix)) return false;
  const int length = static_cast<int>(prefix.length());
  if (!entry.ge && !entry.le) return length == static_cast<int>(p.length());
  const int ge = entry.ge.value_or(static_cast<int>(p.length()));
  const int le = entry.le.value_or(static_cast<int>(p.address().bit_length()));
  return length >= ge && length <= le;
}

std::optional<bool> prefix_list_verdict(const daemon::CommonConfig& config, const std::string& name,
                                        const net::Prefix& prefix) {
  const auto list = config.prefix_lists.find(name);
  if (list == config.prefix_lists.end()) return std::nullopt;
  for (const auto& [seq, entry] : list->second)
    if (entry_matches(entry, prefix)) return entry.permit;
  return false;
}

}  // namespace

PolicyRefs inbound_policy(const NeighborAf& af) {
  return {af.prefix_list_in, af.route_map_in};
}

PolicyRefs outbound_policy(const NeighborAf& af) {
  return {af.prefix_list_out, af.route_map_out};
}

bool prefix_list_permits(const daemon::CommonConfig& config, const std::string& name,
                         const net::Prefix& prefix) {
  return prefix_list_verdict(config, name, prefix).value_or(true);
}

bool prefix_dependent(const daemon::CommonConfig& config, const PolicyRefs& policy) {
  if (policy.prefix_list) return true;
  if (!policy.route_map) return false;
  const auto& maps = config.route_maps;
  for (auto it = maps.lower_bound({*policy.route_map, 0});
       it != maps.end() && it->first.first == *policy.route_map; ++it)
    if (it->second.match_prefix_list) return true;
  return false;
}

std::optional<wire::PathAttributes> apply_policy(const daemon::CommonConfig& config,
                                                 const PolicyRefs& policy,
                                                 const net::Prefix& prefix,
                                                 const wire::PathAttributes& attributes) {
  if (policy.prefix_list && !prefix_list_permits(config, *policy.prefix_list, prefix))
    return std::nullopt;
  if (!policy.route_map) return attributes;
  const auto& maps = config.route_maps;
  for (auto it = maps.lower_bound({*policy.route_map, 0});
       it != maps.end() && it->first.first == *policy.route_map; ++it) {
    const daemon::RouteMapEntry& entry = it->second;
    if (entry.match_prefix_list &&
        !prefix_list_verdict(config, *entry.match_prefix_list, prefix).value_or(false))
      continue;
    if (!entry.permit) return std::nullopt;
    wire::PathAttributes out = attributes;
    if (entry.set_metric) out.med = *entry.set_metric;
    if (entry.set_local_preference) out.local_pref = *entry.set_local_preference;
    return out;
  }
  return std::nullopt;
}

}  // namespace cfn::bgp
