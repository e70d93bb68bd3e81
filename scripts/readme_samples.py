"""Regenerate the README's output-format samples (`<!-- sample: NAME -->` blocks) from
`doclint check --isolated --format NAME fixtures/sample.md`, run from the repository root.

tests/test_readme.py checks they are exact; run this after a change that alters what the sample
page's findings say (a rule's message, its docs in SARIF), then read the diff before committing."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
SAMPLE = re.compile(r"(<!-- sample: ([\w-]+) -->\n```\w+\n)(.*?)(```)", re.DOTALL)


def main() -> int:
    from doclint.cli import main as doclint

    os.chdir(REPO)
    os.environ.pop("NO_COLOR", None)
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")

    def render(match: re.Match) -> str:
        result = CliRunner().invoke(doclint, ["check", "--isolated", "--format", match.group(2), "fixtures/sample.md"])
        return match.group(1) + result.stdout + match.group(4)

    updated = SAMPLE.sub(render, text)
    if updated != text:
        readme.write_text(updated, encoding="utf-8")
    print("README.md samples", "updated" if updated != text else "already current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
