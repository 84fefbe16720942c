// The cfn::fib::Fib side of the benchmark, run as `fib_bench fib-child NETNS SCENARIO COUNT
// IFINDEX`.
#pragma once

#include <cstdint>
#include <string>

namespace cfn::bench {

// False when the benchmark was built without libcfn/fib (target cfn_fib missing).
bool fib_available();
// Installs, replaces and deletes `count` routes of `scenario` (single, multipath, nhgroup)
// with cfn::fib::Fib; prints "op ...", "stats ..." and "rss_kib ..." lines. Exit status 0 on
// success.
int fib_child_main(const std::string& scenario, std::uint32_t count, std::uint32_t ifindex);

}  // namespace cfn::bench
