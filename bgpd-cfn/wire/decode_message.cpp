// Header checks (RFC 4271 6.1, RFC 8654 4), stream framing, dispatch by type, and the small
// messages: NOTIFICATION, KEEPALIVE, ROUTE-REFRESH (RFC 2918 3, RFC 7313 5).
#include <algorithm>
#include <string>

#include "bgpd-cfn/wire/byte_io.hpp"
#include "bgpd-cfn/wire/decode.hpp"
#include "bgpd-cfn/wire/decode_internal.hpp"

namespace cfn::bgp::wire {

using detail::make_problem;
using detail::u16_data;

namespace {

Problem header_problem(std::uint8_t subcode, std::vector<std::uint8_t> data, std::string reason) {
  return make_problem(Action::kSessionReset, ErrorCode::kMessageHeader, subcode, data,
                      std::move(reason));
}

Problem bad_length(std::uint16_t length, std::string reason) {
  return header_problem(header_error::kBadMessageLength, u16_data(length),
                        "bad message length " + std::to_string(length) + ": " + reason);
}

std::uint16_t length_field(std::span<const std::uint8_t> bytes) {
  return static_cast<std::uint16_t>(bytes[16] << 8 | bytes[17]);
}

// Marker and overall length bounds: what framing a stream needs.
std::optional<Problem> check_marker_and_length(std::span<const std::uint8_t> bytes,
                                               const DecodeContext& context) {
  if (!std::all_of(bytes.begin(), bytes.begin() + 16, [](std::uint8_t b) { return b == 0xff; })) {
    return header_problem(header_error::kConnectionNotSynchronized, {}, "marker is not all ones");
  }
  const std::uint16_t length = length_field(bytes);
  if (length < kHeaderSize) return bad_length(length, "shorter than the header");
  if (length > context.max_message_size()) {
    return bad_length(length, "longer than " + std::to_string(context.max_message_size()));
  }
  return std::nullopt;
}

// RFC 4271 6.1: lengths each type must have; RFC 8654 4: OPEN and KEEPALIVE stay <= 4096.
std::optional<Problem> check_type_length(std::uint8_t type, std::uint16_t length) {
  switch (static_cast<MessageType>(type)) {
    case MessageType::kOpen:
      if (length < kMinOpenSize) return bad_length(length, "shorter than an OPEN");
      if (length > kMaxMessageSize) return bad_length(length, "OPEN longer than 4096");
      return std::nullopt;
    case MessageType::kUpdate:
      if (length < kMinUpdateSize) return bad_length(length, "shorter than an UPDATE");
      return std::nullopt;
    case MessageType::kNotification:
      if (length < kMinNotificationSize) return bad_length(length, "shorter than a NOTIFICATION");
      return std::nullopt;
    case MessageType::kKeepalive:
      if (length != kHeaderSize) return bad_length(length, "KEEPALIVE is not 19 octets");
      return std::nullopt;
    case MessageType::kRouteRefresh:
      return std::nullopt;  // its length rule has its own error code (RFC 7313 5)
  }
  return header_problem(header_error::kBadMessageType, {type},
                        "unknown message type " + std::to_string(type));
}

void decode_notification(std::span<const std::uint8_t> body, DecodeResult& result) {
  result.message = Notification{static_cast<ErrorCode>(body[0]), body[1],
                                std::vector<std::uint8_t>(body.begin() + 2, body.end())};
}

void decode_route_refresh(std::span<const std::uint8_t> message, DecodeResult& result) {
  if (message.size() != kRouteRefreshSize) {
    result.problems.push_back(
        make_problem(Action::kSessionReset, ErrorCode::kRouteRefreshMessage,
                     route_refresh_error::kInvalidMessageLength, message,
                     "ROUTE-REFRESH of " + std::to_string(message.size()) + " octets, not 23"));
    return;
  }
  const auto body = message.subspan(kHeaderSize);
  RouteRefresh refresh{{static_cast<std::uint16_t>(body[0] << 8 | body[1]), body[3]}, body[2]};
  if (refresh.subtype > 2) {
    result.problems.push_back(make_problem(
        Action::kIgnore, ErrorCode::kRouteRefreshMessage, 0, {},
        "ROUTE-REFRESH subtype " + std::to_string(refresh.subtype) + " ignored (RFC 7313 5)"));
  }
  result.message = refresh;
}

}  // namespace

bool DecodeContext::negotiated(AfiSafi afi_safi) const {
  return (afi_safi == kIpv4Unicast && ipv4_unicast) || (afi_safi == kIpv6Unicast && ipv6_unicast);
}

const Problem* DecodeResult::session_reset() const {
  if (problems.empty() || problems.back().action != Action::kSessionReset) return nullptr;
  return &problems.back();
}

bool DecodeResult::treated_as_withdraw() const {
  return std::any_of(problems.begin(), problems.end(),
                     [](const Problem& p) { return p.action == Action::kTreatAsWithdraw; });
}

Frame frame_message(std::span<const std::uint8_t> stream, const DecodeContext& context) {
  if (stream.size() < kHeaderSize) return {};
  if (auto problem = check_marker_and_length(stream, context)) return {0, std::move(problem)};
  return {length_field(stream), std::nullopt};
}

DecodeResult decode_message(std::span<const std::uint8_t> bytes, const DecodeContext& context) {
  DecodeResult result;
  if (bytes.size() < kHeaderSize) {
    result.problems.push_back(
        header_problem(header_error::kBadMessageLength, {}, "message shorter than the header"));
    return result;
  }
  std::optional<Problem> problem = check_marker_and_length(bytes, context);
  const std::uint16_t length = length_field(bytes);
  if (!problem && length != bytes.size()) {
    problem = bad_length(length, "length field disagrees with the " + std::to_string(bytes.size()) +
                                     " octets received");
  }
  const std::uint8_t type = bytes[18];
  if (!problem) problem = check_type_length(type, length);
  if (problem) {
    result.problems.push_back(std::move(*problem));
    return result;
  }
  const auto body = bytes.subspan(kHeaderSize);
  switch (static_cast<MessageType>(type)) {
    case MessageType::kOpen:
      detail::decode_open(body, result);
      break;
    case MessageType::kUpdate:
      detail::decode_update(body, context, result);
      break;
    case MessageType::kNotification:
      decode_notification(body, result);
      break;
    case MessageType::kKeepalive:
      result.message = Keepalive{};
      break;
    case MessageType::kRouteRefresh:
      decode_route_refresh(bytes, result);
      break;
  }
  return result;
}

}  // namespace cfn::bgp::wire
