// The small integer handles the RIB stores instead of values: interned attribute sets,
// destinations (prefixes), next hops and peers.
#pragma once

#include <cstdint>

namespace cfn::bgp {

using AttrId = std::uint32_t;     // an interned wire::PathAttributes (AttributeStore)
using DestId = std::uint32_t;     // a prefix's destination in one RibTable
using NextHopId = std::uint32_t;  // a next hop in one RibTable's NextHopTable
using PeerId = std::uint16_t;     // chosen by the caller, dense from 0

inline constexpr std::uint32_t kNoId = 0xFFFFFFFF;
inline constexpr NextHopId kNoNextHop = kNoId;  // a path without next hop: always usable
inline constexpr PeerId kLocalPeer = 0;         // `network` / `redistribute` routes

}  // namespace cfn::bgp
