"""A linked page's anchors are read from a partial parse (`site.ids.wants_inline`: only the
inline tokens the anchor scan reads). The partial parse must offer exactly the anchors of a whole
one, on every page of every shared tree and on pages built to need each kind of inline token."""

from __future__ import annotations

import pytest

from doclint.document import Document
from doclint.discovery import discover
from doclint.site import ids, profile

from conftest import findings_snapshot


def _both(path: str, text: str, rule: str, params) -> tuple[frozenset[str], frozenset[str]]:
    containers = profile.for_page(path).containers
    whole = Document(path, text, containers=containers)
    partial = Document(path, text, containers=containers, inline=ids.wants_inline)
    return ids.page_anchors(whole, rule, **dict(params)), ids.page_anchors(partial, rule, **dict(params))


@pytest.mark.parametrize("tree", sorted({tree for tree, _ in findings_snapshot.TREES.values()}))
def test_every_shared_page_offers_the_same_anchors(tree):
    pages = [path for path in discover([findings_snapshot.SHARED / tree]) if path.suffix in (".md", ".mdx")]
    assert len(pages) > 20
    differ = []
    for path in pages:
        site = profile.for_page(str(path))
        whole, partial = _both(str(path), path.read_text(encoding="utf-8"), site.id_rule, site.id_params)
        if whole != partial:
            differ.append((str(path), sorted(whole ^ partial)[:5]))
    assert differ == []


@pytest.mark.parametrize(
    ("text", "rule", "params", "expected"),
    [
        # A heading's inline content: code, emphasis and an explicit id.
        ("# The `send()` *method* {#send}\n", "docusaurus", {}, {"send"}),
        ("## Rooms and `attach()`\n\ntext\n", "github", {}, {"rooms-and-attach"}),
        # An id in a paragraph's inline HTML, and in a table cell's.
        ('Some <a id="here"></a> text.\n\n| a |\n|---|\n| <span id="cell">x</span> |\n', "github", {}, {"here", "cell"}),
        # mdBook rule markers in a paragraph (read from the source lines, not the tokens).
        ("r[items.fn]\n\nFunctions.\n", "mdbook", {}, {"r-items.fn"}),
    ],
)
def test_each_kind_of_inline_anchor_survives_the_partial_parse(text, rule, params, expected):
    whole, partial = _both("page.md", text, rule, params)
    assert partial == whole
    assert expected <= partial


def test_a_page_without_ids_in_its_inline_html_is_parsed_for_its_headings_only():
    text = "# Title\n\nReturns a `Promise<Room>` or <b>bold</b>.\n\n<a name='top'></a> and <span ID = \"x\">y</span>\n"
    doc = Document("page.md", text, inline=ids.wants_inline)
    parsed = [token.content for token in doc.tokens if token.type == "inline" and token.children]
    assert parsed == ["Title", "<a name='top'></a> and <span ID = \"x\">y</span>"]
    assert ids.page_anchors(doc, "github") == {"title", "top", "x"}
