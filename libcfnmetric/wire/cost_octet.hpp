// The one-octet cost on the wire (Compute community, OSPF L1 Costs sub-TLV): a present cost is
// 0..254 (higher values are sent as 254), 255 means "no data for this category".
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>

#include "libcfnmetric/model/evaluate.hpp"

namespace cfn::metric::wire {

inline constexpr std::uint8_t kNoDataOctet = 255;

inline std::uint8_t cost_to_octet(const std::optional<std::uint8_t>& cost) {
  return cost ? std::min(*cost, kCostMax) : kNoDataOctet;
}

inline std::optional<std::uint8_t> octet_to_cost(std::uint8_t octet) {
  if (octet == kNoDataOctet) return std::nullopt;
  return octet;
}

}  // namespace cfn::metric::wire
