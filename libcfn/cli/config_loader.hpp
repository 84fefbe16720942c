// Reads a config file into a daemon, all or nothing: every bad line is reported as
// FILE:LINE: reason, and the caller applies the candidate state only if there were none.
// Lines another daemon owns (the integrated config) are passed over and kept as text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "libcfn/cli/config_text.hpp"
#include "libcfn/cli/session.hpp"

namespace cfn::cli {

struct ConfigError {
  std::string file;
  std::size_t line = 0;
  std::string reason;
  std::string text() const { return file + ":" + std::to_string(line) + ": " + reason; }
};

struct LoadReport {
  std::vector<ConfigError> errors;
  std::string foreign;  // other daemons' sections, as config text
  bool ok() const { return errors.empty(); }
};

LoadReport load_config(std::string_view text, std::string_view file_name, const Grammar& grammar,
                       const CommandTable& table);

}  // namespace cfn::cli
