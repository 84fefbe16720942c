"""The daemons and the kernel FIB: at start-up a daemon keeps only the routes of its own
protocol that it wants (none yet: BGP and OSPF arrive with later issues), never touches other
protocols' routes, leaves the FIB alone with -n, and shows what it owns with
`show ip route [json]`."""

import json
import os

import pytest

from cfntopo import CfnDaemon, write_file

CONFIG = "hostname r1\n!\nrouter bgp 65001\nexit\n!\nrouter ospf\nexit\n"
PROTO = {"bgpd": "220", "ospfd": "221"}  # cfn-bgp, cfn-ospf


def _node_with_routes(topo):
    node = topo.add_node("r1")
    peer = topo.add_node("r2")
    topo.add_link(node, peer, ipv4=("10.0.12.1/24", "10.0.12.2/24"))
    for proto in PROTO.values():
        for i in range(3):
            node.run(["ip", "route", "add", "192.0.%d.%s/32" % (i, proto), "via", "10.0.12.2",
                      "proto", proto])
    node.run(["ip", "route", "add", "198.51.100.0/24", "via", "10.0.12.2", "proto", "42"])
    conf = os.path.join(node.dir, "cfn.conf")
    write_file(conf, CONFIG)
    return node, conf


def _protocols(node):
    return sorted(str(r.get("protocol")) for r in node.ip_json("-N", "-4", "route", "show"))


@pytest.mark.parametrize("daemon", ["bgpd", "ospfd"])
def test_start_up_removes_only_our_stale_routes(topo, daemon):
    node, conf = _node_with_routes(topo)
    other = [p for d, p in PROTO.items() if d != daemon][0]
    before = _protocols(node)
    assert before.count(PROTO[daemon]) == 3 and before.count("42") == 1
    CfnDaemon(node, daemon, conf).start()
    topo.wait_until(lambda: PROTO[daemon] not in _protocols(node),
                    desc=daemon + " to remove its stale routes")
    after = _protocols(node)
    assert after.count(other) == 3, after  # the other daemon's routes are not ours to touch
    assert after.count("42") == 1, after   # nor another protocol's


def test_no_kernel_leaves_the_fib_alone(topo):
    node, conf = _node_with_routes(topo)
    bgpd = CfnDaemon(node, "bgpd", conf).start("-n")
    assert bgpd.vty("show version")[0].status == 0
    assert _protocols(node).count(PROTO["bgpd"]) == 3


def test_show_ip_route_lists_what_the_daemon_owns(topo):
    node, conf = _node_with_routes(topo)
    bgpd = CfnDaemon(node, "bgpd", conf).start()
    for command in ("show ip route json", "show ipv6 route json"):
        reply = bgpd.vty(command)[0]
        assert reply.status == 0, reply
        assert json.loads(reply.text) == {}  # no BGP routes yet: FRR prints {} as well
    reply = bgpd.vty("show ip route")[0]
    assert reply.status == 0 and reply.text == "", reply  # FRR prints no header without routes
