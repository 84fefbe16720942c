// vtysh-cfn: connects to the running cfn daemons and runs -c commands or an interactive shell.
#include <iostream>

#include "vtysh-cfn/options.hpp"
#include "vtysh-cfn/readline_ui.hpp"

int main(int argc, char** argv) {
  using namespace cfn::vtysh;
  const auto parsed = parse_vtysh_options({argv, static_cast<std::size_t>(argc)});
  if (!parsed.options) {
    (parsed.exit_code == 0 ? std::cout : std::cerr) << parsed.message;
    return parsed.exit_code;
  }
  const VtyshOptions& options = *parsed.options;
  Shell shell(connect_daemons(socket_dir(options), options.daemon), options.config_file);
  if (shell.connected() == 0) {
    std::cerr << "Exiting: failed to connect to any daemons.\n";
    return 1;
  }
  if (options.commands.empty()) return run_interactive(shell);
  return run_batch(shell, options.commands, std::cout);
}
