"""Flags TODO, FIXME, XXX, TBD and TKTK markers left in a page.

A marker is a note from the writer to themselves ("!!!TODO remove this if export chat not
merged!!!"). Reviewers catch them by eye and still miss some; once published they tell readers
the page is unfinished. The rule looks in prose (paragraphs, headings, list items, table cells),
in HTML and MDX comments (`<!-- -->`, `{/* */}`, and the `[//]: # (...)` comment idiom) and in
front matter values. Markers count only as upper-case words, so "todo" in a sentence about a
to-do app, `TODO` in inline code and "XXXX" placeholders are left alone.

Code blocks are not checked by default: a `// TODO: handle errors` in an example is usually
guidance for the reader who copies it. Set `include_code = true` to check them too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint.document import Document
from doclint.findings import Problem, Severity
from doclint.rule import Option, Rule

MARKERS = ("TODO", "FIXME", "XXX", "TBD", "TKTK")
# `!!!TODO ... !!!` is reported as one span; a bare marker as the word. "TODO list/app" is prose.
_PATTERN = re.compile(
    r"!{2,}\s*(?:%s)\b.*?!{2,}|(?<![\w-])(?:TODO(?! (?:lists?|apps?|items?)\b)|%s)(?![\w-])"
    % ("|".join(MARKERS), "|".join(MARKERS[1:]))
)


def _message(match: str) -> str:
    marker = next(m for m in MARKERS if m in match)
    shown = match if len(match) <= 60 else match[:57] + "..."
    if shown == marker:
        return f"Leftover {marker} marker: resolve it or remove it before publishing"
    return f"Leftover {marker} note {shown!r}: resolve it or remove it before publishing"


def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Problem]:
    if not any(marker in doc.text for marker in MARKERS):
        return  # most pages: nothing to look for
    for inline in doc.inlines:
        # Building prose costs more than a search of the raw line; most paragraphs have no marker.
        if not _PATTERN.search(doc.text, inline.start, inline.end + 1):
            continue
        prose = doc.prose(inline)
        for match in _PATTERN.finditer(prose.text):
            start, end = prose.span(match.start(), match.end())
            yield Problem(start, end, _message(match.group()))
    for comment in doc.comments:
        for match in _PATTERN.finditer(comment.text):
            yield Problem(comment.start + match.start(), comment.start + match.end(), _message(match.group()))
    if doc.frontmatter_end:
        first_line_end = doc.text.index("\n") + 1
        # Skip the delimiter lines and each key, so only values are searched.
        for line_match in re.finditer(r"^[ \t-]*(?:[\w.-]+:)?(.*)$", doc.text[first_line_end : doc.frontmatter_end], re.M):
            base = first_line_end + line_match.start(1)
            for match in _PATTERN.finditer(line_match.group(1)):
                yield Problem(base + match.start(), base + match.end(), _message(match.group()))
    if options["include_code"]:
        for block in doc.code_blocks:
            for match in _PATTERN.finditer(block.text):
                yield Problem(block.start + match.start(), block.start + match.end(), _message(match.group()))


RULE = Rule(
    name="leftover-todo",
    summary="TODO, FIXME, XXX, TBD or TKTK left in prose, comments or front matter",
    check=check,
    description=__doc__,
    severity=Severity.ERROR,
    tags=("review", "content"),
    options=(
        Option("include_code", bool, False, "Also flag markers inside code blocks."),
    ),
    bad_examples=(
        ("guide.md", "Export your history with the [export guide](/docs/export). !!!TODO remove this if export chat not merged!!!\n"),
        ("notes.mdx", "## Limits\n\n{/* TODO: confirm the limit with the platform team */}\n\nRooms hold up to 200 members.\n"),
        ("page.md", "---\ntitle: TBD\n---\n\nSome text.\n"),
    ),
    good_examples=(
        ("guide.md", "Build a TODO list app with Ably, then add a `TODO` filter.\n"),
        ("code.md", "```javascript\n// TODO: handle errors in your app\nawait room.attach();\n```\n"),
    ),
)
