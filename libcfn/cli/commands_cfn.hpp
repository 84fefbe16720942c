// The cfn block (what FRR has no syntax for): the metric policy and its parameters, the
// stability filters, and `show cfn`.
#pragma once

#include "libcfn/cli/command.hpp"
#include "libcfn/cli/commands_common.hpp"

namespace cfn::cli::cmd {

#define CFN_NO "Negate a command or set its defaults\n"
#define CFN_POLICY_HELP "Choose how compute and network state rank a service's sites\n"
#define CFN_WEIGHTS                                                         \
  "weights compute (0-1000)$compute_weight gpu (0-1000)$gpu_weight memory " \
  "(0-1000)$memory_weight delay (0-1000)$delay_weight"
#define CFN_WEIGHTS_HELP                                                                   \
  "Weights of the category costs in the L2 cost (normalized on use)\nCompute (CPU) cost\n" \
  "Weight\nGPU cost\nWeight\nMemory cost\nWeight\nProcessing delay cost\nWeight"
#define CFN_PRICE_HELP                                                                           \
  "Prices used by the cost policy\nPrice of compute\nPrice per core-second (decimal)\nPrice of " \
  "bandwidth\nPrice per unit of network cost (decimal)"
#define CFN_MSEC "(0-3600000)"
#define CFN_ADVERTISE_HELP "When and how often a service's cost is advertised\n"

inline constexpr CommandDef kCfn{nodes(Node::kConfig), "cfn", "Computing First Network settings",
                                 kAllDaemons, [](const Args&) { return Node::kCfn; }};
inline constexpr CommandDef kNoCfn{nodes(Node::kConfig), "no cfn",
                                   CFN_NO "Computing First Network settings", kAllDaemons};

// Policy and model parameters (libcfnmetric/model/policy.hpp).
inline constexpr CommandDef kCfnPolicy{
    nodes(Node::kCfn), "policy <latency|cost|balanced>$mode",
    CFN_POLICY_HELP
    "Minimize expected completion time\nMinimize compute and bandwidth cost\n"
    "Weigh latency and cost equally",
    kAllDaemons};
inline constexpr CommandDef kCfnPolicyCustom{
    nodes(Node::kCfn), "policy custom [" CFN_WEIGHTS "]",
    CFN_POLICY_HELP
    "Weigh the category costs as configured (equal weights by default)\n" CFN_WEIGHTS_HELP,
    kAllDaemons};
inline constexpr CommandDef kNoCfnPolicy{
    nodes(Node::kCfn), "no policy [<latency|cost|balanced|custom>] [" CFN_WEIGHTS "]",
    CFN_NO CFN_POLICY_HELP
    "Minimize expected completion time\nMinimize compute and bandwidth "
    "cost\nWeigh latency and cost equally\nWeigh the category costs as "
    "configured\n" CFN_WEIGHTS_HELP,
    kAllDaemons};
inline constexpr CommandDef kCfnPrice{
    nodes(Node::kCfn), "price compute PRICE$compute_price bandwidth PRICE$bandwidth_price",
    CFN_PRICE_HELP, kAllDaemons};
inline constexpr CommandDef kNoCfnPrice{nodes(Node::kCfn),
                                        "no price [compute PRICE bandwidth PRICE]",
                                        CFN_NO CFN_PRICE_HELP, kAllDaemons};
inline constexpr CommandDef kCfnUtilizationCap{
    nodes(Node::kCfn), "utilization-cap (1-99)$percent",
    "Highest utilization the latency model counts with (rho in d / (1 - rho))\nPercent",
    kAllDaemons};
inline constexpr CommandDef kNoCfnUtilizationCap{
    nodes(Node::kCfn), "no utilization-cap [(1-99)]",
    CFN_NO "Highest utilization the latency model counts with (rho in d / (1 - rho))\nPercent",
    kAllDaemons};

// Stability filters (libcfnmetric/filter/filter_params.hpp); 0 turns a filter off.
inline constexpr CommandDef kCfnSmoothing{
    nodes(Node::kCfn), "smoothing half-life " CFN_MSEC "$msec",
    "Smoothing of the measured costs (EWMA)\nTime after which a sample weighs half\n"
    "Milliseconds (0: off)",
    kAllDaemons};
inline constexpr CommandDef kNoCfnSmoothing{
    nodes(Node::kCfn), "no smoothing half-life [" CFN_MSEC "]",
    CFN_NO
    "Smoothing of the measured costs (EWMA)\nTime after which a sample weighs half\n"
    "Milliseconds (0: off)",
    kAllDaemons};
inline constexpr CommandDef kCfnDeadBand{
    nodes(Node::kCfn), "dead-band (0-255)$points",
    "Least change of the L2 cost that is advertised again (more than this)\nCost points (0: off)",
    kAllDaemons};
inline constexpr CommandDef kNoCfnDeadBand{
    nodes(Node::kCfn), "no dead-band [(0-255)]",
    CFN_NO
    "Least change of the L2 cost that is advertised again (more than this)\nCost points "
    "(0: off)",
    kAllDaemons};
inline constexpr CommandDef kCfnMinInterval{
    nodes(Node::kCfn), "advertise min-interval " CFN_MSEC "$msec",
    CFN_ADVERTISE_HELP "Least time between two advertisements of a service\nMilliseconds (0: off)",
    kAllDaemons};
inline constexpr CommandDef kNoCfnMinInterval{
    nodes(Node::kCfn), "no advertise min-interval [" CFN_MSEC "]",
    CFN_NO CFN_ADVERTISE_HELP
    "Least time between two advertisements of a service\nMilliseconds "
    "(0: off)",
    kAllDaemons};
inline constexpr CommandDef kCfnHoldDown{
    nodes(Node::kCfn), "advertise hold-down " CFN_MSEC "$msec",
    CFN_ADVERTISE_HELP
    "Time a withdrawn service waits before it is advertised again\n"
    "Milliseconds (0: off)",
    kAllDaemons};
inline constexpr CommandDef kNoCfnHoldDown{
    nodes(Node::kCfn), "no advertise hold-down [" CFN_MSEC "]",
    CFN_NO CFN_ADVERTISE_HELP
    "Time a withdrawn service waits before it is advertised again\n"
    "Milliseconds (0: off)",
    kAllDaemons};
inline constexpr CommandDef kCfnRateLimit{nodes(Node::kCfn), "advertise rate-limit (0-100000)$rate",
                                          CFN_ADVERTISE_HELP
                                          "Most advertisements per second, all services together\n"
                                          "Advertisements per second (0: off)",
                                          kAllDaemons};
inline constexpr CommandDef kNoCfnRateLimit{
    nodes(Node::kCfn), "no advertise rate-limit [(0-100000)]",
    CFN_NO CFN_ADVERTISE_HELP
    "Most advertisements per second, all services together\n"
    "Advertisements per second (0: off)",
    kAllDaemons};
inline constexpr CommandDef kCfnStepThreshold{
    nodes(Node::kCfn), "step-threshold (0-255)$points",
    "Raw cost change that bypasses smoothing and dead band (more than this)\nCost points (0: off; "
    "drain is always a step)",
    kAllDaemons};
inline constexpr CommandDef kNoCfnStepThreshold{
    nodes(Node::kCfn), "no step-threshold [(0-255)]",
    CFN_NO
    "Raw cost change that bypasses smoothing and dead band (more than this)\nCost points "
    "(0: off; drain is always a step)",
    kAllDaemons};

inline constexpr CommandDef kShowCfn{
    kExecNodes, "show cfn [json]",
    "Show running system information\nComputing First Network settings\nJavaScript Object "
    "Notation",
    kAllDaemons};

#undef CFN_POLICY_HELP
#undef CFN_WEIGHTS
#undef CFN_WEIGHTS_HELP
#undef CFN_PRICE_HELP
#undef CFN_MSEC
#undef CFN_ADVERTISE_HELP

}  // namespace cfn::cli::cmd
