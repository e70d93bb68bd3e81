"""Bounds that keep a hook from hanging on a hostile file.

A page larger than `MAX_FILE_BYTES` is not parsed; a page whose lint takes longer than
`SECONDS_PER_FILE` is cut off. Either way the file gets one clear finding and the run goes on.
Both are documented in the README ("Hostile input").
"""

from __future__ import annotations

import contextlib
import signal
import threading

MAX_FILE_BYTES = 8 * 1024 * 1024
SECONDS_PER_FILE = 10.0


class TimeLimit(BaseException):
    """A page took longer than SECONDS_PER_FILE to lint. A BaseException, so that the guard
    around each rule (which turns a rule's error into a finding) does not swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float | None = None):
    """Raise TimeLimit in this thread after `seconds`, where the platform has interval timers.

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

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
