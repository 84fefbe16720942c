"""Network-namespace topologies for interop tests: nodes, veth links, processes, cleanup.

Every namespace is named ``cfnt-<pid>-<tag>-<node>`` (pid = the owning test process),
so a session-start sweep can tell stale namespaces (owner gone) from those of a
concurrent run, and remove only the stale ones.
"""

import atexit
import ipaddress
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time

from .wait import StopWaiting, wait_until

__all__ = [
    "Topology", "Node", "Link", "Process", "ProcessDied", "TopoError",
    "check_environment", "sweep_stale", "NS_PREFIX",
]

NS_PREFIX = "cfnt"
_NS_RE = re.compile(r"^cfnt-(\d+)-")
RUN_ROOT = os.environ.get("CFNTOPO_RUN_ROOT", tempfile.gettempdir())

_live_topologies = []
_live_lock = threading.Lock()


class TopoError(RuntimeError):
    """A harness command (ip, sysctl, ...) failed."""


class ProcessDied(StopWaiting, AssertionError):
    """A process started by the harness exited while the test still needed it."""


def _run(argv, check=True, timeout=30, input=None, env=None):
    res = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                         input=input, env=env)
    if check and res.returncode != 0:
        raise TopoError("command failed (rc=%d): %s\nstdout: %s\nstderr: %s"
                        % (res.returncode, " ".join(argv), res.stdout.strip(),
                           res.stderr.strip()))
    return res


def check_environment():
    """Return None if topo tests can run here, else a message saying why not."""
    if os.geteuid() != 0:
        return "topology tests need root (network namespaces); run them as root"
    if shutil.which("ip") is None:
        return "topology tests need iproute2's `ip` on PATH"
    name = "%s-%d-probe" % (NS_PREFIX, os.getpid())
    try:
        res = _run(["ip", "netns", "add", name], check=False)
        if res.returncode != 0:
            return "`ip netns add` does not work here: %s" % res.stderr.strip()
    finally:
        _run(["ip", "netns", "del", name], check=False)
    return None


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _netns_list():
    res = _run(["ip", "-j", "netns", "list"], check=False)
    if res.returncode != 0 or not res.stdout.strip():
        return []
    return [e["name"] for e in json.loads(res.stdout)]


def _netns_pids(ns):
    res = _run(["ip", "netns", "pids", ns], check=False)
    return [int(p) for p in res.stdout.split() if p.isdigit()]


def _kill_netns(ns):
    """SIGKILL everything inside ``ns`` and delete the namespace."""
    for _ in range(3):
        pids = _netns_pids(ns)
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.1)
    _run(["ip", "netns", "del", ns], check=False)


def sweep_stale():
    """Remove ``cfnt*`` namespaces whose owning test process is gone (crashed run).

    Namespaces owned by a live process (a concurrent test run) are left alone.
    Returns the names removed.
    """
    removed = []
    for ns in _netns_list():
        if not ns.startswith(NS_PREFIX):
            continue
        m = _NS_RE.match(ns)
        if m and int(m.group(1)) != os.getpid() and _pid_alive(int(m.group(1))):
            continue
        if m and int(m.group(1)) == os.getpid() and _owned_by_live_topology(ns):
            continue
        _kill_netns(ns)
        removed.append(ns)
    return removed


def _owned_by_live_topology(ns):
    with _live_lock:
        return any(ns in (n.ns for n in t.nodes.values()) for t in _live_topologies)


@atexit.register
def _close_all_at_exit():
    with _live_lock:
        topos = list(_live_topologies)
    for t in topos:
        try:
            t.close(keep=True)
        except Exception:  # noqa: BLE001 - best effort at interpreter exit
            pass


class Process:
    """A process started inside a namespace (its own process group, log file)."""

    def __init__(self, node, name, argv, log_path, popen):
        self.node = node
        self.name = name
        self.argv = list(argv)
        self.log_path = log_path
        self.popen = popen
        self.stopping = False

    @property
    def pid(self):
        return self.popen.pid

    def alive(self):
        return self.popen.poll() is None

    def returncode(self):
        return self.popen.poll()

    def log(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def tail(self, lines=30):
        return "\n".join(self.log().splitlines()[-lines:])

    def check(self):
        """Raise ProcessDied (with the log tail) if the process exited unasked."""
        if not self.stopping and not self.alive():
            raise ProcessDied("%s on %s exited with rc=%s: %s\n--- %s (tail) ---\n%s"
                              % (self.name, self.node.name, self.returncode(),
                                 " ".join(self.argv), self.log_path, self.tail()))

    def signal(self, sig):
        try:
            os.killpg(self.popen.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def stop(self, timeout=5.0):
        """SIGTERM the process group, SIGKILL after ``timeout``; return the exit code."""
        self.stopping = True
        if self.alive():
            self.signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        # Kill stragglers in the group even if the leader is gone.
        self.signal(signal.SIGKILL)
        try:
            self.popen.wait(5)
        except subprocess.TimeoutExpired:
            pass
        return self.popen.poll()

    def __repr__(self):
        return "<Process %s@%s pid=%d>" % (self.name, self.node.name, self.pid)


class Link:
    """A veth pair: ``a``/``ifname_a`` on one side, ``b``/``ifname_b`` on the other."""

    def __init__(self, a, ifname_a, b, ifname_b, addrs_a, addrs_b):
        self.a, self.ifname_a, self.b, self.ifname_b = a, ifname_a, b, ifname_b
        self.addrs_a, self.addrs_b = addrs_a, addrs_b

    def ifname(self, node):
        return self.ifname_a if node is self.a else self.ifname_b

    def set_up(self, up=True):
        state = "up" if up else "down"
        self.a.run(["ip", "link", "set", self.ifname_a, state])
        self.b.run(["ip", "link", "set", self.ifname_b, state])

    def ready(self):
        """Both ends have carrier and an IPv6 link-local, and nothing is tentative."""
        for node, ifn in ((self.a, self.ifname_a), (self.b, self.ifname_b)):
            info = node.ip_json("addr", "show", "dev", ifn)
            if not info or info[0].get("operstate") != "UP":
                return False
            addrs = info[0].get("addr_info", [])
            if any(x.get("tentative") for x in addrs):
                return False
            if not any(x.get("scope") == "link" and x.get("family") == "inet6" for x in addrs):
                return False
        return True

    def wait_ready(self, timeout=20.0):
        """Wait for carrier and usable (non-tentative) addresses on both ends."""
        wait_until(self.ready, timeout=timeout, interval=0.05,
                   desc="link %s:%s -- %s:%s to come up" % (self.a.name, self.ifname_a,
                                                             self.b.name, self.ifname_b))

    def __repr__(self):
        return "<Link %s:%s -- %s:%s>" % (self.a.name, self.ifname_a, self.b.name, self.ifname_b)


class Node:
    """A network namespace (a router). ``dir`` is its run directory."""

    def __init__(self, topo, name, ns, dir):
        self.topo, self.name, self.ns, self.dir = topo, name, ns, dir
        self.links = []

    # --- commands -----------------------------------------------------------------
    def run(self, argv, check=True, timeout=30, input=None, env=None):
        """Run argv (list, or str for ``sh -c``) in the namespace; CompletedProcess."""
        if isinstance(argv, str):
            argv = ["sh", "-c", argv]
        full_env = None
        if env:
            full_env = dict(os.environ)
            full_env.update(env)
        return _run(["ip", "netns", "exec", self.ns] + list(argv), check=check,
                    timeout=timeout, input=input, env=full_env)

    def cmd(self, argv, **kw):
        """Like run(), returning stdout."""
        return self.run(argv, **kw).stdout

    def ip(self, *args, check=True):
        return _run(["ip", "-n", self.ns] + list(args), check=check).stdout

    def ip_json(self, *args):
        """``ip -j ARGS`` in the namespace, parsed (e.g. ip_json('route'))."""
        out = _run(["ip", "-n", self.ns, "-j"] + list(args)).stdout
        return json.loads(out) if out.strip() else []

    def sysctl(self, settings):
        """Set sysctls in the namespace, e.g. {"net.ipv4.conf.all.rp_filter": 0}."""
        self.run(["sysctl", "-qw"] + ["%s=%s" % kv for kv in settings.items()])

    def add_address(self, addr, dev="lo"):
        """Add an address (IPv4 or IPv6, with prefix length) to ``dev`` (default lo)."""
        args = ["addr", "add", addr, "dev", dev]
        if ipaddress.ip_interface(addr).version == 6:
            args.append("nodad")
        self.ip(*args)

    def routes(self, family=4, table="main"):
        return self.ip_json("-%d" % family, "route", "show", "table", str(table))

    def route(self, prefix, family=None):
        """The kernel FIB entry for exactly ``prefix`` (dict) or None."""
        fam = family or ipaddress.ip_network(prefix, strict=False).version
        entries = self.ip_json("-%d" % fam, "route", "show", "exact", prefix)
        return entries[0] if entries else None

    # --- processes and peers ---------------------------------------------------
    def start(self, argv, name, env=None, cwd=None):
        return self.topo.start(self, argv, name, env=env, cwd=cwd)

    def subdir(self, name):
        path = os.path.join(self.dir, name)
        os.makedirs(path, exist_ok=True)
        return path

    def frr(self, **kw):
        from .peers import FrrRouter
        return FrrRouter(self, **kw)

    def bird(self, conf, **kw):
        from .peers import BirdRouter
        return BirdRouter(self, conf, **kw)

    def gobgp(self, conf, **kw):
        from .peers import GobgpRouter
        return GobgpRouter(self, conf, **kw)

    def exabgp(self, conf, **kw):
        from .peers import ExabgpRouter
        return ExabgpRouter(self, conf, **kw)

    def __repr__(self):
        return "<Node %s ns=%s>" % (self.name, self.ns)


class Topology:
    """A set of namespaces, links and processes, torn down on close().

    Use as a context manager or through the ``topo`` pytest fixture::

        with Topology() as t:
            r1, r2 = t.add_node("r1"), t.add_node("r2")
            t.add_link(r1, r2, ipv4=("10.0.12.1/30", "10.0.12.2/30"))
    """

    def __init__(self, label=None, keep=None):
        self.label = label or "topo"
        self.tag = secrets.token_hex(2)
        self.dir = tempfile.mkdtemp(prefix="cfntopo-%d-" % os.getpid(), dir=RUN_ROOT)
        os.chmod(self.dir, 0o755)
        with open(os.path.join(self.dir, "LABEL"), "w") as f:
            f.write(self.label + "\n")
        self.keep = keep  # None: keep only if close(keep=True) / failure
        self.nodes = {}
        self.links = []
        self.processes = []
        self.closed = False
        self._port_seq = {}
        with _live_lock:
            _live_topologies.append(self)

    # --- building ---------------------------------------------------------------
    def add_node(self, name, forwarding=True, addresses=()):
        """Create a namespace ``name`` with lo up, DAD off, forwarding on (default),
        and ``addresses`` (e.g. ["1.1.1.1/32", "2001:db8::1/128"]) on lo."""
        if name in self.nodes:
            raise TopoError("duplicate node %s" % name)
        if not re.match(r"^[A-Za-z0-9_.]{1,12}$", name):
            raise TopoError("node name %r: use 1-12 chars [A-Za-z0-9_.]" % name)
        ns = "%s-%d-%s-%s" % (NS_PREFIX, os.getpid(), self.tag, name)
        node_dir = os.path.join(self.dir, name)
        os.makedirs(node_dir)
        node = Node(self, name, ns, node_dir)
        _run(["ip", "netns", "add", ns])
        self.nodes[name] = node  # registered before anything else can fail
        node.ip("link", "set", "lo", "up")
        settings = {
            "net.ipv6.conf.default.accept_dad": 0,
            "net.ipv6.conf.all.accept_dad": 0,
            "net.ipv6.conf.default.dad_transmits": 0,
        }
        if forwarding:
            settings.update({"net.ipv4.ip_forward": 1,
                             "net.ipv6.conf.all.forwarding": 1,
                             "net.ipv6.conf.default.forwarding": 1})
        node.sysctl(settings)
        for addr in addresses:
            node.add_address(addr)
        return node

    def node(self, name):
        return self.nodes[name]

    def add_link(self, a, b, ipv4=None, ipv6=None, ifnames=None, mtu=None, up=True):
        """Join nodes ``a`` and ``b`` by a veth pair.

        ``ipv4``/``ipv6``: (addr_a, addr_b) with prefix lengths, e.g.
        ("10.0.12.1/30", "10.0.12.2/30"). ``ifnames``: (name_a, name_b); default
        "<a>-<b>" / "<b>-<a>" (suffixed on parallel links). IPv6 addresses are
        added ``nodad`` and DAD is off on the link, so they are usable at once.
        """
        a, b = self._as_node(a), self._as_node(b)
        if ifnames is None:
            n = sum(1 for l in self.links if {l.a, l.b} == {a, b})
            sfx = "" if n == 0 else str(n)
            ifnames = ("%s-%s%s" % (a.name, b.name, sfx), "%s-%s%s" % (b.name, a.name, sfx))
        ifa, ifb = ifnames
        for ifn in ifnames:
            if len(ifn) > 15:
                raise TopoError("interface name %r longer than 15 chars" % ifn)
        _run(["ip", "link", "add", ifa, "netns", a.ns, "type", "veth",
              "peer", "name", ifb, "netns", b.ns])
        addrs_a, addrs_b = [], []
        for node, ifn, idx, addrs in ((a, ifa, 0, addrs_a), (b, ifb, 1, addrs_b)):
            node.run(["sysctl", "-qw", "net.ipv6.conf.%s.accept_dad=0" % ifn,
                      "net.ipv6.conf.%s.dad_transmits=0" % ifn])
            if mtu:
                node.ip("link", "set", ifn, "mtu", str(mtu))
            for pair in (ipv4, ipv6):
                if pair and pair[idx]:
                    node.add_address(pair[idx], dev=ifn)
                    addrs.append(pair[idx])
            if up:
                node.ip("link", "set", ifn, "up")
        link = Link(a, ifa, b, ifb, addrs_a, addrs_b)
        self.links.append(link)
        a.links.append(link)
        b.links.append(link)
        if up:
            link.wait_ready()
        return link

    def _as_node(self, n):
        return self.nodes[n] if isinstance(n, str) else n

    def next_port(self, node, base):
        """A port number unique per (node, base) within this topology."""
        key = (self._as_node(node).name, base)
        self._port_seq[key] = self._port_seq.get(key, -1) + 1
        return base + self._port_seq[key]

    # --- processes ----------------------------------------------------------------
    def start(self, node, argv, name, env=None, cwd=None):
        """Start ``argv`` inside ``node``'s namespace, in its own process group.

        stdout+stderr go to ``<node dir>/<name>.log``; ``env`` entries are added to
        the current environment. The process is stopped on close().
        """
        node = self._as_node(node)
        if any(p.node is node and p.name == name for p in self.processes):
            raise TopoError("process name %r already used on %s" % (name, node.name))
        log_path = os.path.join(node.dir, "%s.log" % name)
        full_env = dict(os.environ)
        if env:
            full_env.update({k: str(v) for k, v in env.items()})
        with open(log_path, "ab") as log:
            log.write(("### %s: ip netns exec %s %s\n"
                       % (time.strftime("%H:%M:%S"), node.ns, " ".join(map(str, argv)))).encode())
            log.flush()
            popen = subprocess.Popen(
                ["ip", "netns", "exec", node.ns] + [str(a) for a in argv],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True, env=full_env, cwd=cwd or node.dir)
        proc = Process(node, name, argv, log_path, popen)
        self.processes.append(proc)
        return proc

    def check_processes(self):
        """Raise ProcessDied if any process we started exited unasked."""
        for p in self.processes:
            p.check()

    def wait_until(self, fn, timeout=60.0, interval=0.25, desc=None):
        """wait_until() that also fails fast if one of our processes died."""
        return wait_until(fn, timeout=timeout, interval=interval, desc=desc,
                          check=self.check_processes)

    # --- teardown -----------------------------------------------------------------
    def logs_summary(self, lines=20):
        out = ["run dir: %s" % self.dir]
        for p in self.processes:
            state = "running" if p.alive() else "rc=%s" % p.returncode()
            out.append("--- %s@%s (%s) %s" % (p.name, p.node.name, state, p.log_path))
            out.append(p.tail(lines))
        return "\n".join(out)

    def close(self, keep=None):
        """Stop processes, delete namespaces; remove the run dir unless kept."""
        if self.closed:
            return
        self.closed = True
        keep = self.keep if keep is None else keep
        try:
            for p in self.processes:
                p.stopping = True
                p.signal(signal.SIGTERM)
            deadline = time.monotonic() + 5
            for p in reversed(self.processes):
                try:
                    p.popen.wait(max(0.0, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    pass
            for p in self.processes:
                p.stop(timeout=0)
            for node in self.nodes.values():
                _kill_netns(node.ns)
        finally:
            with _live_lock:
                if self in _live_topologies:
                    _live_topologies.remove(self)
            if not keep:
                shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        failed = exc_type is not None
        if failed:
            print("cfntopo: keeping run dir %s" % self.dir)
        self.close(keep=True if failed else None)
        return False
