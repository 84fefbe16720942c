// Argument look-up for matched commands.
#include "libcfn/cli/command.hpp"

namespace cfn::cli {

std::optional<std::string_view> Args::find(std::string_view name) const {
  for (const auto& arg : items_) {
    if (arg.name == name) return std::string_view(arg.value);
  }
  return std::nullopt;
}

}  // namespace cfn::cli
