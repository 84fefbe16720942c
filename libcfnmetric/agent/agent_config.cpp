// Parser of the cfn-agent config: one command per line, a `service NAME` block for per-service
// settings ended by `exit` or by the next top-level command, every error with its line.
#include "libcfnmetric/agent/agent_config.hpp"

#include <fmt/format.h>
#include <charconv>

namespace cfn::metric {
namespace {

constexpr std::string_view kHostService = "host";

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while ((pos = line.find_first_not_of(" \t\r", pos)) != std::string_view::npos) {
    const std::size_t end = std::min(line.find_first_of(" \t\r", pos), line.size());
    words.push_back(line.substr(pos, end - pos));
    pos = end;
  }
  return words;
}

template <typename T>
std::optional<T> parse_number(std::string_view text, T min, T max) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
    return std::nullopt;
  return value;
}

class Parser {
 public:
  Parser(std::string_view file_name, std::string_view host_name)
      : file_name_(file_name), host_name_(host_name) {}

  ConfigParsed run(std::string_view text) {
    std::size_t line_number = 0;
    while (!text.empty()) {
      const std::size_t end = std::min(text.find('\n'), text.size());
      line_number_ = ++line_number;
      line(split_words(text.substr(0, end)));
      text.remove_prefix(std::min(end + 1, text.size()));
    }
    finish();
    if (!errors_.empty()) return {std::nullopt, std::move(errors_)};
    return {std::move(config_), {}};
  }

 private:
  using Words = std::vector<std::string_view>;

  void error(std::string message) {
    errors_.push_back(fmt::format("{}:{}: {}", file_name_, line_number_, message));
  }

  void line(const Words& words) {
    if (words.empty() || words[0].starts_with('!') || words[0].starts_with('#')) return;
    if (in_service_ && service_command(words)) return;
    in_service_ = false;
    top_command(words);
  }

  // A command of the service block; false when it is not one (the block then ends).
  bool service_command(const Words& w) {
    ServiceConfig& service = config_.services.back();
    if (w[0] == "exit" && w.size() == 1) {
      in_service_ = false;
    } else if (w[0] == "instance" && w.size() == 2) {
      if (is_valid_name(w[1]))
        service.instance = w[1];
      else
        error(bad_name("instance", w[1]));
    } else if (w[0] == "cgroup" && w.size() == 2) {
      service.cgroup = std::string(w[1]);
    } else if (w[0] == "gpu" && w.size() == 1) {
      service.gpu = true;
    } else if (w[0] == "no" && w.size() == 2 && w[1] == "gpu") {
      service.gpu = false;
    } else {
      return false;
    }
    return true;
  }

  void top_command(const Words& w) {
    if (w[0] == "site" && w.size() == 2) {
      if (!is_valid_name(w[1])) return error(bad_name("site", w[1]));
      config_.site = w[1];
    } else if (w[0] == "interval" && w.size() == 2) {
      const auto ms = parse_number<std::int64_t>(w[1], kMinInterval.count(), kMaxInterval.count());
      if (!ms)
        return error(fmt::format("interval must be {} to {} ms, not '{}'", kMinInterval.count(),
                                 kMaxInterval.count(), w[1]));
      config_.interval = std::chrono::milliseconds(*ms);
    } else if (w[0] == "push-socket" && w.size() == 2) {
      if (!w[1].starts_with('/')) return error("push-socket needs an absolute path");
      config_.push_socket = std::string(w[1]);
    } else if (w[0] == "router") {
      router(w);
    } else if (w[0] == "service" && w.size() == 2) {
      if (!is_valid_name(w[1])) return error(bad_name("service", w[1]));
      for (const ServiceConfig& s : config_.services)
        if (s.name == w[1]) return error(fmt::format("service {} configured twice", w[1]));
      config_.services.push_back({std::string(w[1]), std::string(host_name_), std::nullopt, true});
      in_service_ = true;
    } else {
      error(fmt::format("unknown command '{}'", fmt::join(w, " ")));
    }
  }

  // router ADDR port N key-id ID key SECRET
  void router(const Words& w) {
    if (w.size() != 8 || w[2] != "port" || w[4] != "key-id" || w[6] != "key")
      return error("expected: router ADDR port N key-id ID key SECRET");
    const auto address = net::IpAddress::parse(w[1]);
    if (!address) return error(fmt::format("'{}' is not an IP address", w[1]));
    const auto port = parse_number<std::uint16_t>(w[3], 1, 65535);
    if (!port) return error(fmt::format("port must be 1 to 65535, not '{}'", w[3]));
    if (!is_valid_name(w[5])) return error(bad_name("key-id", w[5]));
    for (const RouterTarget& r : config_.routers)
      if (r.address == *address && r.port == *port)
        return error(fmt::format("router {} port {} configured twice", w[1], *port));
    config_.routers.push_back({*address, *port, {std::string(w[5]), std::string(w[7])}});
  }

  static std::string bad_name(std::string_view what, std::string_view name) {
    return fmt::format("{} '{}' must be 1 to {} of A-Z a-z 0-9 . _ : -", what, name,
                       kMaxNameLength);
  }

  void finish() {
    if (config_.site.empty()) errors_.push_back(fmt::format("{}: no site configured", file_name_));
    if (config_.services.empty())
      config_.services.push_back(
          {std::string(kHostService), std::string(host_name_), std::nullopt, true});
  }

  std::string_view file_name_;
  std::string_view host_name_;
  AgentConfig config_;
  std::vector<std::string> errors_;
  std::size_t line_number_ = 0;
  bool in_service_ = false;
};

}  // namespace

ConfigParsed parse_agent_config(std::string_view text, std::string_view file_name,
                                std::string_view host_name) {
  return Parser(file_name, host_name).run(text);
}

AgentConfig host_only_config(std::string_view host_name) {
  AgentConfig config;
  config.site = host_name;
  config.services.push_back(
      {std::string(kHostService), std::string(host_name), std::nullopt, true});
  return config;
}

}  // namespace cfn::metric
