// Test helpers for the BGP codec: message and attribute builders, contexts, decode shortcuts.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <initializer_list>
#include <variant>
#include <vector>

#include "bgpd-cfn/wire/decode.hpp"
#include "bgpd-cfn/wire/encode.hpp"

namespace cfn::bgp::wire::test {

using Bytes = std::vector<std::uint8_t>;

inline Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts) {
    for (std::uint8_t b : part) out.push_back(b);  // insert() trips g++ 12's -Warray-bounds
  }
  return out;
}

// The 19-octet header (marker, length covering `body`, type) followed by `body`.
inline Bytes message(std::uint8_t type, const Bytes& body) {
  const std::size_t length = 19 + body.size();
  Bytes out(16, 0xff);
  out.push_back(static_cast<std::uint8_t>(length >> 8));
  out.push_back(static_cast<std::uint8_t>(length));
  out.push_back(type);
  for (std::uint8_t b : body) out.push_back(b);
  return out;
}

// One path attribute; the Extended Length flag in `flags` selects a 2-octet length.
inline Bytes attribute(std::uint8_t flags, std::uint8_t type, const Bytes& value) {
  Bytes out = {flags, type};
  if (flags & 0x10) out.push_back(static_cast<std::uint8_t>(value.size() >> 8));
  out.push_back(static_cast<std::uint8_t>(value.size()));
  for (std::uint8_t b : value) out.push_back(b);
  return out;
}

// An UPDATE message with the two length fields computed.
inline Bytes update(const Bytes& withdrawn, const Bytes& attributes, const Bytes& nlri) {
  return message(2, concat({{static_cast<std::uint8_t>(withdrawn.size() >> 8),
                             static_cast<std::uint8_t>(withdrawn.size())},
                            withdrawn,
                            {static_cast<std::uint8_t>(attributes.size() >> 8),
                             static_cast<std::uint8_t>(attributes.size())},
                            attributes,
                            nlri}));
}

inline DecodeContext context(bool four_octet_as, bool is_ebgp) {
  DecodeContext c;
  c.four_octet_as = four_octet_as;
  c.is_ebgp = is_ebgp;
  c.ipv6_unicast = true;
  return c;
}
inline DecodeContext ebgp4() {
  return context(true, true);
}
inline DecodeContext ibgp4() {
  return context(true, false);
}
inline DecodeContext ebgp2() {
  return context(false, true);
}

// The decoded message of type T; fails the test when there is none or another type.
template <typename T>
T decoded_as(const DecodeResult& result) {
  REQUIRE(result.message.has_value());
  REQUIRE(std::holds_alternative<T>(*result.message));
  return std::get<T>(*result.message);
}

inline Bytes encoded(const Message& message, EncodeContext context = {true, false}) {
  Buffer out;
  REQUIRE(encode_message(out, message, context));
  return out;
}

}  // namespace cfn::bgp::wire::test
