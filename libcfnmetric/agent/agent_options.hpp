// cfn-agent's command line: -f CONFIG, --once, --json, --root DIR, --debug, --help, --version.
// Pure: argv in, options or what to print and the exit code out.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>

namespace cfn::metric {

struct AgentOptions {
  std::optional<std::string> config_file;  // absent: sample the host alone (service "host")
  bool once = false;                       // sample twice, print, exit; send nothing
  bool json = false;                       // with --once: JSON instead of text
  bool debug = false;                      // log at debug level
  std::filesystem::path root = "/";        // where the collectors find proc/ and sys/
};

struct OptionsParsed {
  std::optional<AgentOptions> options;  // empty: print message, exit with exit_code
  int exit_code = 0;
  std::string message;
};

std::string agent_usage();
OptionsParsed parse_agent_options(std::span<char* const> argv);

}  // namespace cfn::metric
