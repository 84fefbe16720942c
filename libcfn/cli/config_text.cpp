// Parsing, merging and writing FRR-layout config text.
#include "libcfn/cli/config_text.hpp"

#include <algorithm>

namespace cfn::cli {
namespace {

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// Interface blocks come from several sources (shared and protocol config); keeping them in
// name order in their slots makes the merged text independent of which source named one first.
void sort_interface_blocks(std::vector<ConfigBlock>& blocks) {
  auto is_interface = [](const ConfigBlock& b) { return b.header.starts_with("interface "); };
  std::vector<ConfigBlock> interfaces;
  for (const auto& b : blocks) {
    if (is_interface(b)) interfaces.push_back(b);
  }
  std::stable_sort(interfaces.begin(), interfaces.end(),
                   [](const ConfigBlock& a, const ConfigBlock& b) { return a.header < b.header; });
  auto next = interfaces.begin();
  for (auto& b : blocks) {
    if (is_interface(b)) b = std::move(*next++);
  }
}

}  // namespace

std::vector<ConfigBlock> parse_config_blocks(std::string_view text) {
  std::vector<ConfigBlock> blocks;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = trim_right(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    std::string_view stripped = line.substr(std::min(line.find_first_not_of(' '), line.size()));
    if (stripped.empty() || stripped.starts_with('!') || stripped.starts_with('#')) continue;
    if (line.front() == ' ') {
      if (blocks.empty()) continue;  // indented line with no header: nothing to attach it to
      blocks.back().body.emplace_back(line);
      blocks.back().is_block = true;
      continue;
    }
    if (line == "exit") {
      if (!blocks.empty()) blocks.back().is_block = true;
      continue;
    }
    if (line == "end") continue;
    blocks.push_back({std::string(line), {}, false});
  }
  return blocks;
}

std::vector<ConfigBlock> merge_config_blocks(std::span<const std::string> texts) {
  std::vector<ConfigBlock> merged;
  for (const auto& text : texts) {
    for (auto& block : parse_config_blocks(text)) {
      auto it = std::find_if(merged.begin(), merged.end(),
                             [&](const ConfigBlock& b) { return b.header == block.header; });
      if (it == merged.end()) {
        merged.push_back(std::move(block));
        continue;
      }
      it->is_block = it->is_block || block.is_block;
      for (auto& line : block.body) {
        if (std::find(it->body.begin(), it->body.end(), line) == it->body.end()) {
          it->body.push_back(std::move(line));
        }
      }
    }
  }
  sort_interface_blocks(merged);
  return merged;
}

std::string format_config(std::span<const ConfigBlock> blocks) {
  std::string out;
  bool after_block = false;
  for (const auto& block : blocks) {
    if (block.is_block || after_block) out += "!\n";
    out += block.header + "\n";
    for (const auto& line : block.body) out += line + "\n";
    if (block.is_block) out += "exit\n";
    after_block = block.is_block;
  }
  out += "!\n";
  return out;
}

std::string running_config_banner(std::string_view config) {
  return "Building configuration...\n\nCurrent configuration:\n!\n" + std::string(config) + "end\n";
}

void ConfigTextWriter::add(std::span<const std::string> chain, const std::string& line,
                           bool opens_block) {
  std::size_t common = 0;
  while (common < chain.size() && common < open_.size() && open_[common] == chain[common]) ++common;
  close_to(common);
  for (std::size_t i = common; i < chain.size(); ++i) {
    text_ += std::string(i, ' ') + chain[i] + "\n";
    open_.push_back(chain[i]);
  }
  text_ += std::string(chain.size(), ' ') + line + "\n";
  if (opens_block) open_.push_back(line);
}

std::string ConfigTextWriter::finish() {
  close_to(0);
  return std::move(text_);
}

void ConfigTextWriter::close_to(std::size_t depth) {
  while (open_.size() > depth) {
    open_.pop_back();
    text_ += std::string(open_.size(), ' ') + "exit\n";
  }
}

}  // namespace cfn::cli
