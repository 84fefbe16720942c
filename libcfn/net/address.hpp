// IP address and prefix value types: strict allocation-free parsing, RFC 5952 printing,
// ordering (IPv4 before IPv6) and hashing.
#pragma once

#include <array>
#include <bit>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace cfn::net {

// Declaration order gives the sort order: every IPv4 value sorts before every IPv6 value.
enum class Family : std::uint8_t { kV4, kV6 };

class IpAddress {
 public:
  using Bytes = std::array<std::uint8_t, 16>;

  IpAddress() = default;  // 0.0.0.0

  // Accepts either family. IPv4: exactly four decimal octets 0-255, no sign, no leading
  // zeros. IPv6: RFC 4291 section 2.2 text forms, including "::" and a dotted IPv4 tail.
  static std::optional<IpAddress> parse(std::string_view text);
  static std::optional<IpAddress> parse_v4(std::string_view text);
  static std::optional<IpAddress> parse_v6(std::string_view text);

  static IpAddress from_v4(std::uint32_t host_order);
  static IpAddress from_v6(const Bytes& network_order);

  Family family() const { return family_; }
  bool is_v4() const { return family_ == Family::kV4; }
  bool is_v6() const { return family_ == Family::kV6; }
  // IPv6 fe80::/10 (RFC 4291 2.5.6); never an IPv4 address.
  bool is_link_local_v6() const {
    return is_v6() && bytes_[0] == 0xfe && (bytes_[1] & 0xc0) == 0x80;
  }
  // 32 or 128: the longest prefix length for this family.
  unsigned bit_length() const { return is_v4() ? 32 : 128; }
  // Host-order value; only meaningful when is_v4().
  std::uint32_t v4_value() const;
  // Network order; an IPv4 address uses the first 4 bytes and the rest are zero.
  const Bytes& bytes() const { return bytes_; }

  // IPv4 dotted quad; IPv6 in RFC 5952 canonical form (IPv4-mapped as ::ffff:a.b.c.d).
  std::string to_string() const;

  // Family first, then the bytes in network order (as two big-endian words: the FIB's
  // route maps compare prefixes millions of times, memcmp would cost a call each time).
  std::strong_ordering operator<=>(const IpAddress& other) const {
    if (family_ != other.family_) return family_ <=> other.family_;
    const std::uint64_t high = word(0), other_high = other.word(0);
    if (high != other_high) return high <=> other_high;
    return word(8) <=> other.word(8);
  }
  bool operator==(const IpAddress&) const = default;
  // Well mixed over every bit (splitmix64's finalizer over both words and the family).
  std::uint64_t hash_value() const noexcept {
    std::uint64_t x = word(0) ^ std::rotl(word(8), 29) ^ static_cast<std::uint64_t>(family_);
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }

 private:
  std::uint64_t word(std::size_t offset) const {
    std::uint64_t value;
    std::memcpy(&value, bytes_.data() + offset, sizeof value);
    if constexpr (std::endian::native == std::endian::little) value = __builtin_bswap64(value);
    return value;
  }

  Family family_ = Family::kV4;
  Bytes bytes_{};
};

class Prefix {
 public:
  Prefix() = default;  // 0.0.0.0/0
  // Clears the host bits so equal networks compare equal. Throws std::out_of_range when
  // length exceeds address.bit_length().
  Prefix(const IpAddress& address, unsigned length);

  // "address/length"; the length is mandatory, decimal without leading zeros, and within
  // the family's range. Host bits are masked off: "10.1.2.3/8" gives 10.0.0.0/8.
  static std::optional<Prefix> parse(std::string_view text);
  static std::optional<Prefix> parse_v4(std::string_view text);
  static std::optional<Prefix> parse_v6(std::string_view text);

  const IpAddress& address() const { return address_; }
  unsigned length() const { return length_; }
  Family family() const { return address_.family(); }
  bool is_v4() const { return address_.is_v4(); }
  bool is_v6() const { return address_.is_v6(); }

  bool contains(const IpAddress& address) const;
  // True when other is this prefix or a more specific one inside it (same family).
  bool contains(const Prefix& other) const;

  std::string to_string() const;

  // Orders by address (family first), then by length.
  std::strong_ordering operator<=>(const Prefix& other) const {
    if (auto order = address_ <=> other.address_; order != 0) return order;
    return length_ <=> other.length_;
  }
  bool operator==(const Prefix&) const = default;
  std::uint64_t hash_value() const noexcept {
    return address_.hash_value() ^ (static_cast<std::uint64_t>(length_) * 0x9e3779b97f4a7c15ULL);
  }

 private:
  IpAddress address_;
  std::uint8_t length_ = 0;
};

}  // namespace cfn::net

template <>
struct std::hash<cfn::net::IpAddress> {
  std::size_t operator()(const cfn::net::IpAddress& address) const noexcept {
    return static_cast<std::size_t>(address.hash_value());
  }
};

template <>
struct std::hash<cfn::net::Prefix> {
  std::size_t operator()(const cfn::net::Prefix& prefix) const noexcept {
    return static_cast<std::size_t>(prefix.hash_value());
  }
};
