"""Write tests/snapshots/findings/: what doclint finds on every shared tree, one JSON line a
finding (path, line, column, rule, message), sorted.

    python scripts/findings_snapshot.py            # lint every tree and write its snapshot
    python scripts/findings_snapshot.py jest ...   # only these trees

tests/test_findings_snapshot.py lints the trees again and compares, so a speed-up (or any change)
that moves a finding shows up as a diff. Run this when findings change on purpose, and say why in
the commit. Each tree is linted from its root with no config (its own generator's profile), and
the Ably docs once more with the pack config examples/ably-docs.toml, as tests/test_corpus.py does.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
FOLDER = REPO / "tests" / "snapshots" / "findings"
# snapshot name -> (tree, extra arguments of `doclint check`)
TREES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ably-docs": ("ably-docs", ()),
    "ably-docs-pack": ("ably-docs", ("--config", str(REPO / "examples" / "ably-docs.toml"))),
    "jest": ("jest", ()),
    "mkdocs-material": ("mkdocs-material", ()),
    "rust-reference": ("rust-reference", ()),
    "starlight": ("starlight", ()),
}
KEYS = ("path", "line", "column", "rule", "message")


def lint(name: str) -> list[dict]:
    """Every finding of `doclint check --no-cache` on the tree, as JSON objects (all fields; paths
    as the run names them). Raises AssertionError, with doclint's output, unless it exits 0 or 1."""
    from click.testing import CliRunner

    from doclint.cli import main

    tree, extra = TREES[name]
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *extra, str(SHARED / tree)])
    assert result.exit_code in (0, 1), f"doclint check on {tree} exited {result.exit_code}: {result.output}"
    return json.loads(result.stdout)


def lines(name: str, findings: list[dict]) -> list[str]:
    """The snapshot's lines: paths relative to the tree, so it does not depend on the checkout."""
    root = str(SHARED / TREES[name][0]) + "/"
    rows = []
    for finding in findings:
        row = {key: finding[key] for key in KEYS}
        row["path"] = row["path"].removeprefix(root)
        rows.append(row)
    rows.sort(key=lambda row: (row["path"], row["line"], row["column"], row["rule"], row["message"]))
    return [json.dumps(row, ensure_ascii=False) for row in rows]


def path_of(name: str) -> Path:
    return FOLDER / f"{name}.jsonl"


def main(argv: list[str]) -> int:
    unknown = [name for name in argv if name not in TREES]
    if unknown:
        print(f"unknown tree {unknown[0]!r}: one of {', '.join(TREES)}", file=sys.stderr)
        return 2
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name in argv or TREES:
        text = "".join(line + "\n" for line in lines(name, lint(name)))
        target = path_of(name)
        scratch = target.with_suffix(".tmp")
        scratch.write_text(text, encoding="utf-8")
        scratch.replace(target)  # atomic: a snapshot is never half-written
        print(f"{target.relative_to(REPO)}: {text.count(chr(10))} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
