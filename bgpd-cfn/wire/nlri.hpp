// NLRI prefix lists (RFC 4271 4.3, RFC 4760 5): one octet of length in bits, then the
// smallest number of octets holding it. Decoding counts first so the vector is allocated once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "libcfn/net/address.hpp"

namespace cfn::bgp::wire {

// Appends the prefixes of `field` to `out`. Returns nullptr, or why the field is malformed
// (RFC 7606 5.3: a length above the family's size, or a prefix running past the end); `out`
// is unchanged then. Host bits past the length are cleared.
const char* decode_prefixes(std::span<const std::uint8_t> field, net::Family family,
                            std::vector<net::Prefix>& out);

inline std::size_t prefix_size(const net::Prefix& prefix) {
  return 1 + (prefix.length() + 7) / 8;
}
void encode_prefix(std::vector<std::uint8_t>& out, const net::Prefix& prefix);
void encode_prefixes(std::vector<std::uint8_t>& out, std::span<const net::Prefix> prefixes);

}  // namespace cfn::bgp::wire
