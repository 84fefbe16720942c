"""bgpd-cfn's kernel FIB from BGP: an iBGP session with FRR carries LOCAL_PREF both ways and
next hops resolve through connected routes (installed with the iBGP metric 200); two eBGP
peers sending one prefix give an ECMP kernel route with `maximum-paths 2` and
`bgp bestpath as-path multipath-relax`, and each withdraw takes its nexthop away.

Asserted on FRR's and bgpd-cfn's JSON and on ``ip -j route`` in bgpd-cfn's namespace.
bgpd-cfn comes from $CFN_BUILD_DIR (default build/release); a missing binary fails.
"""

from cfntopo import BgpdCfn, frr_paths

CFN_IBGP = """\
hostname cfn
router bgp 65001
 bgp router-id 10.0.0.1
 timers bgp 1 3
 neighbor 10.0.12.2 remote-as 65001
 neighbor 10.0.12.2 timers connect 1
 address-family ipv4 unicast
  network 192.0.2.0/24
 exit-address-family
exit
"""

# FRR sets LOCAL_PREF 250 on what it sends bgpd-cfn; 198.51.101.0/24 carries a next hop
# (10.0.99.9) that bgpd-cfn cannot reach until a connected route covers it.
FRR_IBGP = """\
hostname frr
route-map LP250 permit 10
 set local-preference 250
exit
route-map FAR-NEXT-HOP permit 10
 set ip next-hop 10.0.99.9
exit
router bgp 65001
 bgp router-id 10.0.0.2
 no bgp network import-check
 timers bgp 1 3
 neighbor 10.0.12.1 remote-as 65001
 neighbor 10.0.12.1 timers connect 1
 address-family ipv4 unicast
  network 198.51.100.0/24
  network 198.51.101.0/24 route-map FAR-NEXT-HOP
  neighbor 10.0.12.1 route-map LP250 out
 exit-address-family
"""


def test_ibgp_local_pref_and_connected_next_hops(topo):
    cfn, peer = topo.add_node("cfn"), topo.add_node("frr")
    topo.add_link(cfn, peer, ipv4=("10.0.12.1/30", "10.0.12.2/30"))
    bgpd = BgpdCfn(cfn, CFN_IBGP).start()
    frr = peer.frr(bgpd=FRR_IBGP)

    # FRR's route, its next hop on the connected /30: in the FIB with the iBGP metric.
    hops = topo.wait_until(lambda: bgpd.fib_nexthops("198.51.100.0/24"),
                           desc="bgpd-cfn's FIB to have 198.51.100.0/24 from FRR")
    assert hops == [("10.0.12.2", "cfn-frr")], hops
    assert bgpd.fib_route("198.51.100.0/24")["metric"] == BgpdCfn.IBGP_METRIC

    # bgpd-cfn's network at FRR, over iBGP: LOCAL_PREF 100 (the default), empty AS_PATH.
    paths = topo.wait_until(lambda: frr_paths(frr, "192.0.2.0/24"),
                            desc="FRR to have 192.0.2.0/24 from bgpd-cfn")
    assert len(paths) == 1, paths
    assert paths[0]["locPrf"] == 100 and paths[0]["aspath"]["segments"] == [], paths
    assert paths[0]["peer"]["type"] == "internal", paths

    # bgpd-cfn's view of FRR's route: LOCAL_PREF 250 from FRR's route-map.
    paths = bgpd.paths("198.51.100.0/24")
    assert len(paths) == 1 and paths[0]["locPrf"] == 250, paths
    assert paths[0]["peer"]["type"] == "internal", paths

    # 10.0.99.9 is unreachable: bgpd-cfn holds the path, not valid, and installs nothing.
    far = topo.wait_until(lambda: bgpd.paths("198.51.101.0/24"),
                          desc="bgpd-cfn to hold 198.51.101.0/24")
    assert len(far) == 1 and not far[0].get("valid"), far
    assert bgpd.fib_route("198.51.101.0/24") is None
    # A connected route that covers it appears: the route resolves and is installed.
    cfn.ip("link", "add", "far0", "type", "veth", "peer", "name", "far1")
    cfn.ip("addr", "add", "10.0.99.1/24", "dev", "far0")
    cfn.ip("link", "set", "far1", "up")
    cfn.ip("link", "set", "far0", "up")
    hops = topo.wait_until(lambda: bgpd.fib_nexthops("198.51.101.0/24"),
                           desc="198.51.101.0/24 in the FIB once 10.0.99.9 is connected")
    assert hops == [("10.0.99.9", "far0")], hops
    assert bgpd.fib_route("198.51.101.0/24")["metric"] == BgpdCfn.IBGP_METRIC


CFN_ECMP = """\
hostname cfn
router bgp 65001
 bgp router-id 10.0.0.1
 no bgp ebgp-requires-policy
 bgp bestpath as-path multipath-relax
 timers bgp 1 3
 neighbor 10.0.12.2 remote-as 65002
 neighbor 10.0.12.2 timers connect 1
 neighbor 10.0.13.2 remote-as 65003
 neighbor 10.0.13.2 timers connect 1
 address-family ipv4 unicast
  maximum-paths 2
 exit-address-family
exit
"""

FRR_ECMP = """\
hostname frr
router bgp 65002
 bgp router-id 10.0.0.2
 no bgp ebgp-requires-policy
 no bgp network import-check
 timers bgp 1 3
 neighbor 10.0.12.1 remote-as 65001
 neighbor 10.0.12.1 timers connect 1
 address-family ipv4 unicast
  network 203.0.113.0/24
 exit-address-family
"""

# ORIGIN IGP as FRR's `network`, so both paths are equal up to the router id.
BIRD_ECMP = """\
router id 10.0.0.3;
protocol device { }
protocol static static4 {
  ipv4;
%s}
protocol bgp cfn {
  local 10.0.13.2 as 65003;
  neighbor 10.0.13.1 as 65001;
  hold time 3;
  keepalive time 1;
  connect retry time 1;
  ipv4 { import all; export filter { bgp_origin = ORIGIN_IGP; accept; }; };
}
"""
PREFIX = "203.0.113.0/24"


def test_ecmp_from_two_ebgp_peers(topo):
    cfn = topo.add_node("cfn")
    frr_node, bird_node = topo.add_node("frr"), topo.add_node("bird")
    topo.add_link(cfn, frr_node, ipv4=("10.0.12.1/30", "10.0.12.2/30"))
    topo.add_link(cfn, bird_node, ipv4=("10.0.13.1/30", "10.0.13.2/30"))
    bgpd = BgpdCfn(cfn, CFN_ECMP).start()
    frr = frr_node.frr(bgpd=FRR_ECMP)
    bird = bird_node.bird(BIRD_ECMP % ("  route %s blackhole;\n" % PREFIX))

    both = [("10.0.12.2", "cfn-frr"), ("10.0.13.2", "cfn-bird")]
    topo.wait_until(lambda: bgpd.fib_nexthops(PREFIX) == both,
                    desc="an ECMP kernel route for %s via FRR and BIRD" % PREFIX)
    assert bgpd.fib_route(PREFIX)["metric"] == BgpdCfn.EBGP_METRIC

    bird.reconfigure(BIRD_ECMP % "")
    topo.wait_until(lambda: bgpd.fib_nexthops(PREFIX) == both[:1],
                    desc="one nexthop (FRR) left after BIRD withdraws %s" % PREFIX)

    frr.configure("router bgp 65002", "address-family ipv4 unicast", "no network " + PREFIX)
    topo.wait_until(lambda: bgpd.fib_route(PREFIX) is None,
                    desc="the kernel route to go after FRR withdraws %s too" % PREFIX)
