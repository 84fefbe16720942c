// Interop: FRR's own vtysh (Debian's frr 8.4) talks to our VtyServer over DIR/bgpd.vty.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include <catch2/catch.hpp>

#include "tests/unit/vty/vty_test_support.hpp"

using cfn::vty::VtyServer;
using cfn::vty::test::ServerHarness;

namespace {

constexpr const char* kVtysh = "/usr/bin/vtysh";

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t size = 0;
  while ((size = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0)
    result.output.append(buffer, size);
  const int status = ::pclose(pipe);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

}  // namespace

TEST_CASE("FRR vtysh shows our running-config", "[vty][interop]") {
  if (::access(kVtysh, X_OK) != 0) {
    FAIL(kVtysh << " is missing: install Debian's frr package (apt-get install frr); the vty "
                   "interop test needs FRR's own vtysh");
  }
  ServerHarness harness;
  std::string error;
  REQUIRE(harness.call_server(
      [&](VtyServer& server) { return server.listen_unix(harness.socket_path, error); }));

  // timeout(1) guards against a hang; vtysh connects to DIR/bgpd.vty.
  const CommandResult result = run_command(std::string("timeout 30 ") + kVtysh + " --vty_socket " +
                                           harness.dir + " -d bgpd -c 'show running-config'");
  INFO(result.output);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("router bgp 65001\n"));
  CHECK_THAT(result.output, Catch::Contains(" neighbor 192.0.2.1 remote-as 65002\n"));

  const std::lock_guard lock(harness.stats.mutex);
  CHECK(harness.stats.lines == std::vector<std::string>{"enable", "do write terminal"});
}
