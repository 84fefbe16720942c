// ospfd-cfn's commands, in FRR's syntax and with FRR's help strings.
#pragma once

#include "libcfn/cli/command.hpp"

namespace cfn::cli::cmd {

#define CFN_NO "Negate a command or set its defaults\n"
#define CFN_AREA "<A.B.C.D|(0-4294967295)>$area_id"
#define CFN_AREA_HELP "OSPF area ID in IP address format\nOSPF area ID as a decimal value"
#define CFN_IP_OSPF "IP Information\nOSPF interface commands\n"

inline constexpr CommandDef kRouterOspf{nodes(Node::kConfig), "router ospf",
                                        "Enable a routing process\nStart OSPF configuration",
                                        kOspfd, [](const Args&) { return Node::kRouterOspf; }};
inline constexpr CommandDef kNoRouterOspf{
    nodes(Node::kConfig), "no router ospf",
    CFN_NO "Enable a routing process\nStart OSPF configuration", kOspfd};
inline constexpr CommandDef kOspfRouterId{
    nodes(Node::kRouterOspf), "ospf router-id A.B.C.D$id",
    "OSPF specific commands\nrouter-id for the OSPF process\nOSPF router-id in IP address format",
    kOspfd};
inline constexpr CommandDef kNoOspfRouterId{
    nodes(Node::kRouterOspf), "no ospf router-id [A.B.C.D]",
    CFN_NO
    "OSPF specific commands\nrouter-id for the OSPF process\nOSPF router-id in IP address "
    "format",
    kOspfd};
inline constexpr CommandDef kOspfNetwork{
    nodes(Node::kRouterOspf), "[no] network A.B.C.D/M$prefix area " CFN_AREA,
    CFN_NO
    "Enable routing on an IP network\nOSPF network prefix\nSet the OSPF area ID\n" CFN_AREA_HELP,
    kOspfd};
inline constexpr CommandDef kPassiveInterface{
    nodes(Node::kRouterOspf), "[no] passive-interface IFNAME$ifname",
    CFN_NO "Suppress routing updates on an interface\nInterface's name", kOspfd};
inline constexpr CommandDef kCapabilityOpaque{nodes(Node::kRouterOspf), "[no] capability opaque",
                                              CFN_NO "Enable specific OSPF feature\nOpaque LSA",
                                              kOspfd};
inline constexpr CommandDef kLogAdjacencyChanges{
    nodes(Node::kRouterOspf), "[no] log-adjacency-changes [detail$detail]",
    CFN_NO "Log changes in adjacency state\nLog all state changes", kOspfd};
inline constexpr CommandDef kAutoCost{
    nodes(Node::kRouterOspf), "auto-cost reference-bandwidth (1-4294967)$mbps",
    "Calculate OSPF interface cost according to bandwidth\nUse reference bandwidth method to "
    "assign OSPF cost\nThe reference bandwidth in terms of Mbits per second",
    kOspfd};
inline constexpr CommandDef kNoAutoCost{
    nodes(Node::kRouterOspf), "no auto-cost reference-bandwidth [(1-4294967)]",
    CFN_NO
    "Calculate OSPF interface cost according to bandwidth\nUse reference bandwidth method "
    "to assign OSPF cost\nThe reference bandwidth in terms of Mbits per second",
    kOspfd};
inline constexpr CommandDef kOspfRedistribute{
    nodes(Node::kRouterOspf), "[no] redistribute <connected|static|kernel|bgp>$source",
    CFN_NO
    "Redistribute information from another routing protocol\nConnected routes (directly "
    "attached subnet or host)\nStatically configured routes\nKernel routes (not installed "
    "via the zebra RIB)\nBorder Gateway Protocol (BGP)",
    kOspfd};

inline constexpr CommandDef kIpOspfCost{nodes(Node::kInterface), "ip ospf cost (1-65535)$value",
                                        CFN_IP_OSPF "Interface cost\nCost", kOspfd};
inline constexpr CommandDef kNoIpOspfCost{nodes(Node::kInterface), "no ip ospf cost [(1-65535)]",
                                          CFN_NO CFN_IP_OSPF "Interface cost\nCost", kOspfd};
inline constexpr CommandDef kIpOspfHello{nodes(Node::kInterface),
                                         "ip ospf hello-interval (1-65535)$seconds",
                                         CFN_IP_OSPF "Time between HELLO packets\nSeconds", kOspfd};
inline constexpr CommandDef kNoIpOspfHello{
    nodes(Node::kInterface), "no ip ospf hello-interval [(1-65535)]",
    CFN_NO CFN_IP_OSPF "Time between HELLO packets\nSeconds", kOspfd};
inline constexpr CommandDef kIpOspfDead{
    nodes(Node::kInterface), "ip ospf dead-interval (1-65535)$seconds",
    CFN_IP_OSPF "Interval time after which a neighbor is declared down\nSeconds", kOspfd};
inline constexpr CommandDef kNoIpOspfDead{
    nodes(Node::kInterface), "no ip ospf dead-interval [(1-65535)]",
    CFN_NO CFN_IP_OSPF "Interval time after which a neighbor is declared down\nSeconds", kOspfd};
inline constexpr CommandDef kIpOspfPriority{nodes(Node::kInterface),
                                            "ip ospf priority (0-255)$value",
                                            CFN_IP_OSPF "Router priority\nPriority", kOspfd};
inline constexpr CommandDef kNoIpOspfPriority{
    nodes(Node::kInterface), "no ip ospf priority [(0-255)]",
    CFN_NO CFN_IP_OSPF "Router priority\nPriority", kOspfd};
inline constexpr CommandDef kIpOspfNetwork{
    nodes(Node::kInterface), "ip ospf network <broadcast|point-to-point>$type",
    CFN_IP_OSPF
    "Network type\nSpecify OSPF broadcast multi-access network\nSpecify OSPF "
    "point-to-point network",
    kOspfd};
inline constexpr CommandDef kNoIpOspfNetwork{
    nodes(Node::kInterface), "no ip ospf network [<broadcast|point-to-point>]",
    CFN_NO CFN_IP_OSPF
    "Network type\nSpecify OSPF broadcast multi-access network\nSpecify OSPF "
    "point-to-point network",
    kOspfd};
inline constexpr CommandDef kIpOspfArea{nodes(Node::kInterface), "ip ospf area " CFN_AREA,
                                        CFN_IP_OSPF "Enable OSPF on this interface\n" CFN_AREA_HELP,
                                        kOspfd};
inline constexpr CommandDef kNoIpOspfArea{
    nodes(Node::kInterface), "no ip ospf area [<A.B.C.D|(0-4294967295)>]",
    CFN_NO CFN_IP_OSPF "Enable OSPF on this interface\n" CFN_AREA_HELP, kOspfd};
inline constexpr CommandDef kIpOspfPassive{
    nodes(Node::kInterface), "[no] ip ospf passive",
    CFN_NO CFN_IP_OSPF "Suppress routing updates on an interface", kOspfd};
inline constexpr CommandDef kIpOspfAuthentication{
    nodes(Node::kInterface), "[no] ip ospf authentication [message-digest$md5]",
    CFN_NO CFN_IP_OSPF
    "Enable authentication on this interface\nUse message-digest "
    "authentication",
    kOspfd};
inline constexpr CommandDef kIpOspfMessageDigestKey{
    nodes(Node::kInterface), "ip ospf message-digest-key (1-255)$key_id md5 KEY$key",
    CFN_IP_OSPF
    "Message digest authentication password (key)\nKey ID\nUse MD5 algorithm\nThe "
    "OSPF password (key)",
    kOspfd};
inline constexpr CommandDef kNoIpOspfMessageDigestKey{
    nodes(Node::kInterface), "no ip ospf message-digest-key (1-255)$key_id [md5 KEY]",
    CFN_NO CFN_IP_OSPF
    "Message digest authentication password (key)\nKey ID\nUse MD5 "
    "algorithm\nThe OSPF password (key)",
    kOspfd};

inline constexpr CommandDef kDebugOspf{
    nodes(Node::kEnable, Node::kConfig), "[no] debug ospf <packet|lsa|spf>$what",
    CFN_NO
    "Debugging functions\nOSPF information\nOSPF packets\nOSPF Link State "
    "Advertisement\nOSPF SPF calculation",
    kOspfd};

#undef CFN_NO
#undef CFN_AREA
#undef CFN_AREA_HELP
#undef CFN_IP_OSPF

}  // namespace cfn::cli::cmd
