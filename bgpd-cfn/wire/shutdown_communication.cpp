// RFC 9003 encode and decode, with a strict UTF-8 check (RFC 3629).
#include "bgpd-cfn/wire/shutdown_communication.hpp"

#include <algorithm>

namespace cfn::bgp::wire {

namespace {

// Length of the UTF-8 sequence starting at text[i], or 0 when it is not a valid one.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
  const std::uint8_t lead = byte(i);
  std::size_t length = 0;
  std::uint32_t min = 0, code = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, min = 0x80, code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, min = 0x800, code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, min = 0x10000, code = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = code << 6 | (byte(i + k) & 0x3F);
  }
  const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
  return code < min || code > 0x10FFFF || surrogate ? 0 : length;
}

bool is_shutdown(const Notification& notification) {
  return notification.code == ErrorCode::kCease &&
         (notification.subcode == cease::kAdministrativeShutdown ||
          notification.subcode == cease::kAdministrativeReset);
}

}  // namespace

Notification shutdown_notification(std::uint8_t subcode, std::string_view text) {
  std::size_t length = 0;
  while (length < text.size()) {
    const std::size_t step = utf8_sequence(text, length);
    if (step == 0 || length + step > kMaxShutdownCommunication) break;
    length += step;
  }
  Notification notification{ErrorCode::kCease, subcode, std::vector<std::uint8_t>(length + 1)};
  notification.data[0] = static_cast<std::uint8_t>(length);
  std::copy_n(text.begin(), length, notification.data.begin() + 1);
  return notification;
}

std::optional<std::string> shutdown_communication(const Notification& notification) {
  if (!is_shutdown(notification) || notification.data.empty()) return std::nullopt;
  const std::size_t length = notification.data[0];
  if (length + 1 > notification.data.size()) return std::nullopt;
  std::string text(notification.data.begin() + 1, notification.data.begin() + 1 + length);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t step = utf8_sequence(text, i);
    if (step == 0) return std::nullopt;
    i += step;
  }
  return text;
}

}  // namespace cfn::bgp::wire
