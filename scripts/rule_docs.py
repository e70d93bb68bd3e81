"""Write docs/rules/: one page per rule (built-ins, doclint's own findings, shipped packs) and an
index, generated from the rules' own data by doclint.ruledocs.

    python scripts/rule_docs.py           # write the pages
    python scripts/rule_docs.py --check   # exit 1, naming the pages, if any is out of step

Run it after changing a rule's summary, description, options or examples;
tests/test_rule_docs.py fails until the pages are regenerated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from doclint.ruledocs import pages

FOLDER = Path(__file__).resolve().parents[1] / "docs" / "rules"


def main(argv: list[str]) -> int:
    expected = pages()
    present = {path.name: path.read_text(encoding="utf-8") for path in FOLDER.glob("*.md")} if FOLDER.is_dir() else {}
    stale = sorted(name for name in expected.keys() | present.keys() if expected.get(name) != present.get(name))
    if "--check" in argv:
        for name in stale:
            print(f"docs/rules/{name} is out of step: run python scripts/rule_docs.py", file=sys.stderr)
        return 1 if stale else 0
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name in stale:
        if name in expected:
            (FOLDER / name).write_text(expected[name], encoding="utf-8")
        else:
            (FOLDER / name).unlink()  # a page of a rule that no longer exists
    print(f"docs/rules: {len(stale)} of {len(expected)} pages written or removed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
