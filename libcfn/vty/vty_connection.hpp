// The vty server's view of one client session: it hands command lines to a VtyConnection and
// frames the reply in FRR's vty protocol; the daemon supplies the connection (its CLI session).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "libcfn/cli/status.hpp"

namespace cfn::vty {

// FRR's CMD_* status codes, as carried in the status byte after the three NULs.
using VtyStatus = cli::Status;

struct VtyReply {
  VtyStatus status = VtyStatus::kSuccess;
  std::string output;  // text, lines end with '\n'
};

class VtyConnection {
 public:
  virtual ~VtyConnection() = default;
  // Executes one command line (no trailing NUL or newline) in this session's current node.
  virtual VtyReply execute(std::string_view line) = 0;
  // The prompt for the current node, e.g. "r1# " or "r1(config-router)# ".
  virtual std::string prompt() const = 0;
};

using VtyConnectionFactory = std::function<std::unique_ptr<VtyConnection>()>;

}  // namespace cfn::vty
