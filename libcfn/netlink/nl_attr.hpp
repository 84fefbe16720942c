// Netlink framing shared by the rtnetlink encoders and decoders: a message writer that
// aligns and nests attributes, and bounds-checked readers for fixed structs and attributes.
#pragma once

#include <linux/netlink.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>

#include "libcfn/net/address.hpp"
#include "libcfn/netlink/rtnl_codec.hpp"

namespace cfn::netlink {

// Appends one netlink message to a buffer; nlmsg_len always covers everything written.
class MessageWriter {
 public:
  MessageWriter(Buffer& out, std::uint16_t type, std::uint16_t flags, std::uint32_t seq);

  // Appends a fixed struct (rtmsg, nhmsg, rtnexthop, ...) padded to 4 bytes; returns its offset.
  template <typename T>
  std::size_t put_struct(const T& value) {
    return put_bytes({reinterpret_cast<const std::uint8_t*>(&value), sizeof(value)});
  }
  void put_attribute(std::uint16_t type, std::span<const std::uint8_t> data);
  template <typename T>
  void put_scalar(std::uint16_t type, T value) {
    put_attribute(type, {reinterpret_cast<const std::uint8_t*>(&value), sizeof(value)});
  }
  void put_flag(std::uint16_t type) { put_attribute(type, {}); }
  // 4 bytes for IPv4, 16 for IPv6, network order.
  void put_address(std::uint16_t type, const net::IpAddress& address);
  // Opens a nested attribute; end() closes it. `type` carries NLA_F_NESTED where wanted.
  std::size_t begin_attribute(std::uint16_t type);
  // Sets the 16-bit length at `start` (rta_len, rtnh_len) to cover everything written since.
  void end(std::size_t start);

 private:
  std::size_t put_bytes(std::span<const std::uint8_t> data);

  Buffer& out_;
  std::size_t start_;
};

// A decoder's failure with its reason.
template <typename T>
Decoded<T> refuse(std::string_view error) {
  return {std::nullopt, std::string(error)};
}

struct Attribute {
  std::uint16_t type = 0;  // without NLA_F_NESTED / NLA_F_NET_BYTEORDER
  std::span<const std::uint8_t> data;
};

// A fixed struct at the front of some bytes and the attributes after its aligned end.
template <typename T>
struct FixedPart {
  T fixed;
  std::span<const std::uint8_t> attributes;
};

template <typename T>
std::optional<FixedPart<T>> read_fixed_part(std::span<const std::uint8_t> data) {
  if (data.size() < sizeof(T)) return std::nullopt;
  FixedPart<T> part{};
  std::memcpy(&part.fixed, data.data(), sizeof(T));
  part.attributes = data.subspan(std::min<std::size_t>(NLMSG_ALIGN(sizeof(T)), data.size()));
  return part;
}

// An integer attribute payload of exactly sizeof(T) bytes.
template <typename T>
std::optional<T> read_scalar(std::span<const std::uint8_t> data) {
  if (data.size() != sizeof(T)) return std::nullopt;
  T value;
  std::memcpy(&value, data.data(), sizeof(T));
  return value;
}

// An address payload of exactly the family's length.
std::optional<net::IpAddress> read_address(std::span<const std::uint8_t> data, net::Family family);

// AF_INET / AF_INET6 and back.
std::optional<net::Family> family_from_af(std::uint8_t af);
std::uint8_t af_from_family(net::Family family);

// Splits the next attribute off the front of `data`; an error when its length is
// inconsistent with the bytes left.
std::string_view next_attribute(std::span<const std::uint8_t>& data, Attribute& attribute);

// Calls visit(attribute) for each attribute in `data`, which returns an empty string_view
// to go on; returns the first framing error or the first error visit returned.
template <typename Visit>
std::string_view for_each_attribute(std::span<const std::uint8_t> data, Visit&& visit) {
  while (!data.empty()) {
    Attribute attribute;
    if (auto error = next_attribute(data, attribute); !error.empty()) return error;
    if (auto error = visit(attribute); !error.empty()) return error;
  }
  return {};
}

}  // namespace cfn::netlink
