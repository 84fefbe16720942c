// The injected table, pure: which prefixes a load peer announces with which of the K attribute
// sets, and the whole table pre-encoded as packed UPDATEs (many NLRI per message).
#pragma once

#include <cstddef>
#include <cstdint>

#include "bgpd-cfn/wire/encode.hpp"

namespace cfn::bench {

struct TableSpec {
  std::uint32_t prefixes = 1'000'000;     // N, over all peers
  std::uint32_t attribute_sets = 10'000;  // K, over all peers
  std::uint32_t base = 0x14000000;        // 20.0.0.0, host order
  unsigned length = 24;                   // prefix i is base + i * 2^(32 - length)
  std::uint32_t peers = 1;                // P: peer p announces its own slice of N / P prefixes
  std::size_t max_message = 4096;         // UPDATEs are packed up to this size
};

// nullptr when the spec is usable, else why not (e.g. the prefixes run past 255.255.255.255).
const char* check_spec(const TableSpec& spec);

// The prefixes [first, end) of peer `peer` (global indices 0..N-1, contiguous slices).
std::uint32_t slice_begin(const TableSpec& spec, std::uint32_t peer);

// Attribute set `set` (0..K-1) as peer AS `asn` with next hop `next_hop` sends it:
// ORIGIN IGP, AS_PATH SEQ {asn, 64600 + set % 256, 4200000000 + set} (never 65000-65002, the
// benchmark's own ASes: a loop would drop the route), MED set,
// COMMUNITIES {asn16:set % 65536}, LARGE_COMMUNITIES {asn:set:0}.
bgp::wire::PathAttributes attribute_set(std::uint32_t set, std::uint32_t asn,
                                        std::uint32_t next_hop);

// The attribute set of global prefix index i: contiguous runs of N / K prefixes share one.
std::uint32_t set_of(const TableSpec& spec, std::uint32_t prefix_index);

struct EncodedTable {
  bgp::wire::Buffer bytes;  // the UPDATEs back to back, then an End-of-RIB marker
  std::size_t updates = 0;  // End-of-RIB not counted
  std::size_t prefixes = 0;
};

// Everything peer `peer` announces, for a session negotiated as `context`.
EncodedTable encode_table(const TableSpec& spec, std::uint32_t peer, std::uint32_t asn,
                          std::uint32_t next_hop, const bgp::wire::EncodeContext& context);

}  // namespace cfn::bench
