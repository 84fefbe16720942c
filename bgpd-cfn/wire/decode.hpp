// Pure BGP-4 message decoder: bytes of one message in, a message and/or the error handling
// the RFCs require out (RFC 4271 6, RFC 7606). No sockets, no logging: the caller acts on
// the returned problems (send the NOTIFICATION, log the reason, withdraw the routes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bgpd-cfn/wire/messages.hpp"
#include "bgpd-cfn/wire/types.hpp"

namespace cfn::bgp::wire {

// What the session negotiated. Add-path is never negotiated: NLRI carry no path identifier.
struct DecodeContext {
  bool four_octet_as = false;     // both OPENs carried the 4-octet AS capability (RFC 6793)
  bool extended_message = false;  // both OPENs carried the extended message capability
  bool is_ebgp = true;  // external peer outside our confederation: RFC 7606 7.5, 7.9, 7.10
  // Negotiated families (RFC 4760 8: IPv4 unicast without multiprotocol capabilities). The
  // codec decodes no other family: MP attributes of any other AFI/SAFI are ignored.
  bool ipv4_unicast = true;
  bool ipv6_unicast = false;

  std::size_t max_message_size() const {
    return extended_message ? kMaxExtendedMessageSize : kMaxMessageSize;
  }
  bool negotiated(AfiSafi afi_safi) const;
};

// How an error is handled (RFC 7606 2); the order is the order of severity.
enum class Action : std::uint8_t {
  kSessionReset,      // send `notification`, close the session
  kTreatAsWithdraw,   // every route of the UPDATE is withdrawn; already applied to the message
  kAttributeDiscard,  // the attribute was dropped, the rest of the UPDATE stands
  kIgnore,            // nothing was applied (e.g. routes of a family not negotiated)
};

struct Problem {
  Action action = Action::kSessionReset;
  // For kSessionReset the NOTIFICATION to send; otherwise the RFC 4271 code/subcode/data the
  // error would have had, for the log.
  Notification notification;
  std::string reason;  // one line for the log
};

struct DecodeResult {
  std::optional<Message> message;  // absent exactly when a session reset is required
  std::vector<Problem> problems;   // in the order found; a session reset is the last one

  const Problem* session_reset() const;
  bool treated_as_withdraw() const;
};

// Framing a TCP byte stream: with at least 19 bytes, the header's length field once the
// marker and length are valid (RFC 4271 6.1); length 0 while fewer bytes are there.
struct Frame {
  std::size_t length = 0;
  std::optional<Problem> error;  // a session reset: Connection Not Synchronized / Bad Length
};
Frame frame_message(std::span<const std::uint8_t> stream, const DecodeContext& context);

// `bytes` is exactly one message, header included.
DecodeResult decode_message(std::span<const std::uint8_t> bytes, const DecodeContext& context);

}  // namespace cfn::bgp::wire
