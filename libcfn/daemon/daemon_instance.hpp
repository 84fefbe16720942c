// A daemon wired together: its config store, command table and runtime, for a protocol's
// config type. Each daemon derives one with its identity, printer and command binder.
#pragma once

#include <functional>

#include "libcfn/daemon/daemon.hpp"

namespace cfn::daemon {

template <typename Protocol>
class DaemonInstance {
 public:
  using Printer = std::string (*)(const Protocol&);
  using Binder = void (*)(cli::CommandTable&, std::function<Protocol&()>);

  DaemonInstance(const DaemonIdentity& identity, DaemonOptions options, Printer print, Binder bind,
                 ProtocolHooks hooks)
      : store_(print),
        table_(identity.self),
        daemon_(identity, std::move(options), store_, bind_to(bind), std::move(hooks)) {}
  DaemonInstance(const DaemonInstance&) = delete;
  DaemonInstance& operator=(const DaemonInstance&) = delete;

  Daemon& daemon() { return daemon_; }
  const Protocol& running() const { return store_.running_protocol(); }
  const CommonConfig& running_common() const { return store_.running_common(); }
  const cli::CommandTable& table() const { return table_; }
  // For binding commands that need the protocol's runtime (show, clear).
  cli::CommandTable& commands() { return table_; }

 private:
  cli::CommandTable& bind_to(Binder bind) {
    bind(table_, [this]() -> Protocol& { return store_.protocol(); });
    return table_;
  }

  ConfigStoreOf<Protocol> store_;
  cli::CommandTable table_;
  Daemon daemon_;
};

}  // namespace cfn::daemon
