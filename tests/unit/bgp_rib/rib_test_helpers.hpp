// Shared by the RIB tests: prefixes, addresses and attribute sets in one line, and a table
// with three peers (two eBGP from different ASes, one iBGP).
#pragma once

#include <cstdint>
#include <vector>

#include "bgpd-cfn/rib/attribute_store.hpp"
#include "bgpd-cfn/rib/rib_table.hpp"
#include "bgpd-cfn/wire/attributes.hpp"
#include "libcfn/net/address.hpp"

namespace cfn::bgp::test {

inline net::Prefix prefix(const char* text) {
  return *net::Prefix::parse(text);
}
inline net::IpAddress address(const char* text) {
  return *net::IpAddress::parse(text);
}

// ORIGIN IGP, one AS_SEQUENCE, a NEXT_HOP (none when next_hop is null).
inline wire::PathAttributes attributes(std::vector<std::uint32_t> as_path,
                                       const char* next_hop = "192.0.2.1") {
  wire::PathAttributes a;
  a.origin = wire::Origin::kIgp;
  a.as_path = wire::AsPath{{wire::AsPathSegment{wire::SegmentType::kSequence, as_path}}};
  if (next_hop) a.next_hop = address(next_hop);
  return a;
}

inline constexpr PeerId kPeer1 = 1;  // eBGP, AS 65001
inline constexpr PeerId kPeer2 = 2;  // eBGP, AS 65002
inline constexpr PeerId kPeer3 = 3;  // iBGP

inline void add_peers(RibTable& table) {
  table.set_peer(kPeer1, PeerInfo{.type = PeerType::kExternal,
                                  .address = address("10.0.0.1"),
                                  .router_id = 0x01010101,
                                  .weight = 0});
  table.set_peer(kPeer2, PeerInfo{.type = PeerType::kExternal,
                                  .address = address("10.0.0.2"),
                                  .router_id = 0x02020202,
                                  .weight = 0});
  table.set_peer(kPeer3, PeerInfo{.type = PeerType::kInternal,
                                  .address = address("10.0.0.3"),
                                  .router_id = 0x03030303,
                                  .weight = 0});
}

// Interns `a`, announces it, and gives the caller's reference back (as a session would).
inline bool announce(RibTable& table, PeerId peer, const char* p, const wire::PathAttributes& a) {
  const AttrId id = table.attributes().intern(a);
  const bool changed = table.announce(peer, prefix(p), id);
  table.attributes().release(id);
  return changed;
}

}  // namespace cfn::bgp::test
