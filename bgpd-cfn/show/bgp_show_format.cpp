// FRR's spelling of the shared display pieces: see bgp_show_format.hpp.
#include "bgpd-cfn/show/bgp_show_format.hpp"

#include <ctime>

#include <fmt/format.h>

#include "libcfn/daemon/route_show.hpp"

namespace cfn::bgp::show {

std::string dump_json(const Json& json) {
  return json.dump(2) + "\n";
}

std::string_view afi_title(Afi afi) {
  return afi == Afi::kIpv4 ? "IPv4 Unicast" : "IPv6 Unicast";
}

std::string_view afi_json_key(Afi afi) {
  return afi == Afi::kIpv4 ? "ipv4Unicast" : "ipv6Unicast";
}

std::string_view address_afi(const net::IpAddress& address) {
  return address.is_v4() ? "ipv4" : "ipv6";
}

std::string router_id_text(std::uint32_t id) {
  return net::IpAddress::from_v4(id).to_string();
}

std::string peer_uptime_text(std::chrono::milliseconds uptime) {
  if (uptime.count() == 0) return "never";
  return daemon::frr_uptime(std::chrono::duration_cast<std::chrono::seconds>(uptime));
}

std::string peer_state_text(const PeerView& peer) {
  if (peer.admin_shutdown) return "Idle (Admin)";
  return std::string(state_name(peer.state));
}

std::string_view capability_text(const CapabilityPair& capability) {
  if (capability.advertised && capability.received) return "advertisedAndReceived";
  if (capability.advertised) return "advertised";
  if (capability.received) return "received";
  return "";
}

std::string memory_text(std::uint64_t bytes) {
  if (bytes == 0) return "0 bytes";
  if (bytes == 1) return "1 byte";
  std::uint64_t mib = bytes >> 20;
  std::uint64_t kib = bytes >> 10;
  if (mib > 10) {
    if (bytes & (1u << 19)) ++mib;  // rounds to the nearest MiB
    return fmt::format("{} MiB", mib);
  }
  if (kib > 10) {
    if (bytes & (1u << 9)) ++kib;
    return fmt::format("{} KiB", kib);
  }
  return fmt::format("{} bytes", bytes);
}

std::string_view origin_code(std::optional<wire::Origin> origin) {
  switch (origin.value_or(wire::Origin::kIncomplete)) {
    case wire::Origin::kIgp:
      return "i";
    case wire::Origin::kEgp:
      return "e";
    case wire::Origin::kIncomplete:
      return "?";
  }
  return "?";
}

std::string_view origin_name(std::optional<wire::Origin> origin) {
  switch (origin.value_or(wire::Origin::kIncomplete)) {
    case wire::Origin::kIgp:
      return "IGP";
    case wire::Origin::kEgp:
      return "EGP";
    case wire::Origin::kIncomplete:
      return "incomplete";
  }
  return "incomplete";
}

namespace {

// aspath_make_str_count(): the delimiters of each segment type and the separator inside.
struct SegmentStyle {
  std::string_view open, close;
  char separator;
};

SegmentStyle segment_style(wire::SegmentType type) {
  switch (type) {
    case wire::SegmentType::kSet:
      return {"{", "}", ','};
    case wire::SegmentType::kSequence:
      return {"", "", ' '};
    case wire::SegmentType::kConfedSequence:
      return {"(", ")", ' '};
    case wire::SegmentType::kConfedSet:
      return {"[", "]", ','};
  }
  return {"", "", ' '};
}

}  // namespace

std::string as_path_text(const wire::AsPath& path) {
  std::string out;
  for (const auto& segment : path.segments) {
    const SegmentStyle style = segment_style(segment.type);
    if (!out.empty()) out += ' ';
    out += style.open;
    for (std::size_t i = 0; i < segment.asns.size(); ++i) {
      if (i > 0) out += style.separator;
      out += std::to_string(segment.asns[i]);
    }
    out += style.close;
  }
  return out;
}

std::string as_path_text(const wire::PathAttributes& attributes) {
  return attributes.as_path ? as_path_text(*attributes.as_path) : std::string();
}

std::string ctime_text(std::int64_t epoch) {
  const std::time_t t = static_cast<std::time_t>(epoch);
  char buf[64] = {};
  if (!ctime_r(&t, buf)) return "\n";
  return buf;
}

}  // namespace cfn::bgp::show
