"""Interface, address and kernel-route tracking (issue 3, item 4) against the real kernel:
kernel-driver runs libcfn/kernel's listener in a namespace and prints every event and the
resolution of watched next hops as JSON lines; the test changes links, addresses and routes
of other protocols with ``ip`` and waits for the driver to report them.

The driver comes from ``$CFN_BUILD_DIR/tests/kernel_driver/kernel-driver``; a missing binary
fails the test.
"""

import json
import os

from cfntopo import MissingBinary, build_dir

WATCH_V4 = "192.0.2.1"
WATCH_V6 = "2001:db8:99::1"


def _driver_binary():
    path = os.path.join(build_dir(), "tests", "kernel_driver", "kernel-driver")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise MissingBinary("kernel-driver is not built: no executable %s (set CFN_BUILD_DIR)"
                            % path)
    return path


class Driver:
    """kernel-driver on a node; ``events()`` parses its JSON lines so far."""

    def __init__(self, topo, node, *watch):
        argv = [_driver_binary()]
        for address in watch:
            argv += ["--watch", address]
        self.topo = topo
        self.proc = node.start(argv, name="kernel-driver")

    def events(self):
        out = []
        for line in self.proc.log().splitlines():
            if line.startswith("{"):
                out.append(json.loads(line))
        return out

    def wait_for(self, desc, **fields):
        """Wait for an event carrying every ``fields`` value; return it."""
        def match():
            for event in self.events():
                if all(event.get(k) == v for k, v in fields.items()):
                    return event
            return None
        return self.topo.wait_until(match, timeout=15, interval=0.05, desc=desc)

    def resolution(self, address):
        """The driver's latest resolution of ``address``, or None before the first."""
        found = [e for e in self.events()
                 if e.get("event") == "resolve" and e.get("address") == address]
        return found[-1] if found else None

    def wait_resolution(self, address, nexthops, desc):
        self.topo.wait_until(lambda: (self.resolution(address) or {}).get("nexthops", 0)
                             == nexthops, timeout=15, interval=0.05, desc=desc)


def test_links_addresses_routes_and_recursive_resolution(topo):
    r1, r2 = topo.add_node("r1"), topo.add_node("r2")
    drv = Driver(topo, r1, WATCH_V4, WATCH_V6)
    drv.wait_for("initial dump", event="synced")
    assert drv.resolution(WATCH_V4)["nexthops"] is None

    # A link comes up with addresses: link, address and connected-route events.
    topo.add_link(r1, r2, ipv4=("10.0.0.1/24", "10.0.0.2/24"),
                  ipv6=("2001:db8:1::1/64", "2001:db8:1::2/64"))
    ifindex = r1.ip_json("link", "show", "r1-r2")[0]["ifindex"]
    drv.wait_for("r1-r2 added", event="link", change="added", name="r1-r2", ifindex=ifindex)
    drv.wait_for("r1-r2 up", event="link", change="up", name="r1-r2")
    drv.wait_for("10.0.0.1/24 added", event="address", change="added", address="10.0.0.1/24",
                 ifindex=ifindex)
    drv.wait_for("2001:db8:1::1/64 added", event="address", change="added",
                 address="2001:db8:1::1/64")
    drv.wait_for("connected route", event="route", change="added", prefix="10.0.0.0/24",
                 protocol=2)

    # Routes of other protocols (static, and a private number) resolve the watched next hops
    # recursively: 192.0.2.1 -> 192.0.2.0/24 via 10.0.0.2 -> connected 10.0.0.0/24.
    r1.ip("route", "add", "192.0.2.0/24", "via", "10.0.0.2", "proto", "static")
    r1.ip("-6", "route", "add", "2001:db8:99::/48", "via", "2001:db8:1::2", "proto", "99")
    static = drv.wait_for("static route added", event="route", change="added",
                          prefix="192.0.2.0/24")
    assert static["protocol"] == 4
    assert static["nexthops"] == [{"gateway": "10.0.0.2", "ifindex": ifindex, "weight": 1}]
    drv.wait_for("proto 99 route added", event="route", change="added",
                 prefix="2001:db8:99::/48", protocol=99)
    drv.wait_resolution(WATCH_V4, [{"gateway": "10.0.0.2", "ifindex": ifindex,
                                    "interface": "r1-r2"}], "192.0.2.1 resolved")
    assert drv.resolution(WATCH_V4)["route"] == "192.0.2.0/24"
    drv.wait_resolution(WATCH_V6, [{"gateway": "2001:db8:1::2", "ifindex": ifindex,
                                    "interface": "r1-r2"}], "2001:db8:99::1 resolved")

    # A more specific route of another protocol takes over the longest-prefix match.
    r1.ip("route", "add", "192.0.2.0/28", "dev", "r1-r2", "proto", "boot")
    drv.wait_resolution(WATCH_V4, [{"gateway": WATCH_V4, "ifindex": ifindex,
                                    "interface": "r1-r2"}], "192.0.2.1 on-link via /28")
    r1.ip("route", "del", "192.0.2.0/28")
    drv.wait_for("/28 removed", event="route", change="removed", prefix="192.0.2.0/28")
    drv.wait_resolution(WATCH_V4, [{"gateway": "10.0.0.2", "ifindex": ifindex,
                                    "interface": "r1-r2"}], "192.0.2.1 back via static")

    # Removing the address takes the connected route and so the resolution away.
    r1.ip("addr", "del", "10.0.0.1/24", "dev", "r1-r2")
    drv.wait_for("10.0.0.1/24 removed", event="address", change="removed",
                 address="10.0.0.1/24")
    drv.wait_for("connected route removed", event="route", change="removed",
                 prefix="10.0.0.0/24")
    drv.wait_resolution(WATCH_V4, None, "192.0.2.1 unresolvable")

    # Link down: reported, and IPv6 resolution goes with the link's routes.
    r1.ip("link", "set", "r1-r2", "down")
    drv.wait_for("r1-r2 down", event="link", change="down", name="r1-r2")
    drv.wait_resolution(WATCH_V6, None, "2001:db8:99::1 unresolvable")
    assert drv.proc.alive()
