// FRR's daemon command-line flags (-f -C -d -i -N --vty_socket -A -P, BGP's -p -l, -n, -r),
// parsed into options, plus where a daemon's sockets and pidfile live.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "libcfn/cli/command.hpp"

namespace cfn::daemon {

struct DaemonIdentity {
  std::string_view name;      // FRR's daemon name: "bgpd", "ospfd" (socket bgpd.vty)
  std::string_view program;   // "bgpd-cfn"
  std::string_view protocol;  // "BGP", "OSPF" (messages, show debugging)
  cli::DaemonMask self;
  bool bgp_flags;               // accepts -p PORT and -l ADDR
  std::uint8_t route_protocol;  // kernel route protocol: cfn-bgp 220, cfn-ospf 221
};

struct DaemonOptions {
  std::string config_file = "/etc/cfn/cfn.conf";
  bool check_only = false;
  bool daemonize = false;
  std::string pid_file;        // empty: <state dir>/<name>.pid
  std::string pathspace;       // -N NAME
  std::string vty_socket_dir;  // empty: <state dir>
  std::string vty_address = "127.0.0.1";
  std::uint16_t vty_port = 0;  // 0: no TCP vty
  std::uint16_t bgp_port = 179;
  std::string bgp_listen_address;
  bool no_kernel = false;
  bool retain = false;
};

struct ParsedOptions {
  std::optional<DaemonOptions> options;  // nullopt: exit with exit_code after printing message
  int exit_code = 0;
  std::string message;
};

// Messages for what getopt_long refused: the option just read, or a word left over after the
// options ("" when none). Shared by the daemons and vtysh-cfn.
std::string bad_option_message(std::span<char* const> argv);
// A NULL-terminated copy of argv for getopt_long, with getopt's state reset for a new parse.
std::vector<char*> getopt_arguments(std::span<char* const> argv);
std::string leftover_argument_message(std::span<char* const> argv);

ParsedOptions parse_daemon_options(std::span<char* const> argv, const DaemonIdentity& identity);

// /var/run/cfn, or /var/run/cfn/NAME with -N NAME.
std::string state_dir(const DaemonOptions& options);
std::string vty_socket_path(const DaemonOptions& options, const DaemonIdentity& identity);
std::string pid_file_path(const DaemonOptions& options, const DaemonIdentity& identity);

}  // namespace cfn::daemon
