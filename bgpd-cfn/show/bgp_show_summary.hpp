// `show bgp [vrf all] [ipv4|ipv6 [unicast]] summary [json]` in FRR 8.4's layout
// (bgp_show_summary): the instance header, one row per peer active in the family, and the
// JSON with FRR's field names. Pure: views in, text out.
#pragma once

#include <span>
#include <string>

#include "bgpd-cfn/show/bgp_show_model.hpp"

namespace cfn::bgp::show {

struct FamilySummary {
  Afi afi;
  InstanceView view;
};

struct SummaryOptions {
  bool json = false;
  // No (or no full) family named: each family gets its "IPv4 Unicast Summary" header, and
  // the JSON nests each under "ipv4Unicast" / "ipv6Unicast"; families without peers are left
  // out.
  bool per_family = false;
  bool vrf_all = false;  // the JSON nests everything under "default"
};

std::string show_summary(std::span<const FamilySummary> families, const SummaryOptions& options);

}  // namespace cfn::bgp::show
