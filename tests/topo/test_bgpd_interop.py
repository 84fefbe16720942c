"""bgpd-cfn (AS 65001) against real eBGP peers from Debian: FRR bgpd (AS 65003), BIRD 2
(AS 65002) and GoBGP (AS 65004), each on its own veth with an IPv4 and an IPv6 session.

Asserted on each peer's own view (FRR vtysh JSON, ``birdc``, ``gobgp -j``), on bgpd-cfn's
JSON over its vty socket (FRR's field names) and on the kernel FIB of its namespace:
sessions reach Established; routes flow both ways; a route BIRD originates with
communities, extended and large communities and a MED reaches FRR and GoBGP through
bgpd-cfn with ORIGIN and the communities unchanged, AS_PATH "65001 65002" and no MED
(RFC 4271 5.1.4); withdraws propagate; route refresh works both ways (RFC 2918: FRR's
`clear bgp X soft in` makes bgpd-cfn re-send its routes; bgpd-cfn's `clear bgp * soft in`
sends ROUTE-REFRESH to FRR and GoBGP); and
without ``no bgp ebgp-requires-policy`` nothing is sent or accepted on eBGP (RFC 8212).

bgpd-cfn comes from $CFN_BUILD_DIR (default build/release); a missing binary fails.
"""

import types

from cfntopo import (BgpdCfn, bird_route, bird_route_as_paths, frr_neighbor, frr_paths,
                     gobgp_attrs, gobgp_neighbor, gobgp_paths, link_local)

CFN_AS = 65001
CFN_NETS = {"ipv4": "192.0.2.0/24", "ipv6": "2001:db8:100::/48"}
# Peer name -> n: AS 6500n, link 10.0.1n.0/30 and 2001:db8:1n::/64 (bgpd-cfn .1 / ::1, the
# peer .2 / ::2), and the prefixes the peer originates.
PEERS = {"bird": 2, "frr": 3, "gobgp": 4}
PEER_NETS = {"bird": {"ipv4": "203.0.113.0/24", "ipv6": "2001:db8:200::/48"},
             "frr": {"ipv4": "198.51.100.0/24", "ipv6": "2001:db8:300::/48"},
             "gobgp": {"ipv4": "100.64.4.0/24", "ipv6": "2001:db8:400::/48"}}
ATTR_ROUTE = PEER_NETS["bird"]["ipv4"]  # BIRD sets communities and a MED on this one


def addr(name, afi, side):
    """The address of ``side`` ("cfn" or "peer") on the link to peer ``name``."""
    n, host = PEERS[name], 1 if side == "cfn" else 2
    return "10.0.1%d.%d" % (n, host) if afi == "ipv4" else "2001:db8:1%d::%d" % (n, host)


def cfn_config(peers, requires_policy=False):
    lines = ["hostname cfn", "router bgp %d" % CFN_AS, " bgp router-id 10.0.0.1"]
    if not requires_policy:
        lines.append(" no bgp ebgp-requires-policy")
    lines.append(" timers bgp 1 3")
    for name in peers:
        for afi in ("ipv4", "ipv6"):
            lines += [" neighbor %s remote-as %d" % (addr(name, afi, "peer"), 65000 + PEERS[name]),
                      " neighbor %s timers connect 1" % addr(name, afi, "peer")]
    for afi in ("ipv4", "ipv6"):
        lines += [" address-family %s unicast" % afi, "  network %s" % CFN_NETS[afi]]
        for name in peers:
            v6 = addr(name, "ipv6", "peer")
            lines.append("  neighbor %s activate" % v6 if afi == "ipv6"
                         else "  no neighbor %s activate" % v6)
        lines.append(" exit-address-family")
    return "\n".join(lines + ["exit"])


FRR_CONF = """\
hostname frr
router bgp 65003
 bgp router-id 10.0.0.3
 no bgp ebgp-requires-policy
 no bgp network import-check
 timers bgp 1 3
 neighbor 10.0.13.1 remote-as 65001
 neighbor 10.0.13.1 timers connect 1
 neighbor 2001:db8:13::1 remote-as 65001
 neighbor 2001:db8:13::1 timers connect 1
 address-family ipv4 unicast
  network 198.51.100.0/24
  no neighbor 2001:db8:13::1 activate
 exit-address-family
 address-family ipv6 unicast
  network 2001:db8:300::/48
  neighbor 2001:db8:13::1 activate
 exit-address-family
"""

BIRD_CONF = """\
router id 10.0.0.2;
protocol device { }
protocol static static4 {
  ipv4;
%(routes)s}
protocol static static6 {
  ipv6;
  route 2001:db8:200::/48 blackhole;
}
filter to_cfn4 {
  if proto != "static4" then reject;
  if net = 203.0.113.0/24 then {
    bgp_origin = ORIGIN_EGP;
    bgp_med = 50;
    bgp_community.add((65002, 7));
    bgp_ext_community.add((rt, 65002, 7));
    bgp_large_community.add((65002, 3, 4));
  }
  accept;
}
template bgp cfn {
  local as 65002;
  hold time 3;
  keepalive time 1;
  connect retry time 1;
  error wait time 1, 5;
}
protocol bgp cfn4 from cfn {
  local 10.0.12.2;
  neighbor 10.0.12.1 as 65001;
  ipv4 { import all; export filter to_cfn4; };
}
protocol bgp cfn6 from cfn {
  local 2001:db8:12::2;
  neighbor 2001:db8:12::1 as 65001;
  ipv6 { import all; export where proto = "static6"; };
}
"""
BIRD_ROUTES = "  route 203.0.113.0/24 blackhole;\n"

GOBGP_NEIGHBOR = """\
[[neighbors]]
  [neighbors.config]
    neighbor-address = "%s"
    peer-as = 65001
  [neighbors.timers.config]
    connect-retry = 1
    hold-time = 3
    keepalive-interval = 1
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "%s-unicast"
"""
GOBGP_CONF = ("[global.config]\n  as = 65004\n  router-id = \"10.0.0.4\"\n"
              + GOBGP_NEIGHBOR % ("10.0.14.1", "ipv4")
              + GOBGP_NEIGHBOR % ("2001:db8:14::1", "ipv6"))


def build(topo, peers=("bird", "frr", "gobgp"), requires_policy=False):
    """bgpd-cfn on node "cfn" linked to each of ``peers``; the peers started and originating
    their prefixes. Returns a namespace with cfn (node), bgpd and one attribute per peer."""
    t = types.SimpleNamespace(cfn=topo.add_node("cfn"), nodes={})
    for name in peers:
        t.nodes[name] = topo.add_node(name)
        topo.add_link(t.cfn, t.nodes[name],
                      ipv4=(addr(name, "ipv4", "cfn") + "/30", addr(name, "ipv4", "peer") + "/30"),
                      ipv6=(addr(name, "ipv6", "cfn") + "/64", addr(name, "ipv6", "peer") + "/64"))
    t.bgpd = BgpdCfn(t.cfn, cfn_config(peers, requires_policy)).start()
    if "bird" in peers:
        t.bird = t.nodes["bird"].bird(BIRD_CONF % {"routes": BIRD_ROUTES})
    if "frr" in peers:
        t.frr = t.nodes["frr"].frr(bgpd=FRR_CONF, zebra=True)
    if "gobgp" in peers:
        t.gobgp = t.nodes["gobgp"].gobgp(GOBGP_CONF)
        for afi in ("ipv4", "ipv6"):
            t.gobgp.gobgp(["global", "rib", "add", PEER_NETS["gobgp"][afi], "-a", afi], json=False)
    return t


def peer_established(t, name, afi):
    """The peer's own view of its session with bgpd-cfn over ``afi``."""
    cfn_addr = addr(name, afi, "cfn")
    if name == "frr":
        return t.frr.bgp_neighbor_state(cfn_addr, afi=afi) == "Established"
    if name == "bird":
        return t.bird.protocol_info("cfn4" if afi == "ipv4" else "cfn6") == "Established"
    return t.gobgp.neighbor_state(cfn_addr) == "established"


def wait_established(topo, t, peers=PEERS):
    for name in peers:
        for afi in ("ipv4", "ipv6"):
            topo.wait_until(lambda n=name, a=afi: peer_established(t, n, a),
                            desc="%s: %s session with bgpd-cfn Established" % (name, afi))


def test_ebgp_sessions_reach_established_with_frr_bird_gobgp(topo):
    t = build(topo)
    wait_established(topo, t)
    # bgpd-cfn's view of BIRD's route: the MED (FRR's name "metric") and all communities.
    path = topo.wait_until(lambda: t.bgpd.paths(ATTR_ROUTE), desc="bgpd-cfn: " + ATTR_ROUTE)[0]
    assert (path["aspath"]["string"], path["origin"], path["metric"]) == ("65002", "EGP", 50), path
    assert (path["community"]["string"], path["extendedCommunity"]["string"],
            path["largeCommunity"]["string"]) == ("65002:7", "RT:65002:7", "65002:3:4"), path
    # Its summary, per session.
    for name, n in PEERS.items():
        for afi in ("ipv4", "ipv6"):
            peer = addr(name, afi, "peer")

            def one_prefix_received(p=peer, a=afi):
                entry = t.bgpd.summary_peer(p, a)
                return entry and entry.get("state") == "Established" and entry.get("pfxRcd") == 1 \
                    and entry
            entry = topo.wait_until(one_prefix_received,
                                    desc="bgpd-cfn summary: %s Established, pfxRcd 1" % peer)
            assert entry["remoteAs"] == 65000 + n and entry["localAs"] == CFN_AS, entry
            assert entry["pfxSnt"] >= 1, entry  # at least its own network
            assert entry["msgRcvd"] > 0 and entry["msgSent"] > 0, entry
            assert isinstance(entry["peerUptimeMsec"], int) and entry["peerUptimeMsec"] >= 0, entry
    summary = t.bgpd.json("show bgp vrf all ipv4 unicast summary json")["default"]
    assert summary["as"] == CFN_AS and summary["routerId"] == "10.0.0.1", summary
    assert set(summary["peers"]) == {addr(name, "ipv4", "peer") for name in PEERS}, summary


def test_routes_flow_both_ways(topo):
    t = build(topo)
    wait_established(topo, t)
    # bgpd-cfn's networks at each peer, with AS_PATH 65001.
    for afi, prefix in CFN_NETS.items():
        paths = topo.wait_until(lambda p=prefix: frr_paths(t.frr, p), desc="FRR to have " + prefix)
        assert [p["aspath"]["string"] for p in paths] == ["65001"], paths
        assert paths[0]["peer"]["peerId"] == addr("frr", afi, "cfn"), paths

        out = topo.wait_until(lambda p=prefix: bird_route_as_paths(bird_route(t.bird, p))
                              and bird_route(t.bird, p), desc="BIRD to have " + prefix)
        assert bird_route_as_paths(out) == ["65001"], out

        paths = topo.wait_until(lambda p=prefix: gobgp_paths(t.gobgp, p),
                                desc="GoBGP to have " + prefix)
        assert [gobgp_attrs(p)[2]["as_paths"] for p in paths] == \
            [[{"segment_type": 2, "num": 1, "asns": [CFN_AS]}]], paths
    # Each peer's prefixes in bgpd-cfn's FIB, via the peer's address on its link (an IPv6
    # next hop may be the peer's global or its link-local address), with the eBGP metric.
    for name, nets in PEER_NETS.items():
        dev = "cfn-" + name
        for afi, prefix in nets.items():
            gateways = {addr(name, afi, "peer")}
            if afi == "ipv6":
                gateways.add(link_local(t.nodes[name], name + "-cfn"))
            hops = topo.wait_until(lambda p=prefix: t.bgpd.fib_nexthops(p),
                                   desc="bgpd-cfn's FIB to have %s from %s" % (prefix, name))
            assert len(hops) == 1 and hops[0][0] in gateways and hops[0][1] == dev, hops
            assert t.bgpd.fib_route(prefix)["metric"] == BgpdCfn.EBGP_METRIC


def test_communities_pass_through_without_med_then_withdraw(topo):
    t = build(topo)
    # BIRD's own view of what it sends bgpd-cfn: the MED is on the wire.
    def bird_sends():
        out = t.bird.birdc("show route export cfn4 %s all" % ATTR_ROUTE)
        return "BGP.community" in out and out
    sent = topo.wait_until(bird_sends, desc="BIRD to export %s to bgpd-cfn" % ATTR_ROUTE)
    assert "BGP.med: 50" in sent, sent

    # FRR: as its own `show ip bgp PREFIX json` shows it.
    def at_frr():
        paths = frr_paths(t.frr, ATTR_ROUTE)
        return paths and paths[0]["aspath"]["string"] == "65001 65002" and paths
    paths = topo.wait_until(at_frr, desc="FRR to have %s via bgpd-cfn" % ATTR_ROUTE)
    assert len(paths) == 1, paths
    p = paths[0]
    assert p["origin"] == "EGP", p
    assert p["community"]["string"] == "65002:7", p
    assert p["extendedCommunity"]["string"] == "RT:65002:7", p
    assert p["largeCommunity"]["string"] == "65002:3:4", p
    assert "metric" not in p, p  # RFC 4271 5.1.4: a received MED is not passed on to eBGP

    # GoBGP: `gobgp global rib -a ipv4 -j`.
    paths = topo.wait_until(lambda: gobgp_paths(t.gobgp, ATTR_ROUTE),
                            desc="GoBGP to have %s via bgpd-cfn" % ATTR_ROUTE)
    assert len(paths) == 1, paths
    attrs = gobgp_attrs(paths[0])
    assert attrs[1]["value"] == 1, attrs  # ORIGIN EGP
    assert attrs[2]["as_paths"] == [{"segment_type": 2, "num": 2, "asns": [CFN_AS, 65002]}], attrs
    assert attrs[8]["communities"] == [65002 << 16 | 7], attrs
    assert attrs[16]["value"] == [{"type": 0, "subtype": 2, "value": "65002:7"}], attrs  # RT
    assert attrs[32]["value"] == [{"ASN": 65002, "LocalData1": 3, "LocalData2": 4}], attrs
    assert 4 not in attrs, attrs  # no MULTI_EXIT_DISC

    # Withdraw: BIRD drops the route; it goes from FRR, GoBGP and bgpd-cfn's FIB.
    assert t.bgpd.fib_route(ATTR_ROUTE) is not None
    t.bird.reconfigure(BIRD_CONF % {"routes": ""})
    topo.wait_until(lambda: not frr_paths(t.frr, ATTR_ROUTE), desc="FRR to drop " + ATTR_ROUTE)
    topo.wait_until(lambda: not gobgp_paths(t.gobgp, ATTR_ROUTE), desc="GoBGP to drop "
                    + ATTR_ROUTE)
    topo.wait_until(lambda: t.bgpd.fib_route(ATTR_ROUTE) is None,
                    desc="bgpd-cfn's FIB to drop " + ATTR_ROUTE)
    assert t.bird.protocol_info("cfn4") == "Established"


def settled(read):
    """A wait_until predicate: true once ``read()`` returns the same value twice in a row."""
    last = []

    def same_twice():
        value = read()
        done = last == [value]
        last[:] = [value]
        return done
    return same_twice


def test_route_refresh_both_ways(topo):
    t = build(topo, peers=("frr", "gobgp"))
    frr_cfn, gobgp_cfn = addr("frr", "ipv4", "cfn"), addr("gobgp", "ipv4", "cfn")
    for prefix in (CFN_NETS["ipv4"], PEER_NETS["gobgp"]["ipv4"]):
        topo.wait_until(lambda p=prefix: frr_paths(t.frr, p), desc="FRR to have " + prefix)
    for prefix in (CFN_NETS["ipv4"], PEER_NETS["frr"]["ipv4"]):
        topo.wait_until(lambda p=prefix: gobgp_paths(t.gobgp, p), desc="GoBGP to have " + prefix)

    def frr_stats():
        return frr_neighbor(t.frr, frr_cfn)["messageStats"]

    def gobgp_msgs():
        return gobgp_neighbor(t.gobgp, gobgp_cfn)["state"]["messages"]
    topo.wait_until(settled(lambda: frr_stats()["updatesRecv"]), interval=1.5,
                    desc="FRR: updates from bgpd-cfn to settle")

    # FRR asks bgpd-cfn for its routes again (ROUTE-REFRESH): bgpd-cfn re-sends them.
    before = frr_stats()
    t.frr.vtysh("clear bgp %s soft in" % frr_cfn)
    topo.wait_until(lambda: frr_stats()["routeRefreshSent"] > before["routeRefreshSent"]
                    and frr_stats()["updatesRecv"] > before["updatesRecv"],
                    desc="FRR: route refresh sent and bgpd-cfn's UPDATEs received again")
    assert frr_paths(t.frr, CFN_NETS["ipv4"]), "FRR lost %s after the refresh" % CFN_NETS["ipv4"]
    assert frr_neighbor(t.frr, frr_cfn)["connectionsEstablished"] == 1  # soft: no reset

    # bgpd-cfn accepts `clear bgp * soft in` and sends ROUTE-REFRESH to its peers.
    before_frr, before_gobgp = frr_stats(), gobgp_msgs()
    reply = t.bgpd.vty("clear bgp * soft in")[0]
    assert reply.status == 0, reply
    topo.wait_until(lambda: frr_stats()["routeRefreshRecv"] > before_frr["routeRefreshRecv"],
                    desc="FRR to receive a ROUTE-REFRESH from bgpd-cfn")
    topo.wait_until(lambda: gobgp_msgs()["received"].get("refresh", 0)
                    > before_gobgp["received"].get("refresh", 0),
                    desc="GoBGP to receive a ROUTE-REFRESH from bgpd-cfn")
    assert frr_neighbor(t.frr, frr_cfn)["connectionsEstablished"] == 1
    assert t.bgpd.fib_route(PEER_NETS["frr"]["ipv4"]) is not None


def test_ebgp_requires_policy_by_default(topo):
    """RFC 8212: without `no bgp ebgp-requires-policy` (and no policy) bgpd-cfn neither sends
    nor accepts routes on eBGP, though the sessions come up."""
    t = build(topo, peers=("frr",), requires_policy=True)
    cfn4, frr_net = addr("frr", "ipv4", "cfn"), PEER_NETS["frr"]["ipv4"]
    topo.wait_until(lambda: peer_established(t, "frr", "ipv4"), desc="FRR: session Established")

    def frr_sent_its_route():
        return t.frr.vtysh_json("show bgp ipv4 unicast summary json")["peers"][cfn4]["pfxSnt"] >= 1
    topo.wait_until(frr_sent_its_route, desc="FRR to send %s to bgpd-cfn" % frr_net)
    # Messages on a session arrive in order: once FRR has three more KEEPALIVEs from
    # bgpd-cfn, any UPDATE bgpd-cfn sent at Established has arrived, and bgpd-cfn has had
    # as many seconds to act on FRR's UPDATE.
    start = frr_neighbor(t.frr, cfn4)["messageStats"]["keepalivesRecv"]
    topo.wait_until(lambda: frr_neighbor(t.frr, cfn4)["messageStats"]["keepalivesRecv"]
                    >= start + 3, desc="FRR: three more KEEPALIVEs from bgpd-cfn")
    summary = t.frr.vtysh_json("show bgp ipv4 unicast summary json")["peers"][cfn4]
    assert summary["pfxRcd"] == 0, summary
    assert frr_paths(t.frr, CFN_NETS["ipv4"]) == []
    assert t.bgpd.fib_route(frr_net) is None
    assert t.frr.bgp_neighbor_state(cfn4) == "Established"
