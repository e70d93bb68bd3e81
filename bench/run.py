"""doclint's benchmarks: the ratios of issue 18, each against a baseline measured in the same run.

    python bench/run.py [--runs N] [--peers] [--quick] [--write BENCHMARKS.md]

Method. Every command is a fresh process, and the commands are interleaved: each round runs
every one of them once, in the same order, and a figure is the median over `--runs` rounds, so
a burst of load from the other users of a shared machine spreads over all of them instead of
skewing one. Only the ratios mean anything; the seconds are there to read them by. doclint runs
from this checkout (`PYTHONPATH=src`), with a private cache key folder, on the Ably corpus
beside the repository (never written to: caches and git repositories live in a scratch folder).
Peak memory is the largest sum of the resident sets of a command's whole process tree (doclint's
workers included), sampled from /proc every 20 ms. Python bytecode is compiled before the rounds
(into the scratch folder), as for an installed package.

With --peers, rumdl (PyPI) and markdownlint-cli2 (npm) are installed into bench/.peers if they
are missing, and run on the same files: not the same rules, but the linters a team would
otherwise pick. The corpus x16 run (memory) and the server's edit-to-diagnostics time are taken
after the rounds; the server's both for an edit after a pause in typing and for edits sent back
to back (the server lints a page at most once per its DEBOUNCE while typing goes on).
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
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # this checkout's doclint

import lsp  # noqa: E402 - bench/ is not a package
import measure  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ably-docs"
CONFIG = ROOT / "examples" / "ably-docs.toml"
PAGE = Path("src/pages/docs/chat/rooms/presence.mdx")
PEERS = ROOT / "bench" / ".peers"
PYTHON = sys.executable
CHANGED_PAGES = 5


@dataclass
class Command:
    name: str
    argv: list[str]
    cwd: Path = ROOT
    before: object = None  # called before each run (fill or empty a cache)
    times: list[float] = field(default_factory=list)
    peak: float = 0.0

    def once(self, env: dict[str, str]) -> None:
        if self.before:
            self.before()
        seconds, peak = measure.run(self.argv, self.cwd, env)
        self.times.append(seconds)
        self.peak = max(self.peak, peak)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def doclint(*args: str) -> list[str]:
    return [PYTHON, "-m", "doclint", "check", "--quiet", *args]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def peers() -> dict[str, Path]:
    """The peers' executables, installed into bench/.peers on first use."""
    rumdl = PEERS / "venv" / "bin" / "rumdl"
    if not rumdl.exists():
        subprocess.run([PYTHON, "-m", "venv", str(PEERS / "venv")], check=True)
        subprocess.run([str(PEERS / "venv" / "bin" / "pip"), "install", "-q", "rumdl"], check=True)
    cli2 = PEERS / "node" / "node_modules" / ".bin" / "markdownlint-cli2"
    if not cli2.exists():
        (PEERS / "node").mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(PEERS / "node"), "markdownlint-cli2"], check=True)
    return {"rumdl": rumdl, "markdownlint-cli2": cli2}


def git_copy(scratch: Path) -> Path:
    """A git repository holding a copy of the corpus and the pack config (its paths made relative
    to the copy), with CHANGED_PAGES pages edited since the commit: a pull request's CI run."""
    repo = scratch / "repo"
    shutil.copytree(CORPUS, repo)
    config = CONFIG.read_text(encoding="utf-8").replace("../../shared/corpus/ably-docs/", "")
    (repo / "doclint.toml").write_text(config, encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "corpus"], check=True)
    for page in sorted((repo / "src" / "pages" / "docs" / "chat").rglob("*.mdx"))[:CHANGED_PAGES]:
        with page.open("a", encoding="utf-8") as handle:
            handle.write("\nA paragraph added by the pull request, with a TODO left in it.\n")
    return repo


def has_baseline(env: dict[str, str]) -> bool:
    """`doclint baseline` is being built in parallel (issue 17): measure it only once it exists."""
    return subprocess.run([PYTHON, "-m", "doclint", "baseline", "--help"], cwd=ROOT, env=env, capture_output=True).returncode == 0


def baseline_check(repo: Path, scratch: Path, env: dict[str, str]) -> Command | None:
    """Check against a baseline of every finding (the file moved out of the tree, so the other
    runs on the copy do not read it); None, with a note, if the command's shape is not the one
    issue 17 describes."""
    made = subprocess.run([PYTHON, "-m", "doclint", "baseline", "--config", "doclint.toml", "."], cwd=repo, env=env, capture_output=True, text=True)
    written = repo / ".doclint-baseline.json"
    if made.returncode != 0 or not written.exists():
        print(f"note: no baseline row: `doclint baseline` exited {made.returncode}: {made.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    baseline = scratch / "baseline.json"
    written.replace(baseline)
    return Command("with the ably pack, against a baseline of its findings, cold, -j 1",
                   doclint("--config", "doclint.toml", "--baseline", str(baseline), "--no-cache", "-j", "1", "."), cwd=repo)


def commands(scratch: Path, repo: Path, env: dict[str, str], with_peers: bool) -> dict[str, Command]:
    cache, pack_cache = scratch / "cache", scratch / "pack-cache"

    def fill(folder: Path, *args: str):
        def before() -> None:
            if not folder.exists():  # filled once, by the first round's run before this one
                subprocess.run(doclint("--cache-dir", str(folder), *args), cwd=ROOT, env=env, capture_output=True)
        return before

    found = {
        "parse1": Command("markdown-it-py parse, 1 process", [PYTHON, str(ROOT / "bench" / "parse_only.py"), str(CORPUS)]),
        "parse2": Command("markdown-it-py parse, 2 processes", [PYTHON, str(ROOT / "bench" / "parse_only.py"), str(CORPUS), "--jobs", "2"]),
        "bare": Command("python -c 'import click, rich.console, markdown_it'", [PYTHON, "-c", "import click, rich.console, markdown_it"]),
        "page": Command(f"doclint, one page ({PAGE.name})", doclint("--isolated", "--no-cache", str(CORPUS / PAGE))),
        "cold": Command("doclint, corpus, cold (--no-cache)", doclint("--isolated", "--no-cache", str(CORPUS))),
        "cold2": Command("doclint, corpus, cold, -j 2", doclint("--isolated", "--no-cache", "-j", "2", str(CORPUS))),
        "cold1": Command("doclint, corpus, cold, -j 1", doclint("--isolated", "--no-cache", "-j", "1", str(CORPUS))),
        "pack1": Command("doclint, ably pack + routes, cold, -j 1", doclint("--config", str(CONFIG), "--no-cache", "-j", "1", str(CORPUS))),
        "warm": Command("doclint, corpus, warm (cache filled)", doclint("--isolated", "--cache-dir", str(cache), str(CORPUS)), before=fill(cache, "--isolated", str(CORPUS))),
        "packwarm": Command("doclint, ably pack + routes, warm", doclint("--config", str(CONFIG), "--cache-dir", str(pack_cache), str(CORPUS)), before=fill(pack_cache, "--config", str(CONFIG), str(CORPUS))),
        "changed": Command(f"doclint --changed-since HEAD, {CHANGED_PAGES} changed pages, ably pack, cold",
                           doclint("--config", "doclint.toml", "--changed-since", "HEAD", "--no-cache", "."), cwd=repo),
    }
    if has_baseline(env) and (command := baseline_check(repo, scratch, env)):
        found["baseline"] = command
    if with_peers:
        tools = peers()
        rumdl_cache = scratch / "rumdl-cache"
        rumdl = [str(tools["rumdl"]), "check", "--flavor", "mdx", "--no-config", "--silent"]

        def fill_rumdl() -> None:
            if not rumdl_cache.exists():
                subprocess.run([*rumdl, "--cache-dir", str(rumdl_cache), str(CORPUS)], cwd=scratch, capture_output=True)

        found["rumdl"] = Command("rumdl check --flavor mdx --no-cache", [*rumdl, "--no-cache", str(CORPUS)], cwd=scratch)
        found["rumdlwarm"] = Command("rumdl check --flavor mdx, warm (cache filled)", [*rumdl, "--cache-dir", str(rumdl_cache), str(CORPUS)], cwd=scratch, before=fill_rumdl)
        # Its default rules on the same files; it writes nothing without --fix or an output formatter.
        found["markdownlint"] = Command("markdownlint-cli2, same files", [str(tools["markdownlint-cli2"]), "**/*.{md,mdx}"], cwd=CORPUS)
    return found


# (ratio, numerator, denominator, issue 18's target or None)
RATIOS = [
    ("one page / bare imports", "page", "bare", 1.3),
    ("whole corpus warm / rumdl warm", "warm", "rumdlwarm", 1.0),
    ("cold, 2 workers / parse in 2 processes", "cold2", "parse2", 1.5),
    ("cold, one process / parse in one process", "cold1", "parse1", 1.5),
    ("cold with the ably pack and routes, one process / parse in one process", "pack1", "parse1", 1.5),
    ("cold / rumdl cold (--flavor mdx, no cache)", "cold", "rumdl", None),
    (f"--changed-since, {CHANGED_PAGES} changed pages, ably pack / bare imports", "changed", "bare", 2.5),
    ("ably pack warm / ably pack cold, one process", "packwarm", "pack1", None),
    ("against a baseline / without one (ably pack, cold, one process)", "baseline", "pack1", None),
    ("markdownlint-cli2 / doclint cold (its default rules, not the same work)", "markdownlint", "cold", None),
]


def corpus_x16(scratch: Path, env: dict[str, str]) -> tuple[float, float]:
    tree = scratch / "corpus-x16"
    for n in range(16):
        shutil.copytree(CORPUS / "src", tree / f"copy{n}")
    try:
        return measure.run(doclint("--isolated", "--no-cache", str(tree)), ROOT, env)
    finally:
        shutil.rmtree(tree)


def report(found: dict[str, Command], runs: int, x16: tuple[float, float] | None, server: dict[str, list[float]] | None) -> str:
    from doclint.lsp.server import DEBOUNCE

    lines = [f"Machine: {machine()}", "", f"Runs: {runs} interleaved rounds, medians.", "",
             "| ratio | now | target |", "|---|---:|---:|"]
    for name, top, bottom, target in RATIOS:
        if top in found and bottom in found:
            lines.append(f"| {name} | {found[top].median / found[bottom].median:.2f} | {'' if target is None else f'<= {target}'} |")
    if server:
        lines.append(f"| server: didChange to publishDiagnostics, {PAGE.name}, warm, an edit after a pause (ms) | {statistics.median(server['pause']) * 1000:.0f} | <= 50 |")
        lines.append(f"| server: the same, edits back to back (ms; at most one lint per {DEBOUNCE * 1000:.0f} ms while typing) | {statistics.median(server['typing']) * 1000:.0f} | |")
    if x16:
        lines.append(f"| peak memory of the process tree, corpus x16, cold (MiB) | {x16[1]:.0f} | <= 400 |")
        lines.append(f"| corpus x16 cold / 16 x corpus cold (scaling) | {x16[0] / (16 * found['cold'].median):.2f} | |")
    parse1, parse2 = found["parse1"].median, found["parse2"].median
    if parse2 > 0.75 * parse1:  # two processes on two idle cores take about half the time
        lines += ["", f"Note: parsing in 2 processes took {parse2 / parse1:.2f} of the time in 1, not about 0.5: "
                  "the machine was busy during this run, so ratios against a 1-process figure read high."]
    lines += ["", "| command | median s | peak MiB |", "|---|---:|---:|"]
    lines += [f"| {command.name} | {command.median:.3f} | {command.peak:.0f} |" for command in found.values()]
    if x16:
        lines.append(f"| doclint, corpus x16, cold (one run) | {x16[0]:.3f} | {x16[1]:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="interleaved rounds (medians of this many)")
    parser.add_argument("--peers", action="store_true", help="also measure rumdl and markdownlint-cli2 (installed into bench/.peers)")
    parser.add_argument("--quick", action="store_true", help="skip the corpus x16 run")
    parser.add_argument("--write", type=Path, help="write the report to this Markdown file (BENCHMARKS.md)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="doclint-bench-") as scratch:
        scratch = Path(scratch)
        # Bytecode is compiled once, into the scratch folder, as an installed doclint's would be
        # (an environment with PYTHONDONTWRITEBYTECODE would otherwise recompile every module in
        # every process and worker, and time the compiler).
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "XDG_CACHE_HOME": str(scratch / "xdg"), "PYTHONPYCACHEPREFIX": str(scratch / "pyc")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        repo = git_copy(scratch)
        found = commands(scratch, repo, env, args.peers)
        for warm_up in (doclint("--config", str(CONFIG), "--no-cache", "-j", "2", str(CORPUS / "src" / "pages" / "docs" / "chat")), found["parse2"].argv):
            subprocess.run(warm_up, cwd=ROOT, env=env, capture_output=True)
        for round_ in range(args.runs):
            for command in found.values():
                command.once(env)
            print(f"round {round_ + 1} of {args.runs} done", file=sys.stderr)
        # The server lints a copy of the page (its cache goes in the copy's root, not the corpus).
        from doclint.lsp.server import DEBOUNCE

        edits = max(5, args.runs)
        server = {"pause": lsp.change_to_diagnostics(repo / PAGE, repo, env, edits, pause=2 * DEBOUNCE),
                  "typing": lsp.change_to_diagnostics(repo / PAGE, repo, env, edits)}
        x16 = None if args.quick else corpus_x16(scratch, env)
        text = report(found, args.runs, x16, server)
    print(text)
    if args.write:
        method = __doc__.split("\n\n", 2)[2].strip()
        heading = f"Produced by `python bench/run.py {' '.join(sys.argv[1:])}` on {time.strftime('%Y-%m-%d')}."
        body = f"# Benchmarks\n\n{heading}\n\n{method}\n\n{text}\n"
        scratch_file = args.write.with_suffix(".tmp")
        scratch_file.write_text(body, encoding="utf-8")
        scratch_file.replace(args.write)


if __name__ == "__main__":
    main()
