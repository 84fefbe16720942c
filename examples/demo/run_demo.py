#!/usr/bin/python3
"""The cfn demo: two routers (network namespaces r1, r2 joined by a veth link), each running
bgpd-cfn and ospfd-cfn from examples/demo/rN.conf, inspected with vtysh-cfn.

The eBGP session between them comes up, each router's network reaches the other and lands in
its kernel FIB; the demo prints the BGP summary, the BGP table and the kernel routes. Later
issues grow it (compute-weighted anycast routes in the kernel FIB).
Usage: run_demo.py [--keep]   (--keep: leave it running until Ctrl-C)
"""
import json
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "topo"))

from cfntopo import Topology  # noqa: E402

BUILD = os.environ.get("CFN_BUILD_DIR", os.path.join(ROOT, "build", "release"))
BGPD = os.path.join(BUILD, "bgpd-cfn", "bgpd-cfn")
OSPFD = os.path.join(BUILD, "ospfd-cfn", "ospfd-cfn")
VTYSH = os.path.join(BUILD, "vtysh-cfn", "vtysh-cfn")


def vtysh(node, sockets, *commands):
    argv = ["ip", "netns", "exec", node.ns, VTYSH, "--vty_socket", sockets]
    for c in commands:
        argv += ["-c", c]
    return subprocess.run(argv, capture_output=True, text=True, check=True).stdout


def show_bgp(topo, routers, sockets_of):
    """Waits for the eBGP session and both prefixes, then prints what each router sees."""
    def both_established():
        for name, node in routers.items():
            summary = json.loads(vtysh(node, sockets_of[name],
                                       "show bgp vrf all ipv4 unicast summary json"))
            peers = summary["default"]["peers"]
            if not peers or any(p["state"] != "Established" or p["pfxRcd"] < 1
                                for p in peers.values()):
                return False
        return True
    topo.wait_until(both_established, timeout=30, desc="eBGP r1-r2 Established, routes received")
    for name, node in routers.items():
        print("==== " + name + ": vtysh-cfn -c 'show bgp summary' -c 'show ip bgp'")
        print(vtysh(node, sockets_of[name], "show bgp summary", "show ip bgp"))
        print("==== " + name + ": ip route show proto cfn-bgp (the kernel FIB)")
        print(node.run(["ip", "route", "show", "proto", "220"]).stdout)


def main():
    keep = "--keep" in sys.argv[1:]
    with Topology(label="demo") as topo:
        routers = {name: topo.add_node(name) for name in ("r1", "r2")}
        sockets_of = {}
        topo.add_link(routers["r1"], routers["r2"], ipv4=("10.0.12.1/30", "10.0.12.2/30"),
                      ipv6=("2001:db8:12::1/64", "2001:db8:12::2/64"))
        for name, node in routers.items():
            # A copy, so that a `write memory` in the demo never rewrites the example.
            conf = os.path.join(node.dir, "cfn.conf")
            shutil.copyfile(os.path.join(ROOT, "examples", "demo", name + ".conf"), conf)
            sockets = sockets_of[name] = os.path.join(node.dir, "run")
            for daemon, binary in (("bgpd", BGPD), ("ospfd", OSPFD)):
                topo.start(node, [binary, "-f", conf, "--vty_socket", sockets,
                                  "-i", os.path.join(sockets, daemon + ".pid")], daemon)
            topo.wait_until(lambda: all(os.path.exists(os.path.join(sockets, d + ".vty"))
                                        for d in ("bgpd", "ospfd")),
                            desc=name + " daemons serving their vty sockets")
            print("==== " + name + ": vtysh-cfn -c 'show version' -c 'show running-config'")
            print(vtysh(node, sockets, "show version", "show running-config"))
        show_bgp(topo, routers, sockets_of)
        if keep:
            print("demo running; Ctrl-C to stop (run dir " + topo.dir + ")")
            try:
                while True:
                    time.sleep(1)
                    topo.check_processes()
            except KeyboardInterrupt:
                pass
    print("demo finished: namespaces and daemons cleaned up")


if __name__ == "__main__":
    main()
