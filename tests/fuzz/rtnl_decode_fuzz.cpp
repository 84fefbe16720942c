// libFuzzer target for the rtnetlink decoders: any bytes as a datagram from the kernel, split
// into messages, each given to every decoder. Properties: no crash, no UB; a refusal has a
// reason; a route or nexthop object that decodes encodes to a message that decodes the same.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "libcfn/netlink/rtnl_codec.hpp"

namespace {

using cfn::netlink::Buffer;
using cfn::netlink::MessageView;

template <typename T>
void check_reason(const cfn::netlink::Decoded<T>& decoded) {
  if (!decoded && decoded.error.empty()) std::abort();
}

// Re-encoding a decoded value and decoding that gives the value back.
template <typename T, typename Encode, typename Decode>
void check_round_trip(const cfn::netlink::Decoded<T>& decoded, const MessageView& message,
                      Encode encode, Decode decode) {
  if (!decoded) return;
  Buffer bytes;
  encode(bytes, message.header.type, 0, message.header.seq, *decoded.value);
  auto messages = cfn::netlink::split_messages(bytes);
  if (!messages || messages.value->size() != 1) std::abort();
  auto again = decode(messages.value->front());
  if (!again) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto messages = cfn::netlink::split_messages(std::span(data, size));
  check_reason(messages);
  if (!messages) return 0;
  for (const MessageView& message : *messages.value) {
    check_reason(cfn::netlink::decode_ack(message));
    check_reason(cfn::netlink::decode_link(message));
    check_reason(cfn::netlink::decode_address(message));
    auto route = cfn::netlink::decode_route(message);
    check_reason(route);
    check_round_trip(route, message, cfn::netlink::encode_route, cfn::netlink::decode_route);
    auto nexthop = cfn::netlink::decode_nexthop(message);
    check_reason(nexthop);
    check_round_trip(nexthop, message, cfn::netlink::encode_nexthop, cfn::netlink::decode_nexthop);
  }
  return 0;
}
