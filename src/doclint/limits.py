"""Bounds that keep a hook from hanging on a hostile file.

A page larger than `MAX_FILE_BYTES` is not parsed; a page whose lint (parse, rules, site checks,
suppressions, fixes) uses more than its time limit (`SECONDS_PER_FILE` unless `--time-limit` or
the config's `time-limit` says otherwise) is cut off. Either way the file gets one clear finding
and the run goes on. Both are documented in the README ("Hostile input").

The limit counts CPU time, not wall-clock time: a page that is fine on a quiet machine must not
be cut off because the machine is busy (a CI runner running other jobs).
"""

from __future__ import annotations

import contextlib
import signal
import threading

MAX_FILE_BYTES = 8 * 1024 * 1024
SECONDS_PER_FILE = 10.0


class TimeLimit(BaseException):
    """A page used up its time limit. A BaseException, so that the guard around each rule (which
    turns a rule's error into a finding) does not swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float | None = None):
    """Raise TimeLimit in this thread after `seconds` of this process's CPU time, where the
    platform has interval timers.

    Python code (the parser, the rules) is interrupted; a regular expression stuck inside C is
    not, which is why user-written patterns run on the `regex` engine with its own timeout.
    """
    seconds = SECONDS_PER_FILE if seconds is None else seconds
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def expire(signum, frame):
        raise TimeLimit()

    # ITIMER_PROF counts the CPU time (user and system) this process spends, and signals SIGPROF.
    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def message(seconds: float) -> str:
    """The time-limit finding's message: what happened and how to raise the limit."""
    return (
        f"linting this page used more than {seconds:g}s of CPU time; cut off (is it generated? "
        "raise the limit with --time-limit SECONDS or `time-limit` in the config)"
    )
