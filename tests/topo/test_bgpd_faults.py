"""bgpd-cfn under faults: a peer frozen with SIGSTOP is dropped at hold-timer expiry (timers
1 3) and its routes leave the kernel FIB, and it comes back after SIGCONT; a restarted peer
re-establishes; after `kill -9` of bgpd-cfn its routes stay in the kernel, and a restart
reconciles the FIB with what the peers send now (no stale route).

Asserted on the peers' own views, the TCP connections and ``ip -j route`` of bgpd-cfn's
namespace. bgpd-cfn comes from $CFN_BUILD_DIR (default build/release); a missing binary fails.
"""

import signal

from cfntopo import BgpdCfn, bird_route, bird_route_as_paths, frr_paths, tcp_sessions

CFN_CONF = """\
hostname cfn
router bgp 65001
 bgp router-id 10.0.0.1
 no bgp ebgp-requires-policy
 timers bgp 1 3
 neighbor 10.0.12.2 remote-as 65002
 neighbor 10.0.12.2 timers connect 1
 address-family ipv4 unicast
  network 192.0.2.0/24
 exit-address-family
exit
"""

BIRD_CONF = """\
router id 10.0.0.2;
protocol device { }
protocol static static4 {
  ipv4;
%s}
protocol bgp cfn {
  local 10.0.12.2 as 65002;
  neighbor 10.0.12.1 as 65001;
  hold time 3;
  keepalive time 1;
  connect retry time 1;
  error wait time 1, 5;
  ipv4 { import all; export where proto = "static4"; };
}
"""

FRR_CONF = """\
hostname frr
router bgp 65002
 bgp router-id 10.0.0.2
 no bgp ebgp-requires-policy
 no bgp network import-check
 timers bgp 1 3
 neighbor 10.0.12.1 remote-as 65001
 neighbor 10.0.12.1 timers connect 1
 address-family ipv4 unicast
  network 198.51.100.0/24
 exit-address-family
"""


def bird_routes(*prefixes):
    return BIRD_CONF % "".join("  route %s blackhole;\n" % p for p in prefixes)


def cfn_and_peer(topo):
    cfn, peer = topo.add_node("cfn"), topo.add_node("peer")
    topo.add_link(cfn, peer, ipv4=("10.0.12.1/30", "10.0.12.2/30"))
    return cfn, peer, BgpdCfn(cfn, CFN_CONF).start()


def test_frozen_peer_dropped_at_hold_expiry_then_back(topo):
    cfn, peer, bgpd = cfn_and_peer(topo)
    bird = peer.bird(bird_routes("203.0.113.0/24"))
    topo.wait_until(lambda: bgpd.fib_route("203.0.113.0/24"), desc="203.0.113.0/24 in the FIB")
    topo.wait_until(lambda: bird.protocol_info("cfn") == "Established", desc="BIRD Established")
    session = topo.wait_until(lambda: tcp_sessions(cfn, "10.0.12.2"), desc="the TCP session")
    assert len(session) == 1, session

    # BIRD stops sending KEEPALIVEs; its kernel still ACKs, so only bgpd-cfn's hold timer
    # can end the session: it closes the connection and withdraws BIRD's route.
    bird.proc.signal(signal.SIGSTOP)
    try:
        topo.wait_until(lambda: bgpd.fib_route("203.0.113.0/24") is None,
                        desc="BIRD's route to leave the FIB at hold expiry")
        topo.wait_until(lambda: not session & tcp_sessions(cfn, "10.0.12.2"),
                        desc="bgpd-cfn to close the frozen peer's connection")
    finally:
        bird.proc.signal(signal.SIGCONT)

    topo.wait_until(lambda: bird.protocol_info("cfn") == "Established",
                    desc="BIRD Established again after SIGCONT")
    topo.wait_until(lambda: bgpd.fib_route("203.0.113.0/24"), desc="BIRD's route back in the FIB")
    topo.wait_until(lambda: bird_route_as_paths(bird_route(bird, "192.0.2.0/24")) == ["65001"],
                    desc="BIRD to have bgpd-cfn's 192.0.2.0/24 again")


def test_restarted_peer_reestablishes(topo):
    cfn, peer, bgpd = cfn_and_peer(topo)
    frr = peer.frr(bgpd=FRR_CONF)
    topo.wait_until(lambda: bgpd.fib_route("198.51.100.0/24"), desc="FRR's route in the FIB")

    frr.stop()
    topo.wait_until(lambda: bgpd.fib_route("198.51.100.0/24") is None,
                    desc="FRR's route to leave the FIB when FRR stops")
    frr = peer.frr(bgpd=FRR_CONF, name="frr2")
    topo.wait_until(lambda: frr.bgp_neighbor_state("10.0.12.1") == "Established",
                    desc="the restarted FRR Established with bgpd-cfn")
    topo.wait_until(lambda: bgpd.fib_route("198.51.100.0/24"), desc="FRR's route back in the FIB")
    topo.wait_until(lambda: frr_paths(frr, "192.0.2.0/24"),
                    desc="the restarted FRR to have bgpd-cfn's 192.0.2.0/24")


def test_kill9_then_restart_reconciles_fib(topo):
    cfn, peer, bgpd = cfn_and_peer(topo)
    bird = peer.bird(bird_routes("203.0.113.0/24", "198.51.100.0/24"))
    for prefix in ("203.0.113.0/24", "198.51.100.0/24"):
        topo.wait_until(lambda p=prefix: bgpd.fib_route(p), desc=prefix + " in the FIB")

    bgpd.kill9()
    for prefix in ("203.0.113.0/24", "198.51.100.0/24"):
        assert bgpd.fib_nexthops(prefix) == [("10.0.12.2", "cfn-peer")], \
            "%s left the kernel at kill -9" % prefix

    # While bgpd-cfn is down, BIRD withdraws one route and originates another.
    topo.wait_until(lambda: bird.protocol_info("cfn") != "Established",
                    desc="BIRD to see bgpd-cfn gone")
    bird.reconfigure(bird_routes("203.0.113.0/24", "100.64.0.0/24"))

    bgpd.start()
    topo.wait_until(lambda: bgpd.fib_route("198.51.100.0/24") is None
                    and bgpd.fib_nexthops("203.0.113.0/24") == [("10.0.12.2", "cfn-peer")]
                    and bgpd.fib_nexthops("100.64.0.0/24") == [("10.0.12.2", "cfn-peer")],
                    desc="the FIB reconciled: stale 198.51.100.0/24 gone, 203.0.113.0/24 and "
                         "100.64.0.0/24 present")
    assert bird.protocol_info("cfn") == "Established"
