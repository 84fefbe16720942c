// Command-line parsing with getopt_long, FRR's flag names and help text layout.
#include "libcfn/daemon/daemon_options.hpp"

#include <getopt.h>

#include <charconv>
#include <vector>

namespace cfn::daemon {
namespace {

enum LongOnly { kVtySocket = 256 };

std::optional<std::uint16_t> parse_port(const char* text) {
  std::string_view s(text);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

std::string usage(const DaemonIdentity& id) {
  std::string text =
      "Usage: " + std::string(id.program) + " [OPTION...]\n\n" + "cfn " + std::string(id.protocol) +
      " daemon (Computing First Network routing suite)\n\n"
      "  -f, --config_file  Set configuration file name (default /etc/cfn/cfn.conf)\n"
      "  -C, --dryrun       Check configuration for validity and exit\n"
      "  -d, --daemon       Runs in daemon mode\n"
      "  -i, --pid_file     Set process identifier file name\n"
      "  -N, --pathspace    Insert prefix into config & socket paths\n"
      "      --vty_socket   Override vty socket path\n"
      "  -A, --vty_addr     Set vty's bind address (default 127.0.0.1)\n"
      "  -P, --vty_port     Set vty's port number (0 or absent: no TCP vty)\n"
      "  -n, --no_kernel    Do not install route to kernel\n"
      "  -r, --retain       When program terminates, retain added route\n";
  if (id.bgp_flags) {
    text +=
        "  -p, --bgp_port     Set BGP listen port number (0 means do not listen)\n"
        "  -l, --listenon     Listen on specified address (implies -n)\n";
  }
  text +=
      "  -v, --version      Print program version\n"
      "  -h, --help         Display this help and exit\n";
  return text;
}

}  // namespace

std::string bad_option_message(std::span<char* const> argv) {
  const bool known = optind > 0 && optind <= static_cast<int>(argv.size());
  return "unknown or incomplete option '" + std::string(known ? argv[optind - 1] : "?") + "'";
}

std::vector<char*> getopt_arguments(std::span<char* const> argv) {
  std::vector<char*> args(argv.begin(), argv.end());
  args.push_back(nullptr);
  optind = 1;
  opterr = 0;
  return args;
}

std::string leftover_argument_message(std::span<char* const> argv) {
  if (optind >= static_cast<int>(argv.size())) return "";
  return "unexpected argument '" + std::string(argv[optind]) + "'";
}

ParsedOptions parse_daemon_options(std::span<char* const> argv, const DaemonIdentity& id) {
  static const option kLong[] = {
      {"config_file", required_argument, nullptr, 'f'},
      {"dryrun", no_argument, nullptr, 'C'},
      {"daemon", no_argument, nullptr, 'd'},
      {"pid_file", required_argument, nullptr, 'i'},
      {"pathspace", required_argument, nullptr, 'N'},
      {"vty_socket", required_argument, nullptr, kVtySocket},
      {"vty_addr", required_argument, nullptr, 'A'},
      {"vty_port", required_argument, nullptr, 'P'},
      {"no_kernel", no_argument, nullptr, 'n'},
      {"retain", no_argument, nullptr, 'r'},
      {"bgp_port", required_argument, nullptr, 'p'},
      {"listenon", required_argument, nullptr, 'l'},
      {"version", no_argument, nullptr, 'v'},
      {"help", no_argument, nullptr, 'h'},
      {nullptr, 0, nullptr, 0},
  };
  const char* short_opts = id.bgp_flags ? "f:Cdi:N:A:P:nrp:l:vh" : "f:Cdi:N:A:P:nrvh";
  std::vector<char*> args = getopt_arguments(argv);
  DaemonOptions opts;
  ParsedOptions result;
  auto fail = [&](std::string message) {
    result.exit_code = 1;
    result.message = std::move(message) + "\n" + usage(id);
    return result;
  };
  int c = 0;
  while ((c = getopt_long(static_cast<int>(argv.size()), args.data(), short_opts, kLong,
                          nullptr)) != -1) {
    switch (c) {
      case 'f':
        opts.config_file = optarg;
        break;
      case 'C':
        opts.check_only = true;
        break;
      case 'd':
        opts.daemonize = true;
        break;
      case 'i':
        opts.pid_file = optarg;
        break;
      case 'N':
        opts.pathspace = optarg;
        break;
      case kVtySocket:
        opts.vty_socket_dir = optarg;
        break;
      case 'A':
        opts.vty_address = optarg;
        break;
      case 'n':
        opts.no_kernel = true;
        break;
      case 'r':
        opts.retain = true;
        break;
      case 'l':
        opts.bgp_listen_address = optarg;
        opts.no_kernel = true;  // as FRR: -l implies -n
        break;
      case 'P':
      case 'p': {
        auto port = parse_port(optarg);
        if (!port) return fail("invalid port '" + std::string(optarg) + "'");
        (c == 'P' ? opts.vty_port : opts.bgp_port) = *port;
        break;
      }
      case 'v':
        result.message = std::string(id.program) + " version " CFN_VERSION "\n";
        return result;
      case 'h':
        result.message = usage(id);
        return result;
      default:
        return fail(bad_option_message(argv));
    }
  }
  if (auto leftover = leftover_argument_message(argv); !leftover.empty()) return fail(leftover);
  result.options = std::move(opts);
  return result;
}

std::string state_dir(const DaemonOptions& options) {
  return options.pathspace.empty() ? "/var/run/cfn" : "/var/run/cfn/" + options.pathspace;
}

std::string vty_socket_path(const DaemonOptions& options, const DaemonIdentity& identity) {
  std::string dir = options.vty_socket_dir.empty() ? state_dir(options) : options.vty_socket_dir;
  return dir + "/" + std::string(identity.name) + ".vty";
}

std::string pid_file_path(const DaemonOptions& options, const DaemonIdentity& identity) {
  if (!options.pid_file.empty()) return options.pid_file;
  return state_dir(options) + "/" + std::string(identity.name) + ".pid";
}

}  // namespace cfn::daemon
