// parse_agent_options: "-f FILE", "--config_file FILE|=FILE", "--root DIR|=DIR" and flags.
#include "libcfnmetric/agent/agent_options.hpp"

#include <fmt/format.h>
#include <string_view>

namespace cfn::metric {

std::string agent_usage() {
  return "Usage: cfn-agent [-f CONFIG] [--once [--json]] [--root DIR] [--debug]\n"
         "Reports the metrics of the services on this host to their site routers.\n"
         "\n"
         "  -f, --config_file FILE  agent configuration (without it: sample the host alone,\n"
         "                          as service \"host\", and report nowhere)\n"
         "      --once              sample twice over 500 ms, print, exit; send nothing\n"
         "      --json              with --once: print JSON\n"
         "      --root DIR          read /proc and /sys under DIR (tests)\n"
         "      --debug             log at debug level\n"
         "  -h, --help              this text\n"
         "  -v, --version           the version\n";
}

OptionsParsed parse_agent_options(std::span<char* const> argv) {
  AgentOptions options;
  const auto fail = [](std::string message) {
    return OptionsParsed{std::nullopt, 1, message + "\n" + agent_usage()};
  };
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string_view arg = argv[i];
    // An option with a value: "--name VALUE", "--name=VALUE", or a short form "-x VALUE".
    const auto value_of = [&](std::string_view long_name,
                              std::string_view short_name) -> std::optional<std::string> {
      if (arg.starts_with(long_name) && arg.size() > long_name.size() &&
          arg[long_name.size()] == '=')
        return std::string(arg.substr(long_name.size() + 1));
      if ((arg == long_name || (!short_name.empty() && arg == short_name)) && i + 1 < argv.size())
        return std::string(argv[++i]);
      return std::nullopt;
    };
    if (arg == "-h" || arg == "--help") return {std::nullopt, 0, agent_usage()};
    if (arg == "-v" || arg == "--version")
      return {std::nullopt, 0, fmt::format("cfn-agent version {}\n", CFN_VERSION)};
    if (arg == "--once") {
      options.once = true;
    } else if (arg == "--json") {
      options.json = true;
    } else if (arg == "--debug") {
      options.debug = true;
    } else if (auto file = value_of("--config_file", "-f")) {
      options.config_file = std::move(*file);
    } else if (auto root = value_of("--root", "")) {
      options.root = std::move(*root);
    } else if (arg == "-f" || arg == "--config_file" || arg == "--root") {
      return fail(fmt::format("cfn-agent: {} needs a value", arg));
    } else {
      return fail(fmt::format("cfn-agent: unknown argument '{}'", arg));
    }
  }
  if (options.json && !options.once) return fail("cfn-agent: --json goes with --once");
  return {std::move(options), 0, {}};
}

}  // namespace cfn::metric
