// OSPF configuration data: area IDs in both of FRR's forms, and the running-config text.
#include "ospfd-cfn/ospf_config.hpp"

#include <array>
#include <charconv>

namespace cfn::ospfd {
namespace {

constexpr std::array<std::string_view, 4> kRedistributeNames{"kernel", "connected", "static",
                                                             "bgp"};

void add_line(std::string& out, std::string_view line) {
  out += ' ';
  out += line;
  out += '\n';
}

// Lines in the order vtysh shows them (it sorts an interface block's lines).
std::string print_interface(const std::string& name, const OspfInterfaceConfig& conf) {
  const OspfInterfaceConfig defaults;
  std::string out = "interface " + name + "\n";
  if (conf.area) add_line(out, "ip ospf area " + conf.area->to_string());
  if (conf.authentication == InterfaceAuthentication::kPlain)
    add_line(out, "ip ospf authentication");
  if (conf.authentication == InterfaceAuthentication::kMessageDigest) {
    add_line(out, "ip ospf authentication message-digest");
  }
  if (conf.cost) add_line(out, "ip ospf cost " + std::to_string(*conf.cost));
  if (conf.dead_interval != defaults.dead_interval) {
    add_line(out, "ip ospf dead-interval " + std::to_string(conf.dead_interval));
  }
  if (conf.hello_interval != defaults.hello_interval) {
    add_line(out, "ip ospf hello-interval " + std::to_string(conf.hello_interval));
  }
  for (const auto& [id, key] : conf.message_digest_keys) {
    add_line(out, "ip ospf message-digest-key " + std::to_string(id) + " md5 " + key);
  }
  if (conf.network_type != defaults.network_type) {
    add_line(out, "ip ospf network " + std::string(network_type_name(conf.network_type)));
  }
  if (conf.passive) add_line(out, "ip ospf passive");
  if (conf.priority != defaults.priority) {
    add_line(out, "ip ospf priority " + std::to_string(conf.priority));
  }
  return out + "exit\n";
}

// FRR 8.4's ospf_config_write_one order.
std::string print_router(const OspfRouterConfig& conf) {
  std::string out = "router ospf\n";
  if (conf.router_id) add_line(out, "ospf router-id " + conf.router_id->to_string());
  if (conf.log_adjacency_changes == LogAdjacencyChanges::kOn) {
    add_line(out, "log-adjacency-changes");
  } else if (conf.log_adjacency_changes == LogAdjacencyChanges::kDetail) {
    add_line(out, "log-adjacency-changes detail");
  }
  if (conf.reference_bandwidth != kDefaultReferenceBandwidth) {
    add_line(out, "auto-cost reference-bandwidth " + std::to_string(conf.reference_bandwidth));
  }
  for (RedistributeSource source : conf.redistribute) {
    add_line(out, "redistribute " + std::string(redistribute_source_name(source)));
  }
  for (const auto& [prefix, area] : conf.networks) {
    add_line(out, "network " + prefix.to_string() + " area " + area.to_string());
  }
  if (conf.capability_opaque) add_line(out, "capability opaque");
  return out + "exit\n";
}

}  // namespace

std::optional<OspfArea> OspfArea::parse(std::string_view text) {
  if (text.find('.') != std::string_view::npos) {
    auto address = net::IpAddress::parse_v4(text);
    if (!address) return std::nullopt;
    return OspfArea{address->v4_value(), true};
  }
  std::uint32_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return OspfArea{id, false};
}

std::string OspfArea::to_string() const {
  return dotted ? net::IpAddress::from_v4(id).to_string() : std::to_string(id);
}

std::string_view redistribute_source_name(RedistributeSource source) {
  return kRedistributeNames[static_cast<std::size_t>(source)];
}

std::optional<RedistributeSource> parse_redistribute_source(std::string_view name) {
  for (std::size_t i = 0; i < kRedistributeNames.size(); ++i) {
    if (kRedistributeNames[i] == name) return static_cast<RedistributeSource>(i);
  }
  return std::nullopt;
}

std::string_view network_type_name(InterfaceNetworkType type) {
  return type == InterfaceNetworkType::kPointToPoint ? "point-to-point" : "broadcast";
}

std::optional<InterfaceNetworkType> parse_network_type(std::string_view name) {
  if (name == "broadcast") return InterfaceNetworkType::kBroadcast;
  if (name == "point-to-point") return InterfaceNetworkType::kPointToPoint;
  return std::nullopt;
}

std::string print_ospf_config(const OspfConfig& config) {
  std::string out;
  auto add_block = [&out](const std::string& block) {
    if (!out.empty()) out += "!\n";
    out += block;
  };
  for (const auto& [name, conf] : config.interfaces) add_block(print_interface(name, conf));
  if (config.router) add_block(print_router(*config.router));
  return out;
}

}  // namespace cfn::ospfd
