// Line execution for one CLI session: comments, `do`, parent-node fallback, mode commands,
// ownership (foreign lines in config files), and FRR's error texts.
#include "libcfn/cli/session.hpp"

#include "libcfn/cli/commands_bgp.hpp"
#include "libcfn/cli/commands_common.hpp"

namespace cfn::cli {
namespace {

std::string join(std::span<const std::string> words) {
  std::string line;
  for (const auto& w : words) {
    if (!line.empty()) line += ' ';
    line += w;
  }
  return line;
}

bool is_navigation(const CommandDef* def) {
  return def == &cmd::kExit || def == &cmd::kQuit || def == &cmd::kEnd ||
         def == &cmd::kExitAddressFamily || def == &cmd::kEnable || def == &cmd::kDisable ||
         def == &cmd::kConfigure;
}

}  // namespace

const Args& Context::frame(Node node) const {
  static const Args kNone;
  for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
    if (it->node == node) return it->args;
  }
  return kNone;
}

const Handler* CommandTable::find(const CommandDef* def) const {
  auto it = handlers_.find(def);
  return it == handlers_.end() ? nullptr : &it->second;
}

std::vector<const CommandDef*> CommandTable::unbound(const Grammar& grammar) const {
  std::vector<const CommandDef*> missing;
  for (const CommandDef* def : grammar.defs()) {
    if ((def->owners & self_) && !is_navigation(def) && def != &cmd::kDo && !find(def)) {
      missing.push_back(def);
    }
  }
  return missing;
}

std::string canonical_line(const Args& args) {
  std::string line;
  for (const auto& arg : args.items()) {
    if (!line.empty()) line += ' ';
    line += arg.value;
  }
  return line;
}

Session::Session(const Grammar& grammar, const CommandTable& table, SessionMode mode, Node start)
    : grammar_(grammar), table_(table), mode_(mode), node_(start) {}

Outcome Session::execute(std::string_view line) {
  auto words = split_words(line);
  if (words.empty() || words[0].starts_with('!') || words[0].starts_with('#')) return {};
  return run(words, node_);
}

Outcome Session::run(std::span<const std::string> words, Node node) {
  if (words.size() > 1 && words[0] == "do" && node != Node::kView) {
    Node saved = node_;
    node_ = Node::kEnable;
    Outcome out = run(words.subspan(1), Node::kEnable);
    if (node_ == Node::kEnable) node_ = saved;
    return out;
  }
  const DaemonMask visible = mode_ == SessionMode::kInteractive ? table_.self() : kAllDaemons;
  std::size_t depth = frames_.size();
  Resolution first;
  for (Node n = node;;) {
    Resolution res = grammar_.resolve(n, words, visible);
    if (res.status == Status::kSuccess) {
      if (is_navigation(res.def)) return navigate(res.def);
      return dispatch(res, depth);
    }
    if (n == node || res.matched_words > first.matched_words) first = std::move(res);
    if (n == Node::kEnable) {
      n = Node::kView;
    } else if (is_config_node(n) && n != Node::kConfig && depth > 0) {
      --depth;
      n = parent(n);
    } else {
      break;
    }
  }
  return error(first.status, words, first);
}

Outcome Session::navigate(const CommandDef* def) {
  const bool file = mode_ == SessionMode::kConfigFile;
  if (def == &cmd::kEnable) {
    if (node_ == Node::kView) node_ = Node::kEnable;
  } else if (def == &cmd::kDisable) {
    node_ = Node::kView;
  } else if (def == &cmd::kConfigure) {
    node_ = Node::kConfig;
  } else if (def == &cmd::kEnd) {
    pop_to_depth(0);
    node_ = file ? Node::kConfig : Node::kEnable;
  } else if (def == &cmd::kExitAddressFamily) {
    pop_to_depth(frames_.size() - 1);
  } else if (!frames_.empty()) {  // exit, quit
    pop_to_depth(frames_.size() - 1);
  } else if (node_ == Node::kConfig && !file) {
    node_ = Node::kEnable;
  }
  return {};
}

Outcome Session::dispatch(const Resolution& res, std::size_t pop_to) {
  const CommandDef* def = res.def;
  auto enter = [&](Outcome& out, bool foreign) {
    pop_to_depth(pop_to);
    out.entered = def->enters != nullptr;
    if (def->enters) {
      Node next = def->enters(res.args);
      frames_.push_back({next, canonical_line(res.args), res.args, foreign});
      node_ = next;
    }
  };
  if ((def->owners & table_.self()) == 0) {
    Outcome out;
    out.foreign = true;
    enter(out, true);
    return out;
  }
  const Handler* handler = table_.find(def);
  Outcome out;
  if (!handler) {
    out.status = Status::kWarning;
    out.reason = "command has no handler in this daemon";
    out.output = "% " + out.reason + "\n";
    return out;
  }
  Context ctx(out.output, std::span<const Frame>(frames_).first(pop_to));
  out.status = (*handler)(ctx, res.args);
  if (out.status == Status::kSuccess) {
    enter(out, false);
  } else {
    out.reason = out.output;
    while (!out.reason.empty() && out.reason.back() == '\n') out.reason.pop_back();
    if (out.reason.starts_with("% ")) out.reason.erase(0, 2);
  }
  return out;
}

Outcome Session::error(Status status, std::span<const std::string> words,
                       const Resolution& res) const {
  Outcome out;
  out.status = status;
  out.reason = res.reason;
  const std::string line = join(words);
  if (status == Status::kErrNoMatch) {
    auto elsewhere = grammar_.nodes_accepting(
        node_, words, mode_ == SessionMode::kInteractive ? table_.self() : kAllDaemons);
    if (!elsewhere.empty()) {
      out.reason = "'" + line + "' is not valid in " + std::string(node_name(node_)) +
                   " mode (it belongs under " + std::string(node_name(elsewhere.front())) + ")";
    }
  }
  switch (status) {
    case Status::kErrAmbiguous:
      out.output = "% Ambiguous command: " + line + "\n";
      break;
    case Status::kErrIncomplete:
      out.output = "% Command incomplete: " + line + "\n";
      break;
    default:
      out.output = res.matched_words == 0 || out.reason.find("not valid in") != std::string::npos
                       ? "% Unknown command: " + line + "\n"
                       : "% Invalid input: " + out.reason + "\n";
      break;
  }
  return out;
}

void Session::pop_to_depth(std::size_t depth) {
  if (depth >= frames_.size()) return;
  frames_.resize(depth);
  node_ = frames_.empty() ? Node::kConfig : frames_.back().node;
}

}  // namespace cfn::cli
