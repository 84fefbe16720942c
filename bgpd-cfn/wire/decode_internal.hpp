// Internal to the decoder: building problems, and the per-message body decoders that
// decode_message dispatches to after the header checks.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "bgpd-cfn/wire/decode.hpp"

namespace cfn::bgp::wire::detail {

// NOTIFICATION data longer than this would not fit in a 4096-octet message.
inline constexpr std::size_t kMaxNotificationData = kMaxMessageSize - kMinNotificationSize;

inline Problem make_problem(Action action, ErrorCode code, std::uint8_t subcode,
                            std::span<const std::uint8_t> data, std::string reason) {
  data = data.first(std::min(data.size(), kMaxNotificationData));
  return {action, {code, subcode, {data.begin(), data.end()}}, std::move(reason)};
}

inline std::vector<std::uint8_t> u16_data(std::uint16_t value) {
  return {static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
}
inline std::vector<std::uint8_t> u32_data(std::uint32_t value) {
  return {static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
          static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
}

// Each fills `result` from the message body (the bytes after the 19-octet header).
void decode_open(std::span<const std::uint8_t> body, DecodeResult& result);
void decode_update(std::span<const std::uint8_t> body, const DecodeContext& context,
                   DecodeResult& result);

}  // namespace cfn::bgp::wire::detail
