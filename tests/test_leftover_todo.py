"""leftover-todo: a marker word is a marker where a note starts, and a mention inside a sentence.

Lines quoted from the shared trees (/work/shared/corpus) are marked with their file and line.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import REPO, corpus_page, lint, positions

from doclint.cli import main
from doclint.findings import Severity

SHARED = REPO.parent / "shared" / "corpus"


def spans(findings) -> list[tuple[int, int, int]]:
    return [(f.line, f.column, f.end_column) for f in findings]


def test_flags_markers_that_open_a_heading_line_item_or_cell():
    text = "# TODO: Setup\n\nFIXME broken.\n\n- XXX check this\n\n| a | b |\n|---|---|\n| TBD | x |\n"
    assert positions(lint(text, "leftover-todo")) == [(1, 3), (3, 1), (5, 3), (9, 3)]


def test_flags_markers_that_open_a_clause_or_bracket_or_are_followed_by_a_note_sign():
    text = (
        "Rooms hold 200 members. TODO check the limit\n\n"
        "It works on Linux; FIXME on macOS\n\n"
        "Ask the platform team TODO(alice) about it\n\n"
        "Ask the platform team TODO - confirm\n\n"
        "Ask the platform team **TODO**: confirm\n"
    )
    assert positions(lint(text, "leftover-todo")) == [(1, 25), (3, 20), (5, 23), (7, 23), (9, 25)]


def test_jest_bracketed_tbd_is_a_marker():
    # jest website/blog/2018-06-27-supporting-jest-open-source.md:61
    [finding] = lint("- Develop and fund a bug bounty program (TBD)\n", "leftover-todo")
    assert (finding.line, finding.column, finding.end_column) == (1, 42, 45)


def test_mentions_in_a_sentence_are_left_alone():
    # The issue's mentions, and jest docs/CLI.md:153 and docs/GlobalAPI.md:963 as a writer might
    # have put them, with the marker word in capitals ("Skipped and todo tests", "need todo").
    text = (
        "Use the editor to leave TODO messages, then grep for a TODO comment or the TODO list.\n\n"
        "Skipped and TODO tests are annotated, and any file that throws while loading is reported.\n\n"
        "These tests will be highlighted in the summary output so you know how many tests you still need TODO.\n\n"
        "## TODO list app\n\n"
        "TODO comments are flagged by the linter; a non-TODO word and TODO-list are compounds.\n"
    )
    assert lint(text, "leftover-todo") == []


def test_seed_bang_note_is_one_finding_over_the_whole_note():
    [finding] = lint("See the guide. !!!TODO remove this if export chat not merged!!!\n", "leftover-todo")
    assert (finding.line, finding.column, finding.end_column) == (1, 16, 64)
    assert "remove this if export chat not merged" in finding.message


def test_html_comments_are_notes_at_warning_by_default():
    # rust-reference src/attributes/codegen.md:206, then a sentence-middle mention in a comment.
    text = "Text.\n\n<!-- TODO: Reflexive rules? -->\n\n<!-- We keep the TODO list in the tracker. -->\n"
    [finding] = lint(text, "leftover-todo")
    assert (finding.line, finding.column, finding.end_column, finding.severity) == (3, 6, 10, Severity.WARNING)


def test_a_note_on_a_later_line_of_a_comment_opens_that_line():
    # rust-reference src/abi.md:90 opens a comment that goes on for more lines.
    text = (
        "<!-- Currently it works on a trait function with a body, but generates a warning.\n"
        "TODO: how do we document that?\n"
        "-->\n"
    )
    assert spans(lint(text, "leftover-todo")) == [(2, 1, 5)]


def test_mdx_comment_is_a_comment():
    findings = lint("{/* TODO: confirm the limit with the platform team */}\n", "leftover-todo", path="a.mdx")
    assert [(f.line, f.column, f.severity) for f in findings] == [(1, 5, Severity.WARNING)]


@pytest.mark.parametrize(
    ("line", "column"),
    [
        # ably-docs src/pages/docs/pub-sub/guides/dashboards-and-visualizations.mdx:66
        ("[//]: # (TODO: Could have an image showing single channel fanout)", 10),
        ("[comment]: <> (TODO: Could have an image showing single channel fanout)", 16),
        ('[//]: # "FIXME: the diagram is out of date"', 10),
        ("[/TODO/]: # (Could have an image showing single channel fanout)", 3),
        ("[TODO]: #", 2),
        ("[TODO]: <#>", 2),
    ],
)
def test_every_link_definition_comment_is_a_comment(line, column):
    findings = lint(f"Some text.\n\n{line}\n", "leftover-todo")
    assert [(f.line, f.column, f.severity) for f in findings] == [(3, column, Severity.WARNING)]


def test_definition_comment_without_a_marker_and_real_definitions_are_left_alone():
    # ably-docs src/pages/docs/pub-sub/guides/dashboards-and-visualizations.mdx:529, then a link.
    text = (
        "[//]: # (Could have a visual aid showing a something like a presence component)\n\n"
        "[TODO]: https://example.com/todo\n"
    )
    assert lint(text, "leftover-todo") == []


def test_comments_option_sets_their_severity_or_turns_them_off():
    text = "<!-- TODO: Reflexive rules? -->\n\n[//]: # (TODO: add an image)\n\nTODO: write the intro.\n"
    off = lint(text, "leftover-todo", comments="off")
    assert [(f.line, f.severity) for f in off] == [(5, Severity.ERROR)]
    info = lint(text, "leftover-todo", comments="info")
    assert [(f.line, f.severity) for f in info] == [(1, Severity.INFO), (3, Severity.INFO), (5, Severity.ERROR)]


def test_a_bad_comments_value_is_a_config_error_naming_file_and_key(tmp_path):
    (tmp_path / "doclint.toml").write_text('[rules.leftover-todo]\ncomments = "loud"\n')
    (tmp_path / "a.md").write_text("Fine.\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "doclint.toml: rules.leftover-todo.comments: must be one of error, warning, info, suggestion, off, not 'loud'" in result.output
    assert "Traceback" not in result.output


def test_front_matter_values_that_are_markers():
    text = "---\ntitle: TBD\ndescription: Plan the TODO list for launch\nTODO: a key is no value\n---\n\nText.\n"
    assert spans(lint(text, "leftover-todo")) == [(2, 8, 11)]


def test_leaves_alone_lowercase_code_placeholders_and_todo_apps():
    text = "Build a TODO list app. Use `TODO` or XXXX-XXXX keys; todo is fine.\n\n```js\n// TODO: handle errors\n```\n"
    assert lint(text, "leftover-todo") == []


def test_code_blocks_only_when_asked_and_then_only_notes():
    # ably-docs src/pages/docs/spaces/react.mdx:228, and a string that mentions a marker.
    text = '```js\n  // TODO: handle connection errors\n  const label = "open the TODO list";\n```\n'
    assert positions(lint(text, "leftover-todo", include_code=True)) == [(2, 6)]


def test_real_corpus_page_with_code_todos_is_left_alone(corpus):
    path = corpus_page("spaces/react.mdx")
    assert lint(path.read_text(), "leftover-todo", path=str(path)) == []


def test_corpus_comment_todos_are_found(corpus):
    path = corpus_page("pub-sub/guides/dashboards-and-visualizations.mdx")
    findings = lint(path.read_text(), "leftover-todo", path=str(path))
    assert [(f.line, f.column, f.severity) for f in findings] == [(line, 10, Severity.WARNING) for line in (58, 66, 96, 198)]


def test_rust_reference_and_jest_findings_are_their_untracked_notes():
    """Every finding on two shared trees, pinned: rust-reference's 14 `<!-- TODO: ... -->` notes
    less the 6 that link the issue or pull request tracking them (warnings), and jest's `(TBD)`
    (an error). Ably's are pinned above."""
    found = {}
    for tree in ("rust-reference", "jest"):
        args = ["check", "--no-cache", "--format", "json", "--select", "leftover-todo", str(SHARED / tree)]
        findings = json.loads(CliRunner().invoke(main, args).stdout)
        found[tree] = sorted((f["path"].rpartition(f"/{tree}/")[2], f["line"], f["column"], f["severity"]) for f in findings)
    assert len(found["rust-reference"]) == 8
    assert {(column, severity) for _, _, column, severity in found["rust-reference"]} == {(6, "warning")}
    assert ("src/attributes/codegen.md", 206, 6, "warning") in found["rust-reference"]  # <!-- TODO: Reflexive rules? -->
    # <!-- TODO: The exception above isn't accurate, see https://github.com/rust-lang/reference/issues/569 -->
    assert not any(path == "src/expressions/loop-expr.md" for path, *_ in found["rust-reference"])
    assert found["jest"] == [("website/blog/2018-06-27-supporting-jest-open-source.md", 61, 42, "error")]


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- TODO: out of date, see https://github.com/acme/docs/issues/569 -->",
        "<!-- FIXME: wrong since https://gitlab.com/acme/docs/-/merge_requests/12 -->",
        "<!-- TODO(#123): reword -->",
        "<!-- TODO: reword, acme/docs#123 -->",
    ],
)
def test_comment_notes_that_link_their_tracking_issue_are_left_alone(comment):
    assert lint(f"Some text.\n\n{comment}\n", "leftover-todo") == []
    flagged = lint(f"Some text.\n\n{comment}\n", "leftover-todo", tracked_comments=True)
    assert [(f.line, f.column) for f in flagged] == [(3, 6)]


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- TODO: see https://github.com/acme/docs for the layout -->",  # a link, not an issue
        "<!-- TODO: check the &#123; entity -->",
        "<!-- TODO: UTF-8 only, ticket to follow -->",
    ],
)
def test_comment_notes_without_a_tracking_issue_are_flagged(comment):
    assert [(f.line, f.column) for f in lint(f"Some text.\n\n{comment}\n", "leftover-todo")] == [(3, 6)]


def test_a_tracked_note_in_prose_is_still_flagged():
    """Readers see prose: a TODO there is unfinished whatever it links."""
    assert [(f.line, f.column) for f in lint("TODO: finish this, see #123.\n", "leftover-todo")] == [(1, 1)]


def test_definition_comments_in_quotes_and_nested_lists_are_comments():
    # ably-docs dashboards-and-visualizations.mdx:96, quoted and in a nested list.
    line = "[//]: # (TODO: Could have an image showing a more direct relationship between a handful of clients)"
    assert positions(lint(f"> {line}\n", "leftover-todo")) == [(1, 12)]
    assert positions(lint(f"- a\n  - b\n\n    {line}\n", "leftover-todo")) == [(4, 14)]


def test_a_definition_line_that_goes_on_a_paragraph_is_its_text_and_found_once():
    findings = lint("Some text\n[//]: # (TODO: add an image)\n", "leftover-todo")
    assert [(f.line, f.column, f.severity) for f in findings] == [(2, 10, Severity.ERROR)]
