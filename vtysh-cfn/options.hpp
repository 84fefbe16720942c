// vtysh-cfn's command-line flags (FRR vtysh's -c -N -d --vty_socket, plus --config_file for
// the integrated config that `write memory` writes).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace cfn::vtysh {

struct VtyshOptions {
  std::vector<std::string> commands;  // -c, in order; empty: interactive
  std::string pathspace;              // -N NAME
  std::string vty_socket_dir;         // empty: the daemons' state dir
  std::string daemon;                 // -d NAME: talk to that daemon only
  std::string config_file = "/etc/cfn/cfn.conf";
};

struct ParsedVtyshOptions {
  std::optional<VtyshOptions> options;  // nullopt: exit with exit_code after printing message
  int exit_code = 0;
  std::string message;
};

ParsedVtyshOptions parse_vtysh_options(std::span<char* const> argv);

// The directory holding the daemons' vty sockets.
std::string socket_dir(const VtyshOptions& options);

}  // namespace cfn::vtysh
