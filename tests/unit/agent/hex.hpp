// Test helpers: bytes from hex text (spaces ignored) and hand-built protobuf fields, so golden
// and malformed inputs are written independently of the code under test.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cfn::test {

using Bytes = std::vector<std::uint8_t>;

inline Bytes from_hex(std::string_view hex) {
  Bytes out;
  const auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (hex[i] == ' ') continue;
    out.push_back(static_cast<std::uint8_t>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
    ++i;
  }
  return out;
}

inline Bytes from_text(std::string_view text) {
  return Bytes(text.begin(), text.end());
}

inline Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

// A length-delimited protobuf field (wire type 2) with a one-octet tag and length.
inline Bytes field(std::uint8_t tag, const Bytes& value) {
  return concat({Bytes{tag, static_cast<std::uint8_t>(value.size())}, value});
}

// The 4-octet big-endian length in front of payload.
inline Bytes framed(const Bytes& payload) {
  const auto n = static_cast<std::uint32_t>(payload.size());
  return concat({Bytes{static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
                       static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)},
                 payload});
}

}  // namespace cfn::test
