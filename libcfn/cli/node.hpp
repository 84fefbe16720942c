// CLI nodes (modes) as FRR names them: each command belongs to one node; config nodes nest
// under CONFIG, and a line not found in a node is retried in its parent (FRR's config reading).
#pragma once

#include <cstdint>
#include <string_view>

namespace cfn::cli {

enum class Node : std::uint8_t {
  kView,
  kEnable,
  kConfig,
  kRouterBgp,
  kBgpIpv4Unicast,
  kBgpIpv6Unicast,
  kRouterOspf,
  kInterface,
  kRouteMap,
  kCfn,
};
inline constexpr Node kLastNode = Node::kCfn;

// The node a config node falls back to (and `exit` returns to); kView for kView/kEnable.
Node parent(Node node);
// True for CONFIG and every node below it.
bool is_config_node(Node node);
// The prompt suffix FRR prints for the node: ">", "#", "(config)#", "(config-router)#", ...
std::string_view prompt_suffix(Node node);
// A short name for messages, e.g. "router bgp", "interface".
std::string_view node_name(Node node);

}  // namespace cfn::cli
