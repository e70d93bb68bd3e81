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
def test_rule_example(rule, name, text, bad):
    findings = lint_document(Document(name, text), [ConfiguredRule.default(rule)])
    assert [f.rule for f in findings if f.rule != rule.name] == []
    assert bool(findings) is bad, findings


def test_every_rule_has_examples_on_both_sides_and_docs():
    for rule in all_rules().values():
        assert rule.bad_examples and rule.good_examples, rule.name
        assert len(rule.description) > 200, rule.name
