// bgp_load: the BGP load generator and monitor of the side-by-side BGP benchmark (issue 5
// item 7). Not a BGP speaker: it sends a pre-encoded table, or counts what it receives.
//
//   bgp_load inject  --connect ADDR --source ADDR --local-as AS [--peer-as AS] [--peers P]
//                    [--prefixes N] [--attr-sets K] [--base ADDR] [--length L] [COMMON]
//   bgp_load monitor --connect ADDR [--source ADDR] --local-as AS [--peer-as AS] [--expect N]
//                    [COMMON]
//   bgp_load fib     --expect N [--base ADDR] [--length L]
//   bgp_load probe   --connect ADDR --source ADDR --local-as AS [--peer-as AS] [--port 179]
//                    [--hold 9] [--open-hex HEX] [--announce PREFIX]... [--send-hex HEX]...
//                    [--wait 3] [--connect-timeout 30]
//   COMMON: [--port 179] [--hold 180] [--extended-message] [--wait SECONDS]
//
// inject: P sessions from --source, --source + 1, ... (each its own router ID); once all are
// Established it encodes peer p's slice (prefixes p*N/P .. (p+1)*N/P - 1 of base + i * 2^(32-L),
// K attribute sets over all N, see table.hpp), prints `start mono_ns=T`, sends every slice
// (packed UPDATEs up to 4096 octets, then End-of-RIB), prints `sent mono_ns=T` when the
// socket took the last octet, and keeps the sessions up with KEEPALIVEs. What the daemon
// sends back is read and counted, not decoded.
// monitor: one session; decodes every UPDATE with the wire codec, keeps the set of prefixes
// announced and prints `complete mono_ns=T held=N` the moment it holds --expect prefixes.
// mono_ns is CLOCK_MONOTONIC (steady_clock), the same clock in every process and namespace,
// so the runner subtracts inject's start from monitor's complete.
// fib: no session; counts the routes of the injected range in the kernel's main table of its
// namespace and prints `complete mono_ns=T held=N` when all N are there (fib_watch.hpp).
// probe: one session that sends raw (malformed) messages and prints one JSON line saying
// what the peer did (probe.hpp); exit 0 whenever it printed the line.
// Both run until SIGTERM / SIGINT, then print `final ...` and exit 0; exit 1 when a session
// fails (NOTIFICATION, close, error) and 2 on a usage error.
#include <poll.h>
#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bgp_bench/fib_watch.hpp"
#include "bench/bgp_bench/prefix_count.hpp"
#include "bench/bgp_bench/probe.hpp"
#include "bench/bgp_bench/session.hpp"
#include "bench/bgp_bench/table.hpp"

namespace cfn::bench {
namespace {

namespace wire = bgp::wire;
using Clock = Session::Clock;

volatile std::sig_atomic_t g_stop = 0;

void on_signal(int) {
  g_stop = 1;
}

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// --name value pairs (a repeated name keeps every value) and --flag switches.
class Arguments {
 public:
  Arguments(int argc, char** argv) {
    for (int i = 2; i < argc; ++i) {
      std::string key = argv[i];
      if (key.rfind("--", 0) != 0) throw UsageError("unexpected argument " + key);
      key = key.substr(2);
      if (key == "extended-message") {
        extended_message_ = true;
      } else {
        if (i + 1 >= argc) throw UsageError("--" + key + " needs a value");
        values_[key].push_back(argv[++i]);
      }
    }
  }
  bool has(const std::string& key) const { return values_.count(key) != 0; }
  bool extended_message() const { return extended_message_; }
  std::uint64_t number(const std::string& key, std::uint64_t fallback) {
    auto it = values_.find(key);
    if (it == values_.end()) return fallback;
    used_.push_back(key);
    const std::string& text = it->second.back();
    char* end = nullptr;
    const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0') throw UsageError("--" + key + ": not a number");
    return value;
  }
  // Every value given for --key, in order; empty when it was not given.
  std::vector<std::string> all(const std::string& key) {
    auto it = values_.find(key);
    if (it == values_.end()) return {};
    used_.push_back(key);
    return it->second;
  }
  std::uint32_t address(const std::string& key, bool required) {
    auto it = values_.find(key);
    if (it == values_.end()) {
      if (required) throw UsageError("--" + key + " is required");
      return 0;
    }
    used_.push_back(key);
    const auto parsed = net::IpAddress::parse_v4(it->second.back());
    if (!parsed) throw UsageError("--" + key + ": not an IPv4 address");
    return parsed->v4_value();
  }
  // Every option given was read by the mode.
  void check_all_used() const {
    for (const auto& [key, value] : values_)
      if (std::find(used_.begin(), used_.end(), key) == used_.end())
        throw UsageError("unknown option --" + key);
  }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> used_;
  bool extended_message_ = false;
};

std::uint32_t as_number(Arguments& args, const std::string& key, bool required) {
  if (required && !args.has(key)) throw UsageError("--" + key + " is required");
  const std::uint64_t value = args.number(key, 0);
  if (value > UINT32_MAX) throw UsageError("--" + key + ": not an AS number");
  return static_cast<std::uint32_t>(value);
}

SessionConfig session_config(Arguments& args, std::uint64_t default_hold = 180) {
  SessionConfig c;
  c.remote = args.address("connect", true);
  c.source = args.address("source", false);
  c.port = static_cast<std::uint16_t>(args.number("port", 179));
  c.local_as = as_number(args, "local-as", true);
  c.peer_as = as_number(args, "peer-as", false);
  c.hold_time = static_cast<std::uint16_t>(args.number("hold", default_hold));
  c.extended_message = args.extended_message();
  c.router_id = c.source ? c.source : 0x0A000001 + c.local_as % 1000;
  return c;
}

double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

wire::MessageType message_type(std::span<const std::uint8_t> message) {
  return static_cast<wire::MessageType>(message[wire::kHeaderSize - 1]);
}

std::string notification_text(std::span<const std::uint8_t> message,
                              const wire::DecodeContext& context) {
  const wire::DecodeResult result = wire::decode_message(message, context);
  if (!result.message) return "malformed NOTIFICATION";
  const auto& n = std::get<wire::Notification>(*result.message);
  return "NOTIFICATION " + std::to_string(static_cast<int>(n.code)) + "/" +
         std::to_string(n.subcode);
}

// Polls every session until SIGTERM: writes what is queued, hands each received message to
// on_message, sends KEEPALIVEs; after_io runs after each round. Throws when a session fails.
template <typename OnMessage, typename AfterIo>
void serve(std::vector<std::unique_ptr<Session>>& sessions, OnMessage on_message,
           AfterIo after_io) {
  std::vector<pollfd> fds(sessions.size());
  while (!g_stop) {
    for (std::size_t i = 0; i < sessions.size(); ++i)
      fds[i] = {sessions[i]->fd(),
                static_cast<short>(POLLIN | (sessions[i]->pending_write() ? POLLOUT : 0)), 0};
    const int n = ::poll(fds.data(), fds.size(), 500);
    if (n < 0 && errno != EINTR) throw std::runtime_error("poll failed");
    for (std::size_t i = 0; n > 0 && i < sessions.size(); ++i) {
      Session& s = *sessions[i];
      if (fds[i].revents & POLLOUT) s.write_some();
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        const bool open = s.read_some();
        while (auto message = s.next_message()) {
          if (message_type(*message) == wire::MessageType::kNotification)
            throw std::runtime_error(s.name() + ": " +
                                     notification_text(*message, s.decode_context()));
          on_message(s, *message);
        }
        if (!open) throw std::runtime_error(s.name() + ": connection closed by the peer");
      }
    }
    const auto now = Clock::now();
    for (auto& s : sessions) s->keepalive_if_due(now);
    after_io();
  }
  for (auto& s : sessions) s->shut_down();
}

int inject(Arguments& args) {
  SessionConfig config = session_config(args);
  if (!config.source) throw UsageError("--source is required for inject");
  TableSpec spec;
  spec.prefixes = static_cast<std::uint32_t>(args.number("prefixes", spec.prefixes));
  spec.attribute_sets = static_cast<std::uint32_t>(args.number("attr-sets", spec.attribute_sets));
  spec.peers = static_cast<std::uint32_t>(args.number("peers", 1));
  spec.length = static_cast<unsigned>(args.number("length", spec.length));
  if (args.has("base")) spec.base = args.address("base", true);
  const auto deadline = Clock::now() + std::chrono::seconds(args.number("wait", 60));
  args.check_all_used();
  if (const char* problem = check_spec(spec)) throw UsageError(problem);

  std::vector<std::unique_ptr<Session>> sessions;
  const std::uint32_t first_source = config.source;
  for (std::uint32_t p = 0; p < spec.peers; ++p) {
    config.source = config.router_id = first_source + p;
    sessions.push_back(Session::establish(config, deadline));
  }
  std::printf("established peers=%u peer_as=%u hold=%u\n", spec.peers, sessions[0]->peer_as(),
              sessions[0]->hold_time());

  const auto encode_start = Clock::now();
  std::vector<EncodedTable> tables;
  std::size_t updates = 0, bytes = 0;
  for (std::uint32_t p = 0; p < spec.peers; ++p) {
    tables.push_back(
        encode_table(spec, p, config.local_as, first_source + p, sessions[p]->encode_context()));
    updates += tables.back().updates;
    bytes += tables.back().bytes.size();
  }
  std::printf("encoded updates=%zu bytes=%zu prefixes=%u seconds=%.3f\n", updates, bytes,
              spec.prefixes, std::chrono::duration<double>(Clock::now() - encode_start).count());

  const auto start = Clock::now();
  std::printf("start mono_ns=%lld\n", mono_ns(start));
  std::fflush(stdout);
  for (std::uint32_t p = 0; p < spec.peers; ++p) sessions[p]->send(std::move(tables[p].bytes));

  std::uint64_t received_updates = 0;
  bool sent = false;
  serve(
      sessions,
      [&](Session&, std::span<const std::uint8_t> message) {
        if (message_type(message) == wire::MessageType::kUpdate) ++received_updates;
      },
      [&] {
        if (sent) return;
        for (auto& s : sessions)
          if (s->pending_write()) return;
        sent = true;
        const auto now = Clock::now();
        std::printf("sent mono_ns=%lld seconds=%.3f\n", mono_ns(now),
                    std::chrono::duration<double>(now - start).count());
        std::fflush(stdout);
      });
  std::printf("final received_updates=%llu cpu_s=%.3f\n",
              static_cast<unsigned long long>(received_updates), cpu_seconds());
  return 0;
}

int monitor(Arguments& args) {
  const SessionConfig config = session_config(args);
  const std::uint64_t expect = args.number("expect", 0);
  const auto deadline = Clock::now() + std::chrono::seconds(args.number("wait", 60));
  args.check_all_used();

  std::vector<std::unique_ptr<Session>> sessions;
  sessions.push_back(Session::establish(config, deadline));
  std::printf("established mono_ns=%lld peer_as=%u hold=%u\n", mono_ns(Clock::now()),
              sessions[0]->peer_as(), sessions[0]->hold_time());
  std::fflush(stdout);

  PrefixCount count(expect);
  std::uint64_t updates = 0, bytes = 0, problems = 0;
  Clock::duration decode_time{};
  bool complete = false;
  serve(
      sessions,
      [&](Session& s, std::span<const std::uint8_t> message) {
        if (message_type(message) != wire::MessageType::kUpdate) return;
        const auto t0 = Clock::now();
        const wire::DecodeResult result = wire::decode_message(message, s.decode_context());
        if (const wire::Problem* problem = result.session_reset())
          throw std::runtime_error(s.name() + ": " + problem->reason);
        problems += result.problems.size();
        count.apply(std::get<wire::Update>(*result.message));
        const auto t1 = Clock::now();
        decode_time += t1 - t0;
        ++updates;
        bytes += message.size();
        if (!complete && expect != 0 && count.held() >= expect) {
          complete = true;
          std::printf("complete mono_ns=%lld held=%zu\n", mono_ns(t1), count.held());
          std::fflush(stdout);
        }
      },
      [] {});
  std::printf(
      "final held=%zu announced=%llu withdrawn=%llu updates=%llu bytes=%llu problems=%llu "
      "decode_s=%.3f cpu_s=%.3f\n",
      count.held(), static_cast<unsigned long long>(count.announced()),
      static_cast<unsigned long long>(count.withdrawn()), static_cast<unsigned long long>(updates),
      static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(problems),
      std::chrono::duration<double>(decode_time).count(), cpu_seconds());
  return 0;
}

int fib(Arguments& args) {
  TableSpec spec;
  spec.prefixes = static_cast<std::uint32_t>(args.number("expect", spec.prefixes));
  spec.attribute_sets = 1;  // not used here
  spec.length = static_cast<unsigned>(args.number("length", spec.length));
  if (args.has("base")) spec.base = args.address("base", true);
  args.check_all_used();
  if (const char* problem = check_spec(spec)) throw UsageError(problem);
  return watch_fib(spec, g_stop);
}

std::vector<std::uint8_t> hex_message(const std::string& key, const std::string& text) {
  auto bytes = parse_hex(text);
  if (!bytes) throw UsageError("--" + key + ": not an even number of hex digits");
  return *bytes;
}

int probe(Arguments& args) {
  ProbeConfig config;
  config.session = session_config(args, 9);
  if (!config.session.source) throw UsageError("--source is required for probe");
  for (const std::string& text : args.all("open-hex")) config.open = hex_message("open-hex", text);
  for (const std::string& text : args.all("announce")) {
    const auto prefix = net::Prefix::parse_v4(text);
    if (!prefix) throw UsageError("--announce: not an IPv4 prefix: " + text);
    config.announce.push_back(*prefix);
  }
  for (const std::string& text : args.all("send-hex"))
    config.send.push_back(hex_message("send-hex", text));
  config.wait = std::chrono::seconds(args.number("wait", 3));
  config.connect_timeout = std::chrono::seconds(args.number("connect-timeout", 30));
  args.check_all_used();
  std::printf("%s\n", report_json(run_probe(config, g_stop)).c_str());
  return 0;
}

void usage() {
  std::fprintf(stderr,
               "usage: bgp_load inject --connect ADDR --source ADDR --local-as AS [--peer-as AS]\n"
               "                       [--peers P] [--prefixes N] [--attr-sets K] [--base ADDR]\n"
               "                       [--length L] [COMMON]\n"
               "       bgp_load monitor --connect ADDR [--source ADDR] --local-as AS\n"
               "                       [--peer-as AS] [--expect N] [COMMON]\n"
               "       bgp_load fib --expect N [--base ADDR] [--length L]\n"
               "       bgp_load probe --connect ADDR --source ADDR --local-as AS [--peer-as AS]\n"
               "                      [--port 179] [--hold 9] [--open-hex HEX]\n"
               "                      [--announce PREFIX]... [--send-hex HEX]... [--wait 3]\n"
               "                      [--connect-timeout 30]\n"
               "COMMON: [--port 179] [--hold 180] [--extended-message] [--wait SECONDS]\n");
}

}  // namespace
}  // namespace cfn::bench

int main(int argc, char** argv) {
  using namespace cfn::bench;
  struct sigaction action {};
  action.sa_handler = on_signal;  // no SA_RESTART: poll returns EINTR
  ::sigaction(SIGTERM, &action, nullptr);
  ::sigaction(SIGINT, &action, nullptr);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const std::string mode = argc > 1 ? argv[1] : "";
  try {
    Arguments args(argc, argv);
    if (mode == "inject") return inject(args);
    if (mode == "monitor") return monitor(args);
    if (mode == "fib") return fib(args);
    if (mode == "probe") return probe(args);
    throw UsageError(mode.empty() ? "no mode" : "unknown mode " + mode);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "bgp_load: %s\n", e.what());
    usage();
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bgp_load %s: %s\n", mode.c_str(), e.what());
    return 1;
  }
}
