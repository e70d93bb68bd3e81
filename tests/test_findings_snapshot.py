"""Findings on every shared tree are what tests/snapshots/findings/ says: a speed-up must not
move, add or drop a single one (issue 18). When findings change on purpose, regenerate the
snapshot and say why in the commit."""

from __future__ import annotations

import difflib
import json

import pytest
from conftest import findings_snapshot

REGENERATE = "PYTHONPATH=src python scripts/findings_snapshot.py {name}"


@pytest.mark.parametrize("name", list(findings_snapshot.TREES))
def test_findings_on_the_shared_tree_match_the_snapshot(name, tree_findings):
    saved_path = findings_snapshot.path_of(name)
    assert saved_path.is_file(), f"no snapshot {saved_path}: run {REGENERATE.format(name=name)}"
    saved = saved_path.read_text(encoding="utf-8").splitlines()
    fresh = findings_snapshot.lines(name, tree_findings(name))
    if fresh != saved:
        diff = list(difflib.unified_diff(saved, fresh, f"snapshot {name}", "this checkout", lineterm="", n=0))
        shown = "\n".join(diff[:80]) + (f"\n... {len(diff) - 80} more diff lines" if len(diff) > 80 else "")
        pytest.fail(
            f"findings on {name} differ from {saved_path.name} ({len(saved)} saved, {len(fresh)} now):\n{shown}\n"
            f"If the change is on purpose, regenerate: {REGENERATE.format(name=name)}",
            pytrace=False,
        )


def test_the_snapshot_lines_are_sorted_and_relative_to_the_tree(tree_findings):
    """So a diff shows the moved finding, not a reshuffle, and the snapshot holds on any checkout."""
    rows = findings_snapshot.lines("rust-reference", tree_findings("rust-reference"))
    assert rows == sorted(rows, key=lambda row: tuple(json.loads(row).values()))
    assert rows and all('"path": "src/' in row for row in rows)
