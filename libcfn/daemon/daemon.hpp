// The runtime both daemons share: config loading (all or nothing), check mode, daemonizing,
// pidfile, vty sockets, the exec commands (show version/running-config, write memory,
// debug, show ip/ipv6 route), signals and clean shutdown. The protocol supplies its config
// and handlers.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "libcfn/cli/session.hpp"
#include "libcfn/core/event_loop.hpp"
#include "libcfn/core/log.hpp"
#include "libcfn/daemon/config_store.hpp"
#include "libcfn/daemon/daemon_options.hpp"
#include "libcfn/fib/fib.hpp"
#include "libcfn/kernel/interface_table.hpp"
#include "libcfn/kernel/kernel_listener.hpp"

namespace cfn::daemon {

struct ProtocolHooks {
  const cli::CommandDef* debug_command;  // "[no] debug bgp <updates|...>$what"
  std::string_view debug_prefix;         // "bgp"
  std::vector<std::string> debug_names;  // "bgp updates", "bgp neighbor-events"
};

class Daemon {
 public:
  Daemon(const DaemonIdentity& identity, DaemonOptions options, ConfigStore& store,
         cli::CommandTable& table, ProtocolHooks hooks);
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // Loads the config and serves until SIGTERM/SIGINT; returns the process exit code.
  int run();
  // Loads config text all or nothing; on failure `errors` has one FILE:LINE line per error.
  bool load_config_text(std::string_view text, std::string_view file_name, std::string& errors);

  core::EventLoop& loop() { return loop_; }
  const DaemonOptions& options() const { return options_; }

  // The protocol's side: `started` runs once the vty sockets and the kernel side are up (just
  // before serving); `applied` after every later successful config change.
  void on_started(std::function<void()> handler) { on_started_ = std::move(handler); }
  void on_applied(std::function<void()> handler) { on_applied_ = std::move(handler); }
  // After the loop stopped, before the kernel side closes.
  void on_stopped(std::function<void()> handler) { on_stopped_ = std::move(handler); }
  // The kernel side while serving: the FIB (nullptr with -n) and the listener (nullptr when
  // rtnetlink is unavailable).
  fib::Fib* fib() { return fib_; }
  kernel::KernelListener* kernel() { return listener_open_ ? listener_.get() : nullptr; }

  // The FIB whose routes `show ip route` and `show ipv6 route` list; nullptr (the default):
  // no routes. Set by the daemon instance, which owns the Fib.
  void attach_fib(fib::Fib* fib) { fib_ = fib; }
  // Names the interfaces in those listings; nullptr: every name shows as "unknown".
  void attach_interfaces(const kernel::InterfaceTable* interfaces) { interfaces_ = interfaces; }

  // Pushes the running config's shared settings (logging, debug toggles) into effect.
  void apply_running();
  // The running config in FRR layout (no banner).
  std::string running_config() const;
  std::string hostname() const;

 private:
  bool load_config_file(std::string& errors);
  void bind_exec_commands();
  void set_debug(const std::string& name, bool on);
  std::string show_routes(net::Family family, bool json) const;

  const DaemonIdentity& identity_;
  DaemonOptions options_;
  ConfigStore& store_;
  cli::CommandTable& table_;
  ProtocolHooks hooks_;
  core::EventLoop loop_;
  core::DebugFlags debug_;
  core::LogSettings applied_log_;
  std::string foreign_;  // other daemons' sections of the integrated config
  // Kernel side, opened by run(): the FIB (absent with -n) and the interface/route listener.
  bool start_kernel(std::string& error);
  void stop_kernel();
  std::unique_ptr<fib::Fib> owned_fib_;
  std::unique_ptr<kernel::KernelListener> listener_;
  fib::Fib* fib_ = nullptr;
  const kernel::InterfaceTable* interfaces_ = nullptr;
  bool listener_open_ = false;
  bool serving_ = false;
  std::function<void()> on_started_, on_applied_, on_stopped_;
};

// Parses argv (printing help, version or errors) and hands the options to `run`.
int daemon_main(std::span<char* const> argv, const DaemonIdentity& identity,
                const std::function<int(DaemonOptions)>& run);

}  // namespace cfn::daemon
