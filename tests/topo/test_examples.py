"""Every example config under examples/ (recursively) passes both daemons' config check,
and every cfn-agent example (*.cfg) loads in cfn-agent.

`bgpd-cfn -C -f FILE` and `ospfd-cfn -C -f FILE` must both exit 0: each daemon checks
the whole integrated file (its own sections applied, the other's validated and passed
over). Binaries from $CFN_BUILD_DIR (default build/release); missing ones fail.
"""

import glob
import os
import subprocess

import pytest

from cfntopo import REPO_ROOT, cfn_binary

EXAMPLES_DIR = os.path.join(REPO_ROOT, "examples")
EXAMPLES = sorted(os.path.relpath(p, EXAMPLES_DIR)
                  for p in glob.glob(os.path.join(EXAMPLES_DIR, "**", "*.conf"), recursive=True))


def test_examples_exist():
    assert EXAMPLES, "no *.conf under %s" % EXAMPLES_DIR
    for required in ("bgp-basic.conf", "ospf-basic.conf", "integrated.conf",
                     "demo/r1.conf", "demo/r2.conf"):
        assert required in EXAMPLES, "%s missing from examples/" % required


def test_examples_documented():
    with open(os.path.join(EXAMPLES_DIR, "README.md")) as f:
        readme = f.read()
    for name in EXAMPLES:
        assert name in readme, "examples/README.md does not describe %s" % name


@pytest.mark.parametrize("daemon", ["bgpd-cfn", "ospfd-cfn"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_example_config_checks(example, daemon):
    path = os.path.join(EXAMPLES_DIR, example)
    res = subprocess.run([cfn_binary(daemon), "-C", "-f", path], capture_output=True,
                         text=True, timeout=30)
    assert res.returncode == 0, "%s -C -f %s: rc=%d\n%s%s" % (daemon, path, res.returncode,
                                                              res.stdout, res.stderr)


AGENT_EXAMPLES = sorted(os.path.relpath(p, EXAMPLES_DIR)
                        for p in glob.glob(os.path.join(EXAMPLES_DIR, "**", "*.cfg"),
                                           recursive=True))


def test_agent_examples_exist_and_are_documented():
    assert "agent/agent.cfg" in AGENT_EXAMPLES
    with open(os.path.join(EXAMPLES_DIR, "README.md")) as f:
        readme = f.read()
    for name in AGENT_EXAMPLES:
        assert name in readme, "examples/README.md does not describe %s" % name


@pytest.mark.parametrize("example", AGENT_EXAMPLES)
def test_agent_example_loads(example):
    """cfn-agent reads the example and reports every service in it (--once sends nothing)."""
    import json
    import re
    path = os.path.join(EXAMPLES_DIR, example)
    res = subprocess.run([cfn_binary("cfn-agent"), "-f", path, "--once", "--json"],
                         capture_output=True, text=True, timeout=30)
    assert res.returncode == 0, "cfn-agent -f %s: rc=%d\n%s%s" % (path, res.returncode,
                                                                res.stdout, res.stderr)
    report = json.loads(res.stdout)
    with open(path) as f:
        services = re.findall(r"^service (\S+)", f.read(), re.M)
    assert services
    printed = json.dumps(report)
    for name in services:
        assert '"%s"' % name in printed, "service %s missing from the report" % name
