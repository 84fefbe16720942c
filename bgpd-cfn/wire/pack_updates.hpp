// Packing routes into UPDATE messages: as many NLRI (or withdrawn routes) per message as the
// maximum size allows, IPv4 unicast in the RFC 4271 fields, IPv6 unicast in MP_REACH_NLRI /
// MP_UNREACH_NLRI (RFC 4760). Pure: appends encoded messages to a buffer.
#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "bgpd-cfn/wire/encode.hpp"

namespace cfn::bgp::wire {

// Announces `nlri` (one family) with `attributes`. For IPv6 the next hop is
// attributes.next_hop (put into MP_REACH_NLRI, not into a NEXT_HOP attribute). Returns the
// number of messages appended (0 when nothing fits, e.g. attributes beyond the maximum size).
std::size_t pack_announcements(Buffer& out, const PathAttributes& attributes,
                               std::span<const net::Prefix> nlri, const EncodeContext& context);

// Withdraws `prefixes` (one family); returns the number of messages appended.
std::size_t pack_withdrawals(Buffer& out, std::span<const net::Prefix> prefixes,
                             const EncodeContext& context);

}  // namespace cfn::bgp::wire
