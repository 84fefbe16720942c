// The CFN Compute extended community (RFC 4360, 8 octets): a site's L2 cost, drain state and
// L1 category costs on a BGP route. Layout and rules in docs/wire-format.md.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "libcfnmetric/model/evaluate.hpp"
#include "libcfnmetric/wire/cost_octet.hpp"
#include "libcfnmetric/wire/decoded.hpp"

namespace cfn::metric::wire {

inline constexpr std::size_t kExtendedCommunitySize = 8;
inline constexpr std::uint8_t kComputeCommunityVersion = 1;

// Type and sub-type are configurable; the defaults are from the transitive experimental range
// (RFC 7153 section 5.1: 0x80-0x8F).
struct CommunityCodes {
  std::uint8_t type = 0x83;
  std::uint8_t subtype = 0x01;
};

struct ComputeCommunity {
  std::uint8_t l2 = 0;    // 255 = drain
  bool draining = false;  // flag bit 0
  L1Costs l1;             // present costs are 0..254 on the wire (255 = no data)
  // A receiver treats either signal as drain.
  bool drain() const { return draining || l2 == kDrainCost; }
  bool operator==(const ComputeCommunity&) const = default;
};

// What a site advertises for an evaluation: a draining site sends L2 255 and the flag.
ComputeCommunity compute_community(const Evaluation& evaluation);

// Present L1 costs above 254 are sent as 254; reserved flag bits are sent as zero.
std::array<std::uint8_t, kExtendedCommunitySize> encode_compute_community(
    const ComputeCommunity& community, const CommunityCodes& codes = {});

// Refuses: a length other than 8, another type/sub-type, a version other than 1, a GPU flag
// that disagrees with the GPU octet. Reserved flag bits are ignored.
Decoded<ComputeCommunity> decode_compute_community(std::span<const std::uint8_t> bytes,
                                                   const CommunityCodes& codes = {});

}  // namespace cfn::metric::wire
