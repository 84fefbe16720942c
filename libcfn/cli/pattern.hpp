// A command spec compiled into a pattern tree, and the matching of input words against it:
// every way the words can walk the tree is reported with a per-word score (FRR precedence).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "libcfn/cli/command.hpp"

namespace cfn::cli {

struct Element {
  enum class Type : std::uint8_t { kToken, kSequence, kOptional, kChoice };
  Type type = Type::kSequence;
  // Tokens only.
  TokenKind kind = TokenKind::kKeyword;
  std::string text;  // as written in the spec, without $name
  std::string name;  // $name, or text
  std::string help;
  std::int64_t lo = 0, hi = 0;  // ranges
  // Sequences, optionals and choices.
  std::vector<Element> children;
};

// Compiles a spec; throws std::invalid_argument if the spec or its help lines are malformed.
Element compile_spec(std::string_view spec, std::string_view help);

// How well one word matched one token. Higher `quality` wins; then the lower `rank`
// (more specific token type) wins, as FRR's disambiguate_tokens does.
struct WordScore {
  std::uint8_t quality = 0;  // 2 exact, 1 partial keyword
  std::uint8_t rank = 0;     // keyword 0 ... LINE 7
  auto operator<=>(const WordScore&) const = default;
};

// -1 if a is a worse match than b, 0 if equal, 1 if better (first differing word decides).
int compare_scores(std::span<const WordScore> a, std::span<const WordScore> b);

enum class WordMatch : std::uint8_t { kNone, kPartial, kExact };
WordMatch match_word(const Element& token, std::string_view word);

// One complete walk of the pattern that consumed every word.
struct PatternMatch {
  std::vector<Arg> args;
  std::vector<WordScore> scores;
};

// What the walk learned about the words it could not consume.
struct PatternProbe {
  std::vector<PatternMatch> complete;
  // Tokens that could follow once every word was consumed (help, completion, "incomplete").
  std::vector<const Element*> next;
  // The furthest word no token accepted, and the tokens that were tried there.
  std::size_t fail_pos = 0;
  std::vector<const Element*> fail_expected;
};

PatternProbe probe_pattern(const Element& root, std::span<const std::string> words);

}  // namespace cfn::cli
