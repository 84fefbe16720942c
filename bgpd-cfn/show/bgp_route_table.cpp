// FRR's route table lines: see bgp_route_table.hpp.
#include "bgpd-cfn/show/bgp_route_table.hpp"

#include <fmt/format.h>

namespace cfn::bgp::show {
namespace {

constexpr std::string_view kLegend =
    "Status codes:  s suppressed, d damped, h history, * valid, > best, = multipath,\n"
    "               i internal, r RIB-failure, S Stale, R Removed\n"
    "Nexthop codes: @NNN nexthop's vrf id, < announce-nh-self\n"
    "Origin codes:  i - IGP, e - EGP, ? - incomplete\n"
    "RPKI validation codes: V valid, I invalid, N Not found\n\n"
    "   Network          Next Hop            Metric LocPrf Weight Path\n";

constexpr std::size_t kPrefixColumn = 17;
constexpr std::size_t kNextHopColumn = 16;

// Pads `text` to `width`; text that does not fit goes on its own line and the next column
// starts at `resume` (route_vty_out's "\n%*s").
std::string column(const std::string& text, std::size_t width, std::size_t resume) {
  if (text.size() < width) return text + std::string(width - text.size(), ' ');
  return text + "\n" + std::string(resume, ' ');
}

bool link_local(const net::IpAddress& address) {
  return address.is_v6() && address.bytes()[0] == 0xfe && (address.bytes()[1] & 0xc0) == 0x80;
}

}  // namespace

std::string table_header(const InstanceView& view) {
  return fmt::format(
             "BGP table version is {}, local router ID is {}, vrf id 0\n"
             "Default local pref {}, local AS {}\n",
             view.table_version, router_id_text(view.router_id), view.default_local_pref, view.as) +
         std::string(kLegend);
}

std::string path_status(bool valid, bool best, bool multipath, bool internal) {
  std::string out;
  out += valid ? '*' : ' ';
  out += best ? '>' : (multipath ? '=' : ' ');
  out += internal ? 'i' : ' ';
  return out;
}

std::string table_row(std::string_view status, const net::Prefix* prefix,
                      const std::optional<net::IpAddress>& next_hop, Afi afi,
                      const wire::PathAttributes& attributes, std::uint32_t weight) {
  std::string out(status);
  out += prefix ? column(prefix->to_string(), kPrefixColumn, 20) : std::string(kPrefixColumn, ' ');
  out += column(next_hop_text(next_hop, afi), kNextHopColumn, 36);
  out += attributes.med ? fmt::format("{:>10}", *attributes.med) : std::string(10, ' ');
  out += attributes.local_pref ? fmt::format("{:>7}", *attributes.local_pref) : std::string(7, ' ');
  out += fmt::format("{:>7} ", weight);
  const std::string path = as_path_text(attributes);
  if (!path.empty()) out += path + " ";
  return out + std::string(origin_code(attributes.origin)) + "\n";
}

std::string next_hop_text(const std::optional<net::IpAddress>& next_hop, Afi afi) {
  if (next_hop) return next_hop->to_string();
  return afi == Afi::kIpv4 ? "0.0.0.0" : "::";
}

Json next_hop_json(const std::optional<net::IpAddress>& next_hop, Afi afi) {
  const bool v4 = next_hop ? next_hop->is_v4() : afi == Afi::kIpv4;
  Json out;
  out["ip"] = next_hop_text(next_hop, afi);
  out["afi"] = v4 ? "ipv4" : "ipv6";
  if (!v4) out["scope"] = next_hop && link_local(*next_hop) ? "link-local" : "global";
  return out;
}

}  // namespace cfn::bgp::show
