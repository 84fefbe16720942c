// Pure rtnetlink codec: encoders append complete netlink messages (header, payload,
// attributes, 4-byte aligned) to a buffer; decoders read what the kernel sends (dumps,
// multicast notifications, acks) and refuse malformed input with a reason, never crashing.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "libcfn/netlink/rtnl_types.hpp"

namespace cfn::netlink {

using Buffer = std::vector<std::uint8_t>;

// Header fields every message carries.
struct MessageHeader {
  std::uint16_t type = 0;   // RTM_NEWROUTE, NLMSG_ERROR, NLMSG_DONE, ...
  std::uint16_t flags = 0;  // NLM_F_*
  std::uint32_t seq = 0;
  std::uint32_t pid = 0;
};

// One message inside a datagram: its header and the bytes after the nlmsghdr.
struct MessageView {
  MessageHeader header;
  std::span<const std::uint8_t> payload;
};

template <typename T>
struct Decoded {
  std::optional<T> value;
  std::string error;  // why not, when value is empty
  explicit operator bool() const { return value.has_value(); }
};

// Requests. `flags` are added to NLM_F_REQUEST (e.g. NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE).
void encode_route(Buffer& out, std::uint16_t type, std::uint16_t flags, std::uint32_t seq,
                  const Route& route);
void encode_nexthop(Buffer& out, std::uint16_t type, std::uint16_t flags, std::uint32_t seq,
                    const NexthopObject& nexthop);
// RTM_GETROUTE / RTM_GETNEXTHOP / RTM_GETLINK / RTM_GETADDR with NLM_F_DUMP.
void encode_dump_request(Buffer& out, std::uint16_t type, std::uint8_t family, std::uint32_t seq);

// Splits a datagram into messages; an error if any length field is inconsistent.
Decoded<std::vector<MessageView>> split_messages(std::span<const std::uint8_t> datagram);

// NLMSG_ERROR: error is 0 for an ack, else a negative errno; `seq` is the request's.
struct Ack {
  int error = 0;
  std::uint32_t seq = 0;
};
Decoded<Ack> decode_ack(const MessageView& message);
Decoded<Route> decode_route(const MessageView& message);  // RTM_NEWROUTE / RTM_DELROUTE
Decoded<NexthopObject> decode_nexthop(const MessageView& message);
Decoded<Link> decode_link(const MessageView& message);
Decoded<Address> decode_address(const MessageView& message);

}  // namespace cfn::netlink
