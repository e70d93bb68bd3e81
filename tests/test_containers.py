"""The containers generators add (admonitions, content tabs, `:::` directives): switched on per
document, their content is Markdown like the rest of the page, with the file's line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS
from markdown_it import MarkdownIt

from doclint.document import Document, parser
from doclint.engine import ConfiguredRule, lint_document
from doclint.mdx import mdx_plugin
from doclint.registry import all_rules

SHARED = CORPUS.parent
MKDOCS = SHARED / "mkdocs-material" / "docs"
STARLIGHT = SHARED / "starlight" / "docs" / "src" / "content" / "docs"
JEST = SHARED / "jest" / "docs"
MATERIAL = frozenset({"admonitions", "tabs"})
DIRECTIVES = frozenset({"directives"})


def blocks(doc: Document) -> list[tuple[int, str, tuple[str, ...], str]]:
    """Each paragraph, heading and table cell: (line, kind, enclosing blocks, prose)."""
    return [(i.line, i.kind, i.containers, doc.prose(i).text) for i in doc.inlines]


def headings(path: Path, containers: frozenset[str]) -> list[tuple[int, str]]:
    rule = all_rules()["heading-structure"]
    doc = Document(str(path), path.read_text(), containers=containers)
    return [(f.line, f.message) for f in lint_document(doc, [ConfiguredRule.default(rule)])]


ADMONITION = "container_admonition"


@pytest.mark.parametrize(
    ("marker", "title"),
    [
        ("!!! note", "note"),
        ('!!! note "Read this first"', 'note "Read this first"'),
        ('!!! warning ""', 'warning ""'),
        ("??? tip", "tip"),
        ('???+ question "How do I start?"', 'question "How do I start?"'),
    ],
)
def test_admonition_content_is_markdown_and_its_title_is_not_prose(marker, title):
    text = f"Intro.\n\n{marker}\n\n    A paragraph.\n\n    - one\n    - two\n\n    ```py\n    x = 1\n    ```\n\nAfter.\n"
    doc = Document("page.md", text, containers=frozenset({"admonitions"}))
    assert blocks(doc) == [
        (1, "paragraph", (), "Intro."),
        (5, "paragraph", (ADMONITION,), "A paragraph."),
        (7, "paragraph", (ADMONITION, "bullet_list", "list_item"), "one"),
        (8, "paragraph", (ADMONITION, "bullet_list", "list_item"), "two"),
        (14, "paragraph", (), "After."),
    ]
    assert [(item.line, item.depth) for item in doc.list_items] == [(7, 1), (8, 1)]
    [code] = doc.code_blocks
    assert (code.lang, code.text, code.line, code.fenced) == ("py", "x = 1\n", 10, True)
    [opening] = [token for token in doc.tokens if token.type == f"{ADMONITION}_open"]
    assert opening.info == title and opening.map == [2, 12]


def test_an_admonition_ends_at_the_first_line_indented_less_and_holds_blank_lines():
    text = "!!! note\n    First.\n\n\n    Second, after two blank lines.\nOutside.\n"
    doc = Document("page.md", text, containers=frozenset({"admonitions"}))
    assert blocks(doc) == [
        (2, "paragraph", (ADMONITION,), "First."),
        (5, "paragraph", (ADMONITION,), "Second, after two blank lines."),
        (6, "paragraph", (), "Outside."),
    ]


def test_admonitions_nest_and_sit_in_list_items():
    text = "!!! note\n\n    !!! tip\n\n        Deep.\n\n    Shallow.\n\n- Item:\n\n    !!! info\n\n        In the item.\n"
    doc = Document("page.md", text, containers=frozenset({"admonitions"}))
    assert blocks(doc) == [
        (5, "paragraph", (ADMONITION, ADMONITION), "Deep."),
        (7, "paragraph", (ADMONITION,), "Shallow."),
        (9, "paragraph", ("bullet_list", "list_item"), "Item:"),
        (13, "paragraph", ("bullet_list", "list_item", ADMONITION), "In the item."),
    ]


@pytest.mark.parametrize("line", ["!!!", "!!! Important: read this", "???", "!!!! note"])
def test_lines_python_markdown_does_not_read_as_admonitions_stay_prose(line):
    doc = Document("page.md", f"{line}\n\n    Indented.\n", containers=frozenset({"admonitions"}))
    assert [i.kind for i in doc.inlines] == ["paragraph"]
    assert [block.text for block in doc.code_blocks] == ["Indented.\n"]


def test_content_tabs_are_containers_one_per_tab():
    text = '=== "pip"\n\n    Run pip.\n\n===+ "uv"\n\n    Run uv.\n\n===! "New set"\n    Again.\n\n=== no quotes\n'
    doc = Document("page.md", text, containers=frozenset({"tabs"}))
    assert blocks(doc) == [
        (3, "paragraph", ("container_tab",), "Run pip."),
        (7, "paragraph", ("container_tab",), "Run uv."),
        (10, "paragraph", ("container_tab",), "Again."),
        (12, "paragraph", (), "=== no quotes"),
    ]
    assert [t.info for t in doc.tokens if t.type == "container_tab_open"] == ['"pip"', '"uv"', '"New set"']


@pytest.mark.parametrize("opening", [":::note", ":::tip[Did you know?]", ':::caution{title="Careful"}', ":::tip[A]{icon=\"heart\"}", ":::info Old title"])
@pytest.mark.parametrize("path", ["page.md", "page.mdx"])
def test_directives_hold_markdown_until_the_closing_colons(opening, path):
    text = f"{opening}\nSome **tip**.\n\n- one\n- two\n:::\n\nAfter.\n"
    doc = Document(path, text, containers=DIRECTIVES)
    inside = ("container_directive",)
    assert blocks(doc) == [
        (2, "paragraph", inside, "Some tip."),
        (4, "paragraph", (*inside, "bullet_list", "list_item"), "one"),
        (5, "paragraph", (*inside, "bullet_list", "list_item"), "two"),
        (8, "paragraph", (), "After."),
    ]


def test_directives_nest_with_more_colons_outside():
    text = "::::note\nOuter.\n\n:::tip\nInner.\n:::\n\nOuter again.\n::::\nAfter.\n"
    doc = Document("page.md", text, containers=DIRECTIVES)
    inside = "container_directive"
    assert [(line, containers, prose) for line, _, containers, prose in blocks(doc)] == [
        (2, (inside,), "Outer."),
        (5, (inside, inside), "Inner."),
        (8, (inside,), "Outer again."),
        (10, (), "After."),
    ]


@pytest.mark.parametrize("line", ["::: note", ":::", ":::[label]", "::note"])
def test_colon_lines_that_open_no_directive_stay_prose(line):
    doc = Document("page.md", f"{line}\nText.\n:::\n", containers=DIRECTIVES)
    assert all(not token.type.startswith("container_") for token in doc.tokens)


def test_no_syntax_is_read_unless_switched_on():
    text = '!!! note\n\n    Indented.\n\n=== "Tab"\n\n    Indented.\n\n:::tip\nText.\n:::\n'
    doc = Document("page.md", text)
    assert all(not token.type.startswith("container_") for token in doc.tokens)
    assert [block.text for block in doc.code_blocks] == ["Indented.\n", "Indented.\n"]


def test_parsers_are_cached_per_kind_and_syntaxes_and_an_unknown_syntax_is_refused():
    assert parser(False, MATERIAL) is parser(False, frozenset({"tabs", "admonitions"}))
    assert parser(False, MATERIAL) is not parser(False)
    assert parser(True, DIRECTIVES) is not parser(False, DIRECTIVES)
    with pytest.raises(ValueError, match="unknown container syntax 'tips'; expected one of admonitions, tabs, directives"):
        Document("page.md", "Text.\n", containers=frozenset({"tips"}))


def test_the_ably_corpus_parses_as_before_with_no_syntaxes(corpus):
    # The parser as it was before containers existed: what every page without a profile gets.
    def old(mdx: bool) -> MarkdownIt:
        md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
        md.core.ruler.disable("text_join")
        return md.use(mdx_plugin) if mdx else md

    parsers = {False: old(False), True: old(True)}
    for page in sorted(corpus.rglob("*.md*")):
        doc = Document.load(page)
        expected = parsers[doc.is_mdx].parse(doc.text[: doc.frontmatter_end].count("\n") * "\n" + doc.text[doc.frontmatter_end :])
        assert [(t.type, t.map, t.content) for t in doc.tokens] == [(t.type, t.map, t.content) for t in expected], page


# Real pages ---------------------------------------------------------------------------------


def test_mkdocs_material_admonitions_page(corpus):
    path = MKDOCS / "reference" / "admonitions.md"
    doc = Document.load(path, containers=MATERIAL)
    inside = [i for i in doc.inlines if ADMONITION in i.containers]
    assert len(inside) >= 10
    # The example admonition's text is prose, no longer an indented code block.
    assert any(doc.prose(i).text.startswith("Lorem ipsum dolor sit amet") for i in inside)
    assert headings(path, MATERIAL) == []


def test_mkdocs_material_list_in_an_admonition_is_a_list(corpus):
    path = MKDOCS / "setup" / "setting-up-site-analytics.md"
    doc = Document.load(path, containers=MATERIAL)
    items = [item for item in doc.list_items if ADMONITION in item.paragraph.containers]
    assert [item.line for item in items][:5] == [41, 42, 43, 44, 45]
    assert doc.prose(items[0].paragraph).text == "Go to your Google Analytics admin settings"
    assert not any(block.line in range(35, 46) for block in doc.code_blocks)


def test_mkdocs_material_content_tabs_page(corpus):
    path = MKDOCS / "reference" / "content-tabs.md"
    doc = Document.load(path, containers=MATERIAL)
    old = Document.load(path)
    tabbed = [block for block in doc.code_blocks if block.fenced and block.line > 1]
    # Code in a tab is a fenced block with its language, no longer part of an indented block.
    assert {block.lang for block in tabbed} >= {"c", "c++"}
    assert sum(not block.fenced for block in doc.code_blocks) < sum(not block.fenced for block in old.code_blocks)
    assert any("container_tab" in i.containers for i in doc.inlines)
    assert headings(path, MATERIAL) == []


@pytest.mark.parametrize("page", sorted((MKDOCS / "setup").glob("*.md")), ids=lambda p: p.name)
def test_mkdocs_material_setup_pages_have_a_sound_outline(corpus, page):
    assert headings(page, MATERIAL) == []


def test_starlight_asides_hold_lists_and_code(corpus):
    path = STARLIGHT / "guides" / "authoring-content.mdx"
    doc = Document.load(path, containers=DIRECTIVES)
    danger = [i for i in doc.inlines if "container_directive" in i.containers and "list_item" in i.containers]
    assert [doc.prose(i).text for i in danger] == ["Clear navigation", "User-configurable colour theme", "i18n support"]
    # The `:::note` examples inside ```md fences stay code.
    assert sum(":::note" in block.text for block in doc.code_blocks) == 1
    assert headings(path, DIRECTIVES) == []


def test_starlight_aside_in_a_step(corpus):
    path = STARLIGHT / "guides" / "overriding-components.mdx"
    doc = Document.load(path, containers=DIRECTIVES)
    [tip] = [i for i in doc.inlines if "container_directive" in i.containers]
    assert tip.line == 28 and tip.containers[-2:] == ("list_item", "container_directive")
    assert headings(path, DIRECTIVES) == []


@pytest.mark.parametrize("page", sorted((STARLIGHT / "guides").glob("*.mdx")), ids=lambda p: p.name)
def test_starlight_guides_have_a_sound_outline(corpus, page):
    assert headings(page, DIRECTIVES) == []


def test_jest_tips_are_read_and_only_the_true_empty_section_is_left(corpus):
    path = JEST / "CodeTransformation.md"
    doc = Document.load(path, containers=DIRECTIVES)
    assert any("container_directive" in i.containers and doc.prose(i).text.startswith("Make sure") for i in doc.inlines)
    assert headings(path, DIRECTIVES) == [(178, "Section 'Examples' is empty: the next heading follows with nothing in between")]
