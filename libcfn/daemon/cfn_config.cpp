// The cfn block's printer and `show cfn`: see cfn_config.hpp.
#include "libcfn/daemon/cfn_config.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace cfn::daemon {
namespace {

using metric::PolicyKind;
using Json = nlohmann::ordered_json;

constexpr double kMaxPrice = 1e6;

constexpr std::array<std::pair<PolicyKind, std::string_view>, 4> kPolicyNames{{
    {PolicyKind::kLatency, "latency"},
    {PolicyKind::kCost, "cost"},
    {PolicyKind::kBalanced, "balanced"},
    {PolicyKind::kCustom, "custom"},
}};

// Weights and the utilization cap are whole numbers on the CLI (weights 0-1000, percent).
long whole(double value) {
  return std::lround(value);
}

long cap_percent(const metric::Policy& policy) {
  return whole(policy.utilization_cap * 100);
}

std::string weights_text(const metric::CategoryWeights& w) {
  return fmt::format("compute {} gpu {} memory {} delay {}", whole(w.compute), whole(w.gpu),
                     whole(w.memory), whole(w.delay));
}

// "off" for a filter parameter at 0.
template <typename Value>
std::string or_off(Value value, std::string_view unit) {
  return value == Value{} ? std::string("off") : fmt::format("{}{}", value, unit);
}

}  // namespace

std::string_view policy_name(PolicyKind kind) {
  for (const auto& [k, name] : kPolicyNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<PolicyKind> parse_policy_kind(std::string_view name) {
  for (const auto& [kind, n] : kPolicyNames) {
    if (n == name) return kind;
  }
  return std::nullopt;
}

std::optional<double> parse_price(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (!std::isfinite(value) || value < 0 || value > kMaxPrice) return std::nullopt;
  return value;
}

std::string print_cfn_block(const CfnConfig& config) {
  if (!config.block) return "";
  const metric::Policy& p = config.policy;
  const metric::Policy dp;
  const metric::FilterParams& f = config.filter;
  const metric::FilterParams df;
  std::string out = "cfn\n";
  if (p.kind != dp.kind || p.weights != dp.weights) {
    out += " policy " + std::string(policy_name(p.kind));
    if (p.weights != dp.weights) out += " weights " + weights_text(p.weights);
    out += "\n";
  }
  if (p.compute_price != dp.compute_price || p.bandwidth_price != dp.bandwidth_price) {
    out += fmt::format(" price compute {} bandwidth {}\n", p.compute_price, p.bandwidth_price);
  }
  if (cap_percent(p) != cap_percent(dp)) {
    out += fmt::format(" utilization-cap {}\n", cap_percent(p));
  }
  if (f.smoothing_half_life != df.smoothing_half_life) {
    out += fmt::format(" smoothing half-life {}\n", f.smoothing_half_life.count());
  }
  if (f.dead_band != df.dead_band) out += fmt::format(" dead-band {}\n", f.dead_band);
  if (f.min_interval != df.min_interval) {
    out += fmt::format(" advertise min-interval {}\n", f.min_interval.count());
  }
  if (f.hold_down != df.hold_down) {
    out += fmt::format(" advertise hold-down {}\n", f.hold_down.count());
  }
  if (f.rate_limit != df.rate_limit) {
    out += fmt::format(" advertise rate-limit {}\n", f.rate_limit);
  }
  if (f.step_threshold != df.step_threshold) {
    out += fmt::format(" step-threshold {}\n", f.step_threshold);
  }
  return out + "exit\n";
}

std::string show_cfn_text(const CfnConfig& config) {
  const metric::Policy& p = config.policy;
  const metric::FilterParams& f = config.filter;
  std::string out = fmt::format("CFN policy: {}\n", policy_name(p.kind));
  out += fmt::format("  Weights (custom): compute {}, gpu {}, memory {}, delay {}\n",
                     whole(p.weights.compute), whole(p.weights.gpu), whole(p.weights.memory),
                     whole(p.weights.delay));
  out += fmt::format("  Prices (cost): compute {} per core-second, bandwidth {} per GB\n",
                     p.compute_price, p.bandwidth_price);
  out += fmt::format("  Utilization cap (latency): {}%\n", cap_percent(p));
  out += "Stability filters:\n";
  out += "  Smoothing half-life: " + or_off(f.smoothing_half_life.count(), " ms") + "\n";
  out += "  Dead band: " + or_off(f.dead_band, "") + "\n";
  out += "  Advertise min-interval: " + or_off(f.min_interval.count(), " ms") + "\n";
  out += "  Advertise hold-down: " + or_off(f.hold_down.count(), " ms") + "\n";
  out += "  Advertise rate-limit: " + or_off(f.rate_limit, " updates/s") + "\n";
  out += "  Step threshold: " + or_off(f.step_threshold, "") + " (drain is always a step)\n";
  return out;
}

std::string show_cfn_json(const CfnConfig& config) {
  const metric::Policy& p = config.policy;
  const metric::FilterParams& f = config.filter;
  Json out;
  out["policy"] = policy_name(p.kind);
  out["weights"] = {{"compute", whole(p.weights.compute)},
                    {"gpu", whole(p.weights.gpu)},
                    {"memory", whole(p.weights.memory)},
                    {"delay", whole(p.weights.delay)}};
  out["computePrice"] = p.compute_price;
  out["bandwidthPrice"] = p.bandwidth_price;
  out["utilizationCapPercent"] = cap_percent(p);
  out["smoothingHalfLifeMsecs"] = f.smoothing_half_life.count();
  out["deadBand"] = f.dead_band;
  out["advertiseMinIntervalMsecs"] = f.min_interval.count();
  out["advertiseHoldDownMsecs"] = f.hold_down.count();
  out["advertiseRateLimitPerSec"] = f.rate_limit;
  out["stepThreshold"] = f.step_threshold;
  return out.dump(2) + "\n";
}

}  // namespace cfn::daemon
