#!/usr/bin/env bash
# The test command: installs what is missing, builds (release, ASan+UBSan, libFuzzer) and runs
# every test: unit tests, unit tests under sanitizers, fuzz corpus replays plus a short fuzz
# run, and the network-namespace topology tests with real FRR, BIRD, GoBGP and ExaBGP.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

echo "== release build and unit tests"
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release

echo "== unit tests and corpus replays under ASan+UBSan"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

echo "== libFuzzer targets: replay every corpus, then fuzz each target briefly"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
ctest --test-dir build/fuzz --output-on-failure
fuzz_seconds="${CFN_FUZZ_SECONDS:-10}"
for corpus in tests/fuzz/corpus/*/; do
  target="build/fuzz/tests/fuzz/$(basename "$corpus")"
  scratch="$(mktemp -d)"
  "$target" "$scratch" "$corpus" -max_total_time="$fuzz_seconds" -print_final_stats=0 2>&1 | tail -n 2
  rm -rf "$scratch"
done

echo "== topology tests (network namespaces, real peers)"
CFN_BUILD_DIR="$PWD/build/release" /usr/bin/python3 -m pytest -q tests/topo
