"""cfntopo: topology test harness (network namespaces, veth links, real FRR/BIRD/GoBGP/ExaBGP peers)."""

from .wait import StopWaiting, WaitTimeout, wait_until
from .topology import (NS_PREFIX, Link, Node, Process, ProcessDied, TopoError, Topology,
                       check_environment, sweep_stale)
from .peers import (BirdRouter, ExabgpRouter, FrrRouter, GobgpRouter, PeerCommandError,
                    bird_route_as_paths)
from .cfn import (REPO_ROOT, CfnDaemon, MissingBinary, VtyClient, VtyReply, build_dir,
                  cfn_binary, vty_commands, write_file)
from .bgp import (BgpdCfn, afi_of, bird_route, frr_neighbor, frr_paths, gobgp_attrs,  # noqa: F401
                  gobgp_neighbor, gobgp_paths, link_local, tcp_sessions)

__all__ = [
    "Topology", "Node", "Link", "Process", "ProcessDied", "TopoError", "NS_PREFIX",
    "check_environment", "sweep_stale", "wait_until", "WaitTimeout", "StopWaiting",
    "FrrRouter", "BirdRouter", "GobgpRouter", "ExabgpRouter", "PeerCommandError",
    "bird_route_as_paths",
    "REPO_ROOT", "build_dir", "cfn_binary", "MissingBinary", "CfnDaemon", "VtyClient",
    "VtyReply", "vty_commands", "write_file",
]
