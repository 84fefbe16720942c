// Node tree and prompts, following FRR's node hierarchy and prompt strings.
#include "libcfn/cli/node.hpp"

namespace cfn::cli {

Node parent(Node node) {
  switch (node) {
    case Node::kView:
    case Node::kEnable:
      return Node::kView;
    case Node::kConfig:
      return Node::kEnable;
    case Node::kBgpIpv4Unicast:
    case Node::kBgpIpv6Unicast:
      return Node::kRouterBgp;
    case Node::kRouterBgp:
    case Node::kRouterOspf:
    case Node::kInterface:
    case Node::kRouteMap:
    case Node::kCfn:
      return Node::kConfig;
  }
  return Node::kView;
}

bool is_config_node(Node node) {
  return node != Node::kView && node != Node::kEnable;
}

std::string_view prompt_suffix(Node node) {
  switch (node) {
    case Node::kView:
      return ">";
    case Node::kEnable:
      return "#";
    case Node::kConfig:
      return "(config)#";
    case Node::kRouterBgp:
    case Node::kRouterOspf:
      return "(config-router)#";
    case Node::kBgpIpv4Unicast:
    case Node::kBgpIpv6Unicast:
      return "(config-router-af)#";
    case Node::kInterface:
      return "(config-if)#";
    case Node::kRouteMap:
      return "(config-route-map)#";
    case Node::kCfn:
      return "(config-cfn)#";
  }
  return "#";
}

std::string_view node_name(Node node) {
  switch (node) {
    case Node::kView:
      return "view";
    case Node::kEnable:
      return "enable";
    case Node::kConfig:
      return "config";
    case Node::kRouterBgp:
      return "router bgp";
    case Node::kBgpIpv4Unicast:
      return "address-family ipv4 unicast";
    case Node::kBgpIpv6Unicast:
      return "address-family ipv6 unicast";
    case Node::kRouterOspf:
      return "router ospf";
    case Node::kInterface:
      return "interface";
    case Node::kRouteMap:
      return "route-map";
    case Node::kCfn:
      return "cfn";
  }
  return "?";
}

}  // namespace cfn::cli
