"""What a baseline costs: `doclint baseline` and `check` against it, as ratios to a plain check.

    python bench/baseline.py [--runs N]

On a copy of the Ably corpus in a temporary git repository, with the ably pack config
(examples/ably-docs.toml, its paths pointed at the copy), measured side by side in one run:
writing the baseline against `check --no-baseline`, and `check` with the baseline against
`check --no-baseline`, cold (no cache) and warm (a filled cache). Prints the baseline's size too.
"""

from __future__ import annotations

import argparse
import json
import os
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


def timed(command: list[str], cwd: Path, runs: int) -> float:
    """Median wall time (s) over `runs` fresh processes."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        if completed.returncode not in (0, 1):
            raise SystemExit(f"failed ({completed.returncode}): {' '.join(command)}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="doclint-baseline-bench-") as folder:
        tree = Path(folder) / "ably"
        shutil.copytree(CORPUS, tree)
        subprocess.run(["git", "init", "-q"], cwd=tree, check=True)
        config = Path(folder) / "ably.toml"
        config.write_text(CONFIG.read_text().replace("../../shared/corpus/ably-docs/", "ably/"))
        env_python = [sys.executable, "-m", "doclint"]
        lint = ["--config", str(config)]

        def command(*parts: str, cache: bool) -> list[str]:
            return [*env_python, *parts, *lint, *([] if cache else ["--no-cache"])]

        results = {}
        for cache in (False, True):
            if cache:  # fill the cache once, so every warm run reads it
                subprocess.run(command("check", "--no-baseline", cache=True), cwd=tree, stdout=subprocess.DEVNULL)
            plain = timed(command("check", "--no-baseline", cache=cache), tree, args.runs)
            file = tree / ".doclint-baseline.json"
            writes = []
            for _ in range(args.runs):
                file.unlink(missing_ok=True)
                writes.append(timed(command("baseline", cache=cache), tree, 1))
            against = timed(command("check", cache=cache), tree, args.runs)
            results["warm" if cache else "cold"] = (plain, statistics.median(writes), against)
        entries = json.loads(file.read_text())["entries"]
        print(f"baseline: {len(entries)} entries, {sum(e['count'] for e in entries)} findings, "
              f"{len({e['path'] for e in entries})} files, {os.path.getsize(file) / 1024:.0f} KiB")
        for name, (plain, write, against) in results.items():
            print(f"{name}: check --no-baseline {plain:.2f}s; baseline (write) x{write / plain:.2f}; check against it x{against / plain:.2f}")


if __name__ == "__main__":
    main()
