// Communities as FRR prints them (bgp_community.c, bgp_ecommunity.c, bgp_lcommunity.c): the
// space-separated "string" form and, for standard communities, the JSON "list" names.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bgpd-cfn/show/bgp_show_format.hpp"
#include "bgpd-cfn/wire/attributes.hpp"

namespace cfn::bgp::show {

// RFC 1997 / well-known: "65002:7", "no-export", "graceful-shutdown", ...
std::string community_text(std::uint32_t community);
// The same in FRR's JSON list: "65002:7", "noExport", "gracefulShutdown", ...
std::string community_json_name(std::uint32_t community);
// RFC 4360: "RT:65002:1", "SoO:10.0.0.1:5", "LB:65002:125000 (1.000 Mbps)"; a type FRR does
// not decode as "UNK:131, 1".
std::string extended_community_text(const wire::ExtendedCommunity& community);
// RFC 8092: "65002:3:4".
std::string large_community_text(const wire::LargeCommunity& community);

// The detail view's objects: {"string", "list"} for standard and large, {"string"} for
// extended communities; text lines use the same strings.
std::string communities_text(const std::vector<std::uint32_t>& communities);
std::string extended_communities_text(const std::vector<wire::ExtendedCommunity>& communities);
std::string large_communities_text(const std::vector<wire::LargeCommunity>& communities);
Json communities_json(const std::vector<std::uint32_t>& communities);
Json extended_communities_json(const std::vector<wire::ExtendedCommunity>& communities);
Json large_communities_json(const std::vector<wire::LargeCommunity>& communities);

}  // namespace cfn::bgp::show
