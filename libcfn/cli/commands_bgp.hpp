// bgpd-cfn's commands, in FRR's syntax and with FRR's help strings.
#pragma once

#include "libcfn/cli/command.hpp"

namespace cfn::cli::cmd {

#define CFN_NO "Negate a command or set its defaults\n"
#define CFN_PEER "neighbor <A.B.C.D|X:X::X:X|WORD>$peer"
#define CFN_PEER_HELP                                                                             \
  "Specify neighbor router\nNeighbor address\nNeighbor IPv6 address\nInterface name or neighbor " \
  "tag\n"
#define CFN_AF_NODES nodes(Node::kBgpIpv4Unicast, Node::kBgpIpv6Unicast)

inline constexpr CommandDef kRouterBgp{nodes(Node::kConfig), "router bgp (1-4294967295)$asn",
                                       "Enable a routing process\nBGP "
                                       "information\nAutonomous system number",
                                       kBgpd, [](const Args&) { return Node::kRouterBgp; }};
inline constexpr CommandDef kNoRouterBgp{nodes(Node::kConfig), "no router bgp [(1-4294967295)$asn]",
                                         CFN_NO
                                         "Enable a routing process\nBGP information\n"
                                         "Autonomous system number",
                                         kBgpd};
inline constexpr CommandDef kBgpRouterId{nodes(Node::kRouterBgp), "bgp router-id A.B.C.D$id",
                                         "BGP information\nOverride configured router "
                                         "identifier\nManually configured router identifier",
                                         kBgpd};
inline constexpr CommandDef kNoBgpRouterId{nodes(Node::kRouterBgp), "no bgp router-id [A.B.C.D]",
                                           CFN_NO
                                           "BGP information\nOverride configured router "
                                           "identifier\nManually configured router identifier",
                                           kBgpd};
inline constexpr CommandDef kBgpDefaultIpv4Unicast{
    nodes(Node::kRouterBgp), "[no] bgp default ipv4-unicast",
    CFN_NO "BGP information\nConfigure BGP defaults\nActivate ipv4-unicast for a peer by default",
    kBgpd};
inline constexpr CommandDef kBgpNetworkImportCheck{
    nodes(Node::kRouterBgp), "[no] bgp network import-check",
    CFN_NO "BGP information\nBGP network command\nCheck BGP network route exists in IGP", kBgpd};
inline constexpr CommandDef kBgpEbgpRequiresPolicy{
    nodes(Node::kRouterBgp), "[no] bgp ebgp-requires-policy",
    CFN_NO "BGP information\nRequire in and out policy for eBGP peers (RFC8212)", kBgpd};
inline constexpr CommandDef kBgpMultipathRelax{
    nodes(Node::kRouterBgp), "[no] bgp bestpath as-path multipath-relax",
    CFN_NO
    "BGP information\nChange the default bestpath selection\nAS-path attribute\nAllow load "
    "sharing across routes that have different AS paths (but same length)",
    kBgpd};
inline constexpr CommandDef kTimersBgp{
    nodes(Node::kRouterBgp), "timers bgp (0-65535)$keepalive (0-65535)$holdtime",
    "Adjust routing timers\nBGP timers\nKeepalive interval\nHoldtime", kBgpd};
inline constexpr CommandDef kNoTimersBgp{
    nodes(Node::kRouterBgp), "no timers bgp [(0-65535) (0-65535)]",
    CFN_NO "Adjust routing timers\nBGP timers\nKeepalive interval\nHoldtime", kBgpd};

inline constexpr CommandDef kNeighborRemoteAs{
    nodes(Node::kRouterBgp), CFN_PEER " remote-as <(1-4294967295)|internal|external>$asn",
    CFN_PEER_HELP "Specify a BGP neighbor\nAS number\nInternal BGP peer\nExternal BGP peer", kBgpd};
inline constexpr CommandDef kNoNeighbor{
    nodes(Node::kRouterBgp), "no " CFN_PEER " [remote-as <(1-4294967295)|internal|external>]",
    CFN_NO CFN_PEER_HELP "Specify a BGP neighbor\nAS number\nInternal BGP peer\nExternal BGP peer",
    kBgpd};
inline constexpr CommandDef kNeighborPeerGroup{
    nodes(Node::kRouterBgp), "[no] neighbor WORD$group peer-group",
    CFN_NO "Specify neighbor router\nInterface name or neighbor tag\nConfigure peer-group", kBgpd};
inline constexpr CommandDef kNeighborSetPeerGroup{
    nodes(Node::kRouterBgp), "[no] neighbor <A.B.C.D|X:X::X:X>$peer peer-group WORD$group",
    CFN_NO
    "Specify neighbor router\nNeighbor address\nNeighbor IPv6 address\nMember of the "
    "peer-group\nPeer-group name",
    kBgpd};
inline constexpr CommandDef kNeighborDescription{
    nodes(Node::kRouterBgp), CFN_PEER " description LINE...$text",
    CFN_PEER_HELP "Neighbor specific description\nUp to 80 characters describing this neighbor",
    kBgpd};
inline constexpr CommandDef kNoNeighborDescription{
    nodes(Node::kRouterBgp), "no " CFN_PEER " description [LINE...]",
    CFN_NO CFN_PEER_HELP
    "Neighbor specific description\nUp to 80 characters describing this "
    "neighbor",
    kBgpd};
inline constexpr CommandDef kNeighborShutdown{
    nodes(Node::kRouterBgp), "[no] " CFN_PEER " shutdown [message LINE...$text]",
    CFN_NO CFN_PEER_HELP
    "Administratively shut down this neighbor\nAdd a shutdown message (RFC "
    "8203)\nShutdown message",
    kBgpd};
inline constexpr CommandDef kNeighborPassive{
    nodes(Node::kRouterBgp), "[no] " CFN_PEER " passive",
    CFN_NO CFN_PEER_HELP "Don't send open messages to this neighbor", kBgpd};
inline constexpr CommandDef kNeighborTimers{
    nodes(Node::kRouterBgp), CFN_PEER " timers (0-65535)$keepalive (0-65535)$holdtime",
    CFN_PEER_HELP "BGP per neighbor timers\nKeepalive interval\nHoldtime", kBgpd};
inline constexpr CommandDef kNoNeighborTimers{
    nodes(Node::kRouterBgp), "no " CFN_PEER " timers [(0-65535) (0-65535)]",
    CFN_NO CFN_PEER_HELP "BGP per neighbor timers\nKeepalive interval\nHoldtime", kBgpd};
inline constexpr CommandDef kNeighborTimersConnect{
    nodes(Node::kRouterBgp), CFN_PEER " timers connect (1-65535)$seconds",
    CFN_PEER_HELP "BGP per neighbor timers\nBGP connect timer\nConnect timer", kBgpd};
inline constexpr CommandDef kNoNeighborTimersConnect{
    nodes(Node::kRouterBgp), "no " CFN_PEER " timers connect [(1-65535)]",
    CFN_NO CFN_PEER_HELP "BGP per neighbor timers\nBGP connect timer\nConnect timer", kBgpd};
inline constexpr CommandDef kNeighborUpdateSource{
    nodes(Node::kRouterBgp), CFN_PEER " update-source <A.B.C.D|X:X::X:X|WORD>$source",
    CFN_PEER_HELP "Source of routing updates\nIPv4 address\nIPv6 address\nInterface name", kBgpd};
inline constexpr CommandDef kNoNeighborUpdateSource{
    nodes(Node::kRouterBgp), "no " CFN_PEER " update-source [<A.B.C.D|X:X::X:X|WORD>]",
    CFN_NO CFN_PEER_HELP "Source of routing updates\nIPv4 address\nIPv6 address\nInterface name",
    kBgpd};
inline constexpr CommandDef kNeighborEbgpMultihop{
    nodes(Node::kRouterBgp), CFN_PEER " ebgp-multihop [(1-255)$ttl]",
    CFN_PEER_HELP "Allow EBGP neighbors not on directly connected networks\nmaximum hop count",
    kBgpd};
inline constexpr CommandDef kNoNeighborEbgpMultihop{
    nodes(Node::kRouterBgp), "no " CFN_PEER " ebgp-multihop [(1-255)]",
    CFN_NO CFN_PEER_HELP
    "Allow EBGP neighbors not on directly connected networks\nmaximum hop "
    "count",
    kBgpd};
inline constexpr CommandDef kNeighborExtendedNexthop{
    nodes(Node::kRouterBgp), "[no] " CFN_PEER " capability extended-nexthop",
    CFN_NO CFN_PEER_HELP
    "Advertise capability to the peer\nAdvertise extended next-hop "
    "capability to the peer",
    kBgpd};
inline constexpr CommandDef kAddressFamily{
    nodes(Node::kRouterBgp), "address-family <ipv4|ipv6>$afi [unicast]",
    "Enter Address Family command mode\nAddress Family\nAddress Family\nAddress Family modifier",
    kBgpd, [](const Args& args) {
      return args.get("afi") == "ipv6" ? Node::kBgpIpv6Unicast : Node::kBgpIpv4Unicast;
    }};
inline constexpr CommandDef kExitAddressFamily{
    CFN_AF_NODES, "exit-address-family", "Exit from Address Family configuration mode", kBgpd};

inline constexpr CommandDef kNeighborActivate{
    CFN_AF_NODES, "[no] " CFN_PEER " activate",
    CFN_NO CFN_PEER_HELP "Enable the Address Family for this Neighbor", kBgpd};
inline constexpr CommandDef kNeighborNextHopSelf{
    CFN_AF_NODES, "[no] " CFN_PEER " next-hop-self [force]",
    CFN_NO CFN_PEER_HELP
    "Disable the next hop calculation for this neighbor\nSet the next hop to "
    "self for reflected routes",
    kBgpd};
inline constexpr CommandDef kNeighborRouteMap{
    CFN_AF_NODES, "[no] " CFN_PEER " route-map WORD$map <in|out>$direction",
    CFN_NO CFN_PEER_HELP
    "Apply route map to neighbor\nName of route map\nApply map to incoming "
    "routes\nApply map to outbound routes",
    kBgpd};
inline constexpr CommandDef kNeighborPrefixList{
    CFN_AF_NODES, "[no] " CFN_PEER " prefix-list WORD$list <in|out>$direction",
    CFN_NO CFN_PEER_HELP
    "Filter updates to/from this neighbor\nName of a prefix list\nFilter "
    "incoming updates\nFilter outgoing updates",
    kBgpd};
inline constexpr CommandDef kNetworkV4{
    nodes(Node::kBgpIpv4Unicast), "[no] network A.B.C.D/M$prefix",
    CFN_NO "Specify a network to announce via BGP\nIPv4 prefix", kBgpd};
inline constexpr CommandDef kNetworkV6{
    nodes(Node::kBgpIpv6Unicast), "[no] network X:X::X:X/M$prefix",
    CFN_NO "Specify a network to announce via BGP\nIPv6 prefix", kBgpd};
inline constexpr CommandDef kRedistribute{
    CFN_AF_NODES, "[no] redistribute <connected|static|kernel>$source",
    CFN_NO
    "Redistribute information from another routing protocol\nConnected routes (directly "
    "attached subnet or host)\nStatically configured routes\nKernel routes (not installed "
    "via the zebra RIB)",
    kBgpd};
inline constexpr CommandDef kMaximumPaths{
    CFN_AF_NODES, "maximum-paths [ibgp$ibgp] (1-256)$paths",
    "Forward packets over multiple paths\niBGP-multipath\nNumber of paths", kBgpd};
inline constexpr CommandDef kNoMaximumPaths{
    CFN_AF_NODES, "no maximum-paths [ibgp$ibgp] [(1-256)]",
    CFN_NO "Forward packets over multiple paths\niBGP-multipath\nNumber of paths", kBgpd};

inline constexpr CommandDef kDebugBgp{
    nodes(Node::kEnable, Node::kConfig), "[no] debug bgp <updates|neighbor-events>$what",
    CFN_NO "Debugging functions\nBGP information\nBGP updates\nBGP Neighbor Events", kBgpd};

// ---- BGP show and clear commands (exec nodes; bound by bgpd-cfn/show/bgp_show_commands) ----
#define CFN_SHOW_BGP "show [ip] bgp"
#define CFN_SHOW_BGP_HELP "Show running system information\nIP information\nBGP information\n"
#define CFN_BGP_AF "[<ipv4|ipv6>$afi [unicast]]"
#define CFN_BGP_AF_HELP "Address Family\nAddress Family\nAddress Family modifier\n"
#define CFN_BGP_VRF "[vrf <all|default>$vrf_name]"
#define CFN_BGP_VRF_HELP "BGP VRF\nAll Views/VRFs\nThe default VRF\n"
#define CFN_JSON_HELP "JavaScript Object Notation"

inline constexpr CommandDef kShowBgpSummary{nodes(Node::kView, Node::kEnable),
                                            CFN_SHOW_BGP " " CFN_BGP_VRF " " CFN_BGP_AF
                                                         " summary [json]",
                                            CFN_SHOW_BGP_HELP CFN_BGP_VRF_HELP CFN_BGP_AF_HELP
                                            "Summary of BGP neighbor status\n" CFN_JSON_HELP,
                                            kBgpd};
inline constexpr CommandDef kShowBgpNeighbors{
    nodes(Node::kView, Node::kEnable),
    CFN_SHOW_BGP " " CFN_BGP_VRF " neighbors [<A.B.C.D|X:X::X:X|WORD>$peer] [json]",
    CFN_SHOW_BGP_HELP CFN_BGP_VRF_HELP
    "Detailed information on TCP and BGP neighbor connections\nNeighbor to display information "
    "about\nNeighbor to display information about\nNeighbor on BGP configured "
    "interface\n" CFN_JSON_HELP,
    kBgpd};
inline constexpr CommandDef kShowBgpRoutes{
    nodes(Node::kView, Node::kEnable),
    CFN_SHOW_BGP " " CFN_BGP_AF " [<A.B.C.D|A.B.C.D/M|X:X::X:X|X:X::X:X/M>$target] [json]",
    CFN_SHOW_BGP_HELP CFN_BGP_AF_HELP
    "Network in the BGP routing table to display\nIPv4 prefix\nNetwork in the BGP routing "
    "table to display\nIPv6 prefix\n" CFN_JSON_HELP,
    kBgpd};
inline constexpr CommandDef kShowBgpNeighborRoutes{
    nodes(Node::kView, Node::kEnable),
    CFN_SHOW_BGP " " CFN_BGP_AF
                 " neighbors <A.B.C.D|X:X::X:X|WORD>$peer "
                 "<advertised-routes|received-routes|routes>$what [json]",
    CFN_SHOW_BGP_HELP CFN_BGP_AF_HELP
    "Detailed information on TCP and BGP neighbor connections\nNeighbor to display information "
    "about\nNeighbor to display information about\nNeighbor on BGP configured "
    "interface\nDisplay the routes advertised to a BGP neighbor\nDisplay the received routes "
    "from neighbor\nDisplay routes learned from neighbor\n" CFN_JSON_HELP,
    kBgpd};
inline constexpr CommandDef kClearBgp{
    nodes(Node::kEnable),
    "clear [ip] bgp " CFN_BGP_AF " <*|A.B.C.D|X:X::X:X|WORD>$peer [soft [<in|out>$direction]]",
    "Reset functions\nIP information\nBGP information\n" CFN_BGP_AF_HELP
    "Clear all peers\nBGP neighbor address to clear\nBGP IPv6 neighbor to clear\nBGP neighbor "
    "on interface to clear\nSoft reconfig inbound and outbound updates\nSend route-refresh "
    "unless using 'soft-reconfiguration inbound'\nResend all outbound updates",
    kBgpd};

#undef CFN_SHOW_BGP
#undef CFN_SHOW_BGP_HELP
#undef CFN_BGP_AF
#undef CFN_BGP_AF_HELP
#undef CFN_BGP_VRF
#undef CFN_BGP_VRF_HELP
#undef CFN_JSON_HELP
#undef CFN_NO
#undef CFN_PEER
#undef CFN_PEER_HELP
#undef CFN_AF_NODES

}  // namespace cfn::cli::cmd
