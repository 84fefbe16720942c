// cfn-agent: reads its config, then either samples once and prints (--once) or runs the agent
// on an event loop until SIGTERM/SIGINT. Logs go to stderr, so stdout carries only --once output.
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "libcfn/core/clock.hpp"
#include "libcfn/core/event_loop.hpp"
#include "libcfnmetric/agent/agent.hpp"
#include "libcfnmetric/agent/agent_options.hpp"
#include "libcfnmetric/agent/sample_once.hpp"

namespace {

using cfn::metric::AgentConfig;

std::optional<std::string> host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof(name) - 1) != 0) return std::nullopt;
  return std::string(name);
}

// The configuration to run with, or nullopt after printing why there is none.
std::optional<AgentConfig> load_config(const cfn::metric::AgentOptions& options) {
  const auto host = host_name();
  if (!host || !cfn::metric::is_valid_name(*host)) {
    std::cerr << "cfn-agent: the host name '" << host.value_or("")
              << "' is not a valid site or instance name; set them in a config file (-f)\n";
    return std::nullopt;
  }
  if (!options.config_file) return cfn::metric::host_only_config(*host);
  std::ifstream in(*options.config_file);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    std::cerr << *options.config_file << ": cannot read the file\n";
    return std::nullopt;
  }
  auto parsed = cfn::metric::parse_agent_config(text.str(), *options.config_file, *host);
  for (const std::string& error : parsed.errors) std::cerr << error << "\n";
  return std::move(parsed.config);
}

int run_once(const AgentConfig& config, const cfn::metric::AgentOptions& options) {
  const auto snapshots = cfn::metric::sample_once(config, options.root);
  const auto json = cfn::metric::once_json(config.site, cfn::metric::kOnceGap, snapshots);
  std::cout << (options.json ? json.dump(2) + "\n" : cfn::metric::once_text(json));
  return 0;
}

int run_agent(AgentConfig config, const cfn::metric::AgentOptions& options) {
  if (config.routers.empty()) {
    std::cerr << "cfn-agent: no router configured, nothing to report to (--once samples only)\n";
    return 1;
  }
  cfn::core::EventLoop loop;
  cfn::core::SteadyClock clock;
  cfn::metric::Agent agent(loop.io(), loop.timers(), clock, std::move(config), options.root);
  std::string error;
  if (!agent.start(error)) {
    std::cerr << "cfn-agent: " << error << "\n";
    return 1;
  }
  loop.on_signal({SIGTERM, SIGINT}, [&](int signal_number) {
    spdlog::info("cfn-agent: signal {}, stopping", signal_number);
    agent.stop();
    loop.stop();
  });
  loop.run();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const auto parsed = cfn::metric::parse_agent_options(std::span<char* const>(argv, argc));
  if (!parsed.options) {
    (parsed.exit_code == 0 ? std::cout : std::cerr) << parsed.message;
    return parsed.exit_code;
  }
  const cfn::metric::AgentOptions& options = *parsed.options;
  spdlog::set_default_logger(spdlog::stderr_color_st("cfn-agent"));
  spdlog::set_level(options.debug ? spdlog::level::debug : spdlog::level::info);

  auto config = load_config(options);
  if (!config) return 1;
  return options.once ? run_once(*config, options) : run_agent(std::move(*config), options);
}
