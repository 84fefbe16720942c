// The vtysh-cfn dispatcher: one link per reachable daemon, the shell's own node stack, and the
// routing of each line to the daemons that own its command, each first brought to the node the
// command runs in. Answers running-config, write memory and merged JSON itself.
#pragma once

#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vtysh-cfn/daemon_context.hpp"
#include "vtysh-cfn/daemon_link.hpp"
#include "vtysh-cfn/node_stack.hpp"

namespace cfn::vtysh {

struct ShellReply {
  std::string output;
  bool ok = true;     // false: the line failed here or in some daemon
  bool quit = false;  // the line left the shell
};

class Shell {
 public:
  // Puts every daemon in enable mode; daemons that do not answer are dropped.
  Shell(std::vector<DaemonEndpoint> daemons, std::string config_file);

  // The daemons still connected.
  std::size_t connected() const;
  ShellReply execute(std::string_view line);
  // "HOSTNAME# ", "HOSTNAME(config-router)# ", ...
  std::string prompt();
  // `?` and TAB for the text typed before the cursor.
  std::vector<cli::HelpItem> help(std::string_view typed) const;
  std::vector<std::string> complete(std::string_view typed) const;

 private:
  struct Daemon {
    KnownDaemon id;
    std::unique_ptr<DaemonLink> link;
    DaemonContext context;
  };

  cli::DaemonMask visible() const;
  std::vector<Daemon*> owners_of(cli::DaemonMask owners);
  std::optional<vty::VtyReply> send(Daemon& daemon, std::string_view line, ShellReply& reply);
  // Runs an exec command in the daemon wherever it is (`do LINE` in config).
  std::optional<vty::VtyReply> send_exec(Daemon& daemon, const std::string& line,
                                         ShellReply& reply);
  bool sync(Daemon& daemon, const ContextLines& target, ShellReply& reply);
  void sync_all(ShellReply& reply);
  std::vector<std::string> collect_configs(ShellReply& reply);

  ShellReply change_mode(const cli::CommandDef* def);
  ShellReply run_exec(const Match& match);
  ShellReply run_config(const Match& match);
  ShellReply show_running_config();
  ShellReply write_memory();

  std::vector<Daemon> daemons_;
  std::string config_file_;
  NodeStack nodes_;
  std::optional<std::string> hostname_;
};

// -c mode: runs the lines in order, printing each output; stops at the first failure or quit.
// Returns the exit status (1 if a line failed).
int run_batch(Shell& shell, std::span<const std::string> lines, std::ostream& out);

}  // namespace cfn::vtysh
