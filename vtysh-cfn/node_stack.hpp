// vtysh-cfn's own CLI position: exec mode, config mode and the nodes entered below it. It
// resolves lines as a daemon session would (parent-node fallback, `do`) and carries out the
// mode commands, so the shell knows where each daemon must be for a command.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "libcfn/cli/grammar.hpp"
#include "vtysh-cfn/daemon_context.hpp"

namespace cfn::vtysh {

// A node entered by a command, and the daemons that own that command.
struct Frame {
  cli::Node node;
  std::string line;  // canonical words of the entering command
  cli::DaemonMask owners;
};

struct Match {
  cli::Resolution resolution;
  cli::Node node = cli::Node::kView;  // the node the line resolved in
  std::size_t depth = 0;              // frames kept when it runs (fewer after a fallback)
  std::vector<std::string> words;     // the command's words (without a leading `do`)
};

// Where `?` and TAB apply: the node, the complete words before the cursor, the partial one.
struct Position {
  cli::Node node;
  std::vector<std::string> words;
  std::string partial;
};

// enable, disable, configure, exit, quit, end, exit-address-family.
bool is_mode_command(const cli::CommandDef* def);

class NodeStack {
 public:
  cli::Node node() const { return frames_.empty() ? base_ : frames_.back().node; }
  std::size_t depth() const { return frames_.size(); }

  // Resolves a line as a daemon session does: `do LINE` runs LINE in enable mode; a line unknown
  // in a config node is tried in the enclosing nodes. Errors come from the current node.
  Match resolve(std::span<const std::string> words, cli::DaemonMask visible) const;
  // Carries out a mode command; false when it leaves the shell (exit or quit at top level).
  bool apply_mode(const cli::CommandDef* def);
  // Keeps `depth` frames, then enters `entered` if given (a command ran at that depth).
  void run_at(std::size_t depth, std::optional<Frame> entered);
  // The context lines a daemon needs for a command at `depth`: none in exec mode, else
  // `configure terminal` and the entering lines of the frames the daemon owns.
  ContextLines context_for(cli::DaemonMask daemon, std::size_t depth) const;
  Position position(std::string_view typed) const;

 private:
  cli::Node base_ = cli::Node::kEnable;  // kView, kEnable or kConfig
  std::vector<Frame> frames_;
};

}  // namespace cfn::vtysh
