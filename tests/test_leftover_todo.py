from __future__ import annotations

from conftest import corpus_page, lint, positions


def test_flags_markers_in_prose_headings_lists_tables():
    text = "# Setup TODO\n\nFIXME: broken.\n\n- XXX item\n\n| a | b |\n|---|---|\n| TBD | x |\n"
    assert positions(lint(text, "leftover-todo")) == [(1, 9), (3, 1), (5, 3), (9, 3)]


def test_bang_note_is_one_finding_over_the_whole_note():
    [finding] = lint("See the guide. !!!TODO remove this if export chat not merged!!!\n", "leftover-todo")
    assert (finding.line, finding.column, finding.end_column) == (1, 16, 64)
    assert "remove this if export chat not merged" in finding.message


def test_flags_comments_of_every_kind_and_front_matter_values():
    text = "---\ntitle: Intro TKTK\n---\n\n<!-- TODO: screenshot -->\n\n[//]: # (FIXME later)\n"
    assert positions(lint(text, "leftover-todo")) == [(2, 14), (5, 6), (7, 10)]
    assert positions(lint("{/* TODO: check */}\n", "leftover-todo", path="a.mdx")) == [(1, 5)]


def test_leaves_alone_lowercase_code_placeholders_and_todo_apps():
    text = "Build a TODO list app. Use `TODO` or XXXX-XXXX keys; todo is fine.\n\n```js\n// TODO: handle errors\n```\n"
    assert lint(text, "leftover-todo") == []


def test_code_blocks_only_when_asked():
    text = "```js\n// TODO: handle errors\n```\n"
    assert positions(lint(text, "leftover-todo", include_code=True)) == [(2, 4)]


def test_real_corpus_page_with_code_todos_is_left_alone(corpus):
    path = corpus_page("spaces/react.mdx")
    assert lint(path.read_text(), "leftover-todo", path=str(path)) == []


def test_corpus_comment_todos_are_found(corpus):
    path = corpus_page("pub-sub/guides/dashboards-and-visualizations.mdx")
    assert [f.line for f in lint(path.read_text(), "leftover-todo", path=str(path))] == [58, 66, 96, 198]
