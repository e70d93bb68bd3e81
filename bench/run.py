"""doclint's benchmarks: times as ratios against baselines measured in the same run.

    python bench/run.py [--runs N] [--quick] [--peers] [--write BENCHMARKS.md]

Each figure is the median of several runs of a fresh process (the machines are shared and noisy,
so only ratios measured side by side mean anything). Peak memory is the largest resident set of
those processes. With --peers, markdownlint-cli2 (npm) and pymarkdown (PyPI) are installed into
bench/.peers if missing and run on the same files with their default rules: not the same work,
but the linters a team would otherwise pick.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ably-docs"
CONFIG = ROOT / "examples" / "ably-docs.toml"
PAGE = CORPUS / "src" / "pages" / "docs" / "chat" / "rooms" / "presence.mdx"
PEERS = ROOT / "bench" / ".peers"
PYTHON = sys.executable


def measure(command: list[str], runs: int, cwd: Path = ROOT, env: dict | None = None) -> tuple[float, float]:
    """Median wall time (s) and peak resident memory (MiB) over `runs` fresh processes."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"failed ({status}): {' '.join(map(str, command))}")
    return statistics.median(times), max(peaks)


def doclint(*args: str) -> list[str]:
    return [PYTHON, "-m", "doclint", "check", *args]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cpu}, {cores} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def copies(times: int, into: Path) -> Path:
    target = into / f"corpus-x{times}"
    for n in range(times):
        shutil.copytree(CORPUS / "src", target / f"copy{n}")
    return target


def peers_available() -> dict[str, list[str]]:
    found = {}
    cli2 = PEERS / "node" / "node_modules" / ".bin" / "markdownlint-cli2"
    if not cli2.exists() and shutil.which("npm"):
        (PEERS / "node").mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(PEERS / "node"), "markdownlint-cli2"], check=False)
    if cli2.exists():
        found["markdownlint-cli2"] = [str(cli2), "**/*.{md,mdx}"]
    pymarkdown = PEERS / "venv" / "bin" / "pymarkdown"
    if not pymarkdown.exists():
        subprocess.run([PYTHON, "-m", "venv", str(PEERS / "venv")], check=False)
        subprocess.run([str(PEERS / "venv" / "bin" / "pip"), "install", "-q", "pymarkdownlnt"], check=False)
    if pymarkdown.exists():
        found["pymarkdown"] = [str(pymarkdown), "--continue-on-error", "scan", "-r", "-ae", ".md,.mdx", "."]
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="fewer runs, no scaling beyond 2x")
    parser.add_argument("--peers", action="store_true")
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    rows: list[tuple[str, float, float, str, str]] = []  # name, seconds, MiB, ratio, baseline

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        cache = scratch / "cache"
        base, base_mem = measure([PYTHON, str(ROOT / "bench" / "parse_only.py"), str(CORPUS)], runs)
        rows.append(("markdown-it-py parse only, 1 process (baseline A)", base, base_mem, "1.00", "A"))

        def add(name: str, command: list[str], baseline: float, label: str, runs_here: int = runs, **kwargs) -> float:
            seconds, mem = measure(command, runs_here, **kwargs)
            rows.append((name, seconds, mem, f"{seconds / baseline:.2f}", label))
            return seconds

        add("doclint, default rules, cold (--no-cache)", doclint("--isolated", "--no-cache", str(CORPUS)), base, "A")
        shutil.rmtree(cache, ignore_errors=True)
        subprocess.run(doclint("--isolated", "--cache-dir", str(cache), str(CORPUS)), cwd=ROOT, capture_output=True)
        add("doclint, default rules, warm (cache filled)", doclint("--isolated", "--cache-dir", str(cache), str(CORPUS)), base, "A")
        no_links = add("doclint, ably pack + routes, broken-link off, cold", doclint("--config", str(CONFIG), "--ignore", "broken-link", "--no-cache", str(CORPUS)), base, "A")
        add("doclint, ably pack + routes, cold", doclint("--config", str(CONFIG), "--no-cache", str(CORPUS)), base, "A")
        rows[-1] = rows[-1][:3] + (f"{rows[-1][1] / base:.2f} (link index +{(rows[-1][1] / no_links - 1) * 100:.0f}%)", "A")
        shutil.rmtree(cache, ignore_errors=True)
        subprocess.run(doclint("--config", str(CONFIG), "--cache-dir", str(cache), str(CORPUS)), cwd=ROOT, capture_output=True)
        add("doclint, ably pack + routes, warm", doclint("--config", str(CONFIG), "--cache-dir", str(cache), str(CORPUS)), base, "A")
        add("doclint, one process (-j 1), default rules, cold", doclint("--isolated", "--no-cache", "-j", "1", str(CORPUS)), base, "A")

        bare, bare_mem = measure([PYTHON, "-c", "import click, rich.console, markdown_it"], runs * 2)
        rows.append(("python -c 'import click, rich.console, markdown_it' (baseline B)", bare, bare_mem, "1.00", "B"))
        add("doclint check one page (presence.mdx)", doclint("--isolated", "--no-cache", str(PAGE)), bare, "B", runs * 2)

        one = None
        for times in (1, 2) if args.quick else (1, 2, 4, 8):
            tree = copies(times, scratch)
            seconds = add(f"doclint, corpus x{times}, default rules, cold", doclint("--isolated", "--no-cache", str(tree)), one or 1.0, "C", max(1, runs // 2))
            if one is None:
                one = seconds
                rows[-1] = rows[-1][:3] + ("1.00", "C")
            shutil.rmtree(tree)

        if args.peers:
            for name, command in peers_available().items():
                add(f"{name} (its default rules, not the same work), same files", command, base, "A", max(1, runs // 2), cwd=CORPUS)

    table = ["| measurement | median s | peak MiB | ratio | to |", "|---|---:|---:|---:|---|"]
    table += [f"| {name} | {seconds:.3f} | {mem:.0f} | {ratio} | {label} |" for name, seconds, mem, ratio, label in rows]
    text = "\n".join(table)
    header = f"Machine: {machine()}\nRuns: median of {runs} (scaling: {max(1, runs // 2)}); baselines A, B, C are measured in the same run.\n"
    print(header)
    print(text)
    if args.write:
        command = "python bench/run.py " + " ".join(sys.argv[1:])
        args.write.write_text(
            "# Benchmarks\n\nProduced by `" + command + "` on " + time.strftime("%Y-%m-%d") + ".\n\n"
            + header.replace("\n", "\n\n") + text + "\n\n"
            + "Baseline A: markdown-it-py parsing the same files in one process. Baseline B: a bare "
            "Python start importing click, rich and markdown-it. Baseline C: doclint on one copy of "
            "the corpus (scaling should stay near linear).\n"
        )


if __name__ == "__main__":
    main()
