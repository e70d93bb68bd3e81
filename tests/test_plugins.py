"""A package installed beside doclint adds rules through the `doclint.rules` entry points."""

from __future__ import annotations

import sys
import textwrap

import pytest

from doclint import registry
from doclint.document import Document
from doclint.engine import ConfiguredRule, lint_document


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """A minimal installed distribution: a module and its dist-info with entry points."""
    (tmp_path / "click_here_rule.py").write_text(
        textwrap.dedent(
            '''
            import re
            from doclint.findings import Problem
            from doclint.rule import Rule

            def check(doc, options):
                for inline in doc.inlines:
                    prose = doc.prose(inline)
                    for match in re.finditer(r"click here", prose.text, re.I):
                        yield Problem(*prose.span(match.start(), match.end()), "Say where the link goes")

            RULE = Rule(name="click-here", summary="Links labelled click here", check=check)
            '''
        )
    )
    info = tmp_path / "click_here_rule-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: click-here-rule\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[doclint.rules]\nclick-here = click_here_rule:RULE\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.all_rules.cache_clear()
    yield
    registry.all_rules.cache_clear()
    sys.modules.pop("click_here_rule", None)


def test_plugin_rule_is_registered_and_runs(installed_plugin):
    rules = registry.all_rules()
    assert "click-here" in rules and "pricing" in rules
    doc = Document("a.md", "To start, [click here](/start).\n")
    [finding] = lint_document(doc, [ConfiguredRule.default(rules["click-here"])])
    assert (finding.rule, finding.line, finding.column) == ("click-here", 1, 12)


def test_broken_plugin_is_a_clear_error_not_a_crash(tmp_path, monkeypatch):
    info = tmp_path / "broken-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[doclint.rules]\nbroken = no_such_module:RULE\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.all_rules.cache_clear()
    try:
        with pytest.raises(registry.RegistryError, match="no_such_module:RULE"):
            registry.all_rules()
    finally:
        registry.all_rules.cache_clear()
