// Both daemons built in-process with default options, for config tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "bgpd-cfn/bgpd_instance.hpp"
#include "libcfn/cli/config_text.hpp"
#include "ospfd-cfn/ospfd_instance.hpp"

struct BothDaemons {
  cfn::bgp::BgpdInstance bgpd{{}};
  cfn::ospfd::OspfdInstance ospfd{{}};

  // Loads `text` into both daemons; returns both daemons' errors, bgpd's first.
  std::string load(const std::string& text, const std::string& name = "test.conf") {
    std::string errors;
    bgpd.daemon().load_config_text(text, name, errors);
    ospfd.daemon().load_config_text(text, name, errors);
    return errors;
  }

  // The integrated running config, as vtysh-cfn merges it.
  std::string running_config() {
    const std::string texts[] = {bgpd.daemon().running_config(), ospfd.daemon().running_config()};
    return cfn::cli::format_config(cfn::cli::merge_config_blocks(texts));
  }
};

inline std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}
