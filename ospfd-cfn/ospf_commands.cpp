// OSPF command handlers. Each one edits a copy of the part of the config it touches and
// stores it back only when the command succeeds; messages and checks follow FRR 8.4's ospfd.
#include "ospfd-cfn/ospf_commands.hpp"

#include <charconv>
#include <string>

#include "libcfn/cli/commands_ospf.hpp"

namespace cfn::ospfd {
namespace {

using cli::Args;
using cli::Context;
using cli::Status;
using Target = std::function<OspfConfig&()>;
using RouterEdit =
    std::function<Status(OspfRouterConfig&, const OspfConfig&, Context&, const Args&)>;
using InterfaceEdit =
    std::function<Status(OspfInterfaceConfig&, const OspfConfig&, Context&, const Args&)>;

// A number the grammar has already range-checked.
template <typename T>
T number(std::string_view text) {
  std::uint32_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return static_cast<T>(value);
}

Status fail(Context& ctx, std::string_view message) {
  ctx.out() += message;
  ctx.out() += '\n';
  return Status::kWarningConfigFailed;
}

Status bad_value(Context& ctx, std::string_view what, std::string_view text) {
  ctx.out() += "% Malformed " + std::string(what) + ": " + std::string(text) + "\n";
  return Status::kWarning;
}

// Keeps an interface entry only while some setting differs from the defaults.
void store_interface(OspfConfig& config, const std::string& name, const OspfInterfaceConfig& conf) {
  if (conf == OspfInterfaceConfig{}) {
    config.interfaces.erase(name);
  } else {
    config.interfaces[name] = conf;
  }
}

OspfInterfaceConfig interface_of(const OspfConfig& config, const std::string& name) {
  auto it = config.interfaces.find(name);
  return it == config.interfaces.end() ? OspfInterfaceConfig{} : it->second;
}

// A command inside `router ospf`.
void bind_router(cli::CommandTable& table, const cli::CommandDef& def, const Target& target,
                 RouterEdit edit) {
  table.bind(def, [target, edit = std::move(edit)](Context& ctx, const Args& args) {
    OspfConfig& config = target();
    OspfRouterConfig router = config.router.value_or(OspfRouterConfig{});
    Status status = edit(router, config, ctx, args);
    if (status == Status::kSuccess) config.router = std::move(router);
    return status;
  });
}

// A command inside `interface IFNAME`.
void bind_interface(cli::CommandTable& table, const cli::CommandDef& def, const Target& target,
                    InterfaceEdit edit) {
  table.bind(def, [target, edit = std::move(edit)](Context& ctx, const Args& args) {
    OspfConfig& config = target();
    const std::string name(ctx.frame(cli::Node::kInterface).get("ifname"));
    OspfInterfaceConfig conf = interface_of(config, name);
    Status status = edit(conf, config, ctx, args);
    if (status == Status::kSuccess) store_interface(config, name, conf);
    return status;
  });
}

// The number type of a setting, whether or not it is optional.
template <typename T>
struct ValueOf {
  using type = T;
};
template <typename T>
struct ValueOf<std::optional<T>> {
  using type = T;
};

// `ip ospf SETTING VALUE` and `no ip ospf SETTING [VALUE]` (back to the default).
template <typename Field>
void bind_interface_value(cli::CommandTable& table, const Target& target,
                          const cli::CommandDef& set, const cli::CommandDef& unset,
                          std::string_view name, Field OspfInterfaceConfig::*field) {
  bind_interface(
      table, set, target,
      [field, name](OspfInterfaceConfig& conf, const OspfConfig&, Context&, const Args& args) {
        conf.*field = number<typename ValueOf<Field>::type>(args.get(name));
        return Status::kSuccess;
      });
  bind_interface(table, unset, target,
                 [field](OspfInterfaceConfig& conf, const OspfConfig&, Context&, const Args&) {
                   conf.*field = OspfInterfaceConfig{}.*field;
                   return Status::kSuccess;
                 });
}

void bind_router_block(cli::CommandTable& table, const Target& target) {
  table.bind(cli::cmd::kRouterOspf, [target](Context&, const Args&) {
    OspfConfig& config = target();
    if (!config.router) config.router.emplace();
    return Status::kSuccess;
  });
  // FRR keeps the interfaces' `ip ospf` settings when the instance goes.
  table.bind(cli::cmd::kNoRouterOspf, [target](Context&, const Args&) {
    target().router.reset();
    return Status::kSuccess;
  });
}

void bind_router_id(cli::CommandTable& table, const Target& target) {
  bind_router(table, cli::cmd::kOspfRouterId, target,
              [](OspfRouterConfig& router, const OspfConfig&, Context& ctx, const Args& args) {
                auto id = net::IpAddress::parse_v4(args.get("id"));
                if (!id) return bad_value(ctx, "router-id", args.get("id"));
                router.router_id = *id;
                return Status::kSuccess;
              });
  bind_router(table, cli::cmd::kNoOspfRouterId, target,
              [](OspfRouterConfig& router, const OspfConfig&, Context& ctx, const Args& args) {
                auto given = args.find("A.B.C.D");
                if (given && net::IpAddress::parse_v4(*given) != router.router_id) {
                  return fail(ctx, "% OSPF router-id doesn't match");
                }
                router.router_id.reset();
                return Status::kSuccess;
              });
}

void bind_network(cli::CommandTable& table, const Target& target) {
  bind_router(
      table, cli::cmd::kOspfNetwork, target,
      [](OspfRouterConfig& router, const OspfConfig& config, Context& ctx, const Args& args) {
        auto prefix = net::Prefix::parse_v4(args.get("prefix"));  // FRR clears host bits
        if (!prefix) return bad_value(ctx, "network prefix", args.get("prefix"));
        auto area = OspfArea::parse(args.get("area_id"));
        if (!area) return bad_value(ctx, "area ID", args.get("area_id"));
        auto it = router.networks.find(*prefix);
        if (args.has("no")) {
          if (it == router.networks.end() || it->second.id != area->id) {
            return fail(ctx, "Can't find specified network area configuration.");
          }
          router.networks.erase(it);
          return Status::kSuccess;
        }
        for (const auto& [name, conf] : config.interfaces) {
          if (conf.area) return fail(ctx, "Please remove all ip ospf area x.x.x.x commands first.");
        }
        if (it != router.networks.end()) {
          return fail(ctx, "There is already same network statement.");
        }
        router.networks.emplace(*prefix, *area);
        return Status::kSuccess;
      });
}

// FRR 8.4 turns `passive-interface IFNAME` into the interface's `ip ospf passive`.
void bind_passive_interface(cli::CommandTable& table, const Target& target) {
  table.bind(cli::cmd::kPassiveInterface, [target](Context& ctx, const Args& args) {
    OspfConfig& config = target();
    const std::string name(args.get("ifname"));
    OspfInterfaceConfig conf = interface_of(config, name);
    conf.passive = !args.has("no");
    store_interface(config, name, conf);
    ctx.out() += "This command is deprecated, because it is not VRF-aware.\nPlease, use \"";
    ctx.out() += args.has("no") ? "no ip ospf passive" : "ip ospf passive";
    ctx.out() += "\" on an interface instead.\n";
    return Status::kSuccess;
  });
}

void bind_router_flags(cli::CommandTable& table, const Target& target) {
  bind_router(table, cli::cmd::kCapabilityOpaque, target,
              [](OspfRouterConfig& router, const OspfConfig&, Context&, const Args& args) {
                router.capability_opaque = !args.has("no");
                return Status::kSuccess;
              });
  // `no log-adjacency-changes detail` drops only the detail.
  bind_router(table, cli::cmd::kLogAdjacencyChanges, target,
              [](OspfRouterConfig& router, const OspfConfig&, Context&, const Args& args) {
                auto& log = router.log_adjacency_changes;
                if (!args.has("no")) {
                  log =
                      args.has("detail") ? LogAdjacencyChanges::kDetail : LogAdjacencyChanges::kOn;
                } else if (!args.has("detail")) {
                  log = LogAdjacencyChanges::kOff;
                } else if (log == LogAdjacencyChanges::kDetail) {
                  log = LogAdjacencyChanges::kOn;
                }
                return Status::kSuccess;
              });
  bind_router(table, cli::cmd::kOspfRedistribute, target,
              [](OspfRouterConfig& router, const OspfConfig&, Context& ctx, const Args& args) {
                auto source = parse_redistribute_source(args.get("source"));
                if (!source) return bad_value(ctx, "redistribute source", args.get("source"));
                if (args.has("no")) {
                  router.redistribute.erase(*source);
                } else {
                  router.redistribute.insert(*source);
                }
                return Status::kSuccess;
              });
}

void bind_auto_cost(cli::CommandTable& table, const Target& target) {
  bind_router(table, cli::cmd::kAutoCost, target,
              [](OspfRouterConfig& router, const OspfConfig&, Context&, const Args& args) {
                router.reference_bandwidth = number<std::uint32_t>(args.get("mbps"));
                return Status::kSuccess;
              });
  bind_router(table, cli::cmd::kNoAutoCost, target,
              [](OspfRouterConfig& router, const OspfConfig&, Context& ctx, const Args&) {
                if (router.reference_bandwidth == kDefaultReferenceBandwidth) {
                  return Status::kSuccess;
                }
                router.reference_bandwidth = kDefaultReferenceBandwidth;
                ctx.out() +=
                    "% OSPF: Reference bandwidth is changed.\n        Please ensure reference "
                    "bandwidth is consistent across all routers\n";
                return Status::kSuccess;
              });
}

void bind_interface_network_type(cli::CommandTable& table, const Target& target) {
  bind_interface(table, cli::cmd::kIpOspfNetwork, target,
                 [](OspfInterfaceConfig& conf, const OspfConfig&, Context& ctx, const Args& args) {
                   auto type = parse_network_type(args.get("type"));
                   if (!type) return bad_value(ctx, "network type", args.get("type"));
                   conf.network_type = *type;
                   return Status::kSuccess;
                 });
  bind_interface(table, cli::cmd::kNoIpOspfNetwork, target,
                 [](OspfInterfaceConfig& conf, const OspfConfig&, Context&, const Args&) {
                   conf.network_type = InterfaceNetworkType::kBroadcast;
                   return Status::kSuccess;
                 });
}

// `ip ospf area` and `network ... area` exclude each other (FRR 8.4).
void bind_interface_area(cli::CommandTable& table, const Target& target) {
  bind_interface(
      table, cli::cmd::kIpOspfArea, target,
      [](OspfInterfaceConfig& conf, const OspfConfig& config, Context& ctx, const Args& args) {
        auto area = OspfArea::parse(args.get("area_id"));
        if (!area) return bad_value(ctx, "area ID", args.get("area_id"));
        if (config.router && !config.router->networks.empty()) {
          return fail(ctx, "Please remove all network commands first.");
        }
        if (conf.area && conf.area->id != area->id) {
          return fail(ctx, "Must remove previous area config before changing ospf area ");
        }
        conf.area = *area;
        return Status::kSuccess;
      });
  bind_interface(table, cli::cmd::kNoIpOspfArea, target,
                 [](OspfInterfaceConfig& conf, const OspfConfig&, Context& ctx, const Args&) {
                   if (!conf.area) {
                     return fail(ctx, "Can't find specified interface area configuration.");
                   }
                   conf.area.reset();
                   return Status::kSuccess;
                 });
}

void bind_interface_security(cli::CommandTable& table, const Target& target) {
  bind_interface(table, cli::cmd::kIpOspfPassive, target,
                 [](OspfInterfaceConfig& conf, const OspfConfig&, Context&, const Args& args) {
                   conf.passive = !args.has("no");
                   return Status::kSuccess;
                 });
  // `no ip ospf authentication message-digest` leaves plain authentication alone.
  bind_interface(table, cli::cmd::kIpOspfAuthentication, target,
                 [](OspfInterfaceConfig& conf, const OspfConfig&, Context&, const Args& args) {
                   const auto given = args.has("md5") ? InterfaceAuthentication::kMessageDigest
                                                      : InterfaceAuthentication::kPlain;
                   if (!args.has("no")) {
                     conf.authentication = given;
                   } else if (!args.has("md5") || conf.authentication == given) {
                     conf.authentication = InterfaceAuthentication::kNone;
                   }
                   return Status::kSuccess;
                 });
  // FRR keeps the first 16 characters of a key and replaces a key ID given again.
  bind_interface(table, cli::cmd::kIpOspfMessageDigestKey, target,
                 [](OspfInterfaceConfig& conf, const OspfConfig&, Context&, const Args& args) {
                   conf.message_digest_keys[number<std::uint8_t>(args.get("key_id"))] =
                       std::string(args.get("key").substr(0, kMd5KeyLength));
                   return Status::kSuccess;
                 });
  bind_interface(
      table, cli::cmd::kNoIpOspfMessageDigestKey, target,
      [](OspfInterfaceConfig& conf, const OspfConfig&, Context& ctx, const Args& args) {
        if (conf.message_digest_keys.erase(number<std::uint8_t>(args.get("key_id"))) == 0) {
          return fail(ctx, "OSPF: Key " + std::string(args.get("key_id")) + " does not exist");
        }
        return Status::kSuccess;
      });
}

}  // namespace

void bind_ospf_commands(cli::CommandTable& table, std::function<OspfConfig&()> target) {
  namespace cmd = cli::cmd;
  bind_router_block(table, target);
  bind_router_id(table, target);
  bind_network(table, target);
  bind_passive_interface(table, target);
  bind_router_flags(table, target);
  bind_auto_cost(table, target);
  bind_interface_value(table, target, cmd::kIpOspfCost, cmd::kNoIpOspfCost, "value",
                       &OspfInterfaceConfig::cost);
  bind_interface_value(table, target, cmd::kIpOspfHello, cmd::kNoIpOspfHello, "seconds",
                       &OspfInterfaceConfig::hello_interval);
  bind_interface_value(table, target, cmd::kIpOspfDead, cmd::kNoIpOspfDead, "seconds",
                       &OspfInterfaceConfig::dead_interval);
  bind_interface_value(table, target, cmd::kIpOspfPriority, cmd::kNoIpOspfPriority, "value",
                       &OspfInterfaceConfig::priority);
  bind_interface_network_type(table, target);
  bind_interface_area(table, target);
  bind_interface_security(table, target);
}

}  // namespace cfn::ospfd
