// The interactive vtysh-cfn shell: readline with history, `?` help and TAB completion.
#pragma once

#include "vtysh-cfn/shell.hpp"

namespace cfn::vtysh {

// Reads and runs lines until exit, quit or end of input; returns the exit status.
int run_interactive(Shell& shell);

}  // namespace cfn::vtysh
