// fib-driver: drives a cfn::fib::Fib in the current network namespace with commands read
// from a file (the only argument) or stdin, one per line ('#' starts a comment line):
//   protocol N | table N | metric N | retain      options, before the first change
//   route PREFIX [metric M] (via GW [dev IF] [weight W] | dev IF [weight W])...
//   route PREFIX [metric M] nhid ID
//   nexthop ID via GW dev IF | nexthop ID dev IF | nexthop ID blackhole
//   group ID [resilient buckets B [idle S]] members ID/W...
//   remove PREFIX | remove-nexthop ID
//   generate N BASE/LEN /PLEN via GW dev IF     N consecutive IPv4 /PLEN routes from BASE
//   want-half    drops every second wanted route (prefix order) from the desired state
//   sync         sends everything and waits for the acks: "synced installed=N failed=M"
//   reconcile    reconciles with the kernel and waits: "reconciled routes=N"
//   shutdown     Fib::shutdown(): removes our routes and nexthops unless retain: "shutdown"
//   stats        prints "stats sent=N acks=N errors=N resyncs=N"
//   hold         prints "holding" and keeps running until killed
// Every refusal prints "error PREFIX ERRNO" or "error nexthop ID ERRNO" (e.g. ENETUNREACH).
// The end of the input is a sync. Exit status 2 on a bad command or option.
#include <net/if.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "libcfn/fib/fib.hpp"

namespace {

using cfn::fib::Fib;
using cfn::fib::RouteState;
namespace netlink = cfn::netlink;
namespace net = cfn::net;

constexpr std::uint8_t kScopeLink = 253;

struct BadCommand : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void say(const std::string& line) {
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

std::uint32_t number(const std::string& text) {
  try {
    return static_cast<std::uint32_t>(std::stoul(text));
  } catch (const std::exception&) {
    throw BadCommand("not a number: " + text);
  }
}

net::Prefix prefix(const std::string& text) {
  auto parsed = net::Prefix::parse(text);
  if (!parsed) throw BadCommand("not a prefix: " + text);
  return *parsed;
}

net::IpAddress address(const std::string& text) {
  auto parsed = net::IpAddress::parse(text);
  if (!parsed) throw BadCommand("not an address: " + text);
  return *parsed;
}

std::uint32_t ifindex(const std::string& name) {
  const unsigned index = if_nametoindex(name.c_str());
  if (index == 0) throw BadCommand("no interface " + name);
  return index;
}

class Driver {
 public:
  void execute(const std::vector<std::string>& words);
  void finish() { sync(); }

 private:
  Fib& fib();
  void run_until(const std::function<bool()>& done);
  void sync();
  void route(const std::vector<std::string>& words);
  void nexthop(const std::vector<std::string>& words);
  void group(const std::vector<std::string>& words);
  void generate(const std::vector<std::string>& words);
  void want_half();

  boost::asio::io_context io_;
  cfn::fib::FibOptions options_;
  std::uint32_t metric_ = 20;
  std::unique_ptr<Fib> fib_;
};

Fib& Driver::fib() {
  if (fib_) return *fib_;
  fib_ = std::make_unique<Fib>(io_, options_);
  std::string error;
  if (!fib_->open(error)) throw std::runtime_error(error);
  fib_->on_route_error([](const netlink::Route& route, int error) {
    say("error " + route.prefix.to_string() + " " + strerrorname_np(error));
  });
  fib_->on_nexthop_error([](const netlink::NexthopObject& nexthop, int error) {
    say("error nexthop " + std::to_string(nexthop.id) + " " + strerrorname_np(error));
  });
  return *fib_;
}

void Driver::run_until(const std::function<bool()>& done) {
  while (!done()) {
    if (io_.stopped()) io_.restart();
    io_.run_one();
  }
}

void Driver::sync() {
  Fib& f = fib();
  f.flush();
  run_until([&] { return f.idle(); });
  std::size_t installed = 0, failed = 0;
  for (const auto& [p, status] : f.routes()) {
    installed += status.state == RouteState::kInstalled;
    failed += status.state == RouteState::kFailed;
  }
  say("synced installed=" + std::to_string(installed) + " failed=" + std::to_string(failed));
}

void Driver::execute(const std::vector<std::string>& words) {
  const std::string& command = words[0];
  auto argument = [&](std::size_t i) -> const std::string& {
    if (i >= words.size()) throw BadCommand(command + ": missing argument");
    return words[i];
  };
  if (command == "protocol" || command == "table" || command == "retain") {
    if (fib_) throw BadCommand(command + " after the first change");
    if (command == "protocol") options_.protocol = static_cast<std::uint8_t>(number(argument(1)));
    if (command == "table") options_.table = number(argument(1));
    if (command == "retain") options_.retain = true;
  } else if (command == "metric") {
    metric_ = number(argument(1));
  } else if (command == "route") {
    route(words);
  } else if (command == "nexthop") {
    nexthop(words);
  } else if (command == "group") {
    group(words);
  } else if (command == "remove") {
    fib().remove_route(prefix(argument(1)));
  } else if (command == "remove-nexthop") {
    fib().remove_nexthop(number(argument(1)));
  } else if (command == "generate") {
    generate(words);
  } else if (command == "want-half") {
    want_half();
  } else if (command == "sync") {
    sync();
  } else if (command == "reconcile") {
    bool done = false;
    fib().reconcile([&] { done = true; });
    run_until([&] { return done; });
    say("reconciled routes=" + std::to_string(fib().routes().size()));
  } else if (command == "shutdown") {
    fib().shutdown();
    say("shutdown");
  } else if (command == "stats") {
    const cfn::fib::FibStats& stats = fib().stats();
    say("stats sent=" + std::to_string(stats.requests_sent) +
        " acks=" + std::to_string(stats.acks) + " errors=" + std::to_string(stats.errors) +
        " resyncs=" + std::to_string(stats.resyncs));
  } else if (command == "hold") {
    sync();
    say("holding");
    run_until([] { return false; });
  } else {
    throw BadCommand("unknown command " + command);
  }
}

// route PREFIX [metric M] (via GW [dev IF] [weight W] | dev IF [weight W])... | nhid ID
void Driver::route(const std::vector<std::string>& words) {
  if (words.size() < 2) throw BadCommand("route: missing prefix");
  netlink::Route r;
  r.prefix = prefix(words[1]);
  r.metric = metric_;
  for (std::size_t i = 2; i + 1 < words.size(); i += 2) {
    const std::string& key = words[i];
    const std::string& value = words[i + 1];
    if (key == "metric") {
      r.metric = number(value);
    } else if (key == "nhid") {
      r.nexthop_id = number(value);
    } else if (key == "via") {
      r.nexthops.emplace_back().gateway = address(value);
    } else if (key == "dev") {
      if (r.nexthops.empty() || r.nexthops.back().ifindex != 0) r.nexthops.emplace_back();
      r.nexthops.back().ifindex = ifindex(value);
    } else if (key == "weight" && !r.nexthops.empty()) {
      r.nexthops.back().weight = static_cast<std::uint16_t>(number(value));
    } else {
      throw BadCommand("route: unexpected " + key);
    }
  }
  if (r.nexthops.size() == 1 && !r.nexthops[0].gateway) r.scope = kScopeLink;
  fib().set_route(std::move(r));
}

// nexthop ID via GW dev IF | nexthop ID dev IF | nexthop ID blackhole
void Driver::nexthop(const std::vector<std::string>& words) {
  if (words.size() < 3) throw BadCommand("nexthop: missing arguments");
  netlink::NexthopObject n;
  n.id = number(words[1]);
  for (std::size_t i = 2; i < words.size(); ++i) {
    if (words[i] == "blackhole") {
      n.blackhole = true;
    } else if (words[i] == "via" && i + 1 < words.size()) {
      n.gateway = address(words[++i]);
      n.family = n.gateway->family();
    } else if (words[i] == "dev" && i + 1 < words.size()) {
      n.ifindex = ifindex(words[++i]);
    } else {
      throw BadCommand("nexthop: unexpected " + words[i]);
    }
  }
  fib().set_nexthop(std::move(n));
}

// group ID [resilient buckets B [idle S]] members ID/W...
void Driver::group(const std::vector<std::string>& words) {
  if (words.size() < 4) throw BadCommand("group: missing arguments");
  netlink::NexthopObject n;
  n.id = number(words[1]);
  bool members = false;
  for (std::size_t i = 2; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (members) {
      const auto slash = word.find('/');
      netlink::GroupMember member;
      member.id = number(word.substr(0, slash));
      if (slash != std::string::npos)
        member.weight = static_cast<std::uint16_t>(number(word.substr(slash + 1)));
      n.group.push_back(member);
    } else if (word == "members") {
      members = true;
    } else if (word == "resilient") {
      n.resilient = true;
    } else if (word == "buckets" && i + 1 < words.size()) {
      n.buckets = static_cast<std::uint16_t>(number(words[++i]));
    } else if (word == "idle" && i + 1 < words.size()) {
      n.idle_timer_s = number(words[++i]);
    } else {
      throw BadCommand("group: unexpected " + word);
    }
  }
  if (n.group.empty()) throw BadCommand("group: no members");
  fib().set_nexthop(std::move(n));
}

// generate N BASE/LEN /PLEN via GW dev IF
void Driver::generate(const std::vector<std::string>& words) {
  if (words.size() < 8 || words[3].size() < 2 || words[3][0] != '/')
    throw BadCommand("generate N BASE/LEN /PLEN via GW dev IF");
  const std::uint32_t count = number(words[1]);
  const net::Prefix base = prefix(words[2]);
  const unsigned length = number(words[3].substr(1));
  if (!base.is_v4() || length > 32 || length < base.length()) throw BadCommand("generate: IPv4");
  const std::uint64_t step = std::uint64_t{1} << (32 - length);
  if (count * step > (std::uint64_t{1} << (32 - base.length())))
    throw BadCommand("generate: too many routes for the base prefix");
  netlink::Route r;
  r.metric = metric_;
  r.nexthops.emplace_back().gateway = address(words[5]);
  r.nexthops.back().ifindex = ifindex(words[7]);
  for (std::uint32_t i = 0; i < count; ++i) {
    const auto value = static_cast<std::uint32_t>(base.address().v4_value() + i * step);
    r.prefix = net::Prefix(net::IpAddress::from_v4(value), length);
    fib().set_route(r);
  }
}

void Driver::want_half() {
  std::vector<net::Prefix> drop;
  bool odd = false;
  for (const auto& [p, status] : fib().routes()) {
    if (odd) drop.push_back(p);
    odd = !odd;
  }
  for (const net::Prefix& p : drop) fib().remove_route(p);
}

std::vector<std::string> split_words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

}  // namespace

int main(int argc, char** argv) {
  std::ifstream file;
  if (argc > 1) {
    file.open(argv[1]);
    if (!file) {
      std::fprintf(stderr, "fib-driver: cannot read %s\n", argv[1]);
      return 2;
    }
  }
  std::istream& in = argc > 1 ? static_cast<std::istream&>(file) : std::cin;
  Driver driver;
  try {
    for (std::string line; std::getline(in, line);) {
      auto words = split_words(line);
      if (!words.empty() && words[0][0] != '#') driver.execute(words);
    }
    driver.finish();
  } catch (const BadCommand& e) {
    std::fprintf(stderr, "fib-driver: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fib-driver: %s\n", e.what());
    return 1;
  }
  return 0;
}
