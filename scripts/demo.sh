#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs the demo topology (examples/demo)
# from built-in defaults. Pass --keep to leave it running until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec /usr/bin/python3 examples/demo/run_demo.py "$@"
