"""Every config under examples/ passes both daemons' dry run (-C), as FRR's -C does."""
import glob
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("CFN_BUILD_DIR", os.path.join(ROOT, "build", "release"))
EXAMPLES = sorted(glob.glob(os.path.join(ROOT, "examples", "**", "*.conf"), recursive=True))


def test_there_are_examples():
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("daemon", ["bgpd-cfn", "ospfd-cfn"])
@pytest.mark.parametrize("conf", EXAMPLES, ids=lambda p: os.path.relpath(p, ROOT))
def test_example_passes_dry_run(conf, daemon):
    binary = os.path.join(BUILD, daemon, daemon)
    assert os.path.exists(binary), binary + " is not built"
    run = subprocess.run([binary, "-C", "-f", conf], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
