// IP address and prefix value types: strict allocation-free parsing, RFC 5952 printing,
// ordering (IPv4 before IPv6) and hashing.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
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
  // 32 or 128: the longest prefix length for this family.
  unsigned bit_length() const { return is_v4() ? 32 : 128; }
  // Host-order value; only meaningful when is_v4().
  std::uint32_t v4_value() const;
  // Network order; an IPv4 address uses the first 4 bytes and the rest are zero.
  const Bytes& bytes() const { return bytes_; }

  // IPv4 dotted quad; IPv6 in RFC 5952 canonical form (IPv4-mapped as ::ffff:a.b.c.d).
  std::string to_string() const;

  auto operator<=>(const IpAddress&) const = default;
  bool operator==(const IpAddress&) const = default;

 private:
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
  auto operator<=>(const Prefix&) const = default;
  bool operator==(const Prefix&) const = default;

 private:
  IpAddress address_;
  std::uint8_t length_ = 0;
};

}  // namespace cfn::net

template <>
struct std::hash<cfn::net::IpAddress> {
  std::size_t operator()(const cfn::net::IpAddress& address) const noexcept;
};

template <>
struct std::hash<cfn::net::Prefix> {
  std::size_t operator()(const cfn::net::Prefix& prefix) const noexcept;
};
