"""cfn-agent live on this machine (no namespaces, no root needed).

``cfn-agent --once --json`` samples /proc/stat twice, 500 ms apart. The test pins a busy loop
to one CPU, reads /proc/stat itself just before the agent starts and just after it exits, and
compares:

* the pinned CPU: busy 100% of the time whoever runs on it, so both readings must be within
  PINNED_TOLERANCE (5 points) of each other, on any load;
* the host total: the agent's 500 ms lie inside the test's interval, so the test's figure is a
  tick-weighted mean of the agent's and that of the rest of the interval (somewhere in 0..1).
  That bounds the agent's total without assuming the machine is quiet; TICK_TOLERANCE (5
  points) covers the 10 ms tick granularity. The total must also cover the pinned CPU's share.

No NVIDIA driver here: the GPU must be reported absent, with a reason. Binary:
$CFN_BUILD_DIR/cfn-agent/cfn-agent (default build/release); a missing one fails the test.
"""

import json
import os
import subprocess
import sys

import pytest

from cfntopo import cfn_binary, wait_until, write_file

PINNED_TOLERANCE = 0.05
TICK_TOLERANCE = 0.05
ONCE_GAP_S = 0.5  # cfn-agent --once samples this far apart

BUSY_LOOP = "import os, sys\nos.sched_setaffinity(0, {int(sys.argv[1])})\nwhile True:\n    pass\n"


def proc_stat():
    """{"cpu": (busy, total), "cpu0": ..., ...} in ticks; busy = total - idle - iowait."""
    out = {}
    with open("/proc/stat") as f:
        for line in f:
            words = line.split()
            if not words[0].startswith("cpu"):
                continue
            ticks = [int(w) for w in words[1:9]]  # user .. steal (guest is inside user)
            out[words[0]] = (sum(ticks) - ticks[3] - ticks[4], sum(ticks))
    return out


def utilization(before, after, name):
    busy = after[name][0] - before[name][0]
    total = after[name][1] - before[name][1]
    assert total > 0, "no ticks elapsed on %s" % name
    return busy / total, total


def process_cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


@pytest.fixture
def busy_cpu():
    """The CPU number a busy loop runs pinned to, for the length of the test."""
    cpu = max(os.sched_getaffinity(0))
    child = subprocess.Popen([sys.executable, "-c", BUSY_LOOP, str(cpu)])
    try:
        # Running, and pinned: it has used CPU time since it started.
        wait_until(lambda: process_cpu_ticks(child.pid) >= 5, timeout=30, desc="busy loop running")
        assert os.sched_getaffinity(child.pid) == {cpu}
        yield cpu
    finally:
        child.kill()
        child.wait()


def run_agent(*args):
    res = subprocess.run([cfn_binary("cfn-agent"), *args], capture_output=True, text=True,
                         timeout=60)
    return res


def test_once_json_cpu_matches_proc_stat(busy_cpu):
    before = proc_stat()
    res = run_agent("--once", "--json")
    after = proc_stat()
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)  # stdout is JSON only; logs go to stderr

    cpu_name = "cpu%d" % busy_cpu
    ours_pinned, _ = utilization(before, after, cpu_name)
    per_cpu = {c["cpu"]: c["utilization"] for c in report["host"]["per_cpu"]}
    assert set(per_cpu) == {int(n[3:]) for n in after if n != "cpu"}
    agent_pinned = per_cpu[busy_cpu]
    assert ours_pinned >= 1 - PINNED_TOLERANCE, "busy loop did not keep %s busy" % cpu_name
    assert abs(agent_pinned - ours_pinned) <= PINNED_TOLERANCE, (agent_pinned, ours_pinned)

    ours_total, total_ticks = utilization(before, after, "cpu")
    agent_total = report["host"]["cpu_utilization"]
    cpus = len(per_cpu)
    # ours_total = w * agent_total + (1 - w) * rest, rest in [0, 1], w = the agent's ticks / ours.
    w = min(1.0, ONCE_GAP_S * os.sysconf("SC_CLK_TCK") * cpus / total_ticks)
    low = (ours_total - (1 - w)) / w - TICK_TOLERANCE
    high = ours_total / w + TICK_TOLERANCE
    assert low <= agent_total <= high, (agent_total, ours_total, w)
    assert agent_total >= agent_pinned / cpus - TICK_TOLERANCE
    assert report["host"]["online_cores"] == cpus

    service = report["services"][0]
    assert (service["service"], service["cgroup"]) == ("host", None)
    assert service["metrics"]["cpu_utilization"] == agent_total  # no cgroup: the host's figure
    assert service["metrics"]["cpu_cores"] == cpus
    for name in ("l2", "capacity", "weight"):
        assert service["costs"][name] is not None


def test_once_reports_gpu_absent():
    res = run_agent("--once", "--json")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["gpu"]["status"] == "absent"
    assert report["gpu"]["reason"]
    metrics = report["services"][0]["metrics"]
    for name in ("gpu_utilization", "gpu_memory_free", "gpu_memory_total", "gpu_power_watts"):
        assert metrics[name] is None
    assert report["services"][0]["costs"]["l1"]["gpu"] is None


def test_config_services_and_errors(tmp_path):
    good = write_file(str(tmp_path / "agent.conf"),
                      "site edge-1\n"
                      "router 127.0.0.1 port 7890 key-id k1 key secret\n"
                      "service video\n instance v1\n no gpu\nexit\n"
                      "service llm\n instance l1\n")
    res = run_agent("-f", good, "--once", "--json")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["site"] == "edge-1"
    assert [(s["service"], s["instance"]) for s in report["services"]] == [("video", "v1"),
                                                                           ("llm", "l1")]
    text = run_agent("-f", good, "--once")
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("site edge-1, sampled over 500 ms\n")
    assert "service llm instance l1\n" in text.stdout

    bad = write_file(str(tmp_path / "bad.conf"), "site edge-1\ninterval 5\nservice video\n gpu on\n")
    res = run_agent("-f", bad, "--once")
    assert res.returncode == 1
    assert res.stdout == ""
    assert res.stderr.splitlines() == [
        "%s:2: interval must be 100 to 3600000 ms, not '5'" % bad,
        "%s:4: unknown command 'gpu on'" % bad,
    ]

    # Without --once the agent needs somewhere to report to.
    res = run_agent()
    assert res.returncode == 1
    assert "no router configured" in res.stderr
    assert run_agent("--version").stdout.startswith("cfn-agent version ")
