"""The real corpora: no crash, no internal error, and every finding inside its file."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import REPO

from doclint.cli import main
from doclint.discovery import discover
from doclint.engine import INTERNAL_ERROR, READ_ERROR, ConfiguredRule, lint_file
from doclint.registry import all_rules

SHARED = REPO.parent / "shared" / "corpus"


def test_every_rule_runs_on_every_corpus_page_without_an_internal_error(corpus):
    rules = [ConfiguredRule.default(rule) for rule in all_rules().values()]
    files = discover([corpus])
    assert len(files) >= 780
    for path in files:
        lines = path.read_text(encoding="utf-8").split("\n")
        for finding in lint_file(path, rules, str(path)):
            assert finding.rule not in (INTERNAL_ERROR, READ_ERROR), finding
            assert 1 <= finding.line <= finding.end_line <= len(lines), finding
            assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, finding


@pytest.mark.parametrize("tree", ["ably-docs", "rust-reference", "mkdocs-material", "jest", "starlight"])
def test_site_rules_run_on_every_page_of_every_shared_tree_as_its_generator_builds_it(tree):
    """With no config, so each tree's own profile (routes, ids, containers) is what runs."""
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--select", "broken-link,heading-structure,duplicate-text", str(SHARED / tree)])
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.stdout)
    assert not [f for f in findings if f["rule"] in (INTERNAL_ERROR, READ_ERROR)]
