// Small pieces every BGP display shares, in FRR's spelling: family names, origin codes, the
// AS_PATH string, peer state and uptime, capability words, memory sizes, times.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bgpd-cfn/show/bgp_show_model.hpp"

namespace cfn::bgp::show {

using Json = nlohmann::ordered_json;

// JSON as FRR's vty prints it: pretty, one trailing newline.
std::string dump_json(const Json& json);

// "IPv4 Unicast" (text headers) and "ipv4Unicast" (JSON keys), as get_afi_safi_str().
std::string_view afi_title(Afi afi);
std::string_view afi_json_key(Afi afi);
// "ipv4" / "ipv6": the afi of a next hop in JSON.
std::string_view address_afi(const net::IpAddress& address);

// A BGP identifier (host order) as a dotted quad.
std::string router_id_text(std::uint32_t id);

// FRR's peer_uptime(): "never" for zero, else "hh:mm:ss", "NdHHhMMm" or "WWwNdHHh".
std::string peer_uptime_text(std::chrono::milliseconds uptime);

// The state column: "Idle (Admin)" for `neighbor X shutdown`, else the FSM state's name.
std::string peer_state_text(const PeerView& peer);

// "advertisedAndReceived", "advertised", "received"; empty when neither.
std::string_view capability_text(const CapabilityPair& capability);

// lib/memory.c mtype_memstr(): "1344 bytes", "1448 KiB", "12 MiB".
std::string memory_text(std::uint64_t bytes);

// ORIGIN as the route table's code ("i", "e", "?") and as JSON's word ("IGP", "EGP",
// "incomplete"); a path without ORIGIN shows as incomplete.
std::string_view origin_code(std::optional<wire::Origin> origin);
std::string_view origin_name(std::optional<wire::Origin> origin);

// aspath_print(): "65002 65003", sets as "{1,2}", confederation segments as "(1 2)" / "[1,2]".
std::string as_path_text(const wire::AsPath& path);
// The path's AS_PATH string, empty when it has none.
std::string as_path_text(const wire::PathAttributes& attributes);

// ctime(): "Sun Nov 29 09:04:41 2026\n", in local time as FRR prints it.
std::string ctime_text(std::int64_t epoch);

}  // namespace cfn::bgp::show
