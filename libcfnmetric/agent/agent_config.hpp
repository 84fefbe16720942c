// cfn-agent's configuration: the site, the routers to report to (address, port, key), the
// reporting interval, the service push socket and the services to sample; parsed from a small
// FRR-style line format (docs/metrics.md). Pure: text in, config or FILE:LINE errors out.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libcfn/net/address.hpp"
#include "libcfnmetric/agent/agent_frame.hpp"

namespace cfn::metric {

struct RouterTarget {
  net::IpAddress address;
  std::uint16_t port = 0;
  AgentKey key;
  bool operator==(const RouterTarget&) const = default;
};

struct ServiceConfig {
  std::string name;
  std::string instance;               // default: the host name
  std::optional<std::string> cgroup;  // absent: the service is the whole host
  bool gpu = true;
  bool operator==(const ServiceConfig&) const = default;
};

struct AgentConfig {
  std::string site;
  std::chrono::milliseconds interval{1000};
  std::optional<std::string> push_socket;
  std::vector<RouterTarget> routers;
  std::vector<ServiceConfig> services;  // never empty once parsed
  bool operator==(const AgentConfig&) const = default;
};

inline constexpr std::chrono::milliseconds kMinInterval{100};
inline constexpr std::chrono::milliseconds kMaxInterval{3600000};

struct ConfigParsed {
  std::optional<AgentConfig> config;
  std::vector<std::string> errors;  // "FILE:LINE: message", in line order
};

// host_name fills what a config leaves out: the instance of each service, and the one service
// "host" when the file has no service block.
ConfigParsed parse_agent_config(std::string_view text, std::string_view file_name,
                                std::string_view host_name);

// Without -f: site and instance are the host name, one service "host", no routers.
AgentConfig host_only_config(std::string_view host_name);

}  // namespace cfn::metric
