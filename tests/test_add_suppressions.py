"""`doclint check --add-suppressions`: a comment for each finding, placed so the page keeps its
structure, after which the page is clean and a second run adds nothing."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from doclint.add_suppressions import _structure
from doclint.cli import main
from doclint.document import Document

SELECT = ["--isolated", "--no-cache", "--select", "leftover-todo,pricing"]


def invoke(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, ["check", *SELECT, *args], input=input)
    assert "Traceback" not in result.output, result.output
    return result


def suppress(tmp_path, name: str, text: str, *args: str) -> str:
    """The page after --add-suppressions, checked clean, unchanged in structure, and stable."""
    page = tmp_path / name
    page.write_text(text)
    added = invoke("--add-suppressions", *args, str(page))
    assert added.exit_code == 0, added.output
    new = page.read_text()
    assert _structure(Document(name, new)) == _structure(Document(name, text))
    after = invoke("--format", "json", str(page))
    assert (after.exit_code, json.loads(after.stdout)) == (0, [])
    again = invoke("--add-suppressions", str(page))
    assert "Added 0 suppression comments in 0 files." in again.stderr
    assert page.read_text() == new
    return new


def test_a_comment_above_each_finding_in_md_and_one_per_line(tmp_path):
    text = "# Plans\n\nIt costs $5. TODO: check.\n\nTODO: more.\n"
    assert suppress(tmp_path, "a.md", text) == (
        "# Plans\n\n<!-- doclint-disable-next-line leftover-todo, pricing -->\nIt costs $5. TODO: check.\n\n"
        "<!-- doclint-disable-next-line leftover-todo -->\nTODO: more.\n"
    )


def test_mdx_uses_its_own_comments_and_stays_inside_jsx(tmp_path):
    text = "<Tabs>\n  <Tab value=\"a\">\n    It costs $5.\n  </Tab>\n</Tabs>\n"
    assert suppress(tmp_path, "a.mdx", text) == (
        "<Tabs>\n  <Tab value=\"a\">\n    {/* doclint-disable-next-line pricing */}\n    It costs $5.\n  </Tab>\n</Tabs>\n"
    )


def test_the_reason_follows_two_dashes(tmp_path):
    new = suppress(tmp_path, "a.md", "It costs $5.\n", "--reason", "the list price, issue 17")
    assert new == "<!-- doclint-disable-next-line pricing -- the list price, issue 17 -->\nIt costs $5.\n"


def test_list_items_keep_the_list_whole(tmp_path):
    text = "Steps:\n\n- TODO: first.\n- Second, TODO: later.\n  - Nested $5.\n- Third.\n"
    assert suppress(tmp_path, "a.md", text) == (
        "Steps:\n\n"
        "<!-- doclint-disable-next-line leftover-todo -->\n"  # the list's first item: above the list
        "- TODO: first.\n"
        "  <!-- doclint-disable-next-line leftover-todo -->\n"  # a later item: inside the one before
        "- Second, TODO: later.\n"
        "  <!-- doclint-disable-next-line pricing -->\n"
        "  - Nested $5.\n"
        "- Third.\n"
    )


def test_ordered_lists_and_blockquotes(tmp_path):
    text = "> Quoted:\n>\n> 1. One.\n> 2. It costs $5.\n"
    assert suppress(tmp_path, "a.md", text) == (
        "> Quoted:\n>\n> 1. One.\n>    <!-- doclint-disable-next-line pricing -->\n> 2. It costs $5.\n"
    )


def test_a_later_line_of_a_paragraph_gets_a_block_around_it(tmp_path):
    text = "- One line,\n  then it costs $5.\n- Next.\n"
    assert suppress(tmp_path, "a.md", text) == (
        "<!-- doclint-disable pricing -->\n- One line,\n  then it costs $5.\n  <!-- doclint-enable pricing -->\n- Next.\n"
    )


def test_never_inside_a_table_or_code(tmp_path):
    text = "| plan | price |\n|---|---|\n| Pro | $5 |\n\n```js\n// TODO: handle errors\n```\n"
    page = tmp_path / "a.md"
    page.write_text(text)
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--select", "pricing,leftover-todo", "--add-suppressions", str(page)])
    assert result.exit_code == 0
    assert page.read_text() == (
        "<!-- doclint-disable pricing -->\n| plan | price |\n|---|---|\n| Pro | $5 |\n<!-- doclint-enable pricing -->\n\n"
        "```js\n// TODO: handle errors\n```\n"  # code is not checked by default: nothing to suppress
    )
    (tmp_path / "doclint.toml").write_text("[rules.leftover-todo]\ninclude_code = true\n")
    code = "Intro.\n\n```js\nlet a;\n// TODO: handle errors\n```\n"
    page.write_text(code)
    assert CliRunner().invoke(main, ["check", "--no-cache", "--select", "leftover-todo", "--add-suppressions", str(page)]).exit_code == 0
    assert page.read_text() == (
        "Intro.\n\n<!-- doclint-disable leftover-todo -->\n```js\nlet a;\n// TODO: handle errors\n```\n<!-- doclint-enable leftover-todo -->\n"
    )
    assert CliRunner().invoke(main, ["check", "--no-cache", "--select", "leftover-todo", str(page)]).exit_code == 0


def test_front_matter_findings_get_a_yaml_disable_file(tmp_path):
    text = "---\ntitle: TODO\n---\n\nIt costs $5.\n"
    assert suppress(tmp_path, "a.mdx", text) == (
        "---\n# doclint-disable-file leftover-todo\ntitle: TODO\n---\n\n{/* doclint-disable-next-line pricing */}\nIt costs $5.\n"
    )


def test_a_rule_joins_the_comment_already_above_its_line(tmp_path):
    text = "<!-- doclint-disable-next-line pricing -- list price -->\nIt costs $5. TODO: x.\n"
    assert suppress(tmp_path, "a.md", text) == "<!-- doclint-disable-next-line leftover-todo, pricing -- list price -->\nIt costs $5. TODO: x.\n"


def test_a_page_whose_structure_would_change_gets_one_disable_file(tmp_path, monkeypatch):
    from doclint import add_suppressions

    calls = []
    real = add_suppressions._structure

    def first_edit_breaks(doc):  # the placed comments "change" the page; the fallback does not
        calls.append(doc.text)
        return (len(calls),) if len(calls) == 2 else real(doc)

    monkeypatch.setattr(add_suppressions, "_structure", first_edit_breaks)
    page = tmp_path / "a.md"
    page.write_text("# Plans\n\nIt costs $5.\n")
    result = invoke("--add-suppressions", str(page))
    assert result.exit_code == 0
    assert "Added 1 suppression comment in 1 file (1 with one doclint-disable-file to keep the page's structure)." in result.stderr
    assert page.read_text() == "<!-- doclint-disable-file pricing -->\n# Plans\n\nIt costs $5.\n"


def test_crlf_and_bom_are_kept(tmp_path):
    page = tmp_path / "a.md"
    page.write_bytes("\ufeffIntro.\r\n\r\nIt costs $5.\r\n".encode())
    assert invoke("--add-suppressions", str(page)).exit_code == 0
    assert page.read_bytes() == "\ufeffIntro.\r\n\r\n<!-- doclint-disable-next-line pricing -->\r\nIt costs $5.\r\n".encode()


def test_stdin_gets_the_page_back_on_stdout(tmp_path):
    result = invoke("--add-suppressions", "--stdin-filename", str(tmp_path / "a.mdx"), "-", input="It costs $5.\n")
    assert result.exit_code == 0
    assert result.stdout == "{/* doclint-disable-next-line pricing */}\nIt costs $5.\n"


def test_a_symlink_is_not_written(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "real.md").write_text("It costs $5.\n")
    os.symlink("real.md", tmp_path / "link.md")
    result = invoke("--add-suppressions", "--format", "json", str(tmp_path / "link.md"))
    assert result.exit_code == 1
    assert (tmp_path / "real.md").read_text() == "It costs $5.\n"
    messages = [(f["rule"], f["message"]) for f in json.loads(result.stdout)]
    assert ("fix-error", "suppressions not added: a symbolic link (edit the file it points to)") in messages


def test_an_unreadable_page_is_reported_not_suppressed(tmp_path):
    (tmp_path / "bad.md").write_bytes(b"caf\xe9\n")
    result = invoke("--add-suppressions", "--format", "json", str(tmp_path))
    assert result.exit_code == 1
    assert [f["rule"] for f in json.loads(result.stdout)] == ["read-error"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fix"], "--add-suppressions cannot be combined with --fix, --fix-only or --diff"),
        (["--diff"], "--add-suppressions cannot be combined with --fix, --fix-only or --diff"),
        (["--fix-only"], "--add-suppressions cannot be combined with --fix, --fix-only or --diff"),
        (["--reason", "a --> b"], "--reason must not hold '-->'"),
    ],
)
def test_bad_combinations_exit_2_with_a_message(tmp_path, args, message):
    page = tmp_path / "a.md"
    page.write_text("It costs $5.\n")
    result = invoke("--add-suppressions", *args, str(page))
    assert result.exit_code == 2 and message in result.output
    assert page.read_text() == "It costs $5.\n"


def test_reason_needs_add_suppressions(tmp_path):
    result = invoke("--reason", "x", str(tmp_path))
    assert result.exit_code == 2 and "--reason is the reason --add-suppressions writes" in result.output


try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test extra
    given = None

if given is not None:
    BLOCKS = st.sampled_from([
        "It costs $5.", "TODO: one.", "Line one,\nthen TODO: two.", "- TODO: a\n- b $5\n  - c TODO: d", "1. x\n2. $5",
        "> TODO: q\n> more $5", "| a | b |\n|---|---|\n| $5 | TODO: c |", "```js\n// TODO: x\n```", "## TODO: heading",
        "<Note>\nIt costs $5.\n</Note>", "* a\n\n  TODO: loose",
    ])

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(blocks=st.lists(BLOCKS, min_size=1, max_size=6), mdx=st.booleans())
    def test_any_page_of_these_blocks_is_clean_after_and_keeps_its_structure(blocks, mdx):
        from doclint import add_suppressions
        from doclint.engine import ConfiguredRule, lint_document
        from doclint.registry import all_rules

        rules = [ConfiguredRule.default(all_rules()[name]) for name in ("leftover-todo", "pricing", "invalid-suppression")]
        name = "p.mdx" if mdx else "p.md"
        text = "\n\n".join(blocks) + "\n"
        doc = Document(name, text)
        result = add_suppressions.add(doc, lint_document(doc, rules))
        after = Document(name, result.text)
        assert _structure(after) == _structure(doc)
        assert lint_document(after, rules) == []
        assert add_suppressions.add(after, []).text == result.text


def test_inside_an_admonition_of_a_mkdocs_site(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nmarkdown_extensions:\n  - admonition\n")
    (tmp_path / "docs").mkdir()
    text = '# Page\n\n!!! tip "Prices"\n\n    Plans:\n\n    1. It costs $5.\n    2. It costs $6.\n'
    page = tmp_path / "docs" / "a.md"
    page.write_text(text)
    assert invoke("--add-suppressions", str(page)).exit_code == 0
    assert page.read_text() == (
        '# Page\n\n!!! tip "Prices"\n\n    Plans:\n\n'
        "    <!-- doclint-disable-next-line pricing -->\n    1. It costs $5.\n"
        "       <!-- doclint-disable-next-line pricing -->\n    2. It costs $6.\n"
    )
    assert invoke(str(page)).exit_code == 0


def test_a_file_level_finding_goes_above_a_comment_for_line_one():
    from doclint import add_suppressions
    from doclint.findings import Finding, Severity

    doc = Document("a.md", "It costs $5.\n")
    found = [Finding("a.md", 1, 1, 1, 1, rule, Severity.ERROR, "x") for rule in ("internal-error", "pricing", "read-error")]
    result = add_suppressions.add(doc, found, "r")
    # read-error: no comment can suppress it (the page was not read), so none is written for it.
    assert result.text == "<!-- doclint-disable-file internal-error -- r -->\n<!-- doclint-disable-next-line pricing -- r -->\nIt costs $5.\n"
    assert (result.comments, result.fallback) == (2, False)
