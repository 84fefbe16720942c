// Commands every daemon owns: modes and navigation, show/write, the kernel FIB, hostname,
// logging, FRR compatibility lines, interfaces, route-maps and prefix-lists (the cfn block is
// in commands_cfn.hpp).
#pragma once

#include "libcfn/cli/command.hpp"

namespace cfn::cli::cmd {

inline constexpr NodeMask kExecNodes = nodes(Node::kView, Node::kEnable);
inline constexpr NodeMask kAllConfigNodes =
    nodes(Node::kConfig, Node::kRouterBgp, Node::kBgpIpv4Unicast, Node::kBgpIpv6Unicast,
          Node::kRouterOspf, Node::kInterface, Node::kRouteMap, Node::kCfn);
inline constexpr NodeMask kEveryNode = kExecNodes | kAllConfigNodes;

// Modes and navigation (the session carries these out itself).
inline constexpr CommandDef kEnable{nodes(Node::kView), "enable", "Turn on privileged mode command",
                                    kAllDaemons};
inline constexpr CommandDef kDisable{nodes(Node::kEnable), "disable",
                                     "Turn off privileged mode command", kAllDaemons};
inline constexpr CommandDef kConfigure{nodes(Node::kEnable), "configure [terminal]",
                                       "Configuration from vty interface\nConfiguration terminal",
                                       kAllDaemons};
inline constexpr CommandDef kExit{kEveryNode, "exit", "Exit current mode and down to previous mode",
                                  kAllDaemons};
inline constexpr CommandDef kQuit{kEveryNode, "quit", "Exit current mode and down to previous mode",
                                  kAllDaemons};
inline constexpr CommandDef kEnd{kAllConfigNodes, "end",
                                 "End current mode and change to enable mode", kAllDaemons};
inline constexpr CommandDef kDo{nodes(Node::kEnable) | kAllConfigNodes, "do LINE...",
                                "To run exec commands in config mode\nExec command", kAllDaemons};

// Show and write.
inline constexpr CommandDef kShowVersion{kExecNodes, "show version",
                                         "Show running system information\nDisplays cfn version",
                                         kAllDaemons};
inline constexpr CommandDef kShowRunningConfig{
    nodes(Node::kEnable), "show running-config",
    "Show running system information\nrunning configuration (same as write terminal)", kAllDaemons};
inline constexpr CommandDef kWriteTerminal{
    nodes(Node::kEnable), "write terminal",
    "Write running configuration to memory, network, or terminal\nWrite to terminal", kAllDaemons};
inline constexpr CommandDef kWriteMemory{
    nodes(Node::kEnable), "write [<memory|file>]",
    "Write running configuration to memory, network, or terminal\nWrite configuration currently in "
    "memory\nWrite configuration to the file (same as write memory)",
    kAllDaemons};
inline constexpr CommandDef kCopyRunningStartup{
    nodes(Node::kEnable), "copy running-config startup-config",
    "Copy configuration\nCopy running config to...\nCopy running config to startup config (same as "
    "write file/memory)",
    kAllDaemons};
inline constexpr CommandDef kShowDebugging{kExecNodes, "show debugging",
                                           "Show running system information\nDebugging information",
                                           kAllDaemons};
// The kernel FIB as this daemon programs it (answered by each daemon for its own routes).
inline constexpr CommandDef kShowIpRoute{
    kExecNodes, "show ip route [json]",
    "Show running system information\nIP information\nIP routing table\nJavaScript Object Notation",
    kAllDaemons};
inline constexpr CommandDef kShowIpv6Route{
    kExecNodes, "show ipv6 route [json]",
    "Show running system information\nIPv6 information\nIPv6 routing table\nJavaScript Object "
    "Notation",
    kAllDaemons};
inline constexpr CommandDef kDebugFib{
    nodes(Node::kEnable, Node::kConfig), "[no] debug fib",
    "Negate a command or set its defaults\nDebugging functions\nKernel FIB programming",
    kAllDaemons};

// Global configuration shared by every daemon.
inline constexpr CommandDef kHostname{nodes(Node::kConfig), "hostname WORD$name",
                                      "Set system's network name\nThis system's network name",
                                      kAllDaemons};
inline constexpr CommandDef kNoHostname{nodes(Node::kConfig), "no hostname [WORD]",
                                        "Negate a command or set its defaults\nReset system's "
                                        "network name\nHost name of this router",
                                        kAllDaemons};
#define CFN_LOG_LEVELS \
  "<emergencies|alerts|critical|errors|warnings|notifications|informational|debugging>$level"
#define CFN_LOG_LEVELS_HELP                                                                      \
  "System is unusable\nImmediate action needed\nCritical conditions\nError conditions\nWarning " \
  "conditions\nNormal but significant conditions\nInformational messages\nDebugging messages"
inline constexpr CommandDef kLogStdout{
    nodes(Node::kConfig), "log stdout [" CFN_LOG_LEVELS "]",
    "Logging control\nSet stdout logging level\n" CFN_LOG_LEVELS_HELP, kAllDaemons};
inline constexpr CommandDef kNoLogStdout{nodes(Node::kConfig), "no log stdout [" CFN_LOG_LEVELS "]",
                                         "Negate a command or set its defaults\nLogging "
                                         "control\nCancel logging to stdout\n" CFN_LOG_LEVELS_HELP,
                                         kAllDaemons};
inline constexpr CommandDef kLogFile{
    nodes(Node::kConfig), "log file FILENAME$path [" CFN_LOG_LEVELS "]",
    "Logging control\nLogging to file\nLogging filename\n" CFN_LOG_LEVELS_HELP, kAllDaemons};
inline constexpr CommandDef kNoLogFile{
    nodes(Node::kConfig), "no log file [FILENAME [" CFN_LOG_LEVELS "]]",
    "Negate a command or set its defaults\nLogging control\nCancel logging to file\nLogging "
    "file name\n" CFN_LOG_LEVELS_HELP,
    kAllDaemons};
inline constexpr CommandDef kLogSyslog{
    nodes(Node::kConfig), "log syslog [" CFN_LOG_LEVELS "]",
    "Logging control\nSet syslog logging level\n" CFN_LOG_LEVELS_HELP, kAllDaemons};
inline constexpr CommandDef kNoLogSyslog{nodes(Node::kConfig), "no log syslog [" CFN_LOG_LEVELS "]",
                                         "Negate a command or set its defaults\nLogging "
                                         "control\nCancel logging to syslog\n" CFN_LOG_LEVELS_HELP,
                                         kAllDaemons};
#undef CFN_LOG_LEVELS
#undef CFN_LOG_LEVELS_HELP

// Lines FRR writes into every config file; accepted so FRR configs load unchanged.
inline constexpr CommandDef kFrrVersion{nodes(Node::kConfig), "frr version LINE...",
                                        "FRRouting global parameters\nversion FRR is running\n"
                                        "Version string",
                                        kAllDaemons};
inline constexpr CommandDef kFrrDefaults{
    nodes(Node::kConfig), "frr defaults <traditional|datacenter>$profile",
    "FRRouting global parameters\ndefault configuration profile\nTraditional routing / ISP "
    "profile\nDatacenter profile",
    kAllDaemons};
inline constexpr CommandDef kServiceIntegrated{
    nodes(Node::kConfig), "[no] service integrated-vtysh-config",
    "Negate a command or set its defaults\nSet up miscellaneous service\nWrite configuration into "
    "integrated file",
    kAllDaemons};

// Interfaces.
inline constexpr CommandDef kInterface{nodes(Node::kConfig), "interface IFNAME$ifname",
                                       "Select an interface to configure\nInterface's name",
                                       kAllDaemons, [](const Args&) { return Node::kInterface; }};
inline constexpr CommandDef kNoInterface{nodes(Node::kConfig), "no interface IFNAME$ifname",
                                         "Negate a command or set its defaults\nDelete a pseudo "
                                         "interface's configuration\nInterface's name",
                                         kAllDaemons};
inline constexpr CommandDef kInterfaceDescription{
    nodes(Node::kInterface), "description LINE...$text",
    "Interface specific description\nCharacters describing this interface", kAllDaemons};
inline constexpr CommandDef kNoInterfaceDescription{
    nodes(Node::kInterface), "no description [LINE...]",
    "Negate a command or set its defaults\nInterface specific description\nCharacters describing "
    "this interface",
    kAllDaemons};

// Prefix lists (RFC-free FRR policy objects; every daemon keeps its own copy, as in FRR).
inline constexpr CommandDef kPrefixList{
    nodes(Node::kConfig),
    "ip prefix-list WORD$name [seq (1-4294967295)$seqnum] <deny|permit>$action "
    "<A.B.C.D/M$prefix|any> "
    "[ge (0-32)$ge_len] [le (0-32)$le_len]",
    "IP information\nBuild a prefix list\nName of a prefix list\nsequence number of an entry\n"
    "Sequence number\nSpecify packets to reject\nSpecify packets to forward\nIP prefix "
    "<network>/<length>, e.g., 35.0.0.0/8\nAny prefix match.  Same as \"0.0.0.0/0 le 32\"\n"
    "Minimum prefix length to be matched\nMinimum prefix length\nMaximum prefix length to be "
    "matched\nMaximum prefix length",
    kAllDaemons};
inline constexpr CommandDef kNoPrefixList{
    nodes(Node::kConfig), "no ip prefix-list WORD$name [seq (1-4294967295)$seqnum]",
    "Negate a command or set its defaults\nIP information\nBuild a prefix list\nName of a prefix "
    "list\nsequence number of an entry\nSequence number",
    kAllDaemons};

// Route maps.
inline constexpr CommandDef kRouteMap{
    nodes(Node::kConfig), "route-map WORD$name <deny|permit>$action (1-65535)$seq",
    "Create route-map or enter route-map command mode\nRoute map tag\nRoute map denies set "
    "operations\nRoute map permits set operations\nSequence to insert to/delete from existing "
    "route-map entry",
    kAllDaemons, [](const Args&) { return Node::kRouteMap; }};
inline constexpr CommandDef kNoRouteMap{
    nodes(Node::kConfig), "no route-map WORD$name [<deny|permit>$action (1-65535)$seq]",
    "Negate a command or set its defaults\nCreate route-map or enter route-map command mode\nRoute "
    "map tag\nRoute map denies set operations\nRoute map permits set operations\nSequence to "
    "insert to/delete from existing route-map entry",
    kAllDaemons};
inline constexpr CommandDef kMatchPrefixList{
    nodes(Node::kRouteMap), "[no] match ip address prefix-list WORD$name",
    "Negate a command or set its defaults\nMatch values from routing table\nIP information\nMatch "
    "address of route\nMatch entries of prefix-lists\nIP prefix-list name",
    kAllDaemons};
inline constexpr CommandDef kSetMetric{
    nodes(Node::kRouteMap), "set metric (0-4294967295)$value",
    "Set values in destination routing protocol\nMetric value for destination routing "
    "protocol\nMetric value",
    kAllDaemons};
inline constexpr CommandDef kNoSetMetric{
    nodes(Node::kRouteMap), "no set metric [(0-4294967295)]",
    "Negate a command or set its defaults\nSet values in destination routing protocol\nMetric "
    "value for destination routing protocol\nMetric value",
    kAllDaemons};
inline constexpr CommandDef kSetLocalPreference{
    nodes(Node::kRouteMap), "set local-preference (0-4294967295)$value",
    "Set values in destination routing protocol\nBGP local preference path attribute\nPreference "
    "value",
    kAllDaemons};
inline constexpr CommandDef kNoSetLocalPreference{
    nodes(Node::kRouteMap), "no set local-preference [(0-4294967295)]",
    "Negate a command or set its defaults\nSet values in destination routing protocol\nBGP local "
    "preference path attribute\nPreference value",
    kAllDaemons};

}  // namespace cfn::cli::cmd
