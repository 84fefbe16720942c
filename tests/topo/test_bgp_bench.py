"""The BGP benchmark (bench/bgp_bench, issue 5 item 7) at a tiny N, as a test: its runner sends
N prefixes with ``bgp_load inject`` through real FRR bgpd, BIRD 2 and GoBGP, each in its own
namespaces, and ``bgp_load monitor`` must count every prefix each daemon re-advertises (and,
with ``--fib``, the kernel of FRR's and BIRD's namespace must hold every route). No time is
asserted.

bgp_load comes from ``$CFN_BUILD_DIR/bench/bgp_bench/bgp_load`` (default build/release); a
missing binary fails the tests.
"""

import csv
import os
import subprocess

from cfntopo import REPO_ROOT, MissingBinary, build_dir

N, K = 1000, 10
RUNNER = os.path.join(REPO_ROOT, "bench", "bgp_bench", "run.sh")


def bgp_load():
    path = os.path.join(build_dir(), "bench", "bgp_bench", "bgp_load")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise MissingBinary("bgp_load is not built: no executable %s (set CFN_BUILD_DIR)" % path)
    return path


def run_bench(tmp_path, *options):
    """Runs the benchmark at N, K; its rows by daemon name (from --tsv) and its output."""
    tsv = tmp_path / "bench.tsv"
    env = dict(os.environ, CFN_BENCH_BIN=bgp_load())
    res = subprocess.run([RUNNER, str(N), str(K), "--timeout", "30", "--tsv", str(tsv)]
                         + list(options), capture_output=True, text=True, timeout=150, env=env)
    output = "rc=%d\n%s%s" % (res.returncode, res.stdout, res.stderr)
    assert tsv.exists(), output
    with open(tsv) as f:
        rows = {row["daemon"]: row for row in csv.DictReader(f, delimiter="\t")}
    return res.returncode, rows, output


def test_monitor_counts_every_prefix_through_each_daemon(tmp_path):
    rc, rows, output = run_bench(tmp_path, "--peers", "2")
    assert rc == 0, output
    assert set(rows) == {"bgpd-cfn", "frr", "bird", "gobgp"}, output
    for daemon in ("bgpd-cfn", "frr", "bird", "gobgp"):
        row = rows[daemon]
        assert row["status"] == "ok", output
        assert int(row["held"]) == N, output
        assert int(row["peers"]) == 2
        assert float(row["seconds"]) > 0, output
        assert int(row["rss_peak_kib"]) > 0, output


def test_fib_mode_counts_kernel_routes(tmp_path):
    rc, rows, output = run_bench(tmp_path, "--fib")
    assert rc == 0, output
    for daemon in ("bgpd-cfn", "frr", "bird"):
        assert rows[daemon]["status"] == "ok", output
        assert int(rows[daemon]["held"]) == N, output
        assert "kernel" in rows[daemon]["note"], output
    assert rows["gobgp"]["status"] == "n/a", output
