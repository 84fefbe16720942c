#!/usr/bin/env bash
# FIB benchmark (issue 3 item 6): kernel-limit sender vs ip -batch vs cfn::fib::Fib.
#
#   bench/fib_bench/run.sh [N] [M]      N single-path IPv4 /24s (default 1000000),
#                                       M routes on 4-way weighted multipath (default 100000)
#   bench/fib_bench/run.sh 1000 100     tiny run: a few seconds, checks that it works
#
# Needs root (creates a network namespace, always deleted on exit). Builds fib_bench if needed
# in $CFN_BENCH_BUILD_DIR (default build/bench, Release; CFN_BENCH_BIN=path skips the build). Extra arguments after M go to
# fib_bench (e.g. --tsv FILE, --write-kib K). Not a test: nothing gates on its PASS/FAIL lines.
set -euo pipefail

N=${1:-1000000}
M=${2:-100000}
shift $(( $# < 2 ? $# : 2 ))

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=${CFN_BENCH_BUILD_DIR:-$ROOT/build/bench}
BIN=${CFN_BENCH_BIN:-$BUILD_DIR/bench/fib_bench/fib_bench}   # CFN_BENCH_BIN: use that binary, no build

if [[ $(id -u) -ne 0 ]]; then
  echo "run.sh: needs root (ip netns add)" >&2
  exit 2
fi

if [[ -z ${CFN_BENCH_BIN:-} ]]; then
  # The release preset's optimisation (-O2): GCC 12's -O3 warns falsely (-Wrestrict) in std::string.
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCFN_BUILD_TESTS=OFF >/dev/null
  cmake --build "$BUILD_DIR" --target fib_bench >/dev/null
fi

NS=cfn-fib-bench-$$
DEV=bench0
cleanup() { ip netns del "$NS" 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

ip netns add "$NS"
ip -n "$NS" link set lo up
# A dummy interface; where the kernel has no dummy driver, a veth pair with both ends in the
# namespace (nothing leaves it either way; nothing is sent to the next hops at all).
if ! ip -n "$NS" link add "$DEV" type dummy 2>/dev/null; then
  ip -n "$NS" link add "$DEV" type veth peer name "${DEV}p"
  ip -n "$NS" link set "${DEV}p" up
fi
ip -n "$NS" link set "$DEV" up
ip -n "$NS" addr add 100.64.0.1/16 dev "$DEV"   # connected /16: next hops 100.64.0.2-5

echo "fib_bench in netns $NS, $(nproc) CPUs, kernel $(uname -r), $(ip -V)"
ip netns exec "$NS" "$BIN" run --netns "$NS" --routes "$N" --multipath "$M" --ifname "$DEV" "$@"
