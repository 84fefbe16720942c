// Parser of the service push line: tokenizing, one handler per key, strict number syntax.
#include "libcfnmetric/agent/service_push.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <set>

#include "libcfnmetric/agent/agent_report.hpp"

namespace cfn::metric {
namespace {

// Decimal digits only: no sign, no spaces, no hex; within std::uint32_t.
std::optional<std::uint32_t> parse_count(std::string_view text) {
  if (text.empty() ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  std::uint32_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A finite decimal number >= 0 ("450", "12.5", "1e3"); no sign, "inf" or "nan".
std::optional<double> parse_amount(std::string_view text) {
  if (text.empty() || !(text.front() >= '0' && text.front() <= '9')) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

// Applies one KEY=VALUE; returns an error message, empty on success.
std::string apply(ServicePush& push, std::string_view key, std::string_view value) {
  const auto bad = [&] { return fmt::format("bad value '{}' for {}", value, key); };
  L0Metrics& m = push.metrics;
  if (key == "service" || key == "instance") {
    if (!is_valid_name(value)) return bad();
    (key == "service" ? push.service : push.instance.emplace()) = value;
  } else if (key == "queue" || key == "inflight") {
    const auto count = parse_count(value);
    if (!count) return bad();
    (key == "queue" ? m.queue_depth : m.requests_in_flight) = *count;
  } else if (key == "delay_us" || key == "rps") {
    const auto amount = parse_amount(value);
    if (!amount) return bad();
    (key == "delay_us" ? m.processing_delay_us : m.requests_per_second) = *amount;
  } else if (key == "health") {
    if (value != "ok" && value != "fail") return bad();
    m.healthy = value == "ok";
  } else {
    return fmt::format("unknown key '{}'", key);
  }
  return {};
}

}  // namespace

PushParsed parse_service_push(std::string_view datagram) {
  if (datagram.size() > kMaxPushDatagram)
    return {std::nullopt, fmt::format("longer than {} bytes", kMaxPushDatagram)};
  if (datagram.ends_with('\n')) datagram.remove_suffix(1);
  const auto control = std::find_if(datagram.begin(), datagram.end(), [](char c) {
    return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f;
  });
  if (control != datagram.end())
    return {std::nullopt,
            fmt::format("control byte 0x{:02x}", static_cast<unsigned char>(*control))};

  ServicePush push;
  std::set<std::string_view> seen;
  std::size_t pos = 0;
  while (true) {
    pos = datagram.find_first_not_of(" \t", pos);
    if (pos == std::string_view::npos) break;
    const std::size_t end = std::min(datagram.find_first_of(" \t", pos), datagram.size());
    const std::string_view token = datagram.substr(pos, end - pos);
    pos = end;
    const std::size_t eq = token.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == token.size())
      return {std::nullopt, fmt::format("'{}' is not KEY=VALUE", token)};
    const std::string_view key = token.substr(0, eq);
    if (!seen.insert(key).second) return {std::nullopt, fmt::format("{} given twice", key)};
    if (std::string error = apply(push, key, token.substr(eq + 1)); !error.empty())
      return {std::nullopt, std::move(error)};
  }
  if (push.service.empty()) return {std::nullopt, "no service="};
  return {std::move(push), {}};
}

void overlay_pushed(const L0Metrics& pushed, L0Metrics& metrics) {
  metrics.queue_depth = pushed.queue_depth;
  metrics.requests_in_flight = pushed.requests_in_flight;
  metrics.processing_delay_us = pushed.processing_delay_us;
  metrics.requests_per_second = pushed.requests_per_second;
  metrics.healthy = pushed.healthy;
}

}  // namespace cfn::metric
