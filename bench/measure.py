"""Time one command and the peak memory of its whole process tree.

`ru_maxrss` reports the largest single process, which hides doclint's worker processes; so a
thread samples the resident set of the child and every descendant (from /proc) while the main
thread waits for the exit, which keeps the wall time exact.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

SAMPLE_EVERY = 0.02  # seconds: short enough to catch a worker's peak, cheap on 2 cores


def _tree(pid: int) -> list[int]:
    """The process and its descendants, through /proc/PID/task/TID/children."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                todo += [int(child) for child in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
        except OSError:
            continue  # it exited between two reads
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and the peak summed resident memory (MiB) of the command's process tree.
    Raises SystemExit naming the command unless it exits 0 or 1 (1: findings)."""
    peak = 0
    done = threading.Event()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_rss_kib(pid) for pid in _tree(process.pid)))
            done.wait(SAMPLE_EVERY)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"exit {process.returncode}: {' '.join(map(str, command))}\n{errors.decode(errors='replace')[-2000:]}")
    return seconds, peak / 1024
