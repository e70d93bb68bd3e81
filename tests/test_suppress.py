"""Inline suppressions in HTML comments (.md) and {/* */} comments (.mdx)."""

from __future__ import annotations

import pytest

from doclint.document import Document
from doclint.engine import ConfiguredRule, lint_document
from doclint.registry import all_rules

RULES = [ConfiguredRule.default(rule) for rule in all_rules().values() if rule.enabled_by_default]
WITH_UNUSED = [ConfiguredRule.default(rule) for rule in all_rules().values()]


def found(text: str, path: str, report_unused: bool = False) -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in lint_document(Document(path, text), WITH_UNUSED if report_unused else RULES)]


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


# --- reasons, front matter, and doclint's own findings as rules -------------------------------


@BOTH
def test_every_directive_kind_takes_a_reason_after_two_dashes(path):
    from doclint.suppress import directives

    text = (
        f"{comment(path, 'doclint-disable-next-line pricing -- the list price, quoted')}\nIt costs $5.\n\n"
        f"{comment(path, 'doclint-disable leftover-todo --- kept for the editors')}\n\nTODO one.\n\n"
        f"{comment(path, 'doclint-enable leftover-todo -- done')}\n\nTODO two.\n\n"
        f"It costs $6. {comment(path, 'doclint-disable-line -- every rule, with a reason')}\n"
    )
    assert found(text, path) == [(10, "leftover-todo")]
    assert [(d.kind, sorted(d.rules), d.reason) for d in directives(Document(path, text))] == [
        ("disable-next-line", ["pricing"], "the list price, quoted"),
        ("disable", ["leftover-todo"], "kept for the editors"),
        ("enable", ["leftover-todo"], "done"),
        ("disable-line", [], "every rule, with a reason"),
    ]


def test_dashes_inside_a_rule_list_are_not_a_reason():
    text = "<!-- doclint-disable-next-line pricing--x -->\nIt costs $5.\n"
    assert found(text, "page.md") == [(1, "invalid-suppression"), (2, "pricing")]


@BOTH
def test_a_yaml_comment_in_front_matter_is_a_directive(path):
    text = "---\ntitle: Plans\n# doclint-disable-file pricing -- a price list page\n---\n\nIt costs $5. TODO.\n"
    assert found(text, path) == [(6, "leftover-todo")]
    # Past the front matter a `#` line is a heading, not a directive.
    assert found("# doclint-disable-file pricing\n\nIt costs $5.\n", path) == [(3, "pricing")]


def test_findings_about_directives_are_suppressed_only_by_naming_them():
    stale = "<!-- doclint-disable-file -->\n<!-- doclint-disable-next-line pricng -->\nText.\n"
    assert found(stale, "page.md", report_unused=True) == [(1, "unused-suppression"), (2, "invalid-suppression"), (2, "unused-suppression")]
    named = (
        "<!-- doclint-disable-next-line invalid-suppression, unused-suppression -- a template -->\n"
        "<!-- doclint-disable-next-line pricng -->\nText.\n"
    )
    assert found(named, "page.md", report_unused=True) == []
    # A directive naming unused-suppression that suppresses nothing is itself unused.
    assert found("<!-- doclint-disable-next-line unused-suppression -->\nText.\n", "page.md", report_unused=True) == [(1, "unused-suppression")]


def check(tmp_path, *args: str, config: str = ""):
    import json

    from click.testing import CliRunner

    from doclint.cli import main

    (tmp_path / "doclint.toml").write_text(config)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args, str(tmp_path)])
    assert result.exit_code in (0, 1), result.output
    return [(f["path"].rsplit("/", 1)[-1], f["line"], f["rule"], f["severity"]) for f in json.loads(result.stdout)]


def test_doclint_findings_are_rules_selected_ignored_and_relevelled_in_config(tmp_path):
    (tmp_path / "a.md").write_text("<!-- doclint-disable-next-line pricng -->\nDone.\n")
    (tmp_path / "bad.md").write_bytes(b"caf\xe9\n")
    assert check(tmp_path) == [("a.md", 1, "invalid-suppression", "warning"), ("bad.md", 1, "read-error", "error")]
    assert check(tmp_path, "--ignore", "invalid-suppression,read-error") == []
    assert check(tmp_path, "--ignore", "doclint") == []  # their tag
    relevelled = '[rules.invalid-suppression]\nseverity = "error"\n[rules.read-error]\nseverity = "info"\n'
    assert check(tmp_path, config=relevelled) == [("a.md", 1, "invalid-suppression", "error"), ("bad.md", 1, "read-error", "info")]
    assert check(tmp_path, config='[rules.read-error]\nseverity = "off"\n') == [("a.md", 1, "invalid-suppression", "warning")]


def test_unused_suppression_is_off_until_selected_and_the_flag_selects_it(tmp_path):
    (tmp_path / "a.md").write_text("<!-- doclint-disable-next-line pricing -->\nDone.\n")
    assert check(tmp_path) == []
    expected = [("a.md", 1, "unused-suppression", "warning")]
    assert check(tmp_path, "--extend-select", "unused-suppression") == expected
    assert check(tmp_path, "--report-unused-suppressions") == expected
    assert check(tmp_path, config='extend-select = ["unused-suppression"]\n[rules.unused-suppression]\nseverity = "error"\n') == [("a.md", 1, "unused-suppression", "error")]


def test_guards_stay_on_under_a_narrow_select_unless_ignored(tmp_path):
    (tmp_path / "a.md").write_text("<!-- doclint-disable-next-line pricng -->\nTODO.\n")
    (tmp_path / "bad.md").write_bytes(b"caf\xe9\n")
    # A user who picks one rule still hears that a file could not be read; the directive's
    # finding is a rule like the others, so it is not selected.
    assert check(tmp_path, "--select", "leftover-todo") == [("a.md", 2, "leftover-todo", "error"), ("bad.md", 1, "read-error", "error")]
    assert check(tmp_path, "--select", "leftover-todo", "--ignore", "read-error") == [("a.md", 2, "leftover-todo", "error")]
    assert check(tmp_path, "--select", "leftover-todo", config='[rules.read-error]\nseverity = "off"\n') == [("a.md", 2, "leftover-todo", "error")]


def test_doclint_rules_lists_and_documents_the_builtin_findings():
    from click.testing import CliRunner

    from doclint.cli import main

    listed = CliRunner().invoke(main, ["rules", "--format", "json"])
    by_name = {rule["name"]: rule for rule in __import__("json").loads(listed.stdout)}
    for name in ("invalid-suppression", "unused-suppression", "read-error", "internal-error", "time-limit", "fix-error"):
        assert by_name[name]["tags"] == ["doclint"], name
    assert by_name["unused-suppression"]["enabled_by_default"] is False
    assert by_name["read-error"]["severity"] == "error"
    shown = CliRunner().invoke(main, ["rule", "unused-suppression"])
    assert shown.exit_code == 0 and "--report-unused-suppressions" in shown.stdout
