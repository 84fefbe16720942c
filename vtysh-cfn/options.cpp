// vtysh-cfn flag parsing with getopt_long, FRR vtysh's flag names and help layout.
#include "vtysh-cfn/options.hpp"

#include <getopt.h>

#include "libcfn/daemon/daemon_options.hpp"
#include "vtysh-cfn/daemon_link.hpp"

namespace cfn::vtysh {
namespace {

enum LongOnly { kVtySocket = 256, kConfigFile };

constexpr std::string_view kUsage =
    "Usage: vtysh-cfn [OPTION...]\n\n"
    "Integrated shell for the cfn routing suite (Computing First Network).\n\n"
    "  -c, --command      Execute argument as command (repeatable)\n"
    "  -d, --daemon       Connect only to the specified daemon (bgpd or ospfd)\n"
    "  -N, --pathspace    Insert prefix into socket paths\n"
    "      --vty_socket   Override vty socket path\n"
    "      --config_file  Integrated config file written by write memory\n"
    "                     (default /etc/cfn/cfn.conf)\n"
    "  -v, --version      Print program version\n"
    "  -h, --help         Display this help and exit\n";

bool is_known_daemon(std::string_view name) {
  for (const auto& known : kKnownDaemons) {
    if (known.name == name) return true;
  }
  return false;
}

// -c text may hold several lines, as FRR's vtysh allows.
void add_command_lines(std::vector<std::string>& commands, std::string_view text) {
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    commands.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace

ParsedVtyshOptions parse_vtysh_options(std::span<char* const> argv) {
  static const option kLong[] = {
      {"command", required_argument, nullptr, 'c'},
      {"daemon", required_argument, nullptr, 'd'},
      {"pathspace", required_argument, nullptr, 'N'},
      {"vty_socket", required_argument, nullptr, kVtySocket},
      {"config_file", required_argument, nullptr, kConfigFile},
      {"version", no_argument, nullptr, 'v'},
      {"help", no_argument, nullptr, 'h'},
      {nullptr, 0, nullptr, 0},
  };
  std::vector<char*> args = daemon::getopt_arguments(argv);
  VtyshOptions opts;
  ParsedVtyshOptions result;
  auto fail = [&](std::string message) {
    result.exit_code = 1;
    result.message = std::move(message) + "\n" + std::string(kUsage);
    return result;
  };
  int c = 0;
  while ((c = getopt_long(static_cast<int>(argv.size()), args.data(), "c:d:N:vh", kLong,
                          nullptr)) != -1) {
    switch (c) {
      case 'c':
        add_command_lines(opts.commands, optarg);
        break;
      case 'd':
        if (!is_known_daemon(optarg)) return fail("unknown daemon '" + std::string(optarg) + "'");
        opts.daemon = optarg;
        break;
      case 'N':
        opts.pathspace = optarg;
        break;
      case kVtySocket:
        opts.vty_socket_dir = optarg;
        break;
      case kConfigFile:
        opts.config_file = optarg;
        break;
      case 'v':
        result.message = "vtysh-cfn version " CFN_VERSION "\n";
        return result;
      case 'h':
        result.message = kUsage;
        return result;
      default:
        return fail(daemon::bad_option_message(argv));
    }
  }
  if (auto leftover = daemon::leftover_argument_message(argv); !leftover.empty())
    return fail(leftover);
  result.options = std::move(opts);
  return result;
}

std::string socket_dir(const VtyshOptions& options) {
  if (!options.vty_socket_dir.empty()) return options.vty_socket_dir;
  daemon::DaemonOptions daemon_options;
  daemon_options.pathspace = options.pathspace;
  return daemon::state_dir(daemon_options);
}

}  // namespace cfn::vtysh
