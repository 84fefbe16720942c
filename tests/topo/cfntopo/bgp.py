"""BGP interop helpers: bgpd-cfn started on a config text, its JSON over the vty socket and
the routes it put in its namespace's kernel FIB; and each real peer's own view of a prefix
(FRR vtysh JSON, GoBGP JSON, BIRD text) and of its session.
"""

import ipaddress
import json
import os
import signal

from .cfn import CfnDaemon, write_file

__all__ = ["BgpdCfn", "afi_of", "frr_paths", "frr_neighbor", "gobgp_paths", "gobgp_attrs",
           "gobgp_neighbor", "bird_route", "link_local", "tcp_sessions"]


def afi_of(prefix):
    """"ipv4" or "ipv6", the address family of ``prefix`` (or of an address)."""
    return "ipv%d" % ipaddress.ip_network(prefix, strict=False).version


class BgpdCfn(CfnDaemon):
    """bgpd-cfn on ``node`` with ``config`` (FRR syntax) written to ``<node dir>/bgpd-cfn.conf``.

    ``start()`` may be called again after ``kill9()``: each start is a new harness process
    on the same config, pidfile and vty socket. Routes it installs carry kernel protocol
    ``PROTO`` (cfn-bgp) and FRR's distances as their metric.
    """

    PROTO = "220"  # cfn-bgp (/etc/iproute2/rt_protos.d/cfn.conf), as `ip -N` prints it
    EBGP_METRIC = 20
    IBGP_METRIC = 200

    def __init__(self, node, config):
        super().__init__(node, "bgpd", write_file(os.path.join(node.dir, "bgpd-cfn.conf"), config))
        self.starts = 0

    def start(self, *extra, name=None):
        self.starts += 1
        suffix = "" if self.starts == 1 else "-%d" % self.starts
        return super().start(*extra, name=name or self.program + suffix)

    def kill9(self):
        """SIGKILL the daemon (it cleans nothing up) and reap it."""
        self.proc.stopping = True
        self.proc.signal(signal.SIGKILL)
        self.proc.popen.wait(10)

    # --- its own view, over the vty socket ------------------------------------------------
    def json(self, command):
        """``command`` (ending in ``json``) parsed; AssertionError on a bad status or text."""
        reply = self.vty(command)[0]
        if reply.status != 0:
            raise AssertionError("%s: %r failed: %r" % (self.program, command, reply))
        try:
            return json.loads(reply.text) if reply.text.strip() else {}
        except ValueError as exc:
            raise AssertionError("%s: %r: not JSON: %r" % (self.program, command,
                                                           reply.text[:500])) from exc

    def summary_peer(self, peer, afi="ipv4"):
        """``peer``'s entry in ``show bgp vrf all AFI unicast summary json`` (None if absent)."""
        summary = self.json("show bgp vrf all %s unicast summary json" % afi)
        return summary.get("default", {}).get("peers", {}).get(peer)

    def paths(self, prefix):
        """The paths of ``show ip bgp PREFIX json`` ([] when it has none)."""
        return self.json("show ip bgp %s json" % prefix).get("paths", [])

    # --- its routes in the kernel ---------------------------------------------------------
    def fib_route(self, prefix):
        """The kernel route for exactly ``prefix`` that this daemon installed, or None."""
        fam = ipaddress.ip_network(prefix).version
        entries = self.node.ip_json("-N", "-%d" % fam, "route", "show", "exact", prefix,
                                    "proto", self.PROTO)
        if len(entries) > 1:
            raise AssertionError("%d kernel routes for %s: %r" % (len(entries), prefix, entries))
        return entries[0] if entries else None

    def fib_nexthops(self, prefix):
        """Sorted (gateway, dev) of each nexthop of ``fib_route(prefix)``; [] without one."""
        route = self.fib_route(prefix)
        if route is None:
            return []
        if "gateway" not in route and "nexthops" not in route and "nhid" in route:
            return sorted(self._nexthop_object(route["nhid"]))
        return sorted((h.get("gateway"), h.get("dev")) for h in route.get("nexthops") or [route])

    def _nexthop_object(self, nhid):
        """(gateway, dev) of each member of nexthop object ``nhid`` (a group or a single one)."""
        entry = self.node.ip_json("nexthop", "show", "id", str(nhid))[0]
        if "group" not in entry:
            return [(entry.get("gateway"), entry.get("dev"))]
        return [hop for member in entry["group"] for hop in self._nexthop_object(member["id"])]


# --- the peers' views -------------------------------------------------------------------------
def frr_paths(frr, prefix):
    """FRR's paths for ``prefix`` (``show bgp AFI unicast PREFIX json``); [] when it has none."""
    return frr.vtysh_json("show bgp %s unicast %s json" % (afi_of(prefix), prefix)).get("paths", [])


def frr_neighbor(frr, peer):
    """FRR's ``show bgp neighbors PEER json`` entry (bgpState, messageStats, ...)."""
    return frr.vtysh_json("show bgp neighbors %s json" % peer)[peer]


def gobgp_paths(gobgp, prefix):
    """GoBGP's paths for ``prefix`` from ``gobgp global rib -a AFI -j``; [] when it has none."""
    return (gobgp.gobgp(["global", "rib", "-a", afi_of(prefix)]) or {}).get(prefix, [])


def gobgp_attrs(path):
    """A GoBGP JSON path's attributes by type code (1 ORIGIN, 2 AS_PATH, 4 MED, 8 ...)."""
    return {a["type"]: a for a in path["attrs"]}


def gobgp_neighbor(gobgp, peer):
    """GoBGP's ``gobgp neighbor PEER -j`` (conf, state with message counters, timers)."""
    return gobgp.gobgp(["neighbor", peer])


def bird_route(bird, prefix):
    """``birdc show route PREFIX all``; "Network not found" when BIRD has no such route."""
    return bird.birdc("show route %s all" % prefix, check=False)


def link_local(node, dev):
    """The IPv6 link-local address of ``dev`` on ``node``."""
    addrs = node.ip_json("-6", "addr", "show", "dev", dev)[0]["addr_info"]
    return [a["local"] for a in addrs if a.get("scope") == "link"][0]


def tcp_sessions(node, peer):
    """The established TCP connections between ``node`` and ``peer`` on port 179, as
    (local "addr:port", remote "addr:port") pairs."""
    out = node.cmd(["ss", "-Htn", "state", "established", "dst", peer])
    pairs = set()
    for line in out.splitlines():
        cols = line.split()
        local, remote = cols[-2], cols[-1]
        if local.endswith(":179") or remote.endswith(":179"):
            pairs.add((local, remote))
    return pairs
