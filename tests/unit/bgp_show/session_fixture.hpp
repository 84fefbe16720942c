// A bgpd command table bound to the fake source, and a real CLI session in enable mode that
// runs lines through the suite's grammar.
#pragma once

#include <string_view>

#include "bgpd-cfn/show/bgp_show_commands.hpp"
#include "fake_show_source.hpp"
#include "libcfn/cli/grammar.hpp"
#include "libcfn/cli/session.hpp"

namespace cfn::test {

struct ShowFixture {
  FakeShowSource source;
  cli::CommandTable table{cli::kBgpd};
  cli::Session session{cli::cfn_grammar(), table, cli::SessionMode::kInteractive,
                       cli::Node::kEnable};

  ShowFixture() { bgp::show::bind_bgp_show_commands(table, source); }

  cli::Outcome run(std::string_view line) { return session.execute(line); }
};

}  // namespace cfn::test
