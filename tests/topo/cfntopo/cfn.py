"""Our own daemons (bgpd-cfn, ospfd-cfn, vtysh-cfn) in a topology node, and a raw vty client.

Binaries come from ``$CFN_BUILD_DIR`` (default ``build/release`` under the repo root):
``$CFN_BUILD_DIR/<program>/<program>``. A missing binary raises ``MissingBinary`` (an
AssertionError), so the test using it fails rather than skips.

Each daemon keeps its files in the node's run directory: ``<node dir>/<daemon>.pid`` and
the vty socket ``<node dir>/vty/<daemon>.vty`` (``--vty_socket``); never /var/run/cfn
unless a test asks for ``-N``.
"""

import os
import socket
import subprocess

from .topology import TopoError

__all__ = ["REPO_ROOT", "build_dir", "cfn_binary", "MissingBinary", "VtyClient", "VtyReply",
           "vty_commands", "CfnDaemon", "write_file"]

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
START_TIMEOUT = 30.0


class MissingBinary(AssertionError):
    """A cfn program is not built under $CFN_BUILD_DIR."""


def build_dir():
    """``$CFN_BUILD_DIR`` (relative paths are taken from the repo root)."""
    d = os.environ.get("CFN_BUILD_DIR", "build/release")
    return d if os.path.isabs(d) else os.path.join(REPO_ROOT, d)


def cfn_binary(program):
    """Path of ``program`` (e.g. "bgpd-cfn"); MissingBinary if it is not built."""
    path = os.path.join(build_dir(), program, program)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise MissingBinary("%s is not built: no executable %s (set CFN_BUILD_DIR to the "
                            "build directory, e.g. CFN_BUILD_DIR=build/lead)" % (program, path))
    return path


def write_file(path, text):
    with open(path, "w") as f:
        f.write(text if text.endswith("\n") else text + "\n")
    return path


class VtyReply:
    """One reply of the vty protocol: ``text`` and ``status`` (0 = success)."""

    def __init__(self, command, text, status):
        self.command, self.text, self.status = command, text, status

    def __repr__(self):
        return "<VtyReply %r status=%d %r>" % (self.command, self.status, self.text)


class VtyClient:
    """FRR's vtysh <-> daemon protocol over the Unix vty socket.

    Each command is sent NUL-terminated; the daemon answers with the output text,
    then ``\\0\\0\\0`` and one status byte (0 success, 1 warning, 2 no match,
    3 ambiguous, 4 incomplete, ...).
    """

    def __init__(self, path, timeout=10.0):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        try:
            self.sock.connect(path)
        except OSError:
            self.sock.close()
            raise
        self._buf = b""

    def command(self, line):
        self.sock.sendall(line.encode() + b"\0")
        while True:
            end = self._buf.find(b"\0\0\0")
            if end >= 0 and len(self._buf) > end + 3:
                text, status = self._buf[:end], self._buf[end + 3]
                self._buf = self._buf[end + 4:]
                return VtyReply(line, text.decode(errors="replace"), status)
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("%s closed the connection during %r (got %r)"
                                      % (self.path, line, self._buf))
            self._buf += data

    def commands(self, *lines):
        return [self.command(line) for line in lines]

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def vty_commands(path, *lines, timeout=10.0):
    """Connect to ``path``, run ``lines`` in order, return the list of VtyReply."""
    with VtyClient(path, timeout=timeout) as c:
        return c.commands(*lines)


class CfnDaemon:
    """bgpd-cfn or ospfd-cfn on a node, with its own pidfile and vty socket dir.

    ``CfnDaemon(node, "bgpd", "/path/cfn.conf")``; ``start()`` runs it in the
    foreground (a harness Process, stopped at teardown) and waits until its socket
    answers; ``run(*extra)`` runs it to completion (e.g. with ``-d`` or ``-C``) and
    returns the CompletedProcess.
    """

    def __init__(self, node, daemon, config, vty_dir=None, pidfile=None):
        if daemon not in ("bgpd", "ospfd"):
            raise ValueError("daemon must be bgpd or ospfd, not %r" % daemon)
        self.node, self.topo, self.daemon = node, node.topo, daemon
        self.program = daemon + "-cfn"
        self.binary = cfn_binary(self.program)
        self.config = config
        self.vty_dir = vty_dir or os.path.join(node.dir, "vty")
        self.pidfile = pidfile or os.path.join(node.dir, daemon + ".pid")
        self.proc = None

    @property
    def socket(self):
        return os.path.join(self.vty_dir, self.daemon + ".vty")

    def argv(self, *extra):
        return [self.binary, "-f", self.config, "-i", self.pidfile,
                "--vty_socket", self.vty_dir] + list(extra)

    def run(self, *extra, timeout=30):
        """Run to completion in the namespace; TopoError if it is still running after
        ``timeout`` (it is killed then)."""
        argv = self.argv(*extra)
        try:
            return self.node.run(argv, check=False, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise TopoError("%s still running after %ss: %s" % (self.program, timeout,
                                                                " ".join(argv))) from exc

    def start(self, *extra, name=None):
        """Start in the foreground and wait until the vty socket answers."""
        self.proc = self.node.start(self.argv(*extra), name=name or self.program)
        self.wait_ready()
        return self

    def answers(self):
        replies = vty_commands(self.socket, "show version", timeout=5)
        return replies[0].status == 0 and self.program in replies[0].text

    def wait_ready(self, timeout=START_TIMEOUT):
        self.topo.wait_until(self.answers, timeout=timeout, interval=0.05,
                             desc="%s on %s to answer on %s" % (self.program, self.node.name,
                                                                 self.socket))

    def vty(self, *lines):
        """Run ``lines`` after ``enable`` on a fresh connection; the replies to ``lines``."""
        return vty_commands(self.socket, "enable", *lines)[1:]

    def running_config(self):
        """``write terminal`` (the bare running config); AssertionError on a bad status."""
        reply = self.vty("write terminal")[0]
        if reply.status != 0:
            raise AssertionError("%s: write terminal failed: %r" % (self.program, reply))
        return reply.text

    def pid(self):
        """The pid in the pidfile, or None if there is no pidfile."""
        try:
            with open(self.pidfile) as f:
                return int(f.read().split()[0])
        except FileNotFoundError:
            return None
