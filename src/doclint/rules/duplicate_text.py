"""Flags a paragraph, list item or sentence that repeats earlier text on the same page.

A paragraph pasted twice, a note that appears in two sections, a sentence said again three lines
later: each makes the reader wonder what they missed, and when one copy is edited the other goes
stale. The rule reports the second and later copies and names the line of the first, so the
writer can keep one and link to it.

Text is compared as a reader sees it: case, spacing and punctuation are ignored, inline code and
JSX count by their source, and links count by where they point (the same words linking to two
different pages say two different things).

- A whole paragraph or list item of at least `min_words` words is compared with the rest of the
  page.
- A single sentence of a longer paragraph is compared only within its own section (no heading
  in between): a sentence that recurs under other headings is usually shared wording, such as
  "This returns a paginated response", and not an accident.

Left alone: headings, table cells and code; lead-ins that end with a colon ("The following example
shows...:"), which introduce different examples; text in alternative branches that no reader sees
together (`<If lang="javascript">` and `<If lang="swift">`, `<Tab value="cli">` and
`<Tab value="dashboard">`); list items of different lists (two procedures may share a step);
text that appears once in each of parallel sections (sibling headings, or headings of the same
name such as "Parameters" under two methods); and pages matching `skip_paths`, API references by
default, which repeat their wording per method and parameter by design.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from doclint.document import OBJECT, Document, Prose
from doclint.findings import Problem
from doclint.mdx import Tag
from doclint.paths import matches
from doclint.rule import Option, Rule

# A sentence ends at . ! or ? (and any closing quote or bracket) before a space and a capital.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)\]*_]*\s+(?=[A-Z\"'“‘(\[*_" + OBJECT + r"])")
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+")
_OPENING = 3  # words that make two paragraphs parallel when both open with them

Branches = dict[tuple[str, str], frozenset[str]]


def branches(jsx: Iterable[Tag], tags: frozenset[str]) -> Branches:
    """The alternatives enclosing MDX elements make: (tag, attribute) -> values shown for.

    `<If lang="javascript,swift">` gives {("If", "lang"): {"javascript", "swift"}}; nested
    branches of the same attribute narrow the set.
    """
    found: Branches = {}
    for tag in jsx:
        if tag.name not in tags:
            continue
        for attribute in tag.attrs:
            values = frozenset(_attribute_values(tag, attribute))
            key = (tag.name, attribute)
            found[key] = found[key] & values if key in found else values
    return found


def _attribute_values(tag: Tag, attribute: str) -> list[str]:
    value = tag.attr(attribute)
    if value is None:  # an expression such as {false}: compare its source
        return [re.sub(r"\s+", "", tag.attrs.get(attribute) or "")]
    return [part.strip() for part in value.split(",") if part.strip()]


def alternatives(a: Branches, b: Branches) -> bool:
    """Whether no reader sees both: some branch attribute they share has no value in common."""
    return any(key in b and not a[key] & b[key] for key in a)


@dataclass
class _Seen:
    line: int
    branches: Branches
    scope: int | None  # the top-level list it belongs to, None outside lists
    section: int  # index of the heading it follows, -1 before the first
    paragraph: int  # index of the paragraph it is in
    opening: tuple[str, ...]  # the paragraph's first words


def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Problem]:
    if matches(doc.path, options["skip_paths"]):
        return
    min_words = options["min_words"]
    tags = frozenset(options["branch_tags"])
    sections = _Sections(doc)
    lists = _top_level_lists(doc)
    blocks: dict[tuple, list[_At]] = {}
    sentences: dict[tuple, list[_At]] = {}
    paragraphs = []
    # A cheap first pass: only text that occurs at least twice on the page is compared properly.
    seen_twice: Counter = Counter()
    for number, inline in enumerate(doc.inlines):
        if inline.kind == "paragraph":
            prose = doc.prose(inline)
            spans = list(_sentences(prose.text))
            paragraphs.append((number, inline, prose, spans))
            seen_twice.update(_rough(prose.text[begin:end]) for begin, end in spans)
            if len(spans) > 1:
                seen_twice[_rough(prose.text[spans[0][0] : spans[-1][1]])] += 1
    for number, inline, prose, spans in paragraphs:
        whole = (spans[0][0], spans[-1][1]) if spans else (0, 0)
        repeated = [span for span in [whole, *spans] if seen_twice[_rough(prose.text[span[0] : span[1]])] > 1]
        if not repeated:
            continue
        here = _Seen(
            line=inline.line,
            branches=branches(inline.jsx, tags),
            scope=_scope(lists, inline.line),
            section=sections.index(inline.line),
            paragraph=number,
            opening=tuple(_TOKEN.findall(prose.text.casefold())[:_OPENING]),
        )
        if whole in repeated and _counts(prose.text, *whole, min_words):
            key = _key(doc, prose, *whole)
            first = _first(blocks.get(key, ()), here, sections, same_section=False)
            blocks.setdefault(key, []).append(_At(here, prose, whole[0]))
            if first is not None:
                yield _problem(doc, prose, *whole, first, "paragraph" if "list_item" not in inline.containers else "list item")
                continue
        for begin, end in spans:
            if (begin, end) not in repeated or not _counts(prose.text, begin, end, min_words):
                continue
            key = _key(doc, prose, begin, end)
            first = _first(sentences.get(key, ()), here, sections, same_section=True)
            sentences.setdefault(key, []).append(_At(here, prose, begin))
            if first is not None:
                yield _problem(doc, prose, begin, end, first, "sentence")


_ROUGH = str.maketrans({c: " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~‘’“”–—…" + OBJECT})


def _rough(text: str) -> str:
    """Text folded hard (case, punctuation, spacing): equal keys in `_key` have equal rough forms."""
    return " ".join(text.casefold().translate(_ROUGH).split())


class _At(NamedTuple):
    """Where a paragraph or sentence was seen; its line is worked out only if it is repeated."""

    seen: _Seen
    prose: Prose
    begin: int

    def line(self, doc: Document) -> int:
        return doc.position(self.prose.span(self.begin, self.begin + 1)[0])[0] if self.prose.text else self.seen.line


def _first(earlier, here: _Seen, sections: _Sections, same_section: bool) -> _At | None:
    for at in earlier:
        seen = at.seen
        if alternatives(seen.branches, here.branches) or seen.scope != here.scope:
            continue
        if same_section and (seen.section != here.section or _parallel_paragraphs(seen, here)):
            continue
        if not same_section and sections.parallel(seen.section, here.section):
            continue
        return at
    return None


def _parallel_paragraphs(a: _Seen, b: _Seen) -> bool:
    """Two paragraphs that open alike ("A resource can also be a queue... / a metachannel...")
    describe parallel things and share their wording on purpose."""
    return a.paragraph != b.paragraph and len(a.opening) == _OPENING and a.opening == b.opening


def _problem(doc: Document, prose: Prose, begin: int, end: int, first: _At, what: str) -> Problem:
    start, stop = prose.span(begin, end)
    shown = " ".join(doc.text[start:stop].split())
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return Problem(start, stop, f"Repeated {what} (also at line {first.line(doc)}): {shown!r}; say it once")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield from _trimmed(text, start, match.start())
        start = match.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, begin: int, end: int) -> Iterator[tuple[int, int]]:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if end > begin:
        yield begin, end


def _counts(text: str, begin: int, end: int, min_words: int) -> bool:
    """Long enough to matter, and not a lead-in to what follows (those differ by what follows)."""
    piece = text[begin:end]
    return not piece.rstrip("*_ ").endswith(":") and len(_WORD.findall(piece.replace(OBJECT, " "))) >= min_words


def _key(doc: Document, prose: Prose, begin: int, end: int) -> tuple:
    """The text as compared: words case-folded, code and JSX by their source, links by target."""
    piece = prose.text[begin:end]
    if OBJECT in piece:  # code and JSX compare by their source
        parts, last = [], 0
        for index in (i for i, char in enumerate(piece) if char == OBJECT):
            start, stop = prose.span(begin + index, begin + index + 1)
            parts += [piece[last:index], f" {doc.text[start:stop]} "]
            last = index + 1
        piece = "".join(parts) + piece[last:]
    words = tuple(_TOKEN.findall(piece.casefold()))
    targets = tuple(href for start, stop, href in prose.links if begin <= start < end or begin < stop <= end)
    return words, targets


class _Sections:
    """The heading each line is under, and which sections are parallel."""

    def __init__(self, doc: Document) -> None:
        self.lines: list[int] = []
        self.levels: list[int] = []
        self.names: list[str] = []
        self.parents: list[int] = []
        stack: list[int] = []
        for index, heading in enumerate(doc.headings):
            while stack and self.levels[stack[-1]] >= heading.level:
                stack.pop()
            self.lines.append(heading.inline.line)
            self.levels.append(heading.level)
            self.names.append(" ".join(_TOKEN.findall(doc.prose(heading.inline).text.casefold())))
            self.parents.append(stack[-1] if stack else -1)
            stack.append(index)

    def index(self, line: int) -> int:
        return bisect.bisect_right(self.lines, line) - 1

    def parallel(self, a: int, b: int) -> bool:
        """Sibling sections, or sections of the same name and level (a "Returns" per method)."""
        if a == b or a < 0 or b < 0 or self.levels[a] != self.levels[b]:
            return False
        return self.parents[a] == self.parents[b] or self.names[a] == self.names[b]


def _top_level_lists(doc: Document) -> list[tuple[int, int]]:
    """1-based (first, last) lines of each top-level list, in order."""
    spans: list[tuple[int, int]] = []
    depth = 0
    for token in doc.tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if depth == 0 and token.map:
                spans.append((token.map[0] + 1, token.map[1]))
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
    return spans


def _scope(lists: list[tuple[int, int]], line: int) -> int | None:
    index = bisect.bisect_right(lists, (line, float("inf"))) - 1
    if index >= 0 and lists[index][0] <= line <= lists[index][1]:
        return index
    return None


RULE = Rule(
    name="duplicate-text",
    summary="A paragraph, list item or sentence repeated on the same page",
    check=check,
    description=__doc__,
    tags=("review", "content"),
    options=(
        Option("min_words", int, 8, "Fewest words for a paragraph, item or sentence to be compared."),
        Option(
            "skip_paths",
            list,
            ["api/", "reference/"],
            "Globs of pages not checked: API references repeat their wording per entry by design.",
            glob=True,
        ),
        Option(
            "branch_tags",
            list,
            ["If", "Tab", "TabItem"],
            "MDX elements whose instances are alternatives (by attribute value), never read together.",
        ),
    ),
    bad_examples=(
        (
            "errors.md",
            "The request failed because of an unexpected error inside the platform.\n\n"
            "## Why it happens\n\n"
            "The request failed because of an unexpected error inside the platform.\n",
        ),
        (
            "rooms.mdx",
            "## Subscribe to occupancy\n\nCall `occupancy.subscribe()`.\n\n### Event structure\n\n"
            "<Aside>\nA user is counted once for every device that they are in the room with.\n</Aside>\n\n"
            "## Retrieve occupancy\n\nCall `occupancy.get()`.\n\n"
            "<Aside>\nA user is counted once for every device that they are in the room with.\n</Aside>\n",
        ),
    ),
    good_examples=(
        (
            "presence.mdx",
            '<If lang="javascript">\nUse the presence object to see which users are online in the room.\n</If>\n\n'
            '<If lang="swift">\nUse the presence object to see which users are online in the room.\n</If>\n',
        ),
        (
            "steps.md",
            "## Enable two-factor authentication\n\n1. Log in to your account and go to the Security page.\n"
            "2. Click **Enable**.\n\n"
            "## Disable two-factor authentication\n\n1. Log in to your account and go to the Security page.\n"
            "2. Click **Disable**.\n",
        ),
    ),
)
