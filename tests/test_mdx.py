"""MDX block structure: fences inside JSX are fences, Markdown inside JSX is Markdown, and every
line number is the file's own."""

from __future__ import annotations

import re

from conftest import corpus_page

from doclint.document import OBJECT, Document

CODE_PAGE = """---
title: Presence
---

import { Tabs } from '../components';
export const meta = { x: 1 };

<If lang="javascript,swift">
Subscribe with the `subscribe()` method:
</If>

<Code>
```javascript
room.presence.subscribe();
```

```swift
room.presence.subscribe()
```
</Code>

Prose after the code is a paragraph, not code.
"""


def test_fences_inside_code_are_fences_with_true_lines():
    doc = Document("page.mdx", CODE_PAGE)
    blocks = [(b.lang, b.line, b.first_line, b.text) for b in doc.code_blocks]
    assert blocks == [
        ("javascript", 13, 14, "room.presence.subscribe();\n"),
        ("swift", 17, 18, "room.presence.subscribe()\n"),
    ]
    assert [tag.name for tag in doc.code_blocks[0].jsx] == ["Code"]


def test_markdown_inside_jsx_is_parsed_and_prose_after_code_survives():
    doc = Document("page.mdx", CODE_PAGE)
    paragraphs = [(i.line, doc.prose(i).text, [t.name for t in i.jsx]) for i in doc.inlines]
    assert paragraphs == [
        (9, f"Subscribe with the {OBJECT} method:", ["If"]),
        (22, "Prose after the code is a paragraph, not code.", []),
    ]


SINGLE_FENCE = "<Code>\n```javascript\nconst room = get();\n\nroom.attach();\n```\n</Code>\n\nProse after the code.\n"


def test_commonmark_alone_would_swallow_the_prose():
    # Read as plain Markdown, the closing fence opens a new fence that eats the prose: the
    # problem the MDX rules solve.
    plain = Document("page.md", SINGLE_FENCE)
    assert not any("Prose" in plain.prose(i).text for i in plain.inlines)
    mdx = Document("page.mdx", SINGLE_FENCE)
    assert [doc_block.lang for doc_block in mdx.code_blocks] == ["javascript"]
    assert [mdx.prose(i).text for i in mdx.inlines] == ["Prose after the code."]


def test_import_export_and_expressions_are_not_prose():
    doc = Document("page.mdx", "import A from 'a';\n\n{props.title}\n\n{/* TODO: later */}\n\nText.\n")
    assert [doc.prose(i).text for i in doc.inlines] == ["Text."]
    assert [(c.text, doc.position(c.start)) for c in doc.comments] == [(" TODO: later ", (5, 4))]


def test_multiline_and_self_closing_jsx():
    text = (
        '<Aside\n  data-type="note"\n  title={`Heads up`}\n>\nInside the aside.\n</Aside>\n\n'
        '<Tiles items={[{ a: 1 }]} />\n\nAfter.\n'
    )
    doc = Document("page.mdx", text)
    assert [(i.line, doc.prose(i).text, [t.name for t in i.jsx]) for i in doc.inlines] == [
        (5, "Inside the aside.", ["Aside"]),
        (10, "After.", []),
    ]


def test_jsx_closing_tag_ends_a_paragraph_and_a_list():
    doc = Document("page.mdx", "<If lang=\"js\">\n- one\n- two\n</If>\nAfter the list.\n")
    assert [item.line for item in doc.list_items] == [2, 3]
    assert doc.prose(doc.inlines[-1]).text == "After the list."
    assert doc.inlines[-1].jsx == ()


def test_inline_jsx_in_headings_and_paragraphs_is_not_prose():
    doc = Document("page.mdx", '## History <a id="history"/>\n\nUse <If lang="js">`x`</If> now {1 + 1}.\n')
    assert doc.headings[0].level == 2
    assert doc.prose(doc.headings[0].inline).text == f"History {OBJECT}"
    assert doc.prose(doc.inlines[1]).text == f"Use {OBJECT}{OBJECT}{OBJECT} now {OBJECT}."


def test_indented_text_inside_jsx_is_not_code_in_mdx():
    doc = Document("page.mdx", "<Aside>\n\n    Indented prose.\n\n</Aside>\n")
    assert doc.code_blocks == []
    assert doc.prose(doc.inlines[0]).text == "Indented prose."


def test_real_corpus_page_keeps_every_code_block(corpus):
    doc = Document.load(corpus_page("chat/rooms/presence.mdx"))
    langs = [b.lang for b in doc.code_blocks[:5]]
    assert langs == ["javascript", "react", "swift", "kotlin", "android"]
    assert doc.code_blocks[0].line == 25 and doc.code_blocks[0].text.startswith("const { unsubscribe }")


_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")


def _scan_fences(text: str) -> list[tuple[int, str]]:
    """An independent reading of fence pairs: (line of the opening fence, language)."""
    found, open_fence = [], None
    for number, line in enumerate(text.split("\n"), start=1):
        match = _FENCE.match(line)
        if not match:
            continue
        marker, info = match.group(2), match.group(3).strip()
        if open_fence is None:
            open_fence = marker
            found.append((number, info.split()[0].lower() if info else ""))
        elif marker[0] == open_fence[0] and len(marker) >= len(open_fence) and not info:
            open_fence = None
    return found


def test_fifty_corpus_pages_fence_pairs_match_an_independent_scan(corpus):
    pages = sorted(p for p in (corpus / "src").rglob("*.mdx") if "```" in p.read_text())
    sample = pages[:: max(1, len(pages) // 60)][:60]
    assert len(sample) >= 50
    for page in sample:
        text = page.read_text(encoding="utf-8")
        doc = Document.load(page)
        ours = [(b.line, b.lang) for b in doc.code_blocks if b.fenced]
        assert ours == _scan_fences(text), page
        for block in doc.code_blocks:
            assert block.first_line == block.line + 1


def test_an_expression_after_code_with_braces_in_strings_is_an_expression(corpus):
    """ably-docs chat/authentication.mdx: its examples' strings hold `{` (`'{"your-room":...}'`,
    `"{\\"your-room\\"..."`) that a whole-text scan leaves open, and the fences' backticks then
    read as template strings; a comment above `## Client setup` must still be a comment line."""
    lines = corpus_page("chat/authentication.mdx").read_text(encoding="utf-8").split("\n")
    at = lines.index("## Client setup")
    lines.insert(at, "{/* doclint-disable-next-line heading-structure */}")
    doc = Document("page.mdx", "\n".join(lines), mdx=True)
    [comment] = [token for token in doc.tokens if token.type == "mdx_expression" and token.meta["comment"]]
    assert comment.map == [at, at + 1]
    assert comment.meta["comment"].strip() == "doclint-disable-next-line heading-structure"
    assert not any(token.type == "inline" and "doclint-disable" in token.content for token in doc.tokens)


def test_braces_that_only_an_on_demand_match_reads_cost_bounded_work():
    """`{/*{*/` repeated: each `{` after the first sits in a comment of the one before, so the
    whole-text pass reads none of them and each is matched on demand, from itself to the line's
    end. Without the budget, 30,000 of them rescan the 180,000-character line: billions of steps."""
    line = "{ " + "{/*{*/" * 30_000
    doc = Document("page.mdx", f"Text {line}\n\n## After\n", mdx=True)
    assert [doc.prose(h.inline).text for h in doc.headings] == ["After"]
