// Encoders for OPEN (capabilities in one optional parameter, RFC 9072 extended form when
// longer than 255 octets), NOTIFICATION, KEEPALIVE and ROUTE-REFRESH, and the dispatcher.
#include <type_traits>

#include "bgpd-cfn/wire/encode.hpp"
#include "bgpd-cfn/wire/encode_internal.hpp"

namespace cfn::bgp::wire {

using detail::begin_message;
using detail::end_message;

namespace {

// Appends one capability; false when its value does not fit its 1-octet length.
bool append_capability(Buffer& out, std::uint8_t code, std::span<const std::uint8_t> value) {
  if (value.size() > 255) return false;
  append_u8(out, code);
  append_u8(out, static_cast<std::uint8_t>(value.size()));
  append_bytes(out, value);
  return true;
}

bool capability_bytes(Buffer& out, const Capabilities& capabilities) {
  for (const AfiSafi& afi_safi : capabilities.multiprotocol) {
    Buffer value;
    append_u16(value, afi_safi.afi);
    append_u8(value, 0);
    append_u8(value, afi_safi.safi);
    append_capability(out, capability::kMultiprotocol, value);
  }
  if (capabilities.route_refresh) append_capability(out, capability::kRouteRefresh, {});
  if (capabilities.route_refresh_cisco) append_capability(out, capability::kRouteRefreshCisco, {});
  if (capabilities.four_octet_as) {
    Buffer value;
    append_u32(value, *capabilities.four_octet_as);
    append_capability(out, capability::kFourOctetAs, value);
  }
  if (capabilities.extended_message) append_capability(out, capability::kExtendedMessage, {});
  if (!capabilities.extended_next_hop.empty()) {
    Buffer value;
    for (const ExtendedNextHop& entry : capabilities.extended_next_hop) {
      append_u16(value, entry.nlri_afi);
      append_u16(value, entry.nlri_safi);
      append_u16(value, entry.nexthop_afi);
    }
    if (!append_capability(out, capability::kExtendedNextHop, value)) return false;
  }
  for (const UnknownCapability& unknown : capabilities.unknown) {
    if (!append_capability(out, unknown.code, unknown.value)) return false;
  }
  return true;
}

}  // namespace

bool encode_open(Buffer& out, const Open& open) {
  Buffer capabilities;
  if (!capability_bytes(capabilities, open.capabilities)) return false;
  const std::size_t start = begin_message(out, MessageType::kOpen);
  append_u8(out, open.version);
  append_u16(out, open.my_as);
  append_u16(out, open.hold_time);
  append_u32(out, open.bgp_identifier);
  if (capabilities.empty()) {
    append_u8(out, 0);
  } else if (capabilities.size() + 2 <= 255) {
    append_u8(out, static_cast<std::uint8_t>(capabilities.size() + 2));
    append_u8(out, kParameterCapabilities);
    append_u8(out, static_cast<std::uint8_t>(capabilities.size()));
  } else {  // RFC 9072 2
    append_u8(out, 255);
    append_u8(out, kExtendedParametersMarker);
    append_u16(out, static_cast<std::uint16_t>(capabilities.size() + 3));
    append_u8(out, kParameterCapabilities);
    append_u16(out, static_cast<std::uint16_t>(capabilities.size()));
  }
  append_bytes(out, capabilities);
  return end_message(out, start, kMaxMessageSize);
}

bool encode_notification(Buffer& out, const Notification& notification,
                         const EncodeContext& context) {
  const std::size_t start = begin_message(out, MessageType::kNotification);
  append_u8(out, static_cast<std::uint8_t>(notification.code));
  append_u8(out, notification.subcode);
  append_bytes(out, notification.data);
  return end_message(out, start, detail::max_size(context));
}

void encode_keepalive(Buffer& out) {
  const std::size_t start = begin_message(out, MessageType::kKeepalive);
  end_message(out, start, kMaxMessageSize);
}

void encode_route_refresh(Buffer& out, const RouteRefresh& route_refresh) {
  const std::size_t start = begin_message(out, MessageType::kRouteRefresh);
  append_u16(out, route_refresh.afi_safi.afi);
  append_u8(out, route_refresh.subtype);
  append_u8(out, route_refresh.afi_safi.safi);
  end_message(out, start, kMaxMessageSize);
}

bool encode_message(Buffer& out, const Message& message, const EncodeContext& context) {
  return std::visit(
      [&](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, Open>) {
          return encode_open(out, m);
        } else if constexpr (std::is_same_v<T, Update>) {
          return encode_update(out, m, context);
        } else if constexpr (std::is_same_v<T, Notification>) {
          return encode_notification(out, m, context);
        } else if constexpr (std::is_same_v<T, Keepalive>) {
          encode_keepalive(out);
          return true;
        } else {
          encode_route_refresh(out, m);
          return true;
        }
      },
      message);
}

}  // namespace cfn::bgp::wire
