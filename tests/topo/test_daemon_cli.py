"""bgpd-cfn / ospfd-cfn as an operator meets them: FRR vtysh interop, the raw vty protocol,
write memory into the integrated config, config errors, and the daemon life cycle.

Binaries: $CFN_BUILD_DIR/{bgpd-cfn,ospfd-cfn,vtysh-cfn}/<name> (default build/release).
A missing binary fails the test that needs it (never a skip). The vtysh-cfn test is the
last section of this file and needs only its own binary besides the daemons.

Every test runs its daemons inside a namespace of the topology harness (the ``topo``
fixture), so whatever they leave behind is killed at teardown; config, pidfiles and
vty sockets live in the test's run directory.
"""

import os
import re
import shutil
import signal
import subprocess

import pytest

from cfntopo import CfnDaemon, cfn_binary, vty_commands, wait_until, write_file
from cfntopo.topology import _netns_pids

INTEGRATED = """\
! integrated config: both daemons read this one file
hostname r1
log stdout informational
!
interface eth0
 description link to r2
 ip ospf cost 20
exit
!
ip prefix-list OUR-NETS seq 5 permit 192.0.2.0/24
!
router bgp 65001
 bgp router-id 10.0.0.1
 neighbor 10.0.12.2 remote-as 65002
 address-family ipv4 unicast
  network 192.0.2.0/24
 exit-address-family
exit
!
router ospf
 ospf router-id 10.0.0.1
 network 10.0.12.0/30 area 0
exit
!
cfn
 policy latency
exit
!
end
"""

# Lines only one daemon may show: (daemon -> own lines, lines it must not show).
OWN_LINES = {
    "bgpd": ["router bgp 65001", " neighbor 10.0.12.2 remote-as 65002", "  network 192.0.2.0/24"],
    "ospfd": ["router ospf", " ip ospf cost 20", " network 10.0.12.0/30 area 0"],
}
FOREIGN_MARKERS = {
    "bgpd": ["router ospf", "ip ospf", "area 0"],
    "ospfd": ["router bgp", "neighbor", "address-family"],
}

VTYSH = shutil.which("vtysh") or "/usr/bin/vtysh"


def _lines(text):
    return text.splitlines()


def _config_node(topo, name="r1", text=INTEGRATED):
    node = topo.add_node(name)
    conf = write_file(os.path.join(node.dir, "cfn.conf"), text)
    return node, conf


@pytest.fixture
def r1(topo):
    """Node r1 running bgpd-cfn and ospfd-cfn on one integrated config (foreground)."""
    node, conf = _config_node(topo)
    node.conf = conf
    node.bgpd = CfnDaemon(node, "bgpd", conf).start()
    node.ospfd = CfnDaemon(node, "ospfd", conf).start()
    return node


def frr_vtysh(node, vty_dir, daemon, *cmds, check=True):
    """Debian FRR's vtysh against our daemon's socket: ``vtysh --vty_socket DIR -d D -c ...``."""
    argv = [VTYSH, "--vty_socket", vty_dir, "-d", daemon]
    for c in cmds:
        argv += ["-c", c]
    res = node.run(argv, check=False, timeout=30)
    if check:
        assert res.returncode == 0, ("vtysh -d %s %r: rc=%d\nstdout:\n%s\nstderr:\n%s"
                                     % (daemon, cmds, res.returncode, res.stdout, res.stderr))
    return res


# --- 1. FRR vtysh interop -----------------------------------------------------------------

@pytest.mark.parametrize("daemon", ["bgpd", "ospfd"])
def test_frr_vtysh_show_running_config(r1, daemon):
    res = frr_vtysh(r1, r1.bgpd.vty_dir, daemon, "show running-config")
    lines = _lines(res.stdout)
    for line in OWN_LINES[daemon]:
        assert line in lines, "%s: %r missing from:\n%s" % (daemon, line, res.stdout)
    for marker in FOREIGN_MARKERS[daemon]:
        assert marker not in res.stdout, ("%s shows the other daemon's %r:\n%s"
                                          % (daemon, marker, res.stdout))
    # Both apply the shared parts.
    assert "hostname r1" in lines and "interface eth0" in lines


def test_frr_vtysh_configure_bgpd(r1):
    frr_vtysh(r1, r1.bgpd.vty_dir, "bgpd", "configure terminal", "router bgp 65001",
              "neighbor 10.9.9.9 remote-as 9")
    out = frr_vtysh(r1, r1.bgpd.vty_dir, "bgpd", "show running-config").stdout
    assert " neighbor 10.9.9.9 remote-as 9" in _lines(out), out
    assert " neighbor 10.0.12.2 remote-as 65002" in _lines(out), out
    # ospfd is untouched.
    assert "10.9.9.9" not in r1.ospfd.running_config()


def test_raw_vty_show_version(r1):
    for d in (r1.bgpd, r1.ospfd):
        # In view mode, and after enable, on one connection.
        replies = vty_commands(d.socket, "show version", "enable", "show version")
        for reply in replies:
            assert reply.status == 0, reply
        for reply in (replies[0], replies[2]):
            assert d.program in reply.text, reply
        other = "ospfd-cfn" if d.daemon == "bgpd" else "bgpd-cfn"
        assert other not in replies[0].text


# --- 2. write memory ------------------------------------------------------------------------

def test_write_memory_keeps_other_daemons_sections(r1):
    before = open(r1.conf).read()
    replies = vty_commands(r1.bgpd.socket, "enable", "configure terminal", "router bgp 65001",
                           "neighbor 10.9.9.9 remote-as 9", "end", "write memory")
    for reply in replies:
        assert reply.status == 0, reply
    assert r1.conf in replies[-1].text, replies[-1]

    after = open(r1.conf).read()
    assert after != before
    lines = _lines(after)
    assert " neighbor 10.9.9.9 remote-as 9" in lines, after
    assert " neighbor 10.0.12.2 remote-as 65002" in lines, after
    # ospfd's sections (read by bgpd at start-up) survive bgpd's rewrite.
    for line in ("router ospf", " ospf router-id 10.0.0.1", " network 10.0.12.0/30 area 0",
                 " ip ospf cost 20"):
        assert line in lines, "%r lost by bgpd's write memory:\n%s" % (line, after)
    assert "interface eth0" in lines and " policy latency" in lines
    assert lines.count("router bgp 65001") == 1 and lines.count("router ospf") == 1, after

    # The file loads back into both daemons.
    for d in (r1.bgpd, r1.ospfd):
        res = d.run("-C")
        assert res.returncode == 0, "%s -C on written file: %s\n%s" % (d.program, res.stderr,
                                                                         after)
    # The written config is bgpd's running config.
    assert " neighbor 10.9.9.9 remote-as 9" in _lines(r1.bgpd.running_config())


# --- 3. bad config files --------------------------------------------------------------------

GOOD_HEAD = """\
hostname r1
log stdout informational
!
interface eth0
 ip ospf cost 20
exit
!
router bgp 65001
 bgp router-id 10.0.0.1
 neighbor 10.0.12.2 remote-as 65002
"""
# Line 11 is the first line after GOOD_HEAD.
GOOD_TAIL = """\
exit
!
router ospf
 network 10.0.12.0/30 area 0
exit
!
"""

# (id, text, bad line number, reason fragment (lower case))
BAD_CONFIGS = [
    ("unknown-command", GOOD_HEAD + " frobnicate the router\n" + GOOD_TAIL, 11,
     "unknown command"),
    ("bad-argument-type", GOOD_HEAD + " neighbor 10.0.12.3 remote-as sixty\n" + GOOD_TAIL, 11,
     "invalid input"),
    ("bad-ipv4", GOOD_HEAD + GOOD_TAIL.replace(" network 10.0.12.0/30 area 0",
                                               " ospf router-id 10.0.0\n network 10.0.12.0/30 area 0"),
     14, "invalid input"),
    ("value-out-of-range", GOOD_HEAD + " timers bgp 70000 3\n" + GOOD_TAIL, 11, "out of range"),
    ("ospf-cost-out-of-range", GOOD_HEAD.replace(" ip ospf cost 20", " ip ospf cost 0")
     + GOOD_TAIL, 5, "out of range"),
    ("wrong-node", GOOD_HEAD + " network 192.0.2.0/24\n" + GOOD_TAIL, 11, "not valid in"),
    ("wrong-node-top-level", "hostname r1\nip ospf cost 10\n" + GOOD_HEAD[12:] + GOOD_TAIL, 2,
     "not valid in"),
    ("truncated", GOOD_HEAD + " neighbor 10.0.12.3\n" + GOOD_TAIL, 11, "incomplete"),
    ("ambiguous-abbreviation", GOOD_HEAD + GOOD_TAIL + "log s\n", 17, "ambiguous"),
]


def _assert_clean_failure(node, d, res, conf, line, reason):
    err = res.stderr
    assert res.returncode != 0, "%s accepted a bad config (rc=0)\n%s" % (d.program, err)
    want = "%s:%d: " % (conf, line)
    assert want in err, "%s: no %r in stderr:\n%s" % (d.program, want, err)
    located = re.findall(r"^%s:(\d+): (.*)$" % re.escape(conf), err, re.M)
    assert located and all(int(n) == line for n, _ in located), (d.program, located)
    assert any(reason in msg.lower() for _, msg in located), (d.program, reason, located)
    assert not os.path.exists(d.pidfile), "%s left its pidfile %s" % (d.program, d.pidfile)
    assert not os.path.exists(d.socket), "%s left its socket %s" % (d.program, d.socket)
    assert _netns_pids(node.ns) == [], "%s left processes: %s" % (d.program, _netns_pids(node.ns))


@pytest.mark.parametrize("text,line,reason", [c[1:] for c in BAD_CONFIGS],
                         ids=[c[0] for c in BAD_CONFIGS])
def test_bad_config_refused(topo, text, line, reason):
    node, conf = _config_node(topo, text=text)
    assert _lines(open(conf).read())[line - 1].strip(), "test table: line %d is blank" % line
    for daemon in ("bgpd", "ospfd"):
        d = CfnDaemon(node, daemon, conf)
        res = d.run()  # the real start, not -C
        _assert_clean_failure(node, d, res, conf, line, reason)


def test_bad_config_daemonize_refused(topo):
    _, text, line, reason = BAD_CONFIGS[0]
    node, conf = _config_node(topo, text=text)
    for daemon in ("bgpd", "ospfd"):
        d = CfnDaemon(node, daemon, conf)
        res = d.run("-d")
        _assert_clean_failure(node, d, res, conf, line, reason)


def test_good_config_check_only(topo):
    """The table's base config is valid (so each bad case fails on its one bad line)."""
    node, conf = _config_node(topo, text=GOOD_HEAD + GOOD_TAIL)
    for daemon in ("bgpd", "ospfd"):
        res = CfnDaemon(node, daemon, conf).run("-C")
        assert res.returncode == 0, res.stderr


# --- 4. bad interactive lines change nothing ------------------------------------------------

BAD_LINES = {
    "bgpd": [
        ("router bgp 65001", None),  # enter router bgp (valid)
        ("frobnicate the router", "% Unknown command"),
        ("timers bgp 70000 3", "% Invalid input"),
        ("neighbor 10.9.9.9 remote-as sixty", "% Invalid input"),
        ("network 10.0.0.0/8", "% Unknown command"),  # belongs under address-family
        ("neighbor 10.9.9.9", "% Command incomplete"),
        ("neighbor 10.9.9.9 timers 1 3", "% "),  # no remote-as yet: refused by bgpd
        ("log s", "% Ambiguous command"),
        ("router bgp 4294967296", "% Invalid input"),
    ],
    "ospfd": [
        ("interface eth0", None),
        ("ip ospf cost 0", "% Invalid input"),
        ("ip ospf cost", "% Command incomplete"),
        ("ip ospf network nbma", "% "),
        ("neighbor 10.9.9.9 remote-as 9", "% Unknown command"),  # bgpd's, not ospfd's
        ("router ospf", None),
        ("network 10.0.0.0/8", "% Command incomplete"),
        ("ospf router-id 10.0.0", "% Invalid input"),
        ("ip ospf cost 5", "% Unknown command"),  # belongs under interface
        ("frobnicate", "% Unknown command"),
    ],
}


@pytest.mark.parametrize("daemon", ["bgpd", "ospfd"])
def test_bad_interactive_lines_change_nothing(r1, daemon):
    d = getattr(r1, daemon)
    lines = [l for l, _ in BAD_LINES[daemon]]
    replies = vty_commands(d.socket, "enable", "write terminal", "configure terminal", *lines,
                           "end", "write terminal")
    before, after = replies[1], replies[-1]
    assert before.status == 0 and after.status == 0
    for reply, (line, expect) in zip(replies[3:-2], BAD_LINES[daemon]):
        if expect is None:
            assert reply.status == 0, reply
            continue
        assert reply.status != 0, "%s accepted bad line %r: %r" % (daemon, line, reply)
        assert reply.text.startswith(expect), "%s: %r -> %r" % (daemon, line, reply.text)
    assert replies[-2].status == 0  # end
    if before.text != after.text:
        import difflib
        diff = "".join(difflib.unified_diff(before.text.splitlines(True),
                                            after.text.splitlines(True), "before", "after"))
        pytest.fail("%s: bad lines changed the running config:\n%s" % (daemon, diff))
    assert "10.9.9.9" not in after.text and "10.0.0.0/8" not in after.text


# --- 5. life cycle --------------------------------------------------------------------------

def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is not alive: look at /proc state.
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("daemon", ["bgpd", "ospfd"])
def test_daemonize_refuse_second_and_sigterm(topo, daemon):
    node, conf = _config_node(topo)
    d = CfnDaemon(node, daemon, conf)
    res = d.run("-d")
    assert res.returncode == 0, "%s -d: rc=%d\n%s" % (d.program, res.returncode, res.stderr)
    # The parent exits only once the daemon serves: pidfile and socket are there now.
    pid = d.pid()
    assert pid and _pid_alive(pid), "pidfile %s: %r" % (d.pidfile, pid)
    assert pid in _netns_pids(node.ns)
    assert os.path.exists(d.socket)
    assert d.answers()

    # A second instance on the same pidfile (other socket dir), or the same socket
    # (other pidfile), is refused with exit 1, in the foreground and with -d; the first
    # keeps its pidfile and socket.
    seconds = [
        CfnDaemon(node, daemon, conf, vty_dir=os.path.join(node.dir, "vty2")),
        CfnDaemon(node, daemon, conf, pidfile=os.path.join(node.dir, daemon + "-2.pid")),
    ]
    for second in seconds:
        for extra in ((), ("-d",)):
            res = second.run(*extra)
            assert res.returncode == 1, ("second %s %s: rc=%d\n%s"
                                         % (d.program, extra, res.returncode, res.stderr))
            assert res.stderr.strip(), "refused without a reason"
            assert d.pid() == pid and _pid_alive(pid)
            assert d.answers(), "first instance's socket broken by a refused second one"
    assert not os.path.exists(seconds[1].pidfile)
    assert not os.path.exists(seconds[0].socket)
    assert _netns_pids(node.ns) == [pid]

    os.kill(pid, signal.SIGTERM)
    wait_until(lambda: not _pid_alive(pid), timeout=20, interval=0.05,
               desc="%s to exit on SIGTERM" % d.program)
    assert not os.path.exists(d.pidfile), "pidfile left after SIGTERM"
    assert not os.path.exists(d.socket), "socket left after SIGTERM"


def test_foreground_sigterm_exits_zero(topo):
    node, conf = _config_node(topo)
    for daemon in ("bgpd", "ospfd"):
        d = CfnDaemon(node, daemon, conf).start()
        assert d.pid() == d.proc.pid
        d.proc.signal(signal.SIGTERM)
        d.proc.stopping = True
        assert d.proc.popen.wait(20) == 0, d.proc.tail()
        assert not os.path.exists(d.pidfile) and not os.path.exists(d.socket)


def _pathspace(topo):
    return "cfnt-%d-%s" % (os.getpid(), topo.tag)


def _run_pathspace(topo, node, conf, name):
    state = os.path.join("/var/run/cfn", name)
    results = {}
    for daemon in ("bgpd", "ospfd"):
        argv = [cfn_binary(daemon + "-cfn"), "-f", conf, "-N", name, "-d"]
        results[daemon] = node.run(argv, check=False, timeout=30)
    return state, results


def _cleanup_pathspace(state, created_root):
    for daemon in ("bgpd", "ospfd"):
        try:
            with open(os.path.join(state, daemon + ".pid")) as f:
                os.kill(int(f.read().split()[0]), signal.SIGTERM)
        except (FileNotFoundError, ValueError, ProcessLookupError):
            pass
    shutil.rmtree(state, ignore_errors=True)
    if created_root:
        try:
            os.rmdir("/var/run/cfn")
        except OSError:
            pass


def _check_pathspace(node, state, results):
    for daemon, res in results.items():
        assert res.returncode == 0, "%s -N: rc=%d\n%s" % (daemon, res.returncode, res.stderr)
    for daemon in ("bgpd", "ospfd"):
        sock = os.path.join(state, daemon + ".vty")
        pidfile = os.path.join(state, daemon + ".pid")
        assert os.path.exists(sock) and os.path.exists(pidfile), os.listdir(state)
        reply = vty_commands(sock, "show version")[0]
        assert reply.status == 0 and daemon + "-cfn" in reply.text
        with open(pidfile) as f:
            pid = int(f.read().split()[0])
        os.kill(pid, signal.SIGTERM)
        wait_until(lambda: not _pid_alive(pid), timeout=20, interval=0.05,
                   desc="%s to exit on SIGTERM" % daemon)
        assert not os.path.exists(sock) and not os.path.exists(pidfile)


def test_pathspace_sockets(topo):
    """-N NAME: pidfile and vty socket in /var/run/cfn/NAME/ (the directory made here)."""
    node, conf = _config_node(topo)
    name = _pathspace(topo)
    state = os.path.join("/var/run/cfn", name)
    created_root = not os.path.isdir("/var/run/cfn")
    os.makedirs(state)
    try:
        state, results = _run_pathspace(topo, node, conf, name)
        _check_pathspace(node, state, results)
    finally:
        _cleanup_pathspace(state, created_root)


def test_pathspace_creates_state_dir(topo):
    """-N NAME with no /var/run/cfn/NAME yet: the daemon makes it, as FRR's daemons do
    (lib/libfrr.c frr_init: frr_mkdir of the vty dir and of the pidfile's dir)."""
    node, conf = _config_node(topo)
    name = _pathspace(topo)
    state = os.path.join("/var/run/cfn", name)
    created_root = not os.path.isdir("/var/run/cfn")
    assert not os.path.exists(state)
    try:
        state, results = _run_pathspace(topo, node, conf, name)
        _check_pathspace(node, state, results)
    finally:
        _cleanup_pathspace(state, created_root)


# --- vtysh-cfn (our integrated shell) -------------------------------------------------------
# Runs once $CFN_BUILD_DIR/vtysh-cfn/vtysh-cfn exists; FAILS (MissingBinary) until then.

def vtysh_cfn(node, vty_dir, *cmds, daemon=None, config=None):
    argv = [cfn_binary("vtysh-cfn"), "--vty_socket", vty_dir]
    if daemon:
        argv += ["-d", daemon]
    if config:
        argv += ["--config_file", config]
    for c in cmds:
        argv += ["-c", c]
    res = node.run(argv, check=False, timeout=30)
    assert res.returncode == 0, ("vtysh-cfn %r: rc=%d\nstdout:\n%s\nstderr:\n%s"
                                 % (cmds, res.returncode, res.stdout, res.stderr))
    return res.stdout


def test_vtysh_cfn_integrated_shell(topo):
    cfn_binary("vtysh-cfn")  # fail first, before starting anything, if it is not built
    node, conf = _config_node(topo)
    bgpd = CfnDaemon(node, "bgpd", conf).start()
    ospfd = CfnDaemon(node, "ospfd", conf).start()

    # Merged running config: each daemon's sections once, the shared lines once.
    out = vtysh_cfn(node, bgpd.vty_dir, "show running-config")
    lines = _lines(out)
    for line in OWN_LINES["bgpd"] + OWN_LINES["ospfd"]:
        assert line in lines, "%r missing from:\n%s" % (line, out)
    for line in ("hostname r1", "router bgp 65001", "router ospf", "interface eth0"):
        assert lines.count(line) == 1, "%r not exactly once in:\n%s" % (line, out)

    # -d restricts to one daemon.
    out = vtysh_cfn(node, bgpd.vty_dir, "show running-config", daemon="bgpd")
    assert "router bgp 65001" in _lines(out) and "router ospf" not in out, out
    out = vtysh_cfn(node, bgpd.vty_dir, "show running-config", daemon="ospfd")
    assert "router ospf" in _lines(out) and "router bgp" not in out, out

    # Configuration goes to the owning daemon only.
    vtysh_cfn(node, bgpd.vty_dir, "configure terminal", "router bgp 65001",
              "neighbor 10.9.9.9 remote-as 9", "exit", "interface eth0", "ip ospf cost 30")
    b, o = bgpd.running_config(), ospfd.running_config()
    assert " neighbor 10.9.9.9 remote-as 9" in _lines(b) and "10.9.9.9" not in o
    assert " ip ospf cost 30" in _lines(o) and "ip ospf cost" not in b

    # write memory writes the integrated file with both daemons' current config.
    out_conf = os.path.join(node.dir, "written.conf")
    vtysh_cfn(node, bgpd.vty_dir, "write memory", config=out_conf)
    written = _lines(open(out_conf).read())
    for line in (" neighbor 10.9.9.9 remote-as 9", " ip ospf cost 30", "router bgp 65001",
                 "router ospf", " network 10.0.12.0/30 area 0"):
        assert line in written, "%r missing from %s" % (line, out_conf)
    for d in (bgpd, ospfd):
        res = subprocess.run([d.binary, "-C", "-f", out_conf], capture_output=True, text=True,
                             timeout=30)
        assert res.returncode == 0, res.stderr
