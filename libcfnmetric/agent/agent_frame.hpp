// The agent protocol codec: AgentReport <-> cfn.agent.Report, signed with HMAC-SHA256 in a
// SignedReport, framed by a 4-octet big-endian length. Pure: bytes in, a report or the reason
// for refusing it out. docs/metrics.md has the byte layout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "libcfnmetric/agent/agent_report.hpp"

namespace cfn::metric {

using Bytes = std::vector<std::uint8_t>;

inline constexpr std::size_t kFrameHeaderSize = 4;
inline constexpr std::size_t kMaxFramePayload = 64 * 1024;  // larger frames are refused

// A shared secret and the id that names it on the wire.
struct AgentKey {
  std::string id;
  std::string secret;
  bool operator==(const AgentKey&) const = default;
};

// The receiver's keys: key id -> secret.
using KeyRing = std::map<std::string, std::string, std::less<>>;

// Why a frame was refused, in the order the checks run.
enum class FrameError : std::uint8_t {
  kTruncated,        // fewer bytes than a header, or than the header announces
  kOversize,         // announced length above kMaxFramePayload
  kTrailingBytes,    // bytes after the one frame (decode_frame only)
  kBadSignedReport,  // payload is not a SignedReport
  kBadHmacLength,    // hmac is not 32 octets
  kUnknownKey,       // key_id not in the key ring
  kBadHmac,          // HMAC over report does not verify
  kBadReport,        // authenticated bytes are not a Report
  kBadIdentity,      // site, service or instance is not a valid name
  kBadValue,         // a metric is negative, NaN or infinite
};
inline constexpr std::size_t kFrameErrorCount = 10;

// "truncated", "oversize", "trailing-bytes", "bad-signed-report", "bad-hmac-length",
// "unknown-key", "bad-hmac", "bad-report", "bad-identity", "bad-value".
std::string_view frame_error_name(FrameError error);

template <typename T>
struct FrameResult {
  std::optional<T> value;
  FrameError error = FrameError::kTruncated;  // why, when value is empty
  explicit operator bool() const { return value.has_value(); }
};

// The serialized Report message.
Bytes encode_report(const AgentReport& report);
// A whole frame: length, then SignedReport{report, HMAC-SHA256(key.secret, report), key.id}.
Bytes encode_frame(const AgentReport& report, const AgentKey& key);

// The payload length a frame header announces; kOversize above kMaxFramePayload.
FrameResult<std::size_t> decode_frame_length(
    std::span<const std::uint8_t, kFrameHeaderSize> header);
// One frame payload (the bytes after the length): parses the SignedReport, checks the HMAC with
// the key its key_id names (constant time), and only then parses and checks the Report.
FrameResult<AgentReport> decode_frame_payload(std::span<const std::uint8_t> payload,
                                              const KeyRing& keys);
// Exactly one whole frame, header included.
FrameResult<AgentReport> decode_frame(std::span<const std::uint8_t> frame, const KeyRing& keys);

}  // namespace cfn::metric
