"""The whole real corpus: no crash, no internal error, and every finding inside its file."""

from __future__ import annotations

from doclint.discovery import discover
from doclint.engine import INTERNAL_ERROR, READ_ERROR, ConfiguredRule, lint_file
from doclint.registry import all_rules


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
