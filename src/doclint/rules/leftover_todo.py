"""Flags TODO, FIXME, XXX, TBD and TKTK markers left in a page.

A marker is a note from the writer to themselves ("!!!TODO remove this if export chat not
merged!!!"). Reviewers catch them by eye and still miss some; once published they tell readers
the page is unfinished. The rule looks in prose (paragraphs, headings, list items, table cells),
in hidden comments (`<!-- -->`, `{/* */}`, and link definitions to `#` or `<>` used as comments,
whatever their label: `[//]: # (...)`, `[comment]: <> (...)`, `[TODO]: #`) and in front matter
values. Markers count only as upper-case words, so "todo" in a sentence about a to-do app, `TODO`
in inline code and "XXXX" placeholders are left alone.

A marker word is a marker only where a note starts: when it opens a comment, a line (a heading,
a list item, a table cell), a clause or a bracket (`<!-- TODO check this -->`, `Done. TBD the
rest`, `(TBD)`, `title: TBD`), or when it is followed by `:`, `-`, `(` or `!!!` (`ask them TODO:
confirm`, `TODO(alice)`). Inside an ordinary sentence it is a mention ("to leave TODO messages",
"a TODO comment", "the TODO list") and is left alone, as are "TODO lists", "TODO comments" and
the like at the start of a line. A `!!!TODO ... !!!` note is always a marker, reported as one
span.

A marker in a hidden comment is a note that readers never see, and many sites keep such notes on
purpose: the `comments` option sets the severity of those findings on its own ("warning" by
default; "error", "info", or "off" to leave comments alone). Markers in prose and front matter
keep the rule's severity. A comment that points at where its note is tracked (an issue or pull
request URL, `#123`, `owner/repo#123`) is a note the team already follows up
elsewhere, as the Rust Reference's `<!-- TODO: ... see https://github.com/.../issues/569 -->`
notes are: it is left alone unless `tracked_comments = true`.

Code blocks are not checked by default: a `// TODO: handle errors` in an example is usually
guidance for the reader who copies it. Set `include_code = true` to check them too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import lazy_re
from doclint.document import Document
from doclint.findings import SEVERITY_NAMES, Problem, Severity
from doclint.rule import Option, Rule

MARKERS = ("TODO", "FIXME", "XXX", "TBD", "TKTK")
# `!!!TODO ... !!!` is one note; a bare marker is the word, not part of a hyphenated compound.
_WORDS = "|".join(MARKERS)
_PATTERN = lazy_re.compile(rf"(!{{2,}}\s*(?:{_WORDS})\b.*?!{{2,}})|(?<![\w-])(?:{_WORDS})(?!\w|-\w)")
# Nouns a marker word names a kind of ("TODO lists are ..."): a mention even where a note starts.
_NAMED_KIND = lazy_re.compile(r"[ \t]+(?:lists?|apps?|items?|comments?|messages?|markers?)\b")
# What may come right before a note: a line's start, or the end of block markup (`#`, `>`, `-`,
# `|`, `1.`), comment openers (`<!--`, `{/*`, `//`), clause punctuation and opening brackets.
_OPENERS = frozenset("([{.;:!?|#>/+-\u2013\u2014")
# What marks a note right after the marker: `TODO:`, `TODO - x`, `TODO(alice)`, `TODO!!!`.
_FOLLOWERS = lazy_re.compile(r"[*_~]*[ \t]*(?::|-|\u2013|\u2014|\(|!!!)")
_EMPHASIS = " \t*_~"
COMMENT_SEVERITIES = (*SEVERITY_NAMES, "off")  # the one vocabulary of severities
# Where a note is tracked: an issue or pull request URL, `#123`, `owner/repo#123`.
_TRACKED = lazy_re.compile(r"https?://\S+/(?:issues|pull|pulls|merge_requests)/\d+|(?<![\w&])(?:[\w.-]+/[\w.-]+)?#\d+\b")


def _message(match: str) -> str:
    marker = next(m for m in MARKERS if m in match)
    shown = match if len(match) <= 60 else match[:57] + "..."
    if shown == marker:
        return f"Leftover {marker} marker: resolve it or remove it before publishing"
    return f"Leftover {marker} note {shown!r}: resolve it or remove it before publishing"


def _is_note(text: str, start: int, end: int) -> bool:
    """Whether the marker word at `text[start:end]` (the page's source) starts a note rather than
    being a word of a sentence."""
    if _NAMED_KIND.match(text, end):
        return False
    if _FOLLOWERS.match(text, end):
        return True
    # Step back over spaces and emphasis only: a long line full of markers stays linear.
    before = start - 1
    while before >= 0 and text[before] in _EMPHASIS:
        before -= 1
    return before < 0 or text[before] == "\n" or text[before] in _OPENERS


def _markers(doc: Document, text: str, base: int) -> Iterator[tuple[int, int, str]]:
    """The notes in `text`, which starts at offset `base` of the page: (start, end, match)."""
    for match in _PATTERN.finditer(text):
        start, end = base + match.start(), base + match.end()
        if match.group(1) or _is_note(doc.text, start, end):
            yield start, end, match.group()


def _prose_markers(doc: Document) -> Iterator[tuple[int, int, str]]:
    """The notes in the page's prose, read as rendered text (code spans and markup left out)."""
    for inline in doc.inlines:
        # Building prose costs more than a search of the raw line; most paragraphs have no marker.
        if not _PATTERN.search(doc.text, inline.start, inline.end + 1):
            continue
        prose = doc.prose(inline)
        for match in _PATTERN.finditer(prose.text):
            start, end = prose.span(match.start(), match.end())
            if match.group(1) or _is_note(doc.text, start, end):
                yield start, end, match.group()


def _frontmatter_markers(doc: Document) -> Iterator[tuple[int, int, str]]:
    """The notes in front matter values (`title: TBD`); keys such as `TODO:` are not notes."""
    first_line_end = doc.text.index("\n") + 1
    block = doc.text[first_line_end : doc.frontmatter_end]
    # Skip the delimiter lines and each key, so only values are searched.
    for line in re.finditer(r"^[ \t-]*(?:[\w.-]+:)?(.*)$", block, re.MULTILINE):
        yield from _markers(doc, line.group(1), first_line_end + line.start(1))


def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Problem]:
    """Notes in prose and front matter at the rule's severity, in comments at `comments`."""
    if not any(marker in doc.text for marker in MARKERS):
        return  # most pages: nothing to look for
    for start, end, match in _prose_markers(doc):
        yield Problem(start, end, _message(match))
    if options["comments"] != "off":
        severity = Severity.parse(options["comments"])
        for comment in doc.comments:
            if not options["tracked_comments"] and _TRACKED.search(comment.text):
                continue
            for start, end, match in _markers(doc, comment.text, comment.start):
                yield Problem(start, end, _message(match), severity=severity)
    if doc.frontmatter_end:
        for start, end, match in _frontmatter_markers(doc):
            yield Problem(start, end, _message(match))
    if options["include_code"]:
        for block in doc.code_blocks:
            for start, end, match in _markers(doc, block.text, block.start):
                yield Problem(start, end, _message(match))


RULE = Rule(
    name="leftover-todo",
    summary="TODO, FIXME, XXX, TBD or TKTK left in prose, comments or front matter",
    check=check,
    description=__doc__,
    severity=Severity.ERROR,
    tags=("review", "content"),
    options=(
        Option("include_code", bool, False, "Also flag markers inside code blocks."),
        Option(
            "comments",
            str,
            "warning",
            "Severity of markers in hidden comments (HTML, MDX, `[//]: #`): error, warning, info, or off.",
            values=COMMENT_SEVERITIES,
        ),
        Option("tracked_comments", bool, False, "Also flag markers in comments that link the issue tracking them."),
    ),
    bad_examples=(
        ("guide.md", "Export your history with the [export guide](/docs/export). !!!TODO remove this if export chat not merged!!!\n"),
        ("notes.mdx", "## Limits\n\n{/* TODO: confirm the limit with the platform team */}\n\nRooms hold up to 200 members.\n"),
        ("page.md", "---\ntitle: TBD\n---\n\nSome text.\n"),
        ("steps.md", "Rooms hold up to 200 members. TODO check the limit with the platform team\n"),
    ),
    good_examples=(
        ("guide.md", "Build a TODO list app with Ably, then add a `TODO` filter.\n"),
        ("mention.md", "Use the editor's search to find the TODO comments you left, and the FIXME ones.\n"),
        ("code.md", "```javascript\n// TODO: handle errors in your app\nawait room.attach();\n```\n"),
        ("tracked.md", "Rooms hold up to 200 members.\n\n<!-- TODO: the limit above is out of date, see https://github.com/acme/docs/issues/569 -->\n"),
    ),
)
