"""Inline suppressions in HTML comments (.md) and {/* */} comments (.mdx)."""

from __future__ import annotations

import pytest

from doclint.document import Document
from doclint.engine import ConfiguredRule, lint_document
from doclint.registry import all_rules

RULES = [ConfiguredRule.default(rule) for rule in all_rules().values()]


def found(text: str, path: str, report_unused: bool = False) -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in lint_document(Document(path, text), RULES, report_unused)]


def comment(path: str, body: str) -> str:
    return f"{{/* {body} */}}" if path.endswith(".mdx") else f"<!-- {body} -->"


BOTH = pytest.mark.parametrize("path", ["page.md", "page.mdx"])


@BOTH
def test_disable_and_enable_a_block(path):
    text = (
        f"{comment(path, 'doclint-disable leftover-todo')}\n\nTODO one.\n\nIt costs $5.\n\n"
        f"{comment(path, 'doclint-enable leftover-todo')}\n\nTODO two.\n"
    )
    assert found(text, path) == [(5, "pricing"), (9, "leftover-todo")]


@BOTH
def test_disable_without_rules_silences_everything_until_enable(path):
    text = f"{comment(path, 'doclint-disable')}\n\nTODO one. It costs $5.\n\n{comment(path, 'doclint-enable')}\n\nTODO two.\n"
    assert found(text, path) == [(7, "leftover-todo")]


@BOTH
def test_disable_next_line(path):
    text = f"{comment(path, 'doclint-disable-next-line pricing')}\nIt costs $5.\n\nIt costs $6.\n"
    assert found(text, path) == [(4, "pricing")]


@BOTH
def test_disable_file_anywhere_in_the_page(path):
    text = f"It costs $5.\n\nTODO here.\n\n{comment(path, 'doclint-disable-file pricing, leftover-todo')}\n"
    assert found(text, path) == []


@BOTH
def test_disable_line_on_the_same_line(path):
    text = f"It costs $5. {comment(path, 'doclint-disable-line pricing')}\n\nIt costs $6.\n"
    assert found(text, path) == [(3, "pricing")]


def test_enable_of_one_rule_does_not_end_a_blanket_disable():
    text = "<!-- doclint-disable -->\n\nIt costs $5.\n\n<!-- doclint-enable pricing -->\n\nTODO.\n"
    assert found(text, "page.md") == []


@BOTH
def test_unknown_rule_in_a_suppression_is_reported(path):
    text = f"{comment(path, 'doclint-disable-next-line pricng')}\nIt costs $5.\n"
    findings = lint_document(Document(path, text), RULES)
    assert [(f.line, f.rule) for f in findings] == [(1, "invalid-suppression"), (2, "pricing")]
    assert "did you mean 'pricing'?" in findings[0].message


@BOTH
def test_unused_suppressions_only_when_asked(path):
    text = f"{comment(path, 'doclint-disable-next-line pricing')}\nNothing to see.\n\n{comment(path, 'doclint-disable-next-line leftover-todo')}\nTODO.\n"
    assert found(text, path) == []
    assert found(text, path, report_unused=True) == [(1, "unused-suppression")]


def test_directives_inside_code_blocks_do_nothing():
    text = "```html\n<!-- doclint-disable-file -->\n```\n\nTODO.\n"
    assert found(text, "page.md") == [(5, "leftover-todo")]


def test_cli_flag_reports_unused_suppressions(tmp_path):
    import json

    from click.testing import CliRunner

    from doclint.cli import main

    page = tmp_path / "a.md"
    page.write_text("<!-- doclint-disable-next-line pricing -->\nNothing to see.\n")
    plain = CliRunner().invoke(main, ["check", "--format", "json", str(page)])
    assert (plain.exit_code, json.loads(plain.stdout)) == (0, [])
    strict = CliRunner().invoke(main, ["check", "--format", "json", "--report-unused-suppressions", str(page)])
    assert strict.exit_code == 1
    assert [f["rule"] for f in json.loads(strict.stdout)] == ["unused-suppression"]


def test_enable_ends_the_blocks_naming_only_its_rules():
    text = (
        "<!-- doclint-disable pricing -->\n<!-- doclint-disable pricing leftover-todo -->\n"
        "<!-- doclint-disable pricing -->\n\nIt costs $1. TODO a.\n\n"
        "<!-- doclint-enable pricing -->\n\nIt costs $2. TODO b.\n\n"  # the two-rule block stays
        "<!-- doclint-enable leftover-todo pricing unsourced-figure -->\n\nIt costs $3. TODO c.\n"
    )
    assert found(text, "page.md", report_unused=True) == [(13, "pricing"), (13, "leftover-todo")]
