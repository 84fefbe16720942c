"""pytest glue for topology tests: the `topo` fixture, stale-namespace sweep, failure reports."""

import os
import signal
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cfntopo import Topology, check_environment, sweep_stale  # noqa: E402

_env_problem = None


def pytest_configure(config):
    # Treat SIGTERM/SIGHUP like Ctrl-C: pytest stops the session, fixture
    # finalizers and atexit still tear topologies down.
    def _exit(signum, frame):
        raise KeyboardInterrupt("signal %d" % signum)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            signal.signal(sig, _exit)
        except (ValueError, OSError):
            pass


def pytest_sessionstart(session):
    global _env_problem
    _env_problem = check_environment()
    if _env_problem is None:
        removed = sweep_stale()
        if removed:
            sys.stderr.write("cfntopo: removed stale namespaces: %s\n" % " ".join(removed))


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)
    topo = getattr(item, "_cfntopo", None)
    if topo is not None and rep.failed:
        rep.sections.append(("cfntopo (run dir kept)", topo.logs_summary()))


@pytest.fixture
def topo(request):
    """A fresh Topology for one test; torn down after it, run dir kept on failure."""
    if _env_problem is not None:
        pytest.fail("cannot run topology tests: %s" % _env_problem, pytrace=False)
    t = Topology(label=request.node.nodeid)
    request.node._cfntopo = t
    try:
        yield t
    finally:
        failed = any(getattr(getattr(request.node, "rep_" + w, None), "failed", False)
                     for w in ("setup", "call"))
        interrupted = not hasattr(request.node, "rep_call")  # e.g. Ctrl-C mid-test
        keep = failed or interrupted
        if keep:
            sys.stderr.write("\ncfntopo: test %s, run dir kept: %s\n"
                             % ("failed" if failed else "interrupted", t.dir))
        t.close(keep=keep or None)
