// One CLI session (a vty connection, or the reading of a config file): it tracks the node
// stack, carries out the mode commands, and dispatches every other line to the daemon's
// handler for it. FRR semantics: a line unknown in a config node is retried in the parent.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "libcfn/cli/grammar.hpp"

namespace cfn::cli {

// A node entered by a command: `router bgp 65001`, `interface eth0`, ...
struct Frame {
  Node node;
  std::string line;  // the command that entered it, as canonical words
  Args args;
  bool foreign = false;  // entered by a command another daemon owns (config files only)
};

class Context {
 public:
  Context(std::string& out, std::span<const Frame> frames) : out_(out), frames_(frames) {}
  std::string& out() { return out_; }
  // The args of the command that entered `node` (e.g. the interface name); empty if none.
  const Args& frame(Node node) const;

 private:
  std::string& out_;
  std::span<const Frame> frames_;
};

using Handler = std::function<Status(Context&, const Args&)>;

// The handlers one daemon binds to the commands it owns.
class CommandTable {
 public:
  explicit CommandTable(DaemonMask self) : self_(self) {}
  DaemonMask self() const { return self_; }
  void bind(const CommandDef& def, Handler handler) { handlers_[&def] = std::move(handler); }
  const Handler* find(const CommandDef* def) const;
  // Commands the grammar says this daemon owns that have no handler (must be none).
  std::vector<const CommandDef*> unbound(const Grammar& grammar) const;

 private:
  DaemonMask self_;
  std::unordered_map<const CommandDef*, Handler> handlers_;
};

enum class SessionMode {
  kInteractive,  // a vty: other daemons' commands are unknown here
  kConfigFile,   // reading config: other daemons' commands are passed over
};

struct Outcome {
  Status status = Status::kSuccess;
  std::string output;    // command output, or the error message (FRR's "% ..." lines)
  std::string reason;    // for errors: why, for FILE:LINE messages
  bool foreign = false;  // passed over: another daemon owns it
  bool entered = false;  // the line entered a node (a frame was pushed)
};

class Session {
 public:
  Session(const Grammar& grammar, const CommandTable& table, SessionMode mode, Node start);

  Outcome execute(std::string_view line);

  Node node() const { return node_; }
  std::span<const Frame> frames() const { return frames_; }

 private:
  Outcome run(std::span<const std::string> words, Node node);
  Outcome navigate(const CommandDef* def);
  Outcome dispatch(const Resolution& res, std::size_t pop_to);
  Outcome error(Status status, std::span<const std::string> words, const Resolution& res) const;
  void pop_to_depth(std::size_t depth);

  const Grammar& grammar_;
  const CommandTable& table_;
  SessionMode mode_;
  Node node_;
  std::vector<Frame> frames_;
};

// The canonical text of a matched line: keywords expanded, variables as typed.
std::string canonical_line(const Args& args);

}  // namespace cfn::cli
