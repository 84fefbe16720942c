"""Polling helper for topology tests: wait for convergence, never time performance."""

import time

__all__ = ["WaitTimeout", "StopWaiting", "wait_until"]

_UNSET = object()


class WaitTimeout(AssertionError):
    """A predicate did not become true before its deadline."""


class StopWaiting(Exception):
    """Raised by a predicate (or a check) to abort a wait at once, e.g. a daemon died."""


def wait_until(fn, timeout=60.0, interval=0.25, desc=None, check=None):
    """Call ``fn()`` until it returns a truthy value; return that value.

    Exceptions raised by ``fn`` are remembered and polling goes on (a peer that is
    still starting may refuse its control socket), except ``StopWaiting``, which
    propagates at once. ``check`` (optional) is called before each poll and may
    raise to abort (Topology uses it to fail fast when a daemon dies).
    On timeout raises ``WaitTimeout`` naming ``desc`` and the last value or
    exception seen. The deadline is only a bound on waiting for convergence.
    """
    desc = desc or getattr(fn, "__name__", repr(fn))
    deadline = time.monotonic() + timeout
    last_value = _UNSET
    last_exc = None
    polls = 0
    while True:
        if check is not None:
            check()
        polls += 1
        try:
            value = fn()
        except StopWaiting:
            raise
        except Exception as exc:  # noqa: BLE001 - remembered and reported
            last_exc = exc
            last_value = _UNSET
        else:
            if value:
                return value
            last_value = value
            last_exc = None
        if time.monotonic() >= deadline:
            break
        time.sleep(interval)
    if last_exc is not None:
        last = "last exception: %s: %s" % (type(last_exc).__name__, last_exc)
    elif last_value is _UNSET:
        last = "no value seen"
    else:
        last = "last value: %r" % (last_value,)
    raise WaitTimeout("timed out after %.0fs (%d polls) waiting for %s; %s"
                      % (timeout, polls, desc, last)) from last_exc
