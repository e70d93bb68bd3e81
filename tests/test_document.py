"""Reading a file: encodings, line endings, front matter, and prose located in the source."""

from __future__ import annotations

from doclint.document import OBJECT, Document


def test_bom_and_crlf_keep_line_numbers():
    doc = Document("page.md", "\ufeff# Title\r\n\r\nSecond paragraph.\r\n")
    assert doc.had_bom and doc.newline == "\r\n"
    assert [(i.line, doc.prose(i).text) for i in doc.inlines] == [(1, "Title"), (3, "Second paragraph.")]


def test_front_matter_is_split_and_lines_stay_true():
    doc = Document("page.md", "---\ntitle: Hello\ntags: [a, b]\n---\n\nBody text.\n")
    assert doc.frontmatter == {"title": "Hello", "tags": ["a", "b"]}
    assert [i.line for i in doc.inlines] == [6]


def test_front_matter_yaml_error_is_kept_with_its_line():
    doc = Document("page.md", "---\ntitle: ok\nbad: [unclosed\n---\nBody.\n")
    assert doc.frontmatter_error is not None
    line, message = doc.frontmatter_error
    assert line >= 3 and message


def test_prose_maps_every_character_back_to_the_source():
    text = "Use `code`, [a link](https://example.com/x_y \"title\") and \\*stars\\* &amp; more.\n"
    doc = Document("page.md", text)
    prose = doc.prose(doc.inlines[0])
    assert prose.text == f"Use {OBJECT}, a link and *stars* & more."
    start, end = prose.span(prose.text.index("more"), prose.text.index("more") + 4)
    assert text[start:end] == "more"
    start, end = prose.span(prose.text.index("&"), prose.text.index("&") + 1)
    assert text[start:end] == "&amp;"
    assert prose.links == ((len(f"Use {OBJECT}, "), len(f"Use {OBJECT}, a link"), "https://example.com/x_y"),)


def test_list_items_know_their_depth_siblings_and_nesting():
    doc = Document("page.md", "- one\n- two:\n  - nested\n\n1. first\n")
    items = [(i.line, i.depth, i.ordered, i.has_nested, len(i.siblings)) for i in doc.list_items]
    assert items == [(1, 1, False, False, 2), (2, 1, False, True, 2), (3, 2, False, False, 1), (5, 1, True, False, 1)]


def test_comment_idiom_and_html_comments_are_comments():
    doc = Document("page.md", "[//]: # (TODO: add an image)\n\nText <!-- note --> here.\n")
    assert [c.text for c in doc.comments] == ["TODO: add an image", " note "]
    assert doc.position(doc.comments[0].start) == (1, 10)


def test_links_view_has_destination_and_text_span():
    text = "See [the guide](/docs/guide#setup) and <https://ably.com>.\n\n## [Rooms][r]\n\n[r]: rooms.md\n"
    doc = Document("page.md", text)
    links = [(link.href, text[link.start : link.end], doc.position(link.start)) for link in doc.links]
    assert links == [
        ("/docs/guide#setup", "the guide", (1, 6)),
        ("https://ably.com", "https://ably.com", (1, 41)),
        ("rooms.md", "Rooms", (3, 5)),
    ]
