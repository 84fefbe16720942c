"""Malformed BGP messages over a live session with bgpd-cfn (issue 5 acceptance, "Bad input").

r1 runs bgpd-cfn; r2 runs ``bgp_load probe``, which opens an eBGP session (or sends a raw
OPEN instead of its own), announces PREFIX and CONTROL, sends one raw message, then announces
AFTER with a valid UPDATE, and prints one JSON line saying what bgpd-cfn did. One row per rule
of RFC 4271 section 6 and RFC 7606 (and RFC 6793, 7607, 9072), plus the shapes behind public
BGP CVEs. The expected outcome of each row is the codec's (tests/unit/bgp_wire/
malformed_test.cpp, which follows the RFCs):

- reset: bgpd-cfn sends a NOTIFICATION with exactly this code/subcode and closes the session,
  and the session's routes leave its kernel FIB;
- withdraw (RFC 7606 2, treat-as-withdraw): the session stays up (no NOTIFICATION, KEEPALIVEs
  keep coming), PREFIX leaves the kernel FIB while CONTROL stays, AFTER arrives (so the
  message was handled), and the log has one more "treat-as-withdraw" line;
- discard (RFC 7606 2, attribute discard): as withdraw, but PREFIX stays, and the log has one
  more "attribute-discard" line;
- accept: nothing is malformed (e.g. MP_UNREACH_NLRI alone): the session stays up, no UPDATE
  error is logged, and PREFIX is kept or withdrawn as the message says.

All rows share one topology and one bgpd-cfn, which must still run and answer its vty socket
after every row (if it died, the next row starts a new one). bgp_load comes from
``$CFN_BUILD_DIR/bench/bgp_bench/bgp_load``, bgpd-cfn from ``$CFN_BUILD_DIR/bgpd-cfn/``.
"""

import collections
import json
import os
import socket
import sys

import pytest

from cfntopo import CfnDaemon, MissingBinary, Topology, build_dir, check_environment, write_file

R1, R2 = "10.0.12.1", "10.0.12.2"
LOCAL_AS, PEER_AS = 65001, 65002
PREFIX, CONTROL, AFTER = "198.51.100.0/24", "203.0.113.0/24", "192.0.2.0/24"
PROTO_CFN_BGP = "220"  # netlink::kProtoCfnBgp
WAIT = 3  # seconds the probe keeps the session after the raw message (KEEPALIVE every 1 s)

BGPD_CONF = """\
hostname r1
log stdout informational
!
router bgp 65001
 bgp router-id 10.0.12.1
 no bgp ebgp-requires-policy
 neighbor 10.0.12.2 remote-as 65002
 neighbor 10.0.12.2 passive
 neighbor 10.0.12.2 timers 1 3
!
"""

# ---- message builders (RFC 4271 4) -------------------------------------------------------


def message(kind, body):
    """Header (marker, length covering ``body``, type) followed by ``body``."""
    return b"\xff" * 16 + (19 + len(body)).to_bytes(2, "big") + bytes([kind]) + body


def attribute(flags, code, value):
    """One path attribute; the Extended Length flag (0x10) selects a 2-octet length."""
    return bytes([flags, code]) + len(value).to_bytes(2 if flags & 0x10 else 1, "big") + value


def update(withdrawn=b"", attributes=b"", nlri=b""):
    return message(2, len(withdrawn).to_bytes(2, "big") + withdrawn
                   + len(attributes).to_bytes(2, "big") + attributes + nlri)


def nlri(prefix):
    address, length = prefix.split("/")
    length = int(length)
    return bytes([length]) + socket.inet_aton(address)[:(length + 7) // 8]


def as4(asn):
    return asn.to_bytes(4, "big")


ORIGIN = attribute(0x40, 1, b"\x00")
AS_PATH = attribute(0x40, 2, bytes([2, 1]) + as4(PEER_AS))  # 4-octet AS session
NEXT_HOP = attribute(0x40, 3, socket.inet_aton(R2))
NLRI = nlri(PREFIX)


def announce(extra=b"", origin=ORIGIN, as_path=AS_PATH, next_hop=NEXT_HOP, routes=NLRI):
    """An UPDATE announcing PREFIX with ORIGIN, AS_PATH, NEXT_HOP (each replaceable) + extra."""
    return update(attributes=origin + as_path + next_hop + extra, nlri=routes)


def capabilities(asn=PEER_AS):
    """One Capabilities parameter: multiprotocol IPv4 unicast, 4-octet AS ``asn``."""
    caps = bytes([1, 4, 0, 1, 0, 1, 65, 4]) + as4(asn)
    return bytes([2, len(caps)]) + caps


def open_message(version=4, my_as=PEER_AS, hold=9, identifier=R2, parameters=None):
    """An OPEN; ``parameters`` (raw, after the fixed fields) replaces length + capabilities."""
    if parameters is None:
        params = capabilities(my_as)
        parameters = bytes([len(params)]) + params
    return message(1, bytes([version]) + my_as.to_bytes(2, "big") + hold.to_bytes(2, "big")
                   + socket.inet_aton(identifier) + parameters)


def with_byte(data, index, value):
    return data[:index] + bytes([value]) + data[index + 1:]


KEEPALIVE = message(4, b"")
MP_REACH = attribute(0x80, 14, bytes([0, 1, 1, 4]) + socket.inet_aton(R2) + b"\x00" + NLRI)

# ---- the table ---------------------------------------------------------------------------

Row = collections.namedtuple("Row", "id outcome data code subcode is_open keeps_prefix",
                             defaults=(None, None, False, True))


def reset(row_id, data, code, subcode):
    return Row(row_id, "reset", data, code, subcode)


def reset_open(row_id, data, subcode):
    return Row(row_id, "reset", data, 2, subcode, is_open=True)


def withdraw(row_id, data):
    return Row(row_id, "withdraw", data, keeps_prefix=False)


def discard(row_id, data):
    return Row(row_id, "discard", data)


def accept(row_id, data, keeps_prefix=True):
    return Row(row_id, "accept", data, keeps_prefix=keeps_prefix)


ROWS = [
    # ---- message header (RFC 4271 6.1) ----
    reset("4271-6.1-marker-not-all-ones", with_byte(KEEPALIVE, 0, 0xfe), 1, 1),
    reset("4271-6.1-length-below-19", with_byte(KEEPALIVE, 17, 18), 1, 2),
    reset("4271-6.1-length-above-4096", message(2, bytes(4078)), 1, 2),
    reset("4271-6.1-keepalive-of-20-octets", message(4, b"\x00"), 1, 2),
    reset("4271-6.1-bad-type-6", message(6, b""), 1, 3),
    # ---- OPEN (RFC 4271 6.2, RFC 7607, RFC 9072 and the CVE shapes), sent instead of ours ----
    reset_open("4271-6.2-unsupported-version-3", open_message(version=3), 1),
    reset_open("4271-6.2-bad-peer-as", open_message(my_as=65009), 2),
    reset_open("7607-open-my-as-0", open_message(my_as=0, parameters=b"\x00"), 2),
    reset_open("4271-6.2-bad-bgp-identifier-0", open_message(identifier="0.0.0.0"), 3),
    reset_open("4271-6.2-unacceptable-hold-time-2", open_message(hold=2), 6),
    reset_open("4271-6.2-unsupported-optional-parameter",
               open_message(parameters=bytes([4, 1, 2, 0, 0])), 4),
    reset_open("cve-9072-0xff-extended-parameters-length-overruns",
               open_message(parameters=bytes([0xff, 0xff, 0x01, 0x00]) + capabilities()), 0),
    reset_open("cve-oversize-capability-overruns-its-parameter",
               open_message(parameters=bytes([8, 2, 6, 65, 10]) + as4(PEER_AS)), 0),
    # ---- UPDATE errors that reset the session (RFC 4271 6.3, RFC 7606 3.g, 5.2, 5.3, 7.11) ----
    reset("4271-6.3-withdrawn-length-overruns", message(2, bytes([0, 0x10, 0, 0])), 3, 1),
    reset("4271-6.3-attribute-length-overruns", message(2, bytes([0, 0, 0, 0x20, 0x40])), 3, 1),
    reset("4271-6.3-unrecognized-well-known", announce(attribute(0x40, 50, b"\x01")), 3, 2),
    reset("7606-3g-duplicate-mp-reach",
          update(attributes=MP_REACH + MP_REACH + ORIGIN + AS_PATH), 3, 1),
    reset("7606-5.3-nlri-prefix-length-33", announce(routes=bytes([33, 1, 2, 3, 4, 5])), 3, 10),
    reset("7606-7.11-mp-reach-next-hop-length-8",
          update(attributes=attribute(0x80, 14, bytes([0, 1, 1, 8]) + bytes(8) + b"\x00" + NLRI)
                 + ORIGIN + AS_PATH), 3, 9),
    reset("cve-truncated-mp-reach", announce(bytes([0x80, 14, 0x20, 0, 1])), 3, 5),
    reset("7606-5.2-zero-length-nlri-malformed-attribute",
          announce(origin=attribute(0x40, 1, b"\x03"), routes=b""), 3, 6),
    # ---- treat-as-withdraw (RFC 7606 3, 4, 7) ----
    withdraw("7606-7.1-origin-value-3", announce(origin=attribute(0x40, 1, b"\x03"))),
    withdraw("7606-3c-origin-flagged-optional",
        announce(origin=attribute(0xc0, 1, b"\x00"))),
    withdraw("7606-7.2-as-path-segment-overruns",
        announce(as_path=attribute(0x40, 2, bytes([2, 2]) + as4(PEER_AS)))),
    withdraw("7606-7.2-as-path-segment-type-5",
        announce(as_path=attribute(0x40, 2, bytes([5, 1]) + as4(PEER_AS)))),
    withdraw("7607-as-path-as-0", announce(as_path=attribute(0x40, 2, bytes([2, 1, 0, 0, 0, 0])))),
    withdraw("7606-7.3-next-hop-length-5",
        announce(next_hop=attribute(0x40, 3, socket.inet_aton(R2) + b"\x00"))),
    withdraw("4271-6.3-next-hop-0.0.0.0",
        announce(next_hop=attribute(0x40, 3, bytes(4)))),
    withdraw("7606-3d-missing-origin", announce(origin=b"")),
    withdraw("7606-3d-missing-next-hop", announce(next_hop=b"")),
    withdraw("7606-7.4-med-length-3", announce(attribute(0x80, 4, bytes(3)))),
    withdraw("7606-7.8-communities-length-5",
        announce(attribute(0xc0, 8, bytes([1, 2, 3, 4, 5])))),
    withdraw("7606-7.14-extended-communities-length-7",
        announce(attribute(0xc0, 16, bytes([0, 2, 0, 1, 0, 0, 0])))),
    withdraw("8092-6-large-communities-length-11", announce(attribute(0xc0, 32, bytes(11)))),
    withdraw("cve-truncated-attribute-overruns-the-field",
        announce(bytes([0xc0, 8, 8, 0xfd, 0xe9]))),
    withdraw("7606-4-attribute-header-cut-short", announce(bytes([0x40, 1]))),
    # ---- attribute discard (RFC 7606 3.g, 7.5-7.7, 7.9, 7.10, RFC 6793, RFC 7607) ----
    discard("7606-7.5-local-pref-from-ebgp", announce(attribute(0x40, 5, as4(100)))),
    discard("7606-7.6-atomic-aggregate-length-1", announce(attribute(0x40, 6, b"\x00"))),
    discard("7606-7.7-aggregator-length-7",
        announce(attribute(0xc0, 7, as4(PEER_AS) + bytes([10, 0, 0])))),
    discard("7607-aggregator-as-0", announce(attribute(0xc0, 7, as4(0) + bytes([10, 0, 0, 1])))),
    discard("7606-7.9-originator-id-from-ebgp",
        announce(attribute(0x80, 9, bytes([10, 0, 0, 1])))),
    discard("7606-7.10-cluster-list-from-ebgp",
        announce(attribute(0x80, 10, bytes([10, 0, 0, 1])))),
    discard("7606-3g-repeated-origin", announce(attribute(0x40, 1, b"\x02"))),
    discard("6793-as4-path-from-4-octet-peer",
        announce(attribute(0xc0, 17, bytes([2, 1]) + as4(PEER_AS)))),
    # ---- well-formed shapes around the CVEs and RFC 7606 5.2: no error at all ----
    accept("7606-5.2-mp-unreach-alone-withdraws",
        update(attributes=attribute(0x80, 15, bytes([0, 1, 1]) + NLRI)), keeps_prefix=False),
    accept("cve-zero-length-nlri-valid-attributes", announce(routes=b"")),
    accept("4724-end-of-rib-empty-update", update()),
    accept("4271-5-unknown-optional-non-transitive-dropped",
        announce(attribute(0x80, 50, b"\x01"))),
]

LOG_KEY = {"withdraw": "UPDATE error, treat-as-withdraw",
           "discard": "UPDATE error, attribute-discard"}

# ---- the topology ------------------------------------------------------------------------


def bgp_load():
    path = os.path.join(build_dir(), "bench", "bgp_bench", "bgp_load")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise MissingBinary("bgp_load is not built: no executable %s (set CFN_BUILD_DIR)" % path)
    return path


class Lab:
    """r1 (bgpd-cfn, passive toward 10.0.12.2) -- r2 (bgp_load probe, AS 65002)."""

    def __init__(self, topo):
        self.topo = topo
        self.r1, self.r2 = topo.add_node("r1"), topo.add_node("r2")
        topo.add_link(self.r1, self.r2, ipv4=(R1 + "/24", R2 + "/24"))
        self.conf = write_file(os.path.join(self.r1.dir, "bgpd.conf"), BGPD_CONF)
        self.bgp_load = bgp_load()
        self.daemon = None
        self.starts = 0
        self.probes = []
        self.failed = False

    def ensure_daemon(self):
        """bgpd-cfn running (a new one if the last one died: that row has failed already)."""
        if self.daemon is not None and self.daemon.proc.alive():
            return
        if self.daemon is not None:
            self.daemon.proc.stopping = True  # reported by the row that killed it
        self.starts += 1
        self.daemon = CfnDaemon(self.r1, "bgpd", self.conf).start(name="bgpd-cfn-%d" % self.starts)

    def log(self):
        return self.daemon.proc.log()

    def log_since(self, before):
        log = self.log()
        return log[len(before):] if log.startswith(before) else log

    def start_probe(self, row):
        """bgp_load probe for ``row``, in the background (it ends by itself)."""
        argv = [self.bgp_load, "probe", "--connect", R1, "--source", R2,
                "--local-as", str(PEER_AS), "--peer-as", str(LOCAL_AS), "--wait", str(WAIT)]
        if row.is_open:
            argv += ["--open-hex", row.data.hex()]
        else:
            argv += ["--announce", PREFIX, "--announce", CONTROL, "--send-hex", row.data.hex(),
                     "--send-hex", announce(routes=nlri(AFTER)).hex()]
        return self.start(argv)

    def start(self, argv):
        proc = self.r2.start(argv, name="probe-%d" % (len(self.probes) + 1))
        proc.stopping = True  # exits on its own; topo.wait_until must not call that a death
        self.probes.append(proc)
        return proc

    def stop_probes(self):
        """No probe of a failed row may overlap the next row's session."""
        for proc in self.probes:
            if proc.alive():
                proc.stop()

    def report(self, proc, timeout=60):
        """The probe's JSON line, once it has exited 0."""
        self.topo.wait_until(lambda: not proc.alive(), timeout=timeout,
                             desc="the probe to finish")
        assert proc.returncode() == 0, proc.log()
        lines = [l for l in proc.log().splitlines() if l.startswith("{")]
        assert len(lines) == 1, proc.log()
        return json.loads(lines[0])

    def reset_back_off(self):
        """One clean session, so that bgpd-cfn's back-off after errors restarts at 1 s
        (RFC 4271 8.2.1.3 idle hold; reaching Established resets it)."""
        report = self.report(self.start([self.bgp_load, "probe", "--connect", R1, "--source", R2,
                                         "--local-as", str(PEER_AS), "--wait", "0"]))
        assert report["established"], report

    def check_daemon(self):
        """bgpd-cfn still runs and answers on its vty socket."""
        assert self.daemon.proc.alive(), "bgpd-cfn died:\n" + self.daemon.proc.tail(40)
        assert self.daemon.answers(), "bgpd-cfn does not answer on " + self.daemon.socket

    def installed(self, prefix):
        """bgpd-cfn's route for ``prefix`` in r1's kernel FIB, or None."""
        routes = self.r1.ip_json("-N", "-4", "route", "show", "exact", prefix)
        return [r for r in routes if str(r.get("protocol")) == PROTO_CFN_BGP] or None


@pytest.fixture(scope="module")
def lab(request):
    problem = check_environment()
    if problem is not None:
        pytest.fail("cannot run topology tests: %s" % problem, pytrace=False)
    topo = Topology(label=request.node.nodeid)
    try:
        lab = Lab(topo)
    except BaseException:
        topo.close(keep=True)
        raise
    yield lab
    if lab.failed:
        sys.stderr.write("\n%s: a row failed, run dir kept: %s\n" % (__name__, topo.dir))
    topo.close(keep=lab.failed or None)


@pytest.fixture
def bgpd(lab, request):
    """The lab with bgpd-cfn running; a failed row keeps the run dir."""
    try:
        lab.ensure_daemon()
        yield lab
    finally:
        lab.stop_probes()
        report = getattr(request.node, "rep_call", None)
        if report is None or report.failed:
            lab.failed = True


def test_table_covers_header_open_update_and_cve_rules():
    outcomes = collections.Counter(row.outcome for row in ROWS)
    assert len(ROWS) >= 22 and len({row.id for row in ROWS}) == len(ROWS)
    assert {(row.code, row.is_open) for row in ROWS if row.outcome == "reset"} == {
        (1, False), (2, True), (3, False)}
    assert outcomes["withdraw"] >= 5 and outcomes["discard"] >= 3
    assert sum(row.id.startswith("cve-") for row in ROWS) >= 5


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_malformed_message(bgpd, row):
    if row.is_open:
        bgpd.reset_back_off()
    log_before = bgpd.log()
    proc = bgpd.start_probe(row)
    if row.outcome == "reset":
        report = bgpd.report(proc)
        context = "%s\nbgpd-cfn logged:\n%s" % (report, bgpd.log_since(log_before))
        assert report["established"] is not row.is_open, context
        assert report["notification"] is not None, context
        got = (report["notification"]["code"], report["notification"]["subcode"])
        assert got == (row.code, row.subcode), context
        assert report["closed_by_peer"], context
        bgpd.topo.wait_until(lambda: not bgpd.installed(PREFIX) and not bgpd.installed(CONTROL),
                             timeout=10, desc="the reset session's routes to leave the FIB")
        bgpd.check_daemon()
        return

    key = LOG_KEY.get(row.outcome)
    expected = {AFTER: True, CONTROL: True, PREFIX: row.keeps_prefix, "logged": True}

    seen = []

    def settled():
        # AFTER follows the raw message on the same session: once it is in the FIB, the raw
        # message was handled. CONTROL shows the announcements before it were installed.
        log = bgpd.log()
        seen.append({AFTER: bool(bgpd.installed(AFTER)), CONTROL: bool(bgpd.installed(CONTROL)),
                     PREFIX: bool(bgpd.installed(PREFIX)),
                     "logged": key is None or log.count(key) > log_before.count(key)})
        return seen[-1] == expected
    bgpd.topo.wait_until(lambda: settled() or not proc.alive(), timeout=WAIT + 10, interval=0.1,
                         desc=row.id)
    new_lines = bgpd.log_since(log_before)
    history = [state for i, state in enumerate(seen) if i == 0 or state != seen[i - 1]]
    assert seen[-1] == expected, "FIB and log while the probe ran: %s\nbgpd-cfn logged:\n%s" % (
        history, new_lines)
    report = bgpd.report(proc)
    assert report["established"] and report["notification"] is None, report
    assert not report["closed_by_peer"], report
    assert report["keepalives_received"] >= 1, report
    errors = [l for l in new_lines.splitlines() if "UPDATE error" in l]
    if row.outcome == "accept":
        assert errors == [], errors
    else:
        assert all("session-reset" not in l for l in errors), errors
    bgpd.check_daemon()
