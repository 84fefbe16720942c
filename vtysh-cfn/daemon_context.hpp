// What vtysh-cfn has told one daemon about where it is: the context lines it accepted
// (`configure terminal`, `router bgp 65001`, ...), and the lines that move it elsewhere.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cfn::vtysh {

// Context lines, outermost first; empty means enable mode.
using ContextLines = std::vector<std::string>;

class DaemonContext {
 public:
  // The lines that take the daemon from its context to `target`: one `end` when the target is
  // enable mode, else one `exit` per level to leave, then the entering lines it lacks.
  std::vector<std::string> steps_to(const ContextLines& target) const;
  // Notes a step or an entering line the daemon accepted.
  void record(std::string_view line);
  bool in_config() const { return !lines_.empty(); }
  const ContextLines& lines() const { return lines_; }

 private:
  ContextLines lines_;
};

}  // namespace cfn::vtysh
