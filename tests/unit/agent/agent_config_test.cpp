// The cfn-agent config format: a full file, defaults, block handling, and a table of errors
// with their FILE:LINE.
#include <catch2/catch.hpp>

#include <string>

#include "libcfnmetric/agent/agent_config.hpp"

using cfn::metric::AgentConfig;
using cfn::metric::parse_agent_config;
using namespace std::chrono_literals;

TEST_CASE("A full agent config parses into every setting", "[agent][config]") {
  const auto parsed = parse_agent_config(
      "! cfn-agent at edge site 1\n"
      "site edge-1\n"
      "interval 500\n"
      "push-socket /run/cfn/agent.sock\n"
      "router 192.0.2.1 port 7890 key-id k1 key s3cret\n"
      "router 2001:db8::1 port 7891 key-id k2 key other\n"
      "#\n"
      "service video\n"
      " instance video-1\n"
      " cgroup system.slice/video.service\n"
      " no gpu\n"
      "exit\n"
      "service llm\n"
      "  gpu\n"
      "interval 2000\n",  // a top-level command ends the block
      "agent.conf", "h1");
  REQUIRE(parsed.errors.empty());
  REQUIRE(parsed.config);
  const AgentConfig& c = *parsed.config;
  CHECK(c.site == "edge-1");
  CHECK(c.interval == 2000ms);
  CHECK(c.push_socket == "/run/cfn/agent.sock");
  REQUIRE(c.routers.size() == 2);
  CHECK(c.routers[0].address.to_string() == "192.0.2.1");
  CHECK(c.routers[0].port == 7890);
  CHECK(c.routers[0].key == cfn::metric::AgentKey{"k1", "s3cret"});
  CHECK(c.routers[1].address.to_string() == "2001:db8::1");
  CHECK(c.routers[1].key == cfn::metric::AgentKey{"k2", "other"});
  REQUIRE(c.services.size() == 2);
  CHECK(c.services[0] ==
        cfn::metric::ServiceConfig{"video", "video-1", "system.slice/video.service", false});
  CHECK(c.services[1] == cfn::metric::ServiceConfig{"llm", "h1", std::nullopt, true});
}

TEST_CASE("A config without service blocks samples the host as service \"host\"",
          "[agent][config]") {
  const auto parsed = parse_agent_config("site s1\n", "a.conf", "h1");
  REQUIRE(parsed.config);
  CHECK(parsed.config->interval == 1000ms);
  CHECK_FALSE(parsed.config->push_socket.has_value());
  CHECK(parsed.config->routers.empty());
  CHECK(parsed.config->services ==
        std::vector<cfn::metric::ServiceConfig>{{"host", "h1", {}, true}});
}

TEST_CASE("host_only_config names site and instance after the host", "[agent][config]") {
  const AgentConfig c = cfn::metric::host_only_config("h1");
  CHECK(c.site == "h1");
  CHECK(c.routers.empty());
  CHECK(c.services == std::vector<cfn::metric::ServiceConfig>{{"host", "h1", {}, true}});
}

TEST_CASE("Config errors name the file and line; the config is refused",
          "[agent][config][errors]") {
  struct Case {
    std::string text;
    std::string error;
  };
  const Case cases[] = {
      {"", "a.conf: no site configured"},
      {"site s1\nsite\n", "a.conf:2: unknown command 'site'"},
      {"site s1\nfrobnicate 3\n", "a.conf:2: unknown command 'frobnicate 3'"},
      {"site s1\nsite s 1\n", "a.conf:2: unknown command 'site s 1'"},
      {"site s1\nsite s/1\n", "a.conf:2: site 's/1' must be 1 to 64 of A-Z a-z 0-9 . _ : -"},
      {"site s1\ninterval 99\n", "a.conf:2: interval must be 100 to 3600000 ms, not '99'"},
      {"site s1\ninterval 1s\n", "a.conf:2: interval must be 100 to 3600000 ms, not '1s'"},
      {"site s1\npush-socket run/agent.sock\n", "a.conf:2: push-socket needs an absolute path"},
      {"site s1\nrouter 192.0.2.1 port 7890\n",
       "a.conf:2: expected: router ADDR port N key-id ID key SECRET"},
      {"site s1\nrouter 192.0.2.1 port 7890 key k1 key-id s\n",
       "a.conf:2: expected: router ADDR port N key-id ID key SECRET"},
      {"site s1\nrouter router1 port 7890 key-id k1 key s\n",
       "a.conf:2: 'router1' is not an IP address"},
      {"site s1\nrouter 192.0.2.1 port 0 key-id k1 key s\n",
       "a.conf:2: port must be 1 to 65535, not '0'"},
      {"site s1\nrouter 192.0.2.1 port 65536 key-id k1 key s\n",
       "a.conf:2: port must be 1 to 65535, not '65536'"},
      {"site s1\nrouter 192.0.2.1 port 1 key-id k/1 key s\n",
       "a.conf:2: key-id 'k/1' must be 1 to 64 of A-Z a-z 0-9 . _ : -"},
      {"site s1\nrouter 192.0.2.1 port 1 key-id k1 key s\nrouter 192.0.2.1 port 1 key-id k2 key "
       "t\n",
       "a.conf:3: router 192.0.2.1 port 1 configured twice"},
      {"site s1\nservice video\n instance a b\n", "a.conf:3: unknown command 'instance a b'"},
      {"site s1\nservice video\n instance v?\n",
       "a.conf:3: instance 'v?' must be 1 to 64 of A-Z a-z 0-9 . _ : -"},
      {"site s1\ninstance v1\n", "a.conf:2: unknown command 'instance v1'"},
      {"site s1\nservice video\nexit\nexit\n", "a.conf:4: unknown command 'exit'"},
      {"site s1\nservice video\nservice video\n", "a.conf:3: service video configured twice"},
      {"site s1\nservice video\n gpu on\n", "a.conf:3: unknown command 'gpu on'"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const auto parsed = parse_agent_config(c.text, "a.conf", "h1");
    CHECK_FALSE(parsed.config);
    CHECK(parsed.errors == std::vector<std::string>{c.error});
  }
}

TEST_CASE("Every config error is reported, in line order", "[agent][config][errors]") {
  const auto parsed = parse_agent_config("interval 5\nbogus\n", "x.conf", "h1");
  CHECK(parsed.errors == std::vector<std::string>{
                             "x.conf:1: interval must be 100 to 3600000 ms, not '5'",
                             "x.conf:2: unknown command 'bogus'", "x.conf: no site configured"});
}
