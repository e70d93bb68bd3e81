"""The real corpora: no crash, no internal error, and every finding inside its file.

Each shared tree is linted once per session, with every rule and the tree's own profile (the
`tree_findings` fixture the findings snapshot reads too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import findings_snapshot

from doclint.discovery import discover
from doclint.engine import INTERNAL_ERROR, READ_ERROR


def test_the_ably_corpus_has_its_pages(corpus):
    assert len(discover([corpus])) >= 780


@pytest.mark.parametrize("name", list(findings_snapshot.TREES))
def test_every_rule_runs_on_every_page_of_every_shared_tree_without_an_internal_error(name, tree_findings):
    """With no config, each tree's own profile (routes, ids, containers) is what runs."""
    findings = tree_findings(name)
    assert not [f for f in findings if f["rule"] in (INTERNAL_ERROR, READ_ERROR)]
    texts: dict[str, list[str]] = {}
    for finding in findings:
        lines = texts.setdefault(finding["path"], Path(finding["path"]).read_text(encoding="utf-8").split("\n"))
        assert 1 <= finding["line"] <= finding["end_line"] <= len(lines), finding
        assert 1 <= finding["column"] <= len(lines[finding["line"] - 1]) + 1, finding
