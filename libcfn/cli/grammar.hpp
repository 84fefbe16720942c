// The command grammar: every command of every daemon, compiled once. It resolves a line in a
// node to one command (or says why not), and answers `?` help and TAB completion.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "libcfn/cli/command.hpp"
#include "libcfn/cli/pattern.hpp"

namespace cfn::cli {

// Splits a command line into words on blanks (FRR's vty does not quote).
std::vector<std::string> split_words(std::string_view line);

struct Resolution {
  Status status = Status::kErrNoMatch;  // kSuccess, kErrNoMatch, kErrAmbiguous, kErrIncomplete
  const CommandDef* def = nullptr;
  Args args;
  std::size_t matched_words = 0;  // how far the best candidate got, for error markers
  std::string reason;             // why it failed, for a human
};

struct HelpItem {
  std::string token;  // "neighbor", "A.B.C.D", "(1-65535)", "<cr>"
  std::string help;
  bool keyword = false;
  auto operator<=>(const HelpItem&) const = default;
};

class Grammar {
 public:
  explicit Grammar(std::vector<const CommandDef*> defs);

  // The best command in `node` for the words, among commands some daemon in `visible` owns.
  Resolution resolve(Node node, std::span<const std::string> words, DaemonMask visible) const;
  // What may follow `words` (all complete) when the next word starts with `partial`.
  std::vector<HelpItem> help(Node node, std::span<const std::string> words,
                             std::string_view partial, DaemonMask visible) const;
  // Keyword completions of `partial` after `words`.
  std::vector<std::string> complete(Node node, std::span<const std::string> words,
                                    std::string_view partial, DaemonMask visible) const;
  // Nodes (other than `node`) in which the words would be a complete command.
  std::vector<Node> nodes_accepting(Node node, std::span<const std::string> words,
                                    DaemonMask visible) const;

  const std::vector<const CommandDef*>& defs() const { return defs_; }

 private:
  struct Compiled {
    const CommandDef* def;
    Element root;
    std::vector<const Element*> first;  // tokens a line can start with
  };
  // False when the first word can match no first token: the command need not be probed.
  static bool may_start_with(const Compiled& cmd, std::span<const std::string> words);
  std::vector<Compiled> commands_;
  std::vector<const CommandDef*> defs_;
};

// The grammar of the whole suite (common, bgpd and ospfd commands).
const Grammar& cfn_grammar();

}  // namespace cfn::cli
