// Config file reading on top of a config-file session.
#include "libcfn/cli/config_loader.hpp"

namespace cfn::cli {

LoadReport load_config(std::string_view text, std::string_view file_name, const Grammar& grammar,
                       const CommandTable& table) {
  LoadReport report;
  Session session(grammar, table, SessionMode::kConfigFile, Node::kConfig);
  ConfigTextWriter foreign;
  std::size_t number = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    Outcome out = session.execute(line);
    if (out.status != Status::kSuccess) {
      report.errors.push_back({std::string(file_name), number, out.reason});
      continue;
    }
    if (!out.foreign) continue;
    auto frames = session.frames();
    std::vector<std::string> chain;
    for (std::size_t i = 0; i + (out.entered ? 1 : 0) < frames.size(); ++i) {
      chain.push_back(frames[i].line);
    }
    std::string canonical = out.entered ? frames.back().line : std::string(line);
    foreign.add(chain, std::string(canonical.substr(canonical.find_first_not_of(' '))),
                out.entered);
  }
  report.foreign = foreign.finish();
  return report;
}

}  // namespace cfn::cli
