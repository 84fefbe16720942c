"""The README's main job (scripts/demo.sh runs examples/demo/run_demo.py after building): the
demo must bring the eBGP session up and put each router's network into the other's kernel
FIB, so that it never rots."""

import os
import subprocess
import sys

from cfntopo import REPO_ROOT, build_dir


def test_demo_routes_reach_both_kernels():
    env = dict(os.environ, CFN_BUILD_DIR=build_dir())
    demo = os.path.join(REPO_ROOT, "examples", "demo", "run_demo.py")
    res = subprocess.run([sys.executable, demo],
                         capture_output=True, text=True, timeout=120, env=env)
    output = res.stdout + res.stderr
    assert res.returncode == 0, output
    assert "198.51.100.0/24 via 10.0.12.2 dev r1-r2 metric 20" in output, output
    assert "192.0.2.0/24 via 10.0.12.1 dev r2-r1 metric 20" in output, output
    assert "demo finished" in output, output
