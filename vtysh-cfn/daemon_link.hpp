// The daemons vtysh-cfn talks to: a line-in, reply-out link per daemon (an interface, so the
// dispatcher can be tested without sockets) and the connection to their vty Unix sockets.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libcfn/cli/command.hpp"
#include "libcfn/vty/vty_connection.hpp"

namespace cfn::vtysh {

class DaemonLink {
 public:
  virtual ~DaemonLink() = default;
  // Runs one line in the daemon's session; nullopt when the connection is lost.
  virtual std::optional<vty::VtyReply> execute(std::string_view line) = 0;
};

struct KnownDaemon {
  std::string_view name;  // FRR's daemon name; its socket is NAME.vty
  cli::DaemonMask bit;
};
// In the order vtysh-cfn asks them and merges their output.
inline constexpr std::array<KnownDaemon, 2> kKnownDaemons{
    {{"bgpd", cli::kBgpd}, {"ospfd", cli::kOspfd}}};

struct DaemonEndpoint {
  KnownDaemon daemon;
  std::unique_ptr<DaemonLink> link;
};

// Connects to DIR/NAME.vty of every known daemon whose socket exists (only `only`, if not
// empty); daemons that cannot be reached are left out.
std::vector<DaemonEndpoint> connect_daemons(const std::string& dir, std::string_view only);

}  // namespace cfn::vtysh
