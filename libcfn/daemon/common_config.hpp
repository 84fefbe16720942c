// Configuration every daemon keeps (hostname, logging, interfaces, prefix-lists, route-maps,
// the cfn block): the model, its command handlers and its FRR-layout printer.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "libcfn/cli/session.hpp"
#include "libcfn/core/log.hpp"
#include "libcfn/daemon/cfn_config.hpp"
#include "libcfn/net/address.hpp"

namespace cfn::daemon {

struct PrefixListEntry {
  bool permit = true;
  std::optional<net::Prefix> prefix;  // nullopt: "any"
  std::optional<int> ge;
  std::optional<int> le;
  bool operator==(const PrefixListEntry&) const = default;
};

struct RouteMapEntry {
  bool permit = true;
  std::optional<std::string> match_prefix_list;
  std::optional<std::uint32_t> set_metric;
  std::optional<std::uint32_t> set_local_preference;
  bool operator==(const RouteMapEntry&) const = default;
};

struct InterfaceConfig {
  std::optional<std::string> description;
  bool operator==(const InterfaceConfig&) const = default;
};

struct CommonConfig {
  std::optional<std::string> hostname;
  core::LogSettings log;
  bool integrated_vtysh_config = false;
  std::set<std::string> debugs;  // "bgp updates", "ospf spf", ... (FRR keeps them in the config)
  std::map<std::string, InterfaceConfig> interfaces;
  std::map<std::string, std::map<std::uint32_t, PrefixListEntry>> prefix_lists;  // name -> seq
  std::map<std::pair<std::string, std::uint32_t>, RouteMapEntry> route_maps;     // (name, seq)
  CfnConfig cfn;
  bool operator==(const CommonConfig&) const = default;
};

void bind_common_commands(cli::CommandTable& table, std::function<CommonConfig&()> target);

// Sections printed before the protocol's (hostname, log, interfaces, cfn) and after it
// (prefix-lists, route-maps), as FRR orders them.
std::string print_common_head(const CommonConfig& config);
std::string print_common_tail(const CommonConfig& config);

}  // namespace cfn::daemon
