// RFC 9003 shutdown communication: a length octet and up to 255 octets of UTF-8 in the data
// of a Cease NOTIFICATION with subcode Administrative Shutdown (2) or Administrative Reset (4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bgpd-cfn/wire/messages.hpp"

namespace cfn::bgp::wire {

inline constexpr std::size_t kMaxShutdownCommunication = 255;

// Cease/`subcode` carrying `text`, cut at 255 octets on a UTF-8 character boundary.
Notification shutdown_notification(std::uint8_t subcode, std::string_view text);

// The communication of a Cease/2 or Cease/4 NOTIFICATION; nullopt when there is none, or when
// it is malformed (length octet past the data, invalid UTF-8). Octets after it are ignored.
std::optional<std::string> shutdown_communication(const Notification& notification);

}  // namespace cfn::bgp::wire
