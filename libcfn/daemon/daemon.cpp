// Daemon runtime: see daemon.hpp.
#include "libcfn/daemon/daemon.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fcntl.h>
#include <spdlog/spdlog.h>

#include "libcfn/cli/commands_common.hpp"
#include "libcfn/cli/config_loader.hpp"
#include "libcfn/core/atomic_file.hpp"
#include "libcfn/core/pidfile.hpp"
#include "libcfn/daemon/route_show.hpp"
#include "libcfn/vty/vty_server.hpp"

namespace cfn::daemon {
namespace {

using cli::Args;
using cli::Context;
using cli::Status;
namespace cmd = cli::cmd;

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A vty client's CLI session; config changes take effect after each successful line.
class CliConnection final : public vty::VtyConnection {
 public:
  CliConnection(Daemon& daemon, const cli::CommandTable& table)
      : daemon_(daemon),
        session_(cli::cfn_grammar(), table, cli::SessionMode::kInteractive, cli::Node::kView) {}

  vty::VtyReply execute(std::string_view line) override {
    cli::Outcome out = session_.execute(line);
    if (out.status == Status::kSuccess) daemon_.apply_running();
    return {out.status, std::move(out.output)};
  }

  std::string prompt() const override {
    return daemon_.hostname() + std::string(cli::prompt_suffix(session_.node())) + " ";
  }

 private:
  Daemon& daemon_;
  cli::Session session_;
};

// Forks into the background. The parent waits until the child reports that it serves (exit 0)
// or why it could not (printed, exit 1); returns the write end of that report pipe in the child.
int daemonize_or_exit() {
  int fds[2];
  if (pipe(fds) != 0) {
    std::cerr << "cannot create pipe: " << strerror(errno) << "\n";
    std::exit(1);
  }
  pid_t pid = fork();
  if (pid < 0) {
    std::cerr << "cannot fork: " << strerror(errno) << "\n";
    std::exit(1);
  }
  if (pid > 0) {
    close(fds[1]);
    std::string report;
    char buf[512];
    ssize_t n = 0;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) report.append(buf, static_cast<size_t>(n));
    if (report == "ok") std::exit(0);
    std::cerr << (report.empty() ? "daemon exited during start-up" : report) << "\n";
    std::exit(1);
  }
  close(fds[0]);
  setsid();
  return fds[1];
}

void finish_daemonize(int report_fd, const std::string& error) {
  if (report_fd < 0) return;
  std::string msg = error.empty() ? "ok" : error;
  (void)!write(report_fd, msg.data(), msg.size());
  close(report_fd);
  if (!error.empty()) return;
  int null_fd = open("/dev/null", O_RDWR);
  if (null_fd >= 0) {
    dup2(null_fd, STDIN_FILENO);
    dup2(null_fd, STDOUT_FILENO);
    dup2(null_fd, STDERR_FILENO);
    if (null_fd > STDERR_FILENO) close(null_fd);
  }
}

}  // namespace

Daemon::Daemon(const DaemonIdentity& identity, DaemonOptions options, ConfigStore& store,
               cli::CommandTable& table, ProtocolHooks hooks)
    : identity_(identity),
      options_(std::move(options)),
      store_(store),
      table_(table),
      hooks_(hooks) {
  for (const auto& name : hooks_.debug_names) debug_.define(name);
  bind_common_commands(table_, [this]() -> CommonConfig& { return store_.common(); });
  bind_exec_commands();
}

std::string Daemon::hostname() const {
  if (const auto& name = store_.running_common().hostname) return *name;
  char buf[256] = {};
  gethostname(buf, sizeof buf - 1);
  return buf;
}

std::string Daemon::running_config() const {
  return store_.print();
}

void Daemon::apply_running() {
  const CommonConfig& common = store_.running_common();
  if (common.log != applied_log_) {
    std::string error;
    if (apply_log_settings(common.log, error)) {
      applied_log_ = common.log;
    } else {
      spdlog::error("logging: {}", error);
    }
  }
  for (const auto& name : debug_.names()) debug_.set(name, common.debugs.contains(name));
  if (serving_ && on_applied_) on_applied_();
}

void Daemon::bind_exec_commands() {
  table_.bind(cmd::kShowVersion, [this](Context& ctx, const Args&) {
    utsname u{};
    uname(&u);
    ctx.out() += "cfn " CFN_VERSION " (" + std::string(identity_.program) + ") on " + u.sysname +
                 "(" + u.release + ").\nComputing First Network routing suite.\n";
    return Status::kSuccess;
  });
  // As FRR: a person gets the banner; `write terminal` (what vtysh asks for) gets bare config.
  table_.bind(cmd::kShowRunningConfig, [this](Context& ctx, const Args&) {
    ctx.out() += cli::running_config_banner(running_config());
    return Status::kSuccess;
  });
  table_.bind(cmd::kWriteTerminal, [this](Context& ctx, const Args&) {
    ctx.out() += running_config();
    return Status::kSuccess;
  });
  auto write_memory = [this](Context& ctx, const Args&) {
    const std::string texts[] = {running_config(), foreign_};
    std::string content = cli::format_config(cli::merge_config_blocks(texts)) + "end\n";
    std::string error;
    if (!core::write_file_atomically(options_.config_file, content, error)) {
      ctx.out() += "% Can't save configuration to " + options_.config_file + ": " + error + "\n";
      return Status::kWarning;
    }
    ctx.out() += "Configuration saved to " + options_.config_file + "\n";
    return Status::kSuccess;
  };
  table_.bind(cmd::kWriteMemory, write_memory);
  table_.bind(cmd::kCopyRunningStartup, write_memory);

  table_.bind(*hooks_.debug_command, [this](Context&, const Args& args) {
    set_debug(std::string(hooks_.debug_prefix) + " " + std::string(args.get("what")),
              !args.has("no"));
    return Status::kSuccess;
  });
  table_.bind(cmd::kDebugFib, [this](Context&, const Args& args) {
    set_debug("fib", !args.has("no"));
    return Status::kSuccess;
  });
  for (const auto& [def, family] : {std::pair{&cmd::kShowIpRoute, net::Family::kV4},
                                    std::pair{&cmd::kShowIpv6Route, net::Family::kV6}}) {
    const net::Family shown = family;  // clang 14 cannot capture structured bindings
    table_.bind(*def, [this, shown](Context& ctx, const Args& args) {
      ctx.out() += show_routes(shown, args.has("json"));
      return Status::kSuccess;
    });
  }
  table_.bind(cmd::kShowDebugging, [this](Context& ctx, const Args&) {
    ctx.out() += std::string(identity_.protocol) + " debugging status:\n";
    for (const auto& name : store_.running_common().debugs) {
      ctx.out() += "  " + name + " debugging is on\n";
    }
    return Status::kSuccess;
  });
}

void Daemon::set_debug(const std::string& name, bool on) {
  auto& debugs = store_.common().debugs;
  if (on) {
    debugs.insert(name);
  } else {
    debugs.erase(name);
  }
}

std::string Daemon::show_routes(net::Family family, bool json) const {
  static const std::map<net::Prefix, fib::RouteStatus> no_routes;
  static const std::map<std::uint32_t, fib::NexthopStatus> no_nexthops;
  const RouteShowInput input{fib_ ? fib_->routes() : no_routes,
                             fib_ ? fib_->nexthops() : no_nexthops,
                             [this](std::uint32_t ifindex) {
                               return interfaces_ ? interfaces_->name(ifindex) : std::string();
                             },
                             std::chrono::steady_clock::now()};
  return json ? show_routes_json(input, family) : show_routes_text(input, family);
}

bool Daemon::load_config_file(std::string& errors) {
  auto text = read_file(options_.config_file);
  if (!text) {
    if (options_.check_only) {
      errors = options_.config_file + ": can't open configuration file\n";
      return false;
    }
    spdlog::warn("{}: no configuration file, starting with an empty configuration",
                 options_.config_file);
    return true;
  }
  return load_config_text(*text, options_.config_file, errors);
}

bool Daemon::load_config_text(std::string_view text, std::string_view file_name,
                              std::string& errors) {
  store_.begin_candidate();
  cli::LoadReport report = cli::load_config(text, file_name, cli::cfn_grammar(), table_);
  store_.end_candidate(report.ok());
  for (const auto& e : report.errors) errors += e.text() + "\n";
  if (report.ok()) foreign_ = std::move(report.foreign);
  return report.ok();
}

int Daemon::run() {
  std::string errors;
  if (!load_config_file(errors)) {
    std::cerr << errors;
    return 1;
  }
  if (options_.check_only) return 0;
  int report_fd = options_.daemonize ? daemonize_or_exit() : -1;
  auto fail = [&](const std::string& error) {
    if (report_fd >= 0) {
      finish_daemonize(report_fd, error);
    } else {
      std::cerr << error << "\n";
    }
    return 1;
  };
  apply_running();
  std::string error;
  // As FRR's frr_init: the state directory (pidfile, sockets) is created when missing.
  const std::filesystem::path pid_path = pid_file_path(options_, identity_);
  std::error_code ec;
  std::filesystem::create_directories(pid_path.parent_path(), ec);
  if (ec) return fail("cannot create " + pid_path.parent_path().string() + ": " + ec.message());
  auto pidfile = core::Pidfile::create(pid_path, error);
  if (!pidfile) return fail(error);
  vty::VtyServer server(loop_.io(),
                        [this]() { return std::make_unique<CliConnection>(*this, table_); });
  if (!server.listen_unix(vty_socket_path(options_, identity_), error)) return fail(error);
  if (options_.vty_port != 0 &&
      !server.listen_tcp(options_.vty_address, options_.vty_port, error)) {
    return fail(error);
  }
  if (!start_kernel(error)) return fail(error);
  loop_.on_signal({SIGTERM, SIGINT}, [this](int signal) {
    spdlog::info("{}: signal {} received, shutting down", identity_.program, signal);
    loop_.stop();
  });
  std::signal(SIGPIPE, SIG_IGN);
  finish_daemonize(report_fd, "");
  spdlog::info("{} {} started, vty socket {}", identity_.program, CFN_VERSION,
               vty_socket_path(options_, identity_));
  serving_ = true;
  if (on_started_) on_started_();
  loop_.run();
  serving_ = false;
  if (on_stopped_) on_stopped_();
  server.close();
  stop_kernel();
  return 0;
}

bool Daemon::start_kernel(std::string& error) {
  listener_ = std::make_unique<kernel::KernelListener>(loop_.io(), identity_.route_protocol);
  std::string listen_error;
  if (listener_->open(listen_error)) {
    listener_open_ = true;
    attach_interfaces(&listener_->interfaces());
  } else {
    spdlog::warn("kernel: interface tracking unavailable: {}", listen_error);
  }
  if (options_.no_kernel) return true;  // -n: never touch the kernel FIB
  owned_fib_ = std::make_unique<fib::Fib>(
      loop_.io(), fib::FibOptions{identity_.route_protocol, netlink::kMainTable, options_.retain});
  if (!owned_fib_->open(error)) {
    error = "kernel FIB: " + error;
    return false;
  }
  attach_fib(owned_fib_.get());
  // Issue 3: at start-up the kernel keeps only the routes of our protocol that we want.
  owned_fib_->reconcile([this] {
    spdlog::info("fib: reconciled with the kernel ({} routes wanted)", fib_->routes().size());
  });
  return true;
}

void Daemon::stop_kernel() {
  if (owned_fib_) owned_fib_->shutdown();  // removes our routes unless -r/--retain
  attach_fib(nullptr);
  owned_fib_.reset();
  attach_interfaces(nullptr);
  listener_open_ = false;
  listener_.reset();
}

int daemon_main(std::span<char* const> argv, const DaemonIdentity& identity,
                const std::function<int(DaemonOptions)>& run) {
  ParsedOptions parsed = parse_daemon_options(argv, identity);
  if (!parsed.options) {
    (parsed.exit_code == 0 ? std::cout : std::cerr) << parsed.message;
    return parsed.exit_code;
  }
  return run(std::move(*parsed.options));
}

}  // namespace cfn::daemon
