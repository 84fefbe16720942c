// A command definition (FRR DEFUN-style spec string, help, node, owning daemons) and the
// arguments a matched line yields. Definitions are constexpr data shared by every daemon
// and vtysh-cfn; each daemon binds handlers to the definitions it owns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libcfn/cli/node.hpp"
#include "libcfn/cli/status.hpp"

namespace cfn::cli {

using DaemonMask = std::uint32_t;
inline constexpr DaemonMask kBgpd = 1u << 0;
inline constexpr DaemonMask kOspfd = 1u << 1;
inline constexpr DaemonMask kAllDaemons = kBgpd | kOspfd;

enum class TokenKind : std::uint8_t {
  kKeyword,
  kIpv4,        // A.B.C.D
  kIpv4Prefix,  // A.B.C.D/M
  kIpv6,        // X:X::X:X
  kIpv6Prefix,  // X:X::X:X/M
  kRange,       // (1-65535)
  kWord,        // WORD, IFNAME, NAME, ... (any single word)
  kLine,        // LINE... (the rest of the line)
};

struct Arg {
  std::string name;   // keyword text, or the variable's $name, or its spec text (e.g. "A.B.C.D")
  std::string value;  // the full keyword (abbreviations expanded) or the word as typed
  TokenKind kind = TokenKind::kKeyword;
};

class Args {
 public:
  Args() = default;
  explicit Args(std::vector<Arg> items) : items_(std::move(items)) {}
  bool has(std::string_view name) const { return find(name).has_value(); }
  std::optional<std::string_view> find(std::string_view name) const;
  // The value of a variable the spec makes mandatory; empty if absent.
  std::string_view get(std::string_view name) const { return find(name).value_or(""); }
  const std::vector<Arg>& items() const { return items_; }

 private:
  std::vector<Arg> items_;
};

using NodeMask = std::uint32_t;
constexpr NodeMask node_bit(Node node) {
  return NodeMask{1} << static_cast<unsigned>(node);
}
template <typename... Nodes>
constexpr NodeMask nodes(Nodes... n) {
  return (node_bit(n) | ...);
}

struct CommandDef {
  // The nodes the command is installed in (FRR's install_element, once per node).
  NodeMask nodes;
  // FRR syntax: keywords, WORD-style variables, A.B.C.D, A.B.C.D/M, X:X::X:X, X:X::X:X/M,
  // (lo-hi), LINE..., [optional], <a|b> choices, TOKEN$name to name a variable.
  std::string_view spec;
  // One help line per token, in spec order (as FRR's DEFUN help strings).
  std::string_view help;
  DaemonMask owners;
  // The node a successful execution enters, if any (router bgp, interface, ...).
  Node (*enters)(const Args&) = nullptr;
};

}  // namespace cfn::cli
