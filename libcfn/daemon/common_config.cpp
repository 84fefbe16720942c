// Handlers and printer for the configuration every daemon shares.
#include "libcfn/daemon/common_config.hpp"

#include <charconv>

#include "libcfn/cli/commands_cfn.hpp"
#include "libcfn/cli/commands_common.hpp"

namespace cfn::daemon {
namespace {

using cli::Args;
using cli::Context;
using cli::Status;
namespace cmd = cli::cmd;

std::uint32_t to_u32(std::string_view text) {
  std::uint32_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

Status warn(Context& ctx, const std::string& message) {
  ctx.out() += "% " + message + "\n";
  return Status::kWarning;
}

core::LogLevel level_of(const Args& args) {
  return core::parse_log_level(args.get("level")).value_or(core::kDefaultLogLevel);
}

std::string level_suffix(core::LogLevel level) {
  std::string out;
  if (level != core::kDefaultLogLevel) out.append(" ").append(core::log_level_name(level));
  return out;
}

std::string route_map_key_text(const std::pair<std::string, std::uint32_t>& key, bool permit) {
  return "route-map " + key.first + (permit ? " permit " : " deny ") + std::to_string(key.second);
}

using Target = std::function<CommonConfig&()>;

void bind_global(cli::CommandTable& table, const Target& target) {
  table.bind(cmd::kHostname, [target](Context& ctx, const Args& args) {
    std::string_view name = args.get("name");
    if (!std::isalnum(static_cast<unsigned char>(name.front()))) {
      return warn(ctx, "Please specify string starting with alphabet or number");
    }
    target().hostname = std::string(name);
    return Status::kSuccess;
  });
  table.bind(cmd::kNoHostname, [target](Context&, const Args&) {
    target().hostname.reset();
    return Status::kSuccess;
  });
  table.bind(cmd::kLogStdout, [target](Context&, const Args& args) {
    target().log.stdout_level = level_of(args);
    return Status::kSuccess;
  });
  table.bind(cmd::kNoLogStdout, [target](Context&, const Args&) {
    target().log.stdout_level.reset();
    return Status::kSuccess;
  });
  table.bind(cmd::kLogFile, [target](Context&, const Args& args) {
    target().log.file = core::FileLogTarget{std::string(args.get("path")), level_of(args)};
    return Status::kSuccess;
  });
  table.bind(cmd::kNoLogFile, [target](Context&, const Args&) {
    target().log.file.reset();
    return Status::kSuccess;
  });
  table.bind(cmd::kLogSyslog, [target](Context&, const Args& args) {
    target().log.syslog_level = level_of(args);
    return Status::kSuccess;
  });
  table.bind(cmd::kNoLogSyslog, [target](Context&, const Args&) {
    target().log.syslog_level.reset();
    return Status::kSuccess;
  });
  table.bind(cmd::kFrrVersion, [](Context&, const Args&) { return Status::kSuccess; });
  table.bind(cmd::kFrrDefaults, [](Context& ctx, const Args& args) {
    if (args.get("profile") != "traditional") {
      return warn(ctx, "only the traditional defaults profile is supported");
    }
    return Status::kSuccess;
  });
  table.bind(cmd::kServiceIntegrated, [target](Context&, const Args& args) {
    target().integrated_vtysh_config = !args.has("no");
    return Status::kSuccess;
  });
}

void bind_interfaces(cli::CommandTable& table, const Target& target) {
  table.bind(cmd::kInterface, [target](Context&, const Args& args) {
    target().interfaces[std::string(args.get("ifname"))];
    return Status::kSuccess;
  });
  table.bind(cmd::kNoInterface, [target](Context&, const Args& args) {
    target().interfaces.erase(std::string(args.get("ifname")));
    return Status::kSuccess;
  });
  table.bind(cmd::kInterfaceDescription, [target](Context& ctx, const Args& args) {
    auto name = std::string(ctx.frame(cli::Node::kInterface).get("ifname"));
    target().interfaces[name].description = std::string(args.get("text"));
    return Status::kSuccess;
  });
  table.bind(cmd::kNoInterfaceDescription, [target](Context& ctx, const Args&) {
    auto name = std::string(ctx.frame(cli::Node::kInterface).get("ifname"));
    target().interfaces[name].description.reset();
    return Status::kSuccess;
  });
}

void bind_prefix_lists(cli::CommandTable& table, const Target& target) {
  table.bind(cmd::kPrefixList, [target](Context& ctx, const Args& args) {
    PrefixListEntry entry;
    entry.permit = args.get("action") == "permit";
    int len = 0;
    if (auto text = args.find("prefix")) {
      entry.prefix = net::Prefix::parse_v4(*text);
      len = entry.prefix->length();
    }
    if (auto ge = args.find("ge_len")) entry.ge = static_cast<int>(to_u32(*ge));
    if (auto le = args.find("le_len")) entry.le = static_cast<int>(to_u32(*le));
    // FRR: len < ge <= le.
    if ((entry.ge && *entry.ge <= len) || (entry.le && *entry.le < entry.ge.value_or(len))) {
      return warn(ctx, "Invalid prefix range for " + std::string(args.get("prefix")) +
                           ", make sure: len < ge <= le");
    }
    auto& list = target().prefix_lists[std::string(args.get("name"))];
    std::uint32_t seq = 0;
    if (auto given = args.find("seqnum")) {
      seq = to_u32(*given);
    } else {
      seq = list.empty() ? 5 : (list.rbegin()->first / 5 + 1) * 5;  // FRR's automatic numbering
    }
    list[seq] = entry;
    return Status::kSuccess;
  });
  table.bind(cmd::kNoPrefixList, [target](Context& ctx, const Args& args) {
    auto& lists = target().prefix_lists;
    auto it = lists.find(std::string(args.get("name")));
    if (it == lists.end()) return warn(ctx, "Can't find specified prefix-list");
    if (auto seq = args.find("seqnum")) {
      if (it->second.erase(to_u32(*seq)) == 0) return warn(ctx, "Can't find specified prefix-list");
      if (!it->second.empty()) return Status::kSuccess;
    }
    lists.erase(it);
    return Status::kSuccess;
  });
}

void bind_route_maps(cli::CommandTable& table, const Target& target) {
  auto entry_of = [target](Context& ctx) -> RouteMapEntry& {
    const Args& frame = ctx.frame(cli::Node::kRouteMap);
    return target().route_maps[{std::string(frame.get("name")), to_u32(frame.get("seq"))}];
  };
  table.bind(cmd::kRouteMap, [target](Context&, const Args& args) {
    auto& entry = target().route_maps[{std::string(args.get("name")), to_u32(args.get("seq"))}];
    entry.permit = args.get("action") == "permit";
    return Status::kSuccess;
  });
  table.bind(cmd::kNoRouteMap, [target](Context& ctx, const Args& args) {
    auto& maps = target().route_maps;
    std::string name(args.get("name"));
    if (auto seq = args.find("seq")) {
      if (maps.erase({name, to_u32(*seq)}) == 0) return warn(ctx, "Could not find route-map entry");
      return Status::kSuccess;
    }
    auto first = maps.lower_bound({name, 0});
    auto last = maps.upper_bound({name, UINT32_MAX});
    if (first == last) return warn(ctx, "Could not find route-map " + name);
    maps.erase(first, last);
    return Status::kSuccess;
  });
  table.bind(cmd::kMatchPrefixList, [entry_of](Context& ctx, const Args& args) {
    auto& match = entry_of(ctx).match_prefix_list;
    if (args.has("no")) {
      match.reset();
    } else {
      match = std::string(args.get("name"));
    }
    return Status::kSuccess;
  });
  table.bind(cmd::kSetMetric, [entry_of](Context& ctx, const Args& args) {
    entry_of(ctx).set_metric = to_u32(args.get("value"));
    return Status::kSuccess;
  });
  table.bind(cmd::kNoSetMetric, [entry_of](Context& ctx, const Args&) {
    entry_of(ctx).set_metric.reset();
    return Status::kSuccess;
  });
  table.bind(cmd::kSetLocalPreference, [entry_of](Context& ctx, const Args& args) {
    entry_of(ctx).set_local_preference = to_u32(args.get("value"));
    return Status::kSuccess;
  });
  table.bind(cmd::kNoSetLocalPreference, [entry_of](Context& ctx, const Args&) {
    entry_of(ctx).set_local_preference.reset();
    return Status::kSuccess;
  });
}

// Binds one numeric setting of the cfn block: `def` sets it from its number `arg` (the grammar's
// range bounds it), `no_def` puts the default back.
template <typename Field, typename FromNumber>
void bind_cfn_setting(cli::CommandTable& table, const cli::CommandDef& def,
                      const cli::CommandDef& no_def, const Target& target, std::string_view arg,
                      Field field, FromNumber from_number) {
  table.bind(def, [target, arg, field, from_number](Context&, const Args& args) {
    field(target().cfn) = from_number(to_u32(args.get(arg)));
    return Status::kSuccess;
  });
  table.bind(no_def, [target, field](Context&, const Args&) {
    CfnConfig defaults;
    field(target().cfn) = field(defaults);
    return Status::kSuccess;
  });
}

void bind_cfn(cli::CommandTable& table, const Target& target) {
  table.bind(cmd::kCfn, [target](Context&, const Args&) {
    target().cfn.block = true;
    return Status::kSuccess;
  });
  table.bind(cmd::kNoCfn, [target](Context&, const Args&) {
    target().cfn = CfnConfig{};
    return Status::kSuccess;
  });
  table.bind(cmd::kShowCfn, [target](Context& ctx, const Args& args) {
    const CfnConfig& cfn = target().cfn;
    ctx.out() += args.has("json") ? show_cfn_json(cfn) : show_cfn_text(cfn);
    return Status::kSuccess;
  });

  // Policy and model parameters. Weights belong to the custom policy: any policy line sets both.
  table.bind(cmd::kCfnPolicy, [target](Context&, const Args& args) {
    auto& policy = target().cfn.policy;
    policy.kind = parse_policy_kind(args.get("mode")).value_or(metric::Policy{}.kind);
    policy.weights = {};
    return Status::kSuccess;
  });
  table.bind(cmd::kCfnPolicyCustom, [target](Context& ctx, const Args& args) {
    metric::CategoryWeights weights;
    if (args.has("weights")) {
      auto weight = [&args](std::string_view name) {
        return static_cast<double>(to_u32(args.get(name)));
      };
      weights = {weight("compute_weight"), weight("gpu_weight"), weight("memory_weight"),
                 weight("delay_weight")};
      if (weights == metric::CategoryWeights{0, 0, 0, 0}) {
        return warn(ctx, "At least one weight must be above 0");
      }
    }
    auto& policy = target().cfn.policy;
    policy.kind = metric::PolicyKind::kCustom;
    policy.weights = weights;
    return Status::kSuccess;
  });
  table.bind(cmd::kNoCfnPolicy, [target](Context&, const Args&) {
    auto& policy = target().cfn.policy;
    policy.kind = metric::Policy{}.kind;
    policy.weights = {};
    return Status::kSuccess;
  });
  table.bind(cmd::kCfnPrice, [target](Context& ctx, const Args& args) {
    const auto compute = parse_price(args.get("compute_price"));
    const auto bandwidth = parse_price(args.get("bandwidth_price"));
    if (!compute || !bandwidth) {
      return warn(ctx, "Invalid price '" +
                           std::string(args.get(compute ? "bandwidth_price" : "compute_price")) +
                           "' (expected a decimal number from 0 to 1000000)");
    }
    auto& policy = target().cfn.policy;
    policy.compute_price = *compute;
    policy.bandwidth_price = *bandwidth;
    return Status::kSuccess;
  });
  table.bind(cmd::kNoCfnPrice, [target](Context&, const Args&) {
    auto& policy = target().cfn.policy;
    policy.compute_price = metric::Policy{}.compute_price;
    policy.bandwidth_price = metric::Policy{}.bandwidth_price;
    return Status::kSuccess;
  });
  bind_cfn_setting(
      table, cmd::kCfnUtilizationCap, cmd::kNoCfnUtilizationCap, target, "percent",
      [](CfnConfig & c) -> auto& { return c.policy.utilization_cap; },
      [](std::uint32_t percent) { return percent / 100.0; });

  // Stability filters.
  using std::chrono::milliseconds;
  auto to_msec = [](std::uint32_t msec) { return milliseconds(msec); };
  auto to_points = [](std::uint32_t points) { return static_cast<std::uint8_t>(points); };
  bind_cfn_setting(
      table, cmd::kCfnSmoothing, cmd::kNoCfnSmoothing, target, "msec",
      [](CfnConfig & c) -> auto& { return c.filter.smoothing_half_life; }, to_msec);
  bind_cfn_setting(
      table, cmd::kCfnDeadBand, cmd::kNoCfnDeadBand, target, "points",
      [](CfnConfig & c) -> auto& { return c.filter.dead_band; }, to_points);
  bind_cfn_setting(
      table, cmd::kCfnMinInterval, cmd::kNoCfnMinInterval, target, "msec",
      [](CfnConfig & c) -> auto& { return c.filter.min_interval; }, to_msec);
  bind_cfn_setting(
      table, cmd::kCfnHoldDown, cmd::kNoCfnHoldDown, target, "msec",
      [](CfnConfig & c) -> auto& { return c.filter.hold_down; }, to_msec);
  bind_cfn_setting(
      table, cmd::kCfnRateLimit, cmd::kNoCfnRateLimit, target, "rate",
      [](CfnConfig & c) -> auto& { return c.filter.rate_limit; },
      [](std::uint32_t rate) { return rate; });
  bind_cfn_setting(
      table, cmd::kCfnStepThreshold, cmd::kNoCfnStepThreshold, target, "points",
      [](CfnConfig & c) -> auto& { return c.filter.step_threshold; }, to_points);
}

}  // namespace

void bind_common_commands(cli::CommandTable& table, std::function<CommonConfig&()> target) {
  bind_global(table, target);
  bind_interfaces(table, target);
  bind_prefix_lists(table, target);
  bind_route_maps(table, target);
  bind_cfn(table, target);
}

std::string print_common_head(const CommonConfig& config) {
  std::string out;
  if (config.hostname) out += "hostname " + *config.hostname + "\n";
  if (config.log.stdout_level) out += "log stdout" + level_suffix(*config.log.stdout_level) + "\n";
  if (config.log.file) {
    out += "log file " + config.log.file->path + level_suffix(config.log.file->level) + "\n";
  }
  if (config.log.syslog_level) out += "log syslog" + level_suffix(*config.log.syslog_level) + "\n";
  if (config.integrated_vtysh_config) out += "service integrated-vtysh-config\n";
  for (const auto& name : config.debugs) out += "debug " + name + "\n";
  for (const auto& [name, iface] : config.interfaces) {
    out += "interface " + name + "\n";
    if (iface.description) out += " description " + *iface.description + "\n";
    out += "exit\n";
  }
  return out + print_cfn_block(config.cfn);
}

std::string print_common_tail(const CommonConfig& config) {
  std::string out;
  for (const auto& [name, entries] : config.prefix_lists) {
    for (const auto& [seq, e] : entries) {
      out += "ip prefix-list " + name + " seq " + std::to_string(seq) +
             (e.permit ? " permit " : " deny ") + (e.prefix ? e.prefix->to_string() : "any");
      if (e.ge) out += " ge " + std::to_string(*e.ge);
      if (e.le) out += " le " + std::to_string(*e.le);
      out += "\n";
    }
  }
  for (const auto& [key, e] : config.route_maps) {
    out += route_map_key_text(key, e.permit) + "\n";
    if (e.match_prefix_list) out += " match ip address prefix-list " + *e.match_prefix_list + "\n";
    if (e.set_local_preference) {
      out += " set local-preference " + std::to_string(*e.set_local_preference) + "\n";
    }
    if (e.set_metric) out += " set metric " + std::to_string(*e.set_metric) + "\n";
    out += "exit\n";
  }
  return out;
}

}  // namespace cfn::daemon
