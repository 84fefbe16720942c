// Spec compilation (FRR's command string syntax) and the pattern walk used for execution,
// help and completion alike.
#include "libcfn/cli/pattern.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

#include "libcfn/net/address.hpp"

namespace cfn::cli {
namespace {

bool is_structural(char c) {
  return c == '[' || c == ']' || c == '<' || c == '>' || c == '|';
}

bool is_variable_name(std::string_view text) {
  bool upper = false;
  for (char c : text) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    if (std::isupper(static_cast<unsigned char>(c))) upper = true;
  }
  return upper;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Element make_token(std::string_view raw) {
  Element e;
  e.type = Element::Type::kToken;
  std::string_view text = raw;
  std::string_view name;
  if (auto dollar = raw.find('$'); dollar != std::string_view::npos) {
    text = raw.substr(0, dollar);
    name = raw.substr(dollar + 1);
  }
  e.text = std::string(text);
  e.name = std::string(name.empty() ? text : name);
  if (text == "A.B.C.D") {
    e.kind = TokenKind::kIpv4;
  } else if (text == "A.B.C.D/M") {
    e.kind = TokenKind::kIpv4Prefix;
  } else if (text == "X:X::X:X") {
    e.kind = TokenKind::kIpv6;
  } else if (text == "X:X::X:X/M") {
    e.kind = TokenKind::kIpv6Prefix;
  } else if (text.size() > 2 && text.front() == '(' && text.back() == ')') {
    auto body = text.substr(1, text.size() - 2);
    auto dash = body.find('-', 1);
    auto lo = dash == std::string_view::npos ? std::nullopt : parse_int(body.substr(0, dash));
    auto hi = dash == std::string_view::npos ? std::nullopt : parse_int(body.substr(dash + 1));
    if (!lo || !hi || *lo > *hi) throw std::invalid_argument("bad range token " + e.text);
    e.kind = TokenKind::kRange;
    e.lo = *lo;
    e.hi = *hi;
  } else if (text.size() > 3 && text.ends_with("...")) {
    e.kind = TokenKind::kLine;
  } else if (is_variable_name(text)) {
    e.kind = TokenKind::kWord;
  } else {
    e.kind = TokenKind::kKeyword;
  }
  return e;
}

class SpecParser {
 public:
  explicit SpecParser(std::string_view spec) : spec_(spec) {}

  Element parse() {
    Element root = parse_sequence();
    if (pos_ != spec_.size()) fail("unexpected '" + std::string(1, spec_[pos_]) + "'");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::invalid_argument("spec \"" + std::string(spec_) + "\": " + why);
  }

  void skip_space() {
    while (pos_ < spec_.size() && spec_[pos_] == ' ') ++pos_;
  }

  Element parse_sequence() {
    Element seq;
    seq.type = Element::Type::kSequence;
    for (skip_space(); pos_ < spec_.size(); skip_space()) {
      char c = spec_[pos_];
      if (c == ']' || c == '>' || c == '|') break;
      if (c == '[' || c == '<') {
        ++pos_;
        Element choice = parse_choice(c == '[' ? ']' : '>');
        if (c == '<' && pos_ < spec_.size() && spec_[pos_] == '$') name_choice(choice);
        if (c == '[') {
          Element opt;
          opt.type = Element::Type::kOptional;
          opt.children.push_back(std::move(choice));
          seq.children.push_back(std::move(opt));
        } else {
          seq.children.push_back(std::move(choice));
        }
        continue;
      }
      std::size_t start = pos_;
      while (pos_ < spec_.size() && spec_[pos_] != ' ' && !is_structural(spec_[pos_])) ++pos_;
      seq.children.push_back(make_token(spec_.substr(start, pos_ - start)));
    }
    return seq;
  }

  // `<a|b>$name`: every single-token alternative takes the name.
  void name_choice(Element& choice) {
    std::size_t start = ++pos_;
    while (pos_ < spec_.size() && spec_[pos_] != ' ' && !is_structural(spec_[pos_])) ++pos_;
    std::string name(spec_.substr(start, pos_ - start));
    if (name.empty()) fail("empty $name");
    for (auto& alt : choice.children) {
      if (alt.children.size() != 1 || alt.children[0].type != Element::Type::kToken) {
        fail("$name on a choice needs single-token alternatives");
      }
      alt.children[0].name = name;
    }
  }

  Element parse_choice(char close) {
    Element choice;
    choice.type = Element::Type::kChoice;
    for (;;) {
      Element alt = parse_sequence();
      if (alt.children.empty()) fail("empty alternative");
      choice.children.push_back(std::move(alt));
      if (pos_ >= spec_.size()) fail("unclosed bracket");
      char c = spec_[pos_++];
      if (c == close) break;
      if (c != '|') fail("mismatched bracket");
    }
    return choice;
  }

  std::string_view spec_;
  std::size_t pos_ = 0;
};

void collect_tokens(Element& e, std::vector<Element*>& out) {
  if (e.type == Element::Type::kToken) {
    out.push_back(&e);
    return;
  }
  for (auto& child : e.children) collect_tokens(child, out);
}

std::uint8_t rank_of(TokenKind kind) {
  return static_cast<std::uint8_t>(kind);
}

struct WalkState {
  std::size_t pos = 0;
  std::vector<Arg> args;
  std::vector<WordScore> scores;
};

using Continuation = std::function<void(WalkState)>;

class Walker {
 public:
  Walker(std::span<const std::string> words, PatternProbe& probe) : words_(words), probe_(probe) {}

  void walk(const Element& e, WalkState st, const Continuation& k) {
    switch (e.type) {
      case Element::Type::kToken:
        return walk_token(e, std::move(st), k);
      case Element::Type::kSequence:
        return walk_sequence(e, 0, std::move(st), k);
      case Element::Type::kOptional:
        k(st);
        return walk(e.children.front(), std::move(st), k);
      case Element::Type::kChoice:
        for (const auto& alt : e.children) walk(alt, st, k);
        return;
    }
  }

  void finish(WalkState st) {
    if (st.pos == words_.size()) {
      probe_.complete.push_back({std::move(st.args), std::move(st.scores)});
    } else {
      note_failure(st.pos, nullptr);
    }
  }

 private:
  void walk_sequence(const Element& seq, std::size_t index, WalkState st, const Continuation& k) {
    if (index == seq.children.size()) return k(std::move(st));
    walk(seq.children[index], std::move(st),
         [&, index](WalkState next) { walk_sequence(seq, index + 1, std::move(next), k); });
  }

  void walk_token(const Element& token, WalkState st, const Continuation& k) {
    if (st.pos == words_.size()) {
      if (std::find(probe_.next.begin(), probe_.next.end(), &token) == probe_.next.end()) {
        probe_.next.push_back(&token);
      }
      return;
    }
    if (token.kind == TokenKind::kLine) {
      std::string rest;
      for (std::size_t i = st.pos; i < words_.size(); ++i) {
        if (!rest.empty()) rest += ' ';
        rest += words_[i];
        st.scores.push_back({2, rank_of(TokenKind::kLine)});
      }
      st.args.push_back({token.name, std::move(rest), token.kind});
      st.pos = words_.size();
      return k(std::move(st));
    }
    const std::string& word = words_[st.pos];
    WordMatch m = match_word(token, word);
    if (m == WordMatch::kNone) return note_failure(st.pos, &token);
    st.args.push_back(
        {token.name, token.kind == TokenKind::kKeyword ? token.text : word, token.kind});
    st.scores.push_back(
        {static_cast<std::uint8_t>(m == WordMatch::kExact ? 2 : 1), rank_of(token.kind)});
    ++st.pos;
    k(std::move(st));
  }

  void note_failure(std::size_t pos, const Element* token) {
    if (pos > probe_.fail_pos) {
      probe_.fail_pos = pos;
      probe_.fail_expected.clear();
    }
    if (pos == probe_.fail_pos && token &&
        std::find(probe_.fail_expected.begin(), probe_.fail_expected.end(), token) ==
            probe_.fail_expected.end()) {
      probe_.fail_expected.push_back(token);
    }
  }

  std::span<const std::string> words_;
  PatternProbe& probe_;
};

}  // namespace

Element compile_spec(std::string_view spec, std::string_view help) {
  Element root = SpecParser(spec).parse();
  std::vector<Element*> tokens;
  collect_tokens(root, tokens);
  std::size_t start = 0;
  for (Element* token : tokens) {
    if (start > help.size()) {
      throw std::invalid_argument("spec \"" + std::string(spec) +
                                  "\": fewer help lines than tokens");
    }
    auto end = help.find('\n', start);
    if (end == std::string_view::npos) end = help.size();
    token->help = std::string(help.substr(start, end - start));
    start = end + 1;
  }
  if (start <= help.size() && !tokens.empty()) {
    throw std::invalid_argument("spec \"" + std::string(spec) + "\": more help lines than tokens");
  }
  for (const Element* var : tokens) {
    for (const Element* keyword : tokens) {
      if (var->kind != TokenKind::kKeyword && keyword->kind == TokenKind::kKeyword &&
          var->name == keyword->text) {
        throw std::invalid_argument("spec \"" + std::string(spec) + "\": variable name '" +
                                    var->name + "' is also a keyword");
      }
    }
  }
  return root;
}

int compare_scores(std::span<const WordScore> a, std::span<const WordScore> b) {
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i].quality != b[i].quality) return a[i].quality > b[i].quality ? 1 : -1;
    if (a[i].rank != b[i].rank) return a[i].rank < b[i].rank ? 1 : -1;
  }
  return 0;
}

WordMatch match_word(const Element& token, std::string_view word) {
  switch (token.kind) {
    case TokenKind::kKeyword:
      if (word == token.text) return WordMatch::kExact;
      return !word.empty() && token.text.starts_with(word) ? WordMatch::kPartial : WordMatch::kNone;
    case TokenKind::kIpv4:
      return net::IpAddress::parse_v4(word) ? WordMatch::kExact : WordMatch::kNone;
    case TokenKind::kIpv4Prefix:
      return net::Prefix::parse_v4(word) ? WordMatch::kExact : WordMatch::kNone;
    case TokenKind::kIpv6:
      return net::IpAddress::parse_v6(word) ? WordMatch::kExact : WordMatch::kNone;
    case TokenKind::kIpv6Prefix:
      return net::Prefix::parse_v6(word) ? WordMatch::kExact : WordMatch::kNone;
    case TokenKind::kRange: {
      auto value = parse_int(word);
      return value && *value >= token.lo && *value <= token.hi ? WordMatch::kExact
                                                               : WordMatch::kNone;
    }
    case TokenKind::kWord:
    case TokenKind::kLine:
      return word.empty() ? WordMatch::kNone : WordMatch::kExact;
  }
  return WordMatch::kNone;
}

PatternProbe probe_pattern(const Element& root, std::span<const std::string> words) {
  PatternProbe probe;
  Walker walker(words, probe);
  walker.walk(root, {}, [&](WalkState st) { walker.finish(std::move(st)); });
  return probe;
}

}  // namespace cfn::cli
