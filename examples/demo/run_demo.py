#!/usr/bin/python3
"""The cfn demo: two routers (network namespaces r1, r2 joined by a veth link), each running
bgpd-cfn and ospfd-cfn from examples/demo/rN.conf, inspected with vtysh-cfn.

Later issues grow it (BGP sessions, compute-weighted anycast routes in the kernel FIB).
Usage: run_demo.py [--keep]   (--keep: leave it running until Ctrl-C)
"""
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


def main():
    keep = "--keep" in sys.argv[1:]
    with Topology(label="demo") as topo:
        routers = {name: topo.add_node(name) for name in ("r1", "r2")}
        topo.add_link(routers["r1"], routers["r2"], ipv4=("10.0.12.1/30", "10.0.12.2/30"),
                      ipv6=("2001:db8:12::1/64", "2001:db8:12::2/64"))
        for name, node in routers.items():
            # A copy, so that a `write memory` in the demo never rewrites the example.
            conf = os.path.join(node.dir, "cfn.conf")
            shutil.copyfile(os.path.join(ROOT, "examples", "demo", name + ".conf"), conf)
            sockets = os.path.join(node.dir, "run")
            for daemon, binary in (("bgpd", BGPD), ("ospfd", OSPFD)):
                topo.start(node, [binary, "-f", conf, "--vty_socket", sockets,
                                  "-i", os.path.join(sockets, daemon + ".pid")], daemon)
            topo.wait_until(lambda: all(os.path.exists(os.path.join(sockets, d + ".vty"))
                                        for d in ("bgpd", "ospfd")),
                            desc=name + " daemons serving their vty sockets")
            print("==== " + name + ": vtysh-cfn -c 'show version' -c 'show running-config'")
            print(vtysh(node, sockets, "show version", "show running-config"))
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
