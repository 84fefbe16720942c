// Config text as FRR writes it: top-level lines and blocks (`router bgp ...` up to `exit`).
// Merging texts by block is how vtysh-cfn shows one config for several daemons, and how a
// daemon writes the integrated file without losing the other daemon's sections.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cfn::cli {

struct ConfigBlock {
  std::string header;             // "hostname r1" or "router bgp 65001"
  std::vector<std::string> body;  // indented lines, without the closing "exit"
  bool is_block = false;          // written with a body and "exit"
};

std::vector<ConfigBlock> parse_config_blocks(std::string_view text);
// Merges in order of first appearance; blocks with the same header get the union of their
// bodies, identical top-level lines appear once.
std::vector<ConfigBlock> merge_config_blocks(std::span<const std::string> texts);
// Writes blocks in FRR's layout ("!" between sections, "exit" after blocks); no "end".
std::string format_config(std::span<const ConfigBlock> blocks);

// FRR's `show running-config` banner around a config.
std::string running_config_banner(std::string_view config);

// Builds config text for lines seen under a chain of block headers (used for foreign lines).
class ConfigTextWriter {
 public:
  // Appends `line` under the headers `chain` (outermost first); opens/closes blocks as needed.
  void add(std::span<const std::string> chain, const std::string& line, bool opens_block);
  std::string finish();

 private:
  void close_to(std::size_t depth);
  std::vector<std::string> open_;
  std::string text_;
};

}  // namespace cfn::cli
