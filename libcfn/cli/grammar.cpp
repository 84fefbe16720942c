// Command resolution with FRR's precedence (exact keyword > partial; specific type > WORD),
// diagnostics for the config loader, and help/completion for vtysh-cfn.
#include "libcfn/cli/grammar.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "libcfn/cli/commands.hpp"

namespace cfn::cli {
namespace {

std::string describe_expected(const std::vector<const Element*>& expected, std::string_view word) {
  for (const Element* token : expected) {
    if (token->kind != TokenKind::kRange) continue;
    long long value = 0;
    auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (end == word.data() + word.size() && !word.empty()) {
      return "value " + std::string(word) + " is out of range " + token->text;
    }
  }
  std::string list;
  for (const Element* token : expected) {
    if (!list.empty()) list += ", ";
    list += token->text;
  }
  return "invalid input '" + std::string(word) + "' (expected " + list + ")";
}

// Adds the tokens `e` can start with to `out`; returns whether `e` can match no words.
bool collect_first_tokens(const Element& e, std::vector<const Element*>& out) {
  switch (e.type) {
    case Element::Type::kToken:
      out.push_back(&e);
      return false;
    case Element::Type::kOptional:
      collect_first_tokens(e.children.front(), out);
      return true;
    case Element::Type::kChoice: {
      bool nullable = false;
      for (const auto& alt : e.children) nullable = collect_first_tokens(alt, out) || nullable;
      return nullable;
    }
    case Element::Type::kSequence:
      for (const auto& child : e.children) {
        if (!collect_first_tokens(child, out)) return false;
      }
      return true;
  }
  return true;
}

}  // namespace

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) words.emplace_back(line.substr(start, i - start));
  }
  return words;
}

Grammar::Grammar(std::vector<const CommandDef*> defs) : defs_(std::move(defs)) {
  commands_.reserve(defs_.size());
  for (const CommandDef* def : defs_) {
    commands_.push_back({def, compile_spec(def->spec, def->help), {}});
  }
  // After the vector is complete: `first` points into each command's own tree.
  for (auto& cmd : commands_) collect_first_tokens(cmd.root, cmd.first);
}

bool Grammar::may_start_with(const Compiled& cmd, std::span<const std::string> words) {
  if (words.empty()) return true;
  return std::any_of(cmd.first.begin(), cmd.first.end(), [&](const Element* token) {
    return token->kind == TokenKind::kLine || match_word(*token, words[0]) != WordMatch::kNone;
  });
}

Resolution Grammar::resolve(Node node, std::span<const std::string> words,
                            DaemonMask visible) const {
  Resolution res;
  if (words.empty()) {
    res.reason = "empty command";
    return res;
  }
  const PatternMatch* best = nullptr;
  const CommandDef* best_def = nullptr;
  bool ambiguous = false;
  bool incomplete = false;
  std::size_t fail_pos = 0;
  std::vector<const Element*> fail_expected;
  std::vector<PatternProbe> probes;
  probes.reserve(commands_.size());
  for (const auto& cmd : commands_) {
    if ((cmd.def->nodes & node_bit(node)) == 0 || (cmd.def->owners & visible) == 0) continue;
    if (!may_start_with(cmd, words)) continue;
    probes.push_back(probe_pattern(cmd.root, words));
    const PatternProbe& probe = probes.back();
    for (const auto& m : probe.complete) {
      int cmp = best ? compare_scores(m.scores, best->scores) : 1;
      if (cmp > 0) {
        best = &m;
        best_def = cmd.def;
        ambiguous = false;
      } else if (cmp == 0) {
        bool same_args = best_def == cmd.def && m.args.size() == best->args.size() &&
                         std::equal(m.args.begin(), m.args.end(), best->args.begin(),
                                    [](const Arg& a, const Arg& b) { return a.value == b.value; });
        ambiguous = ambiguous || !same_args;
      }
    }
    if (!probe.next.empty()) incomplete = true;
    if (probe.fail_pos > fail_pos) {
      fail_pos = probe.fail_pos;
      fail_expected.clear();
    }
    if (probe.fail_pos == fail_pos) {
      fail_expected.insert(fail_expected.end(), probe.fail_expected.begin(),
                           probe.fail_expected.end());
    }
  }
  if (best && !ambiguous) {
    res.status = Status::kSuccess;
    res.def = best_def;
    res.args = Args(best->args);
    res.matched_words = words.size();
  } else if (best) {
    res.status = Status::kErrAmbiguous;
    res.matched_words = words.size();
    res.reason = "ambiguous command";
  } else if (incomplete) {
    res.status = Status::kErrIncomplete;
    res.matched_words = words.size();
    res.reason = "command incomplete";
  } else {
    res.status = Status::kErrNoMatch;
    res.matched_words = fail_pos;
    if (fail_pos == 0) {
      res.reason = "unknown command '" + words[0] + "'";
    } else if (fail_expected.empty()) {
      res.reason = "unexpected extra input '" + words[fail_pos] + "'";
    } else {
      res.reason = describe_expected(fail_expected, words[fail_pos]);
    }
  }
  return res;
}

std::vector<HelpItem> Grammar::help(Node node, std::span<const std::string> words,
                                    std::string_view partial, DaemonMask visible) const {
  std::set<HelpItem> items;
  for (const auto& cmd : commands_) {
    if ((cmd.def->nodes & node_bit(node)) == 0 || (cmd.def->owners & visible) == 0) continue;
    if (!may_start_with(cmd, words)) continue;
    PatternProbe probe = probe_pattern(cmd.root, words);
    for (const Element* token : probe.next) {
      bool fits = partial.empty() || match_word(*token, partial) != WordMatch::kNone ||
                  (token->kind != TokenKind::kKeyword && token->kind != TokenKind::kRange);
      if (fits) items.insert({token->text, token->help, token->kind == TokenKind::kKeyword});
    }
    if (partial.empty() && !probe.complete.empty()) items.insert({"<cr>", ""});
  }
  return {items.begin(), items.end()};
}

std::vector<std::string> Grammar::complete(Node node, std::span<const std::string> words,
                                           std::string_view partial, DaemonMask visible) const {
  std::set<std::string> out;
  for (const auto& item : help(node, words, partial, visible)) {
    if (item.keyword && item.token.starts_with(partial)) out.insert(item.token);
  }
  return {out.begin(), out.end()};
}

std::vector<Node> Grammar::nodes_accepting(Node node, std::span<const std::string> words,
                                           DaemonMask visible) const {
  std::set<Node> found;
  for (const auto& cmd : commands_) {
    if ((cmd.def->owners & visible) == 0 || !may_start_with(cmd, words)) continue;
    if (probe_pattern(cmd.root, words).complete.empty()) continue;
    for (unsigned n = 0; n <= static_cast<unsigned>(kLastNode); ++n) {
      if ((cmd.def->nodes & node_bit(Node(n))) && Node(n) != node) found.insert(Node(n));
    }
  }
  return {found.begin(), found.end()};
}

const Grammar& cfn_grammar() {
  static const Grammar grammar(all_commands());
  return grammar;
}

}  // namespace cfn::cli
