// The cfn block of the configuration (policy, model parameters, stability filters): its model,
// its FRR-layout printer and `show cfn`. Pure; the handlers are in common_config.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "libcfnmetric/filter/filter_params.hpp"
#include "libcfnmetric/model/policy.hpp"

namespace cfn::daemon {

// What the cfn block sets. The daemons hand `policy` to the metric model and `filter` to their
// FilterSet as they are: the defaults live in those two structs alone.
struct CfnConfig {
  bool block = false;  // `cfn` was entered: the block is printed, even when empty
  metric::Policy policy;
  metric::FilterParams filter;
  bool operator==(const CfnConfig&) const = default;
};

std::string_view policy_name(metric::PolicyKind kind);
// "latency", "cost", "balanced", "custom".
std::optional<metric::PolicyKind> parse_policy_kind(std::string_view name);

// A price as the CLI takes it: a decimal number from 0 to 1000000 ("0.5", "2", "1e3").
std::optional<double> parse_price(std::string_view text);

// "cfn" ... "exit" with the settings that differ from their defaults; empty when the block was
// never entered.
std::string print_cfn_block(const CfnConfig& config);

// `show cfn [json]`: the effective policy, model parameters and filter parameters.
std::string show_cfn_text(const CfnConfig& config);
std::string show_cfn_json(const CfnConfig& config);

}  // namespace cfn::daemon
