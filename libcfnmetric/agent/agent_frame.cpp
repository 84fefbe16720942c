// Agent protocol codec: Report conversion, HMAC signing and checking, length framing.
#include "libcfnmetric/agent/agent_frame.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <type_traits>

#include "libcfnmetric/agent/hmac.hpp"
#include "libcfnmetric/agent/l0_fields.hpp"
#include "proto/cfn_agent.pb.h"

namespace cfn::metric {
namespace {

namespace pb = ::cfn::agent;

// Metrics are counts, rates, shares and sizes: never negative, never NaN or infinite.
template <typename T>
bool valid_value(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::isfinite(value) && value >= 0;
  } else {
    return true;
  }
}

pb::Report to_proto(const AgentReport& report) {
  pb::Report out;
  out.set_site(report.site);
  out.set_service(report.service);
  out.set_instance(report.instance);
  out.set_timestamp(report.timestamp_ms);
  out.set_sequence(report.sequence);
  pb::Metrics& metrics = *out.mutable_metrics();
#define CFN_TO_PROTO(field) \
  if (report.metrics.field) metrics.set_##field(*report.metrics.field);
  CFN_L0_METRIC_FIELDS(CFN_TO_PROTO)
#undef CFN_TO_PROTO
  if (report.metrics.healthy)
    out.set_health(*report.metrics.healthy ? pb::HEALTH_OK : pb::HEALTH_FAILING);
  return out;
}

// A health value this version does not know reads as "the service said nothing".
FrameResult<AgentReport> from_proto(const pb::Report& in) {
  AgentReport report;
  report.site = in.site();
  report.service = in.service();
  report.instance = in.instance();
  if (!is_valid_name(report.site) || !is_valid_name(report.service) ||
      !is_valid_name(report.instance))
    return {std::nullopt, FrameError::kBadIdentity};
  report.timestamp_ms = in.timestamp();
  report.sequence = in.sequence();
  const pb::Metrics& metrics = in.metrics();
#define CFN_FROM_PROTO(field)                                                        \
  if (metrics.has_##field()) {                                                       \
    if (!valid_value(metrics.field())) return {std::nullopt, FrameError::kBadValue}; \
    report.metrics.field = metrics.field();                                          \
  }
  CFN_L0_METRIC_FIELDS(CFN_FROM_PROTO)
#undef CFN_FROM_PROTO
  if (in.health() == pb::HEALTH_OK) report.metrics.healthy = true;
  if (in.health() == pb::HEALTH_FAILING) report.metrics.healthy = false;
  return {std::move(report), {}};
}

std::span<const std::uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

std::string_view frame_error_name(FrameError error) {
  static constexpr std::array<std::string_view, kFrameErrorCount> kNames = {
      "truncated",   "oversize", "trailing-bytes", "bad-signed-report", "bad-hmac-length",
      "unknown-key", "bad-hmac", "bad-report",     "bad-identity",      "bad-value"};
  return kNames.at(static_cast<std::size_t>(error));
}

Bytes encode_report(const AgentReport& report) {
  const std::string bytes = to_proto(report).SerializeAsString();
  return Bytes(bytes.begin(), bytes.end());
}

Bytes encode_frame(const AgentReport& report, const AgentKey& key) {
  const Bytes report_bytes = encode_report(report);
  const Hmac mac = hmac_sha256(as_bytes(key.secret), report_bytes);
  pb::SignedReport signed_report;
  signed_report.set_report(report_bytes.data(), report_bytes.size());
  signed_report.set_hmac(mac.data(), mac.size());
  signed_report.set_key_id(key.id);
  const std::string payload = signed_report.SerializeAsString();
  const auto length = static_cast<std::uint32_t>(payload.size());
  // Sized once, then filled (growing a 4-byte vector trips GCC 12's -Warray-bounds at -O2).
  Bytes frame(kFrameHeaderSize + payload.size());
  frame[0] = static_cast<std::uint8_t>(length >> 24);
  frame[1] = static_cast<std::uint8_t>(length >> 16);
  frame[2] = static_cast<std::uint8_t>(length >> 8);
  frame[3] = static_cast<std::uint8_t>(length);
  std::copy(payload.begin(), payload.end(), frame.begin() + kFrameHeaderSize);
  return frame;
}

FrameResult<std::size_t> decode_frame_length(
    std::span<const std::uint8_t, kFrameHeaderSize> header) {
  const std::size_t length = (std::size_t{header[0]} << 24) | (std::size_t{header[1]} << 16) |
                             (std::size_t{header[2]} << 8) | std::size_t{header[3]};
  if (length > kMaxFramePayload) return {std::nullopt, FrameError::kOversize};
  return {length, {}};
}

FrameResult<AgentReport> decode_frame_payload(std::span<const std::uint8_t> payload,
                                              const KeyRing& keys) {
  pb::SignedReport signed_report;
  if (!signed_report.ParseFromArray(payload.data(), static_cast<int>(payload.size())))
    return {std::nullopt, FrameError::kBadSignedReport};
  if (signed_report.hmac().size() != kHmacSize) return {std::nullopt, FrameError::kBadHmacLength};
  const auto key = keys.find(signed_report.key_id());
  if (key == keys.end()) return {std::nullopt, FrameError::kUnknownKey};
  const Hmac expected = hmac_sha256(as_bytes(key->second), as_bytes(signed_report.report()));
  if (!equal_constant_time(expected, as_bytes(signed_report.hmac())))
    return {std::nullopt, FrameError::kBadHmac};
  pb::Report report;
  if (!report.ParseFromString(signed_report.report()))
    return {std::nullopt, FrameError::kBadReport};
  return from_proto(report);
}

FrameResult<AgentReport> decode_frame(std::span<const std::uint8_t> frame, const KeyRing& keys) {
  if (frame.size() < kFrameHeaderSize) return {std::nullopt, FrameError::kTruncated};
  const auto length = decode_frame_length(frame.first<kFrameHeaderSize>());
  if (!length) return {std::nullopt, length.error};
  const auto payload = frame.subspan(kFrameHeaderSize);
  if (payload.size() < *length.value) return {std::nullopt, FrameError::kTruncated};
  if (payload.size() > *length.value) return {std::nullopt, FrameError::kTrailingBytes};
  return decode_frame_payload(payload, keys);
}

}  // namespace cfn::metric
