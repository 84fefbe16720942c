// FRR's community strings: see bgp_community_text.hpp.
#include "bgpd-cfn/show/bgp_community_text.hpp"

#include <array>
#include <bit>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

namespace cfn::bgp::show {
namespace {

struct WellKnown {
  std::uint32_t value;
  std::string_view text;  // community_com2str()'s string form
  std::string_view json;  // and its JSON list name
};

// lib/bgpd bgp_community.h COMMUNITY_* values FRR names.
constexpr std::array<WellKnown, 11> kWellKnown{{
    {0x00000000, "internet", "internet"},
    {wire::kCommunityGracefulShutdown, "graceful-shutdown", "gracefulShutdown"},
    {0xFFFF0001, "accept-own", "acceptown"},
    {0xFFFF0002, "route-filter-translated-v4", "routeFilterTranslatedV4"},
    {0xFFFF0006, "llgr-stale", "llgrStale"},
    {0xFFFF0007, "no-llgr", "noLlgr"},
    {0xFFFF029A, "blackhole", "blackhole"},
    {wire::kCommunityNoExport, "no-export", "noExport"},
    {wire::kCommunityNoAdvertise, "no-advertise", "noAdvertise"},
    {wire::kCommunityNoExportSubconfed, "local-AS", "localAs"},
    {0xFFFFFF04, "no-peer", "noPeer"},
}};

const WellKnown* well_known(std::uint32_t community) {
  for (const auto& w : kWellKnown) {
    if (w.value == community) return &w;
  }
  return nullptr;
}

std::string plain_community(std::uint32_t community) {
  return fmt::format("{}:{}", community >> 16, community & 0xFFFF);
}

// Link bandwidth (draft-ietf-idr-link-bandwidth): ecommunity_lb_str(), bandwidth in bytes/s
// carried as an IEEE float, shown with the bit rate in FRR's units.
std::string link_bandwidth_text(const wire::ExtendedCommunity& community) {
  const float value = std::bit_cast<float>(community.as2_local());
  const auto bytes = static_cast<std::uint32_t>(std::isfinite(value) && value > 0 ? value : 0);
  constexpr std::uint32_t kGbps = 1000 * 1000 * 1000 / 8, kMbps = 1000 * 1000 / 8, kKbps = 1000 / 8;
  std::string rate;
  if (bytes >= kGbps) {
    rate = fmt::format("{:.3f} Gbps", static_cast<float>(bytes / kGbps));
  } else if (bytes >= kMbps) {
    rate = fmt::format("{:.3f} Mbps", static_cast<float>(bytes / kMbps));
  } else if (bytes >= kKbps) {
    rate = fmt::format("{:.3f} Kbps", static_cast<float>(bytes / kKbps));
  } else {
    rate = fmt::format("{} bps", std::uint64_t{bytes} * 8);
  }
  return fmt::format("LB:{}:{} ({})", community.as2_global(), bytes, rate);
}

// Route target (sub-type 0x02) and site of origin (0x03) in the three RFC 4360 layouts.
std::string rt_soo_text(const wire::ExtendedCommunity& community, std::string_view tag) {
  switch (community.type() & 0x3F) {
    case 0x00:
      return fmt::format("{}:{}:{}", tag, community.as2_global(), community.as2_local());
    case 0x01:
      return fmt::format("{}:{}:{}", tag, router_id_text(community.global4()), community.local2());
    default:
      return fmt::format("{}:{}:{}", tag, community.global4(), community.local2());
  }
}

template <typename T, typename F>
std::string join(const std::vector<T>& items, F&& text) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ' ';
    out += text(item);
  }
  return out;
}

}  // namespace

std::string community_text(std::uint32_t community) {
  const WellKnown* w = well_known(community);
  return w ? std::string(w->text) : plain_community(community);
}

std::string community_json_name(std::uint32_t community) {
  const WellKnown* w = well_known(community);
  return w ? std::string(w->json) : plain_community(community);
}

std::string extended_community_text(const wire::ExtendedCommunity& community) {
  const std::uint8_t type = community.type();
  const std::uint8_t subtype = community.subtype();
  const bool as_ip_as4 = type == 0x00 || type == 0x01 || type == 0x02;
  if (as_ip_as4 && subtype == 0x02) return rt_soo_text(community, "RT");
  if (as_ip_as4 && subtype == 0x03) return rt_soo_text(community, "SoO");
  if ((type == 0x00 || type == 0x40) && subtype == 0x04) return link_bandwidth_text(community);
  return fmt::format("UNK:{}, {}", type, subtype);
}

std::string large_community_text(const wire::LargeCommunity& community) {
  return fmt::format("{}:{}:{}", community.global, community.local1, community.local2);
}

std::string communities_text(const std::vector<std::uint32_t>& communities) {
  return join(communities, community_text);
}

std::string extended_communities_text(const std::vector<wire::ExtendedCommunity>& communities) {
  return join(communities, extended_community_text);
}

std::string large_communities_text(const std::vector<wire::LargeCommunity>& communities) {
  return join(communities, large_community_text);
}

Json communities_json(const std::vector<std::uint32_t>& communities) {
  Json list = Json::array();
  for (std::uint32_t c : communities) list.push_back(community_json_name(c));
  return Json{{"string", communities_text(communities)}, {"list", std::move(list)}};
}

Json extended_communities_json(const std::vector<wire::ExtendedCommunity>& communities) {
  return Json{{"string", extended_communities_text(communities)}};
}

Json large_communities_json(const std::vector<wire::LargeCommunity>& communities) {
  Json list = Json::array();
  for (const auto& c : communities) list.push_back(large_community_text(c));
  return Json{{"string", large_communities_text(communities)}, {"list", std::move(list)}};
}

}  // namespace cfn::bgp::show
