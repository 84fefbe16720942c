// The Optional and Transitive flags every path attribute type known to this codec must carry
// (RFC 4271 5, RFC 1997, RFC 4360, RFC 4456, RFC 4760, RFC 6793, RFC 8092). Shared by the
// decoder (flag checks, RFC 7606 3.c) and the encoder.
#pragma once

#include <cstdint>
#include <optional>

#include "bgpd-cfn/wire/types.hpp"

namespace cfn::bgp::wire {

inline constexpr std::uint8_t kWellKnown = attr_flag::kTransitive;
inline constexpr std::uint8_t kOptionalNonTransitive = attr_flag::kOptional;
inline constexpr std::uint8_t kOptionalTransitive = attr_flag::kOptional | attr_flag::kTransitive;

// nullopt for a type this codec does not interpret.
inline std::optional<std::uint8_t> required_flags(std::uint8_t type) {
  switch (type) {
    case attr::kOrigin:
    case attr::kAsPath:
    case attr::kNextHop:
    case attr::kLocalPref:
    case attr::kAtomicAggregate:
      return kWellKnown;
    case attr::kMultiExitDisc:
    case attr::kOriginatorId:
    case attr::kClusterList:
    case attr::kMpReachNlri:
    case attr::kMpUnreachNlri:
      return kOptionalNonTransitive;
    case attr::kAggregator:
    case attr::kCommunities:
    case attr::kExtendedCommunities:
    case attr::kAs4Path:
    case attr::kAs4Aggregator:
    case attr::kLargeCommunities:
      return kOptionalTransitive;
    default:
      return std::nullopt;
  }
}

}  // namespace cfn::bgp::wire
