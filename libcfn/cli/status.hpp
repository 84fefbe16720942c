// FRR's command status codes (lib/command.h CMD_*): what a command returns, and what the vty
// protocol carries in its status byte.
#pragma once

#include <cstdint>

namespace cfn::cli {

enum class Status : std::uint8_t {
  kSuccess = 0,
  kWarning = 1,
  kErrNoMatch = 2,
  kErrAmbiguous = 3,
  kErrIncomplete = 4,
  kErrNothingTodo = 6,
  kWarningConfigFailed = 13,
};

}  // namespace cfn::cli
