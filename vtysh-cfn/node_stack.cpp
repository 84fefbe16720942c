// Node tracking for vtysh-cfn: resolution with parent fallback, mode commands, context lines.
#include "vtysh-cfn/node_stack.hpp"

#include "libcfn/cli/commands_bgp.hpp"
#include "libcfn/cli/commands_common.hpp"

namespace cfn::vtysh {
namespace {

constexpr std::string_view kConfigureLine = "configure terminal";

bool is_do(std::span<const std::string> words, cli::Node node) {
  return words.size() > 1 && words[0] == "do" && node != cli::Node::kView;
}

}  // namespace

bool is_mode_command(const cli::CommandDef* def) {
  namespace cmd = cli::cmd;
  return def == &cmd::kEnable || def == &cmd::kDisable || def == &cmd::kConfigure ||
         def == &cmd::kExit || def == &cmd::kQuit || def == &cmd::kEnd ||
         def == &cmd::kExitAddressFamily;
}

Match NodeStack::resolve(std::span<const std::string> words, cli::DaemonMask visible) const {
  const cli::Grammar& grammar = cli::cfn_grammar();
  if (is_do(words, node())) {
    Match match{grammar.resolve(cli::Node::kEnable, words.subspan(1), visible),
                cli::Node::kEnable,
                frames_.size(),
                {words.begin() + 1, words.end()}};
    if (match.resolution.status == cli::Status::kSuccess && is_mode_command(match.resolution.def)) {
      match.resolution = {};  // modes are not changed through `do`
    }
    return match;
  }
  Match first{{}, node(), frames_.size(), {words.begin(), words.end()}};
  bool tried = false;
  std::size_t depth = frames_.size();
  for (cli::Node n = node();;) {
    cli::Resolution res = grammar.resolve(n, words, visible);
    if (res.status == cli::Status::kSuccess) {
      return {std::move(res), n, depth, {words.begin(), words.end()}};
    }
    if (!tried || res.matched_words > first.resolution.matched_words) {
      first.resolution = std::move(res);
      tried = true;
    }
    if (n == cli::Node::kEnable) {
      n = cli::Node::kView;
    } else if (depth > 0) {
      --depth;
      n = depth > 0 ? frames_[depth - 1].node : cli::Node::kConfig;
    } else {
      return first;
    }
  }
}

bool NodeStack::apply_mode(const cli::CommandDef* def) {
  namespace cmd = cli::cmd;
  if (def == &cmd::kEnable) {
    base_ = cli::Node::kEnable;
  } else if (def == &cmd::kDisable) {
    base_ = cli::Node::kView;
    frames_.clear();
  } else if (def == &cmd::kConfigure) {
    base_ = cli::Node::kConfig;
  } else if (def == &cmd::kEnd) {
    base_ = cli::Node::kEnable;
    frames_.clear();
  } else if (!frames_.empty()) {  // exit, quit, exit-address-family
    frames_.pop_back();
  } else if (base_ == cli::Node::kConfig) {
    base_ = cli::Node::kEnable;
  } else {
    return false;
  }
  return true;
}

void NodeStack::run_at(std::size_t depth, std::optional<Frame> entered) {
  if (depth < frames_.size()) frames_.resize(depth);
  if (entered) frames_.push_back(std::move(*entered));
}

ContextLines NodeStack::context_for(cli::DaemonMask daemon, std::size_t depth) const {
  ContextLines lines;
  if (base_ != cli::Node::kConfig) return lines;
  lines.emplace_back(kConfigureLine);
  for (std::size_t i = 0; i < depth && i < frames_.size(); ++i) {
    if (frames_[i].owners & daemon) lines.push_back(frames_[i].line);
  }
  return lines;
}

Position NodeStack::position(std::string_view typed) const {
  Position pos{node(), cli::split_words(typed), {}};
  const bool at_new_word = typed.empty() || typed.back() == ' ' || typed.back() == '\t';
  if (!at_new_word && !pos.words.empty()) {
    pos.partial = std::move(pos.words.back());
    pos.words.pop_back();
  }
  if (!pos.words.empty() && pos.words[0] == "do" && pos.node != cli::Node::kView) {
    pos.node = cli::Node::kEnable;
    pos.words.erase(pos.words.begin());
  }
  return pos;
}

}  // namespace cfn::vtysh
