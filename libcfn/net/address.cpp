// IpAddress and Prefix: strict text parsing, RFC 5952 printing, masking and hashing.
#include "libcfn/net/address.hpp"

#include <charconv>
#include <stdexcept>

namespace cfn::net {
namespace {

// Strict unsigned decimal: 1-3 digits, no sign, no leading zero except "0" itself.
std::optional<unsigned> parse_small_decimal(std::string_view text, unsigned max) {
  if (text.empty() || text.size() > 3 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

// Exactly four dot-separated octets; returns the host-order value.
std::optional<std::uint32_t> parse_dotted_quad(std::string_view text) {
  std::uint32_t value = 0;
  for (int octet_index = 0; octet_index < 4; ++octet_index) {
    const std::size_t dot = text.find('.');
    const bool last = octet_index == 3;
    if (last != (dot == std::string_view::npos)) return std::nullopt;
    const auto octet = parse_small_decimal(text.substr(0, dot), 255);
    if (!octet) return std::nullopt;
    value = (value << 8) | *octet;
    if (!last) text.remove_prefix(dot + 1);
  }
  return value;
}

// One IPv6 group: 1-4 hex digits, either case.
std::optional<std::uint16_t> parse_hex_group(std::string_view text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  std::uint16_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// RFC 4291 section 2.2: eight groups, at most one "::" standing for one or more zero
// groups, and optionally a dotted IPv4 address as the last 32 bits.
std::optional<IpAddress::Bytes> parse_v6_bytes(std::string_view text) {
  std::array<std::uint16_t, 8> groups{};
  std::size_t count = 0;
  std::optional<std::size_t> gap;  // index in groups where "::" sits
  std::size_t pos = 0;
  if (text.starts_with("::")) {
    gap = 0;
    pos = 2;
  }
  while (pos < text.size()) {
    const std::size_t colon = std::min(text.find(':', pos), text.size());
    const std::string_view token = text.substr(pos, colon - pos);
    if (token.find('.') != std::string_view::npos) {
      const auto v4 = parse_dotted_quad(token);
      if (!v4 || colon != text.size() || count > 6) return std::nullopt;
      groups[count++] = static_cast<std::uint16_t>(*v4 >> 16);
      groups[count++] = static_cast<std::uint16_t>(*v4 & 0xffff);
      break;
    }
    const auto group = parse_hex_group(token);
    if (!group || count == 8) return std::nullopt;
    groups[count++] = *group;
    if (colon == text.size()) break;
    if (text.substr(colon).starts_with("::")) {
      if (gap) return std::nullopt;
      gap = count;
      pos = colon + 2;
    } else {
      pos = colon + 1;
      if (pos == text.size()) return std::nullopt;  // trailing single ':'
    }
  }
  if ((!gap && count != 8) || (gap && count > 7)) return std::nullopt;

  IpAddress::Bytes bytes{};
  const std::size_t head = gap.value_or(count);
  const std::size_t tail_start = 8 - (count - head);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t slot = i < head ? i : tail_start + (i - head);
    bytes[2 * slot] = static_cast<std::uint8_t>(groups[i] >> 8);
    bytes[2 * slot + 1] = static_cast<std::uint8_t>(groups[i] & 0xff);
  }
  return bytes;
}

IpAddress::Bytes mask_bytes(const IpAddress::Bytes& bytes, unsigned length) {
  IpAddress::Bytes out{};
  for (unsigned i = 0; i < out.size() && length > i * 8; ++i) {
    const unsigned bits = std::min(length - i * 8, 8u);
    out[i] = static_cast<std::uint8_t>(bytes[i] & (0xff00u >> bits));
  }
  return out;
}

std::uint32_t load_v4(const IpAddress::Bytes& bytes) {
  return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) |
         (std::uint32_t{bytes[2]} << 8) | std::uint32_t{bytes[3]};
}

char* write_dotted_quad(char* out, char* end, const std::uint8_t* octets) {
  for (int i = 0; i < 4; ++i) {
    if (i > 0) *out++ = '.';
    out = std::to_chars(out, end, octets[i]).ptr;
  }
  return out;
}

// RFC 5952 section 4: lowercase, no leading zeros, the longest run (>= 2) of zero groups
// (the first on a tie) shortened to "::". Section 5: IPv4-mapped addresses end dotted.
char* write_v6(char* out, char* end, const IpAddress::Bytes& bytes) {
  std::array<std::uint16_t, 8> groups{};
  for (std::size_t i = 0; i < 8; ++i) {
    groups[i] = static_cast<std::uint16_t>((bytes[2 * i] << 8) | bytes[2 * i + 1]);
  }
  const bool v4_mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 &&
                         groups[4] == 0 && groups[5] == 0xffff;
  const std::size_t hex_groups = v4_mapped ? 6 : 8;

  std::size_t best_start = 0, best_len = 0;
  for (std::size_t i = 0; i < hex_groups;) {
    std::size_t j = i;
    while (j < hex_groups && groups[j] == 0) ++j;
    if (j - i > best_len) {
      best_start = i;
      best_len = j - i;
    }
    i = j == i ? i + 1 : j;
  }
  if (best_len < 2) best_len = 0;

  for (std::size_t i = 0; i < hex_groups; ++i) {
    if (best_len > 0 && i == best_start) {
      *out++ = ':';
      *out++ = ':';
      i += best_len - 1;
      continue;
    }
    if (i > 0 && !(best_len > 0 && i == best_start + best_len)) *out++ = ':';
    out = std::to_chars(out, end, groups[i], 16).ptr;
  }
  if (v4_mapped) {
    *out++ = ':';  // the last hex group written is always ffff
    out = write_dotted_quad(out, end, bytes.data() + 12);
  }
  return out;
}

std::optional<Prefix> parse_prefix(std::string_view text,
                                   std::optional<IpAddress> (*parse_address)(std::string_view)) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto address = parse_address(text.substr(0, slash));
  if (!address) return std::nullopt;
  const auto length = parse_small_decimal(text.substr(slash + 1), address->bit_length());
  if (!length) return std::nullopt;
  return Prefix(*address, *length);
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  return text.find(':') == std::string_view::npos ? parse_v4(text) : parse_v6(text);
}

std::optional<IpAddress> IpAddress::parse_v4(std::string_view text) {
  const auto value = parse_dotted_quad(text);
  if (!value) return std::nullopt;
  return from_v4(*value);
}

std::optional<IpAddress> IpAddress::parse_v6(std::string_view text) {
  const auto bytes = parse_v6_bytes(text);
  if (!bytes) return std::nullopt;
  return from_v6(*bytes);
}

IpAddress IpAddress::from_v4(std::uint32_t host_order) {
  IpAddress address;
  address.bytes_[0] = static_cast<std::uint8_t>(host_order >> 24);
  address.bytes_[1] = static_cast<std::uint8_t>(host_order >> 16);
  address.bytes_[2] = static_cast<std::uint8_t>(host_order >> 8);
  address.bytes_[3] = static_cast<std::uint8_t>(host_order);
  return address;
}

IpAddress IpAddress::from_v6(const Bytes& network_order) {
  IpAddress address;
  address.family_ = Family::kV6;
  address.bytes_ = network_order;
  return address;
}

std::uint32_t IpAddress::v4_value() const {
  return load_v4(bytes_);
}

std::string IpAddress::to_string() const {
  char buffer[64];
  char* const end = buffer + sizeof(buffer);
  char* const last =
      is_v4() ? write_dotted_quad(buffer, end, bytes_.data()) : write_v6(buffer, end, bytes_);
  return std::string(buffer, last);
}

Prefix::Prefix(const IpAddress& address, unsigned length) {
  if (length > address.bit_length()) {
    throw std::out_of_range("prefix length " + std::to_string(length) + " too long for " +
                            address.to_string());
  }
  const IpAddress::Bytes masked = mask_bytes(address.bytes(), length);
  address_ = address.is_v4() ? IpAddress::from_v4(load_v4(masked)) : IpAddress::from_v6(masked);
  length_ = static_cast<std::uint8_t>(length);
}

std::optional<Prefix> Prefix::parse(std::string_view text) {
  return parse_prefix(text, &IpAddress::parse);
}

std::optional<Prefix> Prefix::parse_v4(std::string_view text) {
  return parse_prefix(text, &IpAddress::parse_v4);
}

std::optional<Prefix> Prefix::parse_v6(std::string_view text) {
  return parse_prefix(text, &IpAddress::parse_v6);
}

bool Prefix::contains(const IpAddress& address) const {
  return address.family() == family() && Prefix(address, length_).address_ == address_;
}

bool Prefix::contains(const Prefix& other) const {
  return other.length_ >= length_ && contains(other.address_);
}

std::string Prefix::to_string() const {
  return address_.to_string() + '/' + std::to_string(length_);
}

}  // namespace cfn::net
