"""Real BGP/OSPF peers (FRR, BIRD 2, GoBGP 3, ExaBGP 4) run inside a topology node.

Each peer keeps all its files (config, sockets, pidfiles, logs) in the node's run
directory and never uses /etc/frr, /var/run/frr, /run/bird, ... defaults.
"""

import grp
import json as _json
import os
import pwd
import re
import shutil
import subprocess

from .topology import TopoError, _run

__all__ = ["FrrRouter", "BirdRouter", "GobgpRouter", "ExabgpRouter", "PeerCommandError"]

FRR_DIR = os.environ.get("CFNTOPO_FRR_DIR", "/usr/lib/frr")
START_TIMEOUT = 30.0


class PeerCommandError(TopoError):
    """A peer's control command (vtysh, birdc, gobgp, exabgpcli) failed."""


def _write(path, text):
    with open(path, "w") as f:
        f.write(text if text.endswith("\n") else text + "\n")


def _frr_user():
    """(uid, gid) of the ``frr`` user if it exists (Debian's FRR package makes it)."""
    try:
        return pwd.getpwnam("frr").pw_uid, grp.getgrnam("frr").gr_gid
    except KeyError:
        return None


class FrrRouter:
    """FRR daemons for one node: bgpd and optionally zebra, staticd, ospfd.

    Pass config texts: ``FrrRouter(node, bgpd=..., zebra=True|text, staticd=..., ospfd=...)``.
    If zebra is not started, bgpd runs with ``-Z`` (no zebra). Daemons drop to the
    ``frr`` user as in a normal install (``-u frr -g frr``; FRR refuses ``-u root``
    because root is not in the ``frrvty`` group, and only bgpd has ``-S`` to skip the
    switch), so DIR is chowned to frr. Every daemon gets ``-P 0`` (no TCP vty),
    ``--vty_socket DIR``, ``-i PIDFILE``, ``-z ZSOCK``, ``--log file:LOG`` and
    ``-F traditional``. Control through ``vtysh --vty_socket DIR`` (as root).
    """

    DAEMONS = ("zebra", "staticd", "ospfd", "bgpd")

    def __init__(self, node, bgpd=None, zebra=None, staticd=None, ospfd=None,
                 name="frr", profile="traditional", log_level=None, extra_args=None):
        self.node = node
        self.topo = node.topo
        self.dir = node.subdir(name)
        os.chmod(self.dir, 0o755)
        user = _frr_user()
        if user:
            os.chown(self.dir, user[0], user[1])
        self.zsock = os.path.join(self.dir, "zserv.api")
        self.procs = {}
        confs = {"zebra": zebra, "staticd": staticd, "ospfd": ospfd, "bgpd": bgpd}
        if (staticd or ospfd) and not zebra:
            confs["zebra"] = True
        use_zebra = bool(confs["zebra"])
        for daemon in self.DAEMONS:
            conf = confs[daemon]
            if not conf:
                continue
            text = "" if conf is True else conf
            conf_path = os.path.join(self.dir, "%s.conf" % daemon)
            _write(conf_path, text)
            if user:
                os.chown(conf_path, user[0], user[1])
            argv = [os.path.join(FRR_DIR, daemon), "-P", "0",
                    "-f", conf_path, "--vty_socket", self.dir,
                    "-i", os.path.join(self.dir, "%s.pid" % daemon),
                    "-z", self.zsock,
                    "--log", "file:%s" % os.path.join(self.dir, "%s.log" % daemon)]
            if user:
                argv += ["-u", "frr", "-g", "frr"]
            elif daemon == "bgpd":
                argv.append("-S")
            if profile:
                argv += ["-F", profile]
            if log_level:
                argv += ["--log-level", log_level]
            if daemon == "bgpd" and not use_zebra:
                argv.append("-Z")
            argv += list((extra_args or {}).get(daemon, []))
            proc = self.topo.start(node, argv, name="%s-%s" % (name, daemon))
            self.procs[daemon] = proc
            self.topo.wait_until(
                lambda d=daemon: os.path.exists(os.path.join(self.dir, "%s.vty" % d))
                and (d != "zebra" or os.path.exists(self.zsock)),
                timeout=START_TIMEOUT, desc="%s on %s to open its vty socket" % (daemon, node.name))

    def vtysh(self, *cmds, daemon=None, check=True):
        """Run vtysh -c CMD [-c CMD ...]; return stdout. Raises on a non-zero rc."""
        argv = ["vtysh", "--vty_socket", self.dir]
        if daemon:
            argv += ["-d", daemon]
        for c in cmds:
            argv += ["-c", c]
        res = _run(argv, check=False)
        if check and res.returncode != 0:
            raise PeerCommandError("vtysh %r on %s failed (rc=%d): %s%s"
                                   % (cmds, self.node.name, res.returncode, res.stdout, res.stderr))
        return res.stdout

    def vtysh_json(self, cmd, daemon=None):
        """vtysh -c CMD (which should end in ``json``), parsed."""
        out = self.vtysh(cmd, daemon=daemon)
        try:
            return _json.loads(out) if out.strip() else {}
        except ValueError as exc:
            raise PeerCommandError("vtysh %r: not JSON: %r" % (cmd, out[:500])) from exc

    def configure(self, *lines, daemon=None):
        """Apply config lines in ``configure terminal``."""
        return self.vtysh("configure terminal", *lines, daemon=daemon)

    def bgp_neighbor_state(self, peer, afi="ipv4"):
        """State (e.g. "Established") of neighbor ``peer`` from the summary, or None."""
        summ = self.vtysh_json("show bgp %s unicast summary json" % afi)
        return summ.get("peers", {}).get(peer, {}).get("state")

    def stop(self):
        for p in reversed(list(self.procs.values())):
            p.stop()


class BirdRouter:
    """BIRD 2 in the foreground: ``bird -f -c CONF -s SOCK -P PIDFILE``.

    A ``log "<dir>/bird.log" all;`` line is prepended to the config (unless
    ``log=False``); stdout/stderr also go to the process log.
    """

    def __init__(self, node, conf, name="bird", log=True):
        self.node = node
        self.topo = node.topo
        self.name = name
        self.dir = node.subdir(name)
        self.conf_path = os.path.join(self.dir, "bird.conf")
        self.sock = os.path.join(self.dir, "bird.ctl")
        self.log_path = os.path.join(self.dir, "bird.log")
        self.log = log
        self._write_conf(conf)
        self.proc = self.topo.start(node, ["bird", "-f", "-c", self.conf_path, "-s", self.sock,
                                           "-P", os.path.join(self.dir, "bird.pid")], name=name)
        self.topo.wait_until(lambda: "Router ID" in self.birdc("show status"),
                             timeout=START_TIMEOUT, desc="BIRD on %s to answer birdc" % node.name)

    def _write_conf(self, conf):
        if self.log:
            conf = 'log "%s" all;\n%s' % (self.log_path, conf)
        _write(self.conf_path, conf)

    def birdc(self, cmd, check=True):
        """Run one birdc command; return its output without the banner line."""
        res = _run(["birdc", "-s", self.sock, cmd], check=False)
        if check and res.returncode != 0:
            raise PeerCommandError("birdc %r on %s failed (rc=%d): %s%s"
                                   % (cmd, self.node.name, res.returncode, res.stdout, res.stderr))
        lines = res.stdout.splitlines()
        if lines and lines[0].startswith("BIRD ") and "ready" in lines[0]:
            lines = lines[1:]
        return "\n".join(lines)

    def reconfigure(self, conf):
        """Replace the config file and ``birdc configure``; raise if BIRD rejects it."""
        self._write_conf(conf)
        out = self.birdc('configure "%s"' % self.conf_path)
        if "Reconfigured" not in out and "Reconfiguration in progress" not in out:
            raise PeerCommandError("BIRD reconfigure on %s failed: %s" % (self.node.name, out))
        return out

    def protocol_info(self, proto):
        """The Info column of ``show protocols PROTO`` (e.g. "Established"), or None."""
        out = self.birdc("show protocols %s" % proto)
        for line in out.splitlines():
            cols = line.split(None, 5)
            if cols and cols[0] == proto and len(cols) >= 4:
                return cols[5].strip() if len(cols) == 6 else cols[3]
        return None

    def stop(self):
        self.proc.stop()


class GobgpRouter:
    """GoBGP 3: ``gobgpd -f CONF -t toml --api-hosts 127.0.0.1:PORT -p --pprof-disable``.

    The gRPC port is unique per node (each namespace has its own loopback);
    control with ``gobgp(args)`` which runs ``gobgp -u 127.0.0.1 -p PORT ARGS [-j]``
    inside the namespace.
    """

    def __init__(self, node, conf, name=None, conf_type="toml", log_level="info"):
        self.node = node
        self.topo = node.topo
        self.port = self.topo.next_port(node, 50051)
        name = name or ("gobgp" if self.port == 50051 else "gobgp%d" % (self.port - 50051))
        self.dir = node.subdir(name)
        self.conf_path = os.path.join(self.dir, "gobgpd.%s" % conf_type)
        _write(self.conf_path, conf)
        self.proc = self.topo.start(
            node, ["gobgpd", "-f", self.conf_path, "-t", conf_type,
                   "--api-hosts", "127.0.0.1:%d" % self.port, "-p", "-l", log_level,
                   "--pprof-disable"], name=name)
        self.topo.wait_until(lambda: self.gobgp(["global"], json=True),
                             timeout=START_TIMEOUT, desc="gobgpd on %s to answer" % node.name)

    def gobgp(self, args, json=True, check=True):
        """Run the gobgp CLI against this instance; parsed JSON (or text if json=False)."""
        if isinstance(args, str):
            args = args.split()
        argv = ["gobgp", "-u", "127.0.0.1", "-p", str(self.port)] + list(args)
        if json:
            argv.append("-j")
        res = self.node.run(argv, check=False)
        if check and res.returncode != 0:
            raise PeerCommandError("gobgp %s on %s failed (rc=%d): %s%s"
                                   % (" ".join(args), self.node.name, res.returncode,
                                      res.stdout, res.stderr))
        if not json:
            return res.stdout
        return _json.loads(res.stdout) if res.stdout.strip() else None

    SESSION_STATES = {0: "unknown", 1: "idle", 2: "connect", 3: "active", 4: "opensent",
                      5: "openconfirm", 6: "established"}

    def neighbor_state(self, peer):
        """Session state of ``peer``, lower case (e.g. "established"), or None."""
        for n in self.gobgp(["neighbor"]) or []:
            if peer in (n.get("state", {}).get("neighbor_address"),
                        n.get("conf", {}).get("neighbor_address")):
                st = n.get("state", {}).get("session_state")
                if isinstance(st, int):
                    return self.SESSION_STATES.get(st, str(st))
                return str(st).lower() if st is not None else None
        return None

    def stop(self):
        self.proc.stop()


class ExabgpRouter:
    """ExaBGP 4 in the foreground, its CLI pipes in the run dir.

    Started as ``exabgp --root DIR CONF`` with env ``exabgp.daemon.daemonize=false``,
    ``exabgp.daemon.user=root``, ``exabgp.daemon.drop=false``,
    ``exabgp.log.destination=stdout``, ``exabgp.api.cli=true`` and a unique
    ``exabgp.api.pipename``; the FIFOs ``DIR/run/<pipename>.{in,out}`` are made
    first (ExaBGP only finds pipes that already exist; /run/exabgp is searched
    first, hence the unique name). ``cli(cmd)`` runs ``exabgpcli --root DIR CMD``.
    """

    def __init__(self, node, conf, name="exabgp", env=None):
        self.node = node
        self.topo = node.topo
        self.dir = node.subdir(name)
        self.conf_path = os.path.join(self.dir, "exabgp.conf")
        _write(self.conf_path, conf)
        run_dir = os.path.join(self.dir, "run")
        os.makedirs(run_dir, exist_ok=True)
        self.pipename = "cfnt%d%s%s%s" % (os.getpid(), self.topo.tag, node.name, name)
        for suffix in ("in", "out"):
            path = os.path.join(run_dir, "%s.%s" % (self.pipename, suffix))
            if not os.path.exists(path):
                os.mkfifo(path, 0o600)
        self.env = {
            "exabgp.daemon.daemonize": "false",
            "exabgp.daemon.user": "root",
            "exabgp.daemon.drop": "false",
            "exabgp.daemon.pid": os.path.join(self.dir, "exabgp.pid"),
            "exabgp.log.destination": "stdout",
            "exabgp.api.cli": "true",
            "exabgp.api.pipename": self.pipename,
        }
        self.env.update(env or {})
        exabgp = shutil.which("exabgp") or "/usr/sbin/exabgp"
        self.proc = self.topo.start(node, [exabgp, "--root", self.dir, self.conf_path],
                                    name=name, env=self.env)
        self.topo.wait_until(lambda: self.cli("version", timeout=5),
                             timeout=START_TIMEOUT, desc="ExaBGP on %s to answer its CLI" % node.name)

    def cli(self, cmd, timeout=15, check=True):
        """Run one exabgpcli command (e.g. "announce route 203.0.113.0/24 next-hop self")."""
        exabgpcli = shutil.which("exabgpcli") or "/usr/sbin/exabgpcli"
        env = dict(os.environ)
        env.update(self.env)
        try:
            res = subprocess.run([exabgpcli, "--root", self.dir] + cmd.split(),
                                 capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired as exc:
            raise PeerCommandError("exabgpcli %r on %s timed out" % (cmd, self.node.name)) from exc
        if check and (res.returncode != 0 or "could not find" in res.stdout):
            raise PeerCommandError("exabgpcli %r on %s failed (rc=%d): %s%s"
                                   % (cmd, self.node.name, res.returncode, res.stdout, res.stderr))
        return res.stdout

    def announce(self, route):
        """``announce route ...`` (text after the keyword), e.g. "203.0.113.0/24 next-hop self"."""
        return self.cli("announce route %s" % route)

    def withdraw(self, route):
        return self.cli("withdraw route %s" % route)

    def stop(self):
        self.proc.stop()


def bird_route_as_paths(text):
    """All ``BGP.as_path:`` values in ``birdc show route ... all`` output."""
    return [m.group(1).strip() for m in re.finditer(r"BGP\.as_path:\s*(.*)", text)]
