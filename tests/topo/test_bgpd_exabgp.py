"""bgpd-cfn with ExaBGP 4 (Debian's): the session comes up, routes flow both ways (ExaBGP's
route with its communities, large community and MED lands in bgpd-cfn's table and kernel FIB;
bgpd-cfn's network shows in ExaBGP's Adj-RIB-In with AS_PATH 65001), and a withdraw removes
the kernel route."""

from cfntopo.bgp import BgpdCfn

CFN = """\
hostname r1
router bgp 65001
 bgp router-id 10.0.15.1
 no bgp ebgp-requires-policy
 timers bgp 1 3
 neighbor 10.0.15.2 remote-as 65005
 neighbor 10.0.15.2 timers connect 1
 address-family ipv4 unicast
  network 192.0.2.0/24
 exit-address-family
"""

EXABGP = """\
neighbor 10.0.15.1 {
  router-id 10.0.15.2;
  local-address 10.0.15.2;
  local-as 65005;
  peer-as 65001;
  hold-time 3;
  adj-rib-in true;
}
"""

ROUTE = ("203.0.113.0/24 next-hop self med 30 community [65005:7] "
         "large-community [65005:3:4] as-path [65005 64999]")


def test_exabgp_routes_both_ways(topo):
    r1, r2 = topo.add_node("r1"), topo.add_node("r2")
    topo.add_link(r1, r2, ipv4=("10.0.15.1/24", "10.0.15.2/24"))
    cfn = BgpdCfn(r1, CFN).start()
    exa = r2.exabgp(EXABGP)
    topo.wait_until(lambda: (cfn.summary_peer("10.0.15.2") or {}).get("state") == "Established",
                    desc="bgpd-cfn: ExaBGP Established")

    exa.announce(ROUTE)
    route = topo.wait_until(lambda: cfn.fib_route("203.0.113.0/24"),
                            desc="ExaBGP's route in bgpd-cfn's FIB")
    assert (route["gateway"], route["metric"]) == ("10.0.15.2", BgpdCfn.EBGP_METRIC)
    path = cfn.paths("203.0.113.0/24")[0]
    assert path["aspath"]["string"] == "65005 64999"
    assert path["metric"] == 30
    assert path["community"]["string"] == "65005:7"
    assert path["largeCommunity"]["string"] == "65005:3:4"

    received = topo.wait_until(lambda: "192.0.2.0/24" in exa.cli("show adj-rib in extensive")
                               and exa.cli("show adj-rib in extensive"),
                               desc="ExaBGP's Adj-RIB-In to hold bgpd-cfn's network")
    line = next(line for line in received.splitlines() if "192.0.2.0/24" in line)
    assert "65001" in line and "10.0.15.1" in line, received

    exa.withdraw("203.0.113.0/24 next-hop self")
    topo.wait_until(lambda: cfn.fib_route("203.0.113.0/24") is None,
                    desc="the kernel route to go after ExaBGP withdraws")
    assert (cfn.summary_peer("10.0.15.2") or {}).get("state") == "Established"


def test_router_id_from_interfaces(topo):
    """Without `bgp router-id`, the highest IPv4 address outside 127/8 (as zebra picks it) once
    the kernel's addresses are known; the session then comes up."""
    r1, r2 = topo.add_node("r1"), topo.add_node("r2")
    topo.add_link(r1, r2, ipv4=("10.0.15.1/24", "10.0.15.2/24"))
    r1.run(["ip", "addr", "add", "10.255.0.1/32", "dev", "lo"])
    cfn = BgpdCfn(r1, CFN.replace(" bgp router-id 10.0.15.1\n", "")).start()
    exa = r2.exabgp(EXABGP)
    topo.wait_until(lambda: (cfn.summary_peer("10.0.15.2") or {}).get("state") == "Established",
                    desc="bgpd-cfn: ExaBGP Established")
    summary = cfn.json("show bgp vrf all ipv4 unicast summary json")["default"]
    assert summary["routerId"] == "10.255.0.1"
    exa.announce("203.0.113.0/24 next-hop self")
    topo.wait_until(lambda: cfn.fib_route("203.0.113.0/24"), desc="ExaBGP's route in the FIB")
