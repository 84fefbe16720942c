// bgp_load's `fib` mode: how many of the injected prefixes the kernel's main IPv4 table holds
// (any protocol), followed from rtnetlink notifications, recounted from a dump after the
// notification socket overflowed (ENOBUFS).
#pragma once

#include <csignal>

#include "bench/bgp_bench/table.hpp"

namespace cfn::bench {

// Prints `listening`, then `complete mono_ns=T held=N` the moment the table holds all
// spec.prefixes routes, and `final held=N resyncs=R` once `stop` is set. Returns 0; throws
// std::runtime_error on a netlink error. Run it in the namespace of the daemon under test.
int watch_fib(const TableSpec& spec, const volatile std::sig_atomic_t& stop);

}  // namespace cfn::bench
