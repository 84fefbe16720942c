"""Smoke test of the topology harness: FRR bgpd <-> BIRD 2 over a veth, plus cleanup self-tests."""

import os
import subprocess

import pytest

from cfntopo import (ProcessDied, Topology, WaitTimeout, bird_route_as_paths, sweep_stale,
                     wait_until)
from cfntopo.topology import _netns_list

FRR_BGPD = """\
hostname r1
!
router bgp 65001
 bgp router-id 1.1.1.1
 no bgp ebgp-requires-policy
 no bgp network import-check
 timers bgp 1 3
 neighbor 10.0.12.2 remote-as 65002
 neighbor 10.0.12.2 timers connect 1
 address-family ipv4 unicast
  network 192.0.2.0/24
 exit-address-family
!
"""

BIRD_BASE = """\
router id 2.2.2.2;
protocol device {{ }}
protocol static static4 {{
  ipv4;
{routes}}}
protocol bgp frr {{
  local 10.0.12.2 as 65002;
  neighbor 10.0.12.1 as 65001;
  hold time 3;
  keepalive time 1;
  connect retry time 1;
  ipv4 {{
    import all;
    export where proto = "static4";
  }};
}}
"""

BIRD_WITH_ROUTE = BIRD_BASE.format(routes="  route 198.51.100.0/24 blackhole;\n")
BIRD_WITHOUT_ROUTE = BIRD_BASE.format(routes="")


def _frr_prefix(frr, prefix):
    """FRR's `show ip bgp json` entry list for ``prefix`` (None if absent)."""
    return frr.vtysh_json("show ip bgp json").get("routes", {}).get(prefix)


def test_frr_bird_ipv4_session(topo):
    r1, r2 = topo.add_node("r1"), topo.add_node("r2")
    topo.add_link(r1, r2, ipv4=("10.0.12.1/30", "10.0.12.2/30"),
                  ipv6=("2001:db8:12::1/64", "2001:db8:12::2/64"))

    # Link sanity: addresses present, IPv6 usable at once (no DAD, nothing tentative).
    for node, dev in ((r1, "r1-r2"), (r2, "r2-r1")):
        info = node.ip_json("addr", "show", "dev", dev)[0]["addr_info"]
        assert {a["family"] for a in info} >= {"inet", "inet6"}
        assert not [a for a in info if a.get("tentative")], info

    frr = r1.frr(bgpd=FRR_BGPD)
    bird = r2.bird(BIRD_WITH_ROUTE)

    def established_with_one_prefix():
        peer = frr.vtysh_json("show bgp ipv4 unicast summary json")["peers"]["10.0.12.2"]
        return peer["state"] == "Established" and peer["pfxRcd"] == 1 and peer
    topo.wait_until(established_with_one_prefix, desc="FRR: 10.0.12.2 Established, pfxRcd 1")

    paths = topo.wait_until(lambda: _frr_prefix(frr, "198.51.100.0/24"),
                            desc="FRR to have 198.51.100.0/24")
    assert [p["path"] for p in paths] == ["65002"]

    assert bird.protocol_info("frr") == "Established"
    out = topo.wait_until(lambda: bird_route_as_paths(bird.birdc("show route 192.0.2.0/24 all"))
                          and bird.birdc("show route 192.0.2.0/24 all"),
                          desc="BIRD to have 192.0.2.0/24 from FRR")
    assert bird_route_as_paths(out) == ["65001"]
    assert "10.0.12.1" in out

    # Withdraw: drop BIRD's static route and reconfigure.
    bird.reconfigure(BIRD_WITHOUT_ROUTE)
    topo.wait_until(lambda: _frr_prefix(frr, "198.51.100.0/24") is None,
                    desc="FRR to drop 198.51.100.0/24 after BIRD withdraws it")
    assert frr.bgp_neighbor_state("10.0.12.2") == "Established"


def _pid_gone(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A zombie is gone for our purposes.
    with open("/proc/%d/stat" % pid) as f:
        return f.read().split(")")[-1].split()[0] == "Z"


def test_cleanup_removes_namespaces_and_processes(topo):
    # `topo` is only used so the environment check runs (fail, not skip, if not root).
    with Topology(label="selftest") as t:
        n = t.add_node("a")
        t.add_node("b")
        t.add_link("a", "b", ipv4=("10.9.0.1/30", "10.9.0.2/30"))
        sleeper = n.start(["sleep", "1000"], name="sleep")
        # A second process that escapes our process group: still killed via the namespace.
        n.run(["sh", "-c", "setsid sleep 1001 >/dev/null 2>&1 < /dev/null &"])
        wait_until(lambda: len(subprocess.run(["ip", "netns", "pids", n.ns], capture_output=True,
                                              text=True).stdout.split()) >= 2,
                   timeout=10, desc="both sleeps running")
        stray = [int(p) for p in subprocess.run(["ip", "netns", "pids", n.ns], capture_output=True,
                                                text=True).stdout.split()]
        names = [nd.ns for nd in t.nodes.values()]
        run_dir = t.dir
        assert set(names) <= set(_netns_list())
        assert sleeper.alive()
    assert not set(names) & set(_netns_list())
    assert not sleeper.alive()
    for pid in stray:
        assert _pid_gone(pid), "pid %d survived cleanup" % pid
    assert not os.path.exists(run_dir)


def test_cleanup_on_exception_keeps_run_dir(topo):
    with pytest.raises(RuntimeError):
        with Topology(label="selftest-fail") as t:
            n = t.add_node("a")
            p = n.start(["sleep", "1000"], name="sleep")
            run_dir, ns = t.dir, n.ns
            raise RuntimeError("boom")
    assert ns not in _netns_list()
    assert not p.alive()
    assert os.path.exists(os.path.join(run_dir, "a", "sleep.log"))
    subprocess.run(["rm", "-rf", run_dir], check=True)


def test_sweep_removes_stale_namespace(topo):
    # A namespace named as if its owner (a dead pid) crashed, with a process inside.
    stale = "cfnt-999999999-dead-x"
    subprocess.run(["ip", "netns", "add", stale], check=True)
    subprocess.Popen(["ip", "netns", "exec", stale, "sleep", "1000"], start_new_session=True,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: subprocess.run(["ip", "netns", "pids", stale], capture_output=True,
                                          text=True).stdout.strip(), timeout=10, desc="sleep in ns")
        live = topo.add_node("live")  # ours: must survive the sweep
        removed = sweep_stale()
        assert stale in removed
        assert live.ns not in removed
        assert stale not in _netns_list() and live.ns in _netns_list()
    finally:
        subprocess.run(["ip", "netns", "del", stale], capture_output=True)


def test_wait_until_reports_last_value_and_dead_process(topo):
    values = iter(range(100))
    with pytest.raises(WaitTimeout, match=r"the answer.*last value: 0"):
        wait_until(lambda: next(values) and 0, timeout=0.3, interval=0.1, desc="the answer")

    def boom():
        raise KeyError("nope")
    with pytest.raises(WaitTimeout, match=r"boom.*last exception: KeyError"):
        wait_until(boom, timeout=0.2, interval=0.1, desc="boom")

    n = topo.add_node("n")
    n.start(["sh", "-c", "echo about to die; exit 3"], name="dier")
    with pytest.raises(ProcessDied, match=r"(?s)dier on n exited with rc=3.*about to die"):
        topo.wait_until(lambda: False, timeout=30, desc="never")


FRR_HUB = """\
router bgp 65001
 bgp router-id 1.1.1.1
 no bgp ebgp-requires-policy
 no bgp network import-check
 timers bgp 1 3
 neighbor 10.0.12.2 remote-as 65002
 neighbor 10.0.12.2 timers connect 1
 neighbor 10.0.13.2 remote-as 65003
 neighbor 10.0.13.2 timers connect 1
 address-family ipv4 unicast
  network 192.0.2.0/24
 exit-address-family
"""

GOBGP_CONF = """\
[global.config]
  as = 65002
  router-id = "2.2.2.2"
[[neighbors]]
  [neighbors.config]
    neighbor-address = "10.0.12.1"
    peer-as = 65001
  [neighbors.timers.config]
    connect-retry = 1
    hold-time = 3
    keepalive-interval = 1
"""

EXABGP_CONF = """\
neighbor 10.0.13.1 {
  router-id 3.3.3.3;
  local-address 10.0.13.2;
  local-as 65003;
  peer-as 65001;
  hold-time 3;
}
"""


def test_helpers_gobgp_exabgp_frr_zebra(topo):
    """The other peer helpers: FRR with zebra (kernel FIB), GoBGP and ExaBGP injecting routes."""
    r1, r2, r3 = topo.add_node("r1"), topo.add_node("r2"), topo.add_node("r3")
    topo.add_link(r1, r2, ipv4=("10.0.12.1/30", "10.0.12.2/30"))
    topo.add_link(r1, r3, ipv4=("10.0.13.1/30", "10.0.13.2/30"))
    frr = r1.frr(bgpd=FRR_HUB, zebra=True)
    gobgp = r2.gobgp(GOBGP_CONF)
    exa = r3.exabgp(EXABGP_CONF)
    topo.wait_until(lambda: gobgp.neighbor_state("10.0.12.1") == "established",
                    desc="GoBGP: 10.0.12.1 established")
    topo.wait_until(lambda: frr.bgp_neighbor_state("10.0.13.2") == "Established",
                    desc="FRR: ExaBGP 10.0.13.2 Established")

    gobgp.gobgp(["global", "rib", "add", "203.0.113.0/24", "-a", "ipv4"], json=False)
    exa.announce("198.51.100.0/24 next-hop self")
    for prefix, nh, dev in (("203.0.113.0/24", "10.0.12.2", "r1-r2"),
                            ("198.51.100.0/24", "10.0.13.2", "r1-r3")):
        fib = topo.wait_until(lambda p=prefix: r1.route(p), desc="r1 kernel route %s" % prefix)
        assert (fib["gateway"], fib["dev"], fib["protocol"]) == (nh, dev, "bgp")

    paths = topo.wait_until(lambda: gobgp.gobgp(["global", "rib"]).get("192.0.2.0/24"),
                            desc="GoBGP to have 192.0.2.0/24")
    as_paths = [a["as_paths"] for a in paths[0]["attrs"] if a["type"] == 2]
    assert as_paths == [[{"segment_type": 2, "num": 1, "asns": [65001]}]]

    exa.withdraw("198.51.100.0/24 next-hop self")
    topo.wait_until(lambda: r1.route("198.51.100.0/24") is None,
                    desc="r1 kernel route 198.51.100.0/24 to go after ExaBGP withdraws it")
