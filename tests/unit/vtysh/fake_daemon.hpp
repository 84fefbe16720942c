// Fake daemons for the vtysh-cfn dispatcher: each records the lines it receives and answers
// from a table (empty success by default), or acts as a lost connection.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "vtysh-cfn/shell.hpp"

namespace cfn::vtysh::test {

struct FakeDaemon {
  std::vector<std::string> received;
  std::map<std::string, vty::VtyReply, std::less<>> replies;
  bool lost = false;
};

class FakeLink : public DaemonLink {
 public:
  explicit FakeLink(std::shared_ptr<FakeDaemon> daemon) : daemon_(std::move(daemon)) {}
  std::optional<vty::VtyReply> execute(std::string_view line) override {
    if (daemon_->lost) return std::nullopt;
    daemon_->received.emplace_back(line);
    auto it = daemon_->replies.find(line);
    return it == daemon_->replies.end() ? vty::VtyReply{} : it->second;
  }

 private:
  std::shared_ptr<FakeDaemon> daemon_;
};

// A shell connected to fake bgpd and/or ospfd (null: that daemon is not running).
inline Shell make_shell(const std::shared_ptr<FakeDaemon>& bgpd,
                        const std::shared_ptr<FakeDaemon>& ospfd,
                        std::string config_file = "/nonexistent/cfn.conf") {
  std::vector<DaemonEndpoint> endpoints;
  const std::shared_ptr<FakeDaemon> fakes[] = {bgpd, ospfd};
  for (std::size_t i = 0; i < kKnownDaemons.size(); ++i) {
    if (fakes[i]) endpoints.push_back({kKnownDaemons[i], std::make_unique<FakeLink>(fakes[i])});
  }
  return Shell(std::move(endpoints), std::move(config_file));
}

}  // namespace cfn::vtysh::test
