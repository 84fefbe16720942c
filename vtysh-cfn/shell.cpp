// Line routing for vtysh-cfn: local resolution and errors, mode changes mirrored to every
// daemon, config lines sent to their owners after a context sync, merged output.
#include "vtysh-cfn/shell.hpp"

#include <unistd.h>

#include <algorithm>

#include "libcfn/cli/commands_common.hpp"
#include "libcfn/cli/session.hpp"
#include "libcfn/core/atomic_file.hpp"
#include "vtysh-cfn/output_merge.hpp"

namespace cfn::vtysh {
namespace {

constexpr std::string_view kEnableLine = "enable";
constexpr std::string_view kWriteTerminalLine = "write terminal";
constexpr std::string_view kJsonKeyword = "json";

std::string join(std::span<const std::string> words) {
  std::string line;
  for (const auto& w : words) {
    if (!line.empty()) line += ' ';
    line += w;
  }
  return line;
}

std::string local_error(cli::Status status, const std::string& line) {
  switch (status) {
    case cli::Status::kErrAmbiguous:
      return "% Ambiguous command: " + line + "\n";
    case cli::Status::kErrIncomplete:
      return "% Command incomplete: " + line + "\n";
    default:
      return "% Unknown command: " + line + "\n";
  }
}

bool succeeded(const std::optional<vty::VtyReply>& reply) {
  return reply && reply->status == vty::VtyStatus::kSuccess;
}

std::string system_hostname() {
  char buf[256] = {};
  gethostname(buf, sizeof buf - 1);
  return buf;
}

}  // namespace

Shell::Shell(std::vector<DaemonEndpoint> daemons, std::string config_file)
    : config_file_(std::move(config_file)) {
  ShellReply ignored;
  for (auto& endpoint : daemons) {
    daemons_.push_back({endpoint.daemon, std::move(endpoint.link), {}});
    send(daemons_.back(), kEnableLine, ignored);
  }
}

std::size_t Shell::connected() const {
  return static_cast<std::size_t>(
      std::count_if(daemons_.begin(), daemons_.end(), [](const Daemon& d) { return !!d.link; }));
}

ShellReply Shell::execute(std::string_view line) {
  const auto words = cli::split_words(line);
  if (words.empty() || words[0].starts_with('!') || words[0].starts_with('#')) return {};
  const Match match = nodes_.resolve(words, visible());
  const cli::Resolution& res = match.resolution;
  if (res.status != cli::Status::kSuccess) {
    return {local_error(res.status, join(words)), false, false};
  }
  if (is_mode_command(res.def)) return change_mode(res.def);
  if (res.def == &cli::cmd::kShowRunningConfig || res.def == &cli::cmd::kWriteTerminal) {
    return show_running_config();
  }
  if (res.def == &cli::cmd::kWriteMemory || res.def == &cli::cmd::kCopyRunningStartup) {
    return write_memory();
  }
  if (res.def == &cli::cmd::kHostname || res.def == &cli::cmd::kNoHostname) hostname_.reset();
  return cli::is_config_node(match.node) ? run_config(match) : run_exec(match);
}

std::string Shell::prompt() {
  if (!hostname_) {
    ShellReply ignored;
    hostname_ = configured_hostname(collect_configs(ignored)).value_or(system_hostname());
  }
  return *hostname_ + std::string(cli::prompt_suffix(nodes_.node())) + " ";
}

std::vector<cli::HelpItem> Shell::help(std::string_view typed) const {
  const Position pos = nodes_.position(typed);
  return cli::cfn_grammar().help(pos.node, pos.words, pos.partial, visible());
}

std::vector<std::string> Shell::complete(std::string_view typed) const {
  const Position pos = nodes_.position(typed);
  return cli::cfn_grammar().complete(pos.node, pos.words, pos.partial, visible());
}

cli::DaemonMask Shell::visible() const {
  cli::DaemonMask mask = 0;
  for (const auto& d : daemons_) {
    if (d.link) mask |= d.id.bit;
  }
  return mask;
}

std::vector<Shell::Daemon*> Shell::owners_of(cli::DaemonMask owners) {
  std::vector<Daemon*> result;
  for (auto& d : daemons_) {
    if (d.link && (d.id.bit & owners)) result.push_back(&d);
  }
  return result;
}

std::optional<vty::VtyReply> Shell::send(Daemon& daemon, std::string_view line, ShellReply& reply) {
  auto answer = daemon.link->execute(line);
  if (!answer) {
    daemon.link.reset();
    reply.output += "% Connection to " + std::string(daemon.id.name) + " lost\n";
  }
  if (!succeeded(answer)) reply.ok = false;
  return answer;
}

std::optional<vty::VtyReply> Shell::send_exec(Daemon& daemon, const std::string& line,
                                              ShellReply& reply) {
  return send(daemon, daemon.context.in_config() ? "do " + line : line, reply);
}

bool Shell::sync(Daemon& daemon, const ContextLines& target, ShellReply& reply) {
  for (const auto& step : daemon.context.steps_to(target)) {
    auto answer = send(daemon, step, reply);
    if (answer) reply.output += answer->output;
    if (!succeeded(answer)) return false;
    daemon.context.record(step);
  }
  return true;
}

void Shell::sync_all(ShellReply& reply) {
  for (Daemon* d : owners_of(cli::kAllDaemons)) {
    sync(*d, nodes_.context_for(d->id.bit, nodes_.depth()), reply);
  }
}

std::vector<std::string> Shell::collect_configs(ShellReply& reply) {
  std::vector<std::string> configs;
  for (Daemon* d : owners_of(cli::kAllDaemons)) {
    auto answer = send_exec(*d, std::string(kWriteTerminalLine), reply);
    if (succeeded(answer)) {
      configs.push_back(std::move(answer->output));
    } else if (answer) {
      reply.output += answer->output;
    }
  }
  return configs;
}

ShellReply Shell::change_mode(const cli::CommandDef* def) {
  ShellReply reply;
  if (!nodes_.apply_mode(def)) {
    reply.quit = true;
    return reply;
  }
  sync_all(reply);
  return reply;
}

ShellReply Shell::run_exec(const Match& match) {
  ShellReply reply;
  const std::string line = join(match.words);
  std::vector<std::string> outputs;
  for (Daemon* d : owners_of(match.resolution.def->owners)) {
    if (auto answer = send_exec(*d, line, reply)) outputs.push_back(std::move(answer->output));
  }
  const auto& args = match.resolution.args.items();
  std::optional<std::string> merged;
  if (outputs.size() > 1 && !args.empty() && args.back().value == kJsonKeyword) {
    merged = merge_json_objects(outputs);
  }
  if (merged) {
    reply.output += *merged;
  } else {
    reply.output += concatenate_distinct(outputs);
  }
  return reply;
}

ShellReply Shell::run_config(const Match& match) {
  ShellReply reply;
  const cli::Resolution& res = match.resolution;
  const bool enters = res.def->enters != nullptr;
  const std::string line = enters ? cli::canonical_line(res.args) : join(match.words);
  bool all_ok = true;
  for (Daemon* d : owners_of(res.def->owners)) {
    std::optional<vty::VtyReply> answer;
    if (sync(*d, nodes_.context_for(d->id.bit, match.depth), reply)) {
      answer = send(*d, line, reply);
    }
    if (answer) reply.output += answer->output;
    const bool ok = succeeded(answer);
    if (ok && enters) d->context.record(line);
    all_ok = all_ok && ok;
  }
  if (all_ok) {
    std::optional<Frame> entered;
    if (enters) entered = Frame{res.def->enters(res.args), line, res.def->owners};
    nodes_.run_at(match.depth, std::move(entered));
  }
  return reply;
}

ShellReply Shell::show_running_config() {
  ShellReply reply;
  const auto configs = collect_configs(reply);
  reply.output += merged_running_config(configs);
  return reply;
}

ShellReply Shell::write_memory() {
  ShellReply reply;
  const auto configs = collect_configs(reply);
  std::string error = "a daemon did not return its configuration";
  if (reply.ok && core::write_file_atomically(config_file_, integrated_config(configs), error)) {
    reply.output += "Configuration saved to " + config_file_ + "\n";
  } else {
    reply.output += "% Can't save configuration to " + config_file_ + ": " + error + "\n";
    reply.ok = false;
  }
  return reply;
}

int run_batch(Shell& shell, std::span<const std::string> lines, std::ostream& out) {
  for (const auto& line : lines) {
    const ShellReply reply = shell.execute(line);
    out << reply.output << std::flush;
    if (!reply.ok) return 1;
    if (reply.quit) break;
  }
  return 0;
}

}  // namespace cfn::vtysh
