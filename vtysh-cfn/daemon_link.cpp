// Daemon links over FRR's vty protocol: one blocking VtyClient per daemon socket.
#include "vtysh-cfn/daemon_link.hpp"

#include <filesystem>

#include "libcfn/vty/vty_client.hpp"

namespace cfn::vtysh {
namespace {

class VtyDaemonLink : public DaemonLink {
 public:
  bool connect(const std::string& path) {
    std::string error;
    return client_.connect(path, error);
  }
  std::optional<vty::VtyReply> execute(std::string_view line) override {
    return client_.execute(line);
  }

 private:
  vty::VtyClient client_;
};

}  // namespace

std::vector<DaemonEndpoint> connect_daemons(const std::string& dir, std::string_view only) {
  std::vector<DaemonEndpoint> endpoints;
  for (const KnownDaemon& daemon : kKnownDaemons) {
    if (!only.empty() && only != daemon.name) continue;
    const std::string path = dir + "/" + std::string(daemon.name) + ".vty";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    auto link = std::make_unique<VtyDaemonLink>();
    if (link->connect(path)) endpoints.push_back({daemon, std::move(link)});
  }
  return endpoints;
}

}  // namespace cfn::vtysh
