"""Every rule's own bad examples are flagged and its good examples are not (`doclint rule NAME`
prints these, so they must be true)."""

from __future__ import annotations

import pytest

from doclint.document import Document
from doclint.engine import ConfiguredRule, lint_document
from doclint.registry import all_rules

CASES = [
    pytest.param(rule, name, text, bad, id=f"{rule.name}-{'bad' if bad else 'good'}-{i}")
    for rule in all_rules().values()
    for bad, examples in ((True, rule.bad_examples), (False, rule.good_examples))
    for i, (name, text) in enumerate(examples)
]


@pytest.mark.parametrize(("rule", "name", "text", "bad"), CASES)
def test_rule_example(rule, name, text, bad, tmp_path, monkeypatch):
    if rule.example_site:  # linted as one run over a site of the example and the other pages
        findings = _lint_in_site(rule, name, text, tmp_path, monkeypatch)
    else:
        findings = lint_document(Document(name, text), [ConfiguredRule.default(rule)])
    assert [f.rule for f in findings if f.rule != rule.name] == []
    assert bool(findings) is bad, findings


def _lint_in_site(rule, name, text, root, monkeypatch):
    from doclint.config import CommandLine, ConfigResolver
    from doclint.run import run

    (root / ".git").mkdir()
    for page, content in (*rule.example_site, (name, text)):
        (root / page).write_text(content)
    monkeypatch.chdir(root)
    outcome = run([root], CommandLine(select=[rule.name]), ConfigResolver(isolated=True))
    return [finding for finding in outcome.findings if finding.path.endswith(name)]


def test_every_rule_has_examples_on_both_sides_and_docs():
    from doclint.rules.doclint_findings import GUARDS

    for rule in all_rules().values():
        # A guard's page could not be linted (unreadable, too slow, a rule crashed): no page
        # text shows that, so its docs are prose; tests/test_hostile.py makes each one happen.
        assert rule.name in GUARDS or (rule.bad_examples and rule.good_examples), rule.name
        assert len(rule.description) > 200, rule.name
