// The full command list of the suite, in the order help and `?` list them.
#pragma once

#include <vector>

#include "libcfn/cli/command.hpp"

namespace cfn::cli {

std::vector<const CommandDef*> all_commands();

}  // namespace cfn::cli
