// Internal to the encoder: the message header written around a body, and the size check.
#pragma once

#include <cstddef>

#include "bgpd-cfn/wire/byte_io.hpp"
#include "bgpd-cfn/wire/encode.hpp"
#include "bgpd-cfn/wire/types.hpp"

namespace cfn::bgp::wire::detail {

// Appends the marker, a placeholder length and the type; returns where the message starts.
inline std::size_t begin_message(Buffer& out, MessageType type) {
  const std::size_t start = out.size();
  out.insert(out.end(), 16, 0xff);
  append_u16(out, 0);
  append_u8(out, static_cast<std::uint8_t>(type));
  return start;
}

// Writes the length, or removes the message and returns false when it exceeds `max_size`.
inline bool end_message(Buffer& out, std::size_t start, std::size_t max_size) {
  const std::size_t length = out.size() - start;
  if (length > max_size) {
    out.resize(start);
    return false;
  }
  patch_u16(out, start + 16, static_cast<std::uint16_t>(length));
  return true;
}

inline std::size_t max_size(const EncodeContext& context) {
  return context.extended_message ? kMaxExtendedMessageSize : kMaxMessageSize;
}

}  // namespace cfn::bgp::wire::detail
