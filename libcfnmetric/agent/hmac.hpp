// HMAC-SHA256 (RFC 2104, FIPS 180-4) through OpenSSL, and a constant-time comparison for
// checking a received MAC.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace cfn::metric {

inline constexpr std::size_t kHmacSize = 32;
using Hmac = std::array<std::uint8_t, kHmacSize>;

Hmac hmac_sha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data);

// True when a and b hold the same bytes. The time taken depends on the lengths only, never on
// where the contents differ.
bool equal_constant_time(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

}  // namespace cfn::metric
