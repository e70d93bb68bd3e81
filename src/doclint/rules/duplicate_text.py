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
  "Returns a paginated response", and not an accident. Nor is a sentence compared that opens by
  pointing back ("This may become an error in the future."), or one in paragraphs that open with
  different subjects (`` `publish()` sends... `` and `` `send()` sends... ``).
- A list item is compared only with items of its own list (sub-items of an unordered list's items
  only within their item: those items are often alternatives, "On macOS:" and "On Windows:"), but
  down to `min_item_words` words, and also by its description after a lead-in: the same
  description under "**Channel name**:" and "**Channel ID**:" is a copy-paste slip.

Left alone: headings, table cells and code; navigation (paragraphs of links alone, and text
inside `navigation_tags` such as `<ReadMore>`); asides set wholly in italics or bold (the
newsletter call to action a post repeats above its excerpt break and at its end); lead-ins that end with a colon ("The following
example shows...:"), which introduce different examples; text in alternative branches that no
reader sees together (`<If lang="javascript">` and `<If lang="swift">`, `<Tab value="cli">` and
`<Tab value="dashboard">`); list items of different lists (two procedures may share a step);
text that appears once in each of parallel sections (sibling headings, cousins under parallel
parents, or headings whose names differ by a word or two, such as "Parameters" under two methods
or "The `inline` attribute" and "The `cold` attribute", at any level); and pages matching
`skip_paths`, API references by default, which repeat their wording per method and parameter by
design.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from doclint import lazy_re
from doclint.document import OBJECT, Document, Inline, Prose
from doclint.findings import Problem
from doclint.mdx import Tag
from doclint.paths import matches
from doclint.rule import Option, Rule

# A sentence ends at . ! or ? (and any closing quote or bracket) before a space and a capital.
_SENTENCE_END = lazy_re.compile(r"(?<=[.!?])[\"'’”)\]*_]*\s+(?=[A-Z\"'“‘(\[*_" + OBJECT + r"])")
_WORD = lazy_re.compile(r"\w+")
_TOKEN = lazy_re.compile(r"\w+")
# A sentence opening with one of these points back at what came before, so it says something
# new wherever that differs.
_ANAPHOR = lazy_re.compile(r"(?:this|that|these|those|it|they|such)\b", re.IGNORECASE)
_BOLD = lazy_re.compile(r"(\*\*|__)(?!\s).+?\1")
# A lead-in: a code span (OBJECT) or a few words, then a colon or dash.
_LEAD_IN = lazy_re.compile(r"(?:" + OBJECT + r"|[^:.!?–—]{1,40}?)\s*(?::|\s[-–—])\s+")
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
    """Where a paragraph's text was first seen: enough to tell a real repeat from a page's variants."""

    line: int
    branches: Branches
    scope: tuple[int, int | None] | None  # see `_scope`; None outside lists
    section: int  # index of the heading it follows, -1 before the first
    paragraph: int  # index of the paragraph it is in
    opening: tuple[str, ...]  # the paragraph's first words
    subject: str | None  # the code span or bold text it opens with, if any


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
    navigation = frozenset(options["navigation_tags"])
    for number, inline in enumerate(doc.inlines):
        if inline.kind == "paragraph" and not any(tag.name in navigation for tag in inline.jsx):
            prose = doc.prose(inline)
            if _link_only(prose) or _aside(inline):
                continue
            spans = list(_sentences(prose.text))
            rough = _Rough(prose.text)
            paragraphs.append((number, inline, prose, spans, rough))
            if "list_item" in inline.containers:
                seen_twice[rough(_description(prose), len(prose.text))] += 1
            seen_twice.update(rough(begin, end) for begin, end in spans)
            if len(spans) > 1:
                seen_twice[rough(spans[0][0], spans[-1][1])] += 1
    for number, inline, prose, spans, rough in paragraphs:
        whole = (spans[0][0], spans[-1][1]) if spans else (0, 0)
        item = "list_item" in inline.containers
        # Items are compared only within their list, where a short repeat is still a slip.
        shortest = min(min_words, options["min_item_words"]) if item else min_words
        described = (_description(prose), whole[1]) if item else whole
        candidates = [whole, described, *spans]
        repeated = [span for span in candidates if seen_twice[rough(*span)] > 1]
        if not repeated:
            continue
        here = _Seen(
            line=inline.line,
            branches=branches(inline.jsx, tags),
            scope=_scope(lists, inline),
            section=sections.index(inline.line),
            paragraph=number,
            opening=tuple(_TOKEN.findall(prose.text.casefold())[:_OPENING]),
            subject=_subject(doc, prose),
        )
        whole_or_described = [span for span in dict.fromkeys([whole, described]) if span in repeated]
        if problem := _repeated_block(doc, prose, whole_or_described, here, blocks, sections, shortest):
            yield problem
            continue
        for begin, end in spans:
            if (begin, end) not in repeated or not _counts(prose.text, begin, end, min_words):
                continue
            if _ANAPHOR.match(prose.text, begin):  # "This may become an error": "this" differs
                continue
            key = _key(doc, prose, begin, end)
            first = _first(sentences.get(key, ()), here, sections, same_section=True)
            sentences.setdefault(key, []).append(_At(here, prose, begin))
            if first is not None:
                yield _problem(doc, prose, begin, end, first, "sentence")


def _repeated_block(
    doc: Document,
    prose: Prose,
    spans: list[tuple[int, int]],
    here: _Seen,
    blocks: dict[tuple, list[_At]],
    sections: _Sections,
    min_words: int,
) -> Problem | None:
    """The problem with the first of `spans` (a whole paragraph or item, then an item's
    description after its lead-in) that repeats an earlier block, if any."""
    keys = set()  # "`%#` - Index of the test case." is one key whole and described
    for begin, end in spans:
        key = _key(doc, prose, begin, end)
        if key in keys or not _counts(prose.text, begin, end, min_words):
            continue
        keys.add(key)
        first = _first(blocks.get(key, ()), here, sections, same_section=False)
        blocks.setdefault(key, []).append(_At(here, prose, begin))
        if first is not None:
            return _problem(doc, prose, begin, end, first, "list item" if here.scope is not None else "paragraph")
    return None


def _description(prose: Prose) -> int:
    """Where a list item's description starts, after a lead-in such as "**Name**: " or
    "`name` - "; 0 for an item without one."""
    lead_in = _LEAD_IN.match(prose.text)
    return lead_in.end() if lead_in else 0


def _aside(inline) -> bool:
    """A paragraph set wholly in italics or bold (`_Subscribe to our newsletter._`): an editorial
    aside, a call to action a post repeats at its top and its end on purpose."""
    children = [c for c in inline.token.children or () if not (c.type == "text" and not c.content.strip(" .!"))]
    return len(children) >= 3 and children[0].type in ("em_open", "strong_open") and children[-1].type == children[0].type.replace("_open", "_close") and (
        sum(c.type == children[0].type for c in children) == 1
    )


def _link_only(prose: Prose) -> bool:
    """A paragraph of links alone ("[Next: Presence](presence.md)") is navigation, not prose."""
    text = prose.text
    for start, end, _ in reversed(prose.links):
        text = text[:start] + text[end:]
    return prose.links != () and not _WORD.search(text.replace(OBJECT, " "))


_ROUGH = str.maketrans({c: " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~‘’“”–—…" + OBJECT})


class _Rough:
    """Slices of one paragraph's text folded hard (case, punctuation, spacing): equal keys in
    `_key` have equal rough forms. The text is translated once and each slice folded once: the
    rule asks for the same sentences in both of its passes, and translating each slice apart was
    most of its time. (Translating first keeps offsets, as it maps single characters to a space,
    and gives the same answer as folding first: no character's case fold holds one of them.)"""

    def __init__(self, text: str) -> None:
        self.translated = text.translate(_ROUGH)
        self.done: dict[tuple[int, int], str] = {}

    def __call__(self, begin: int, end: int) -> str:
        found = self.done.get((begin, end))
        if found is None:
            found = self.done[begin, end] = " ".join(self.translated[begin:end].casefold().split())
        return found


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
    """Two paragraphs that open alike ("A resource can also be a queue... / a metachannel..."),
    or with different subjects ("`publish()` sends... / `send()` sends..."), describe parallel
    things and share their wording on purpose."""
    if a.paragraph == b.paragraph:
        return False
    if a.subject is not None and b.subject is not None and a.subject != b.subject:
        return True
    return len(a.opening) == _OPENING and a.opening == b.opening


def _subject(doc: Document, prose: Prose) -> str | None:
    """The code span or bold text a paragraph opens with: "`publish()`", "**Channel name**"."""
    if not prose.text:
        return None
    start, stop = prose.span(0, 1)
    if prose.text[0] == OBJECT:
        source = doc.text[start:stop]
        return source if source.startswith("`") else None
    bold = _BOLD.match(doc.text, max(start - 2, 0))
    return bold.group(0) if bold and start >= 2 else None


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
            self.names.append(_heading_name(doc, doc.prose(heading.inline)))
            self.parents.append(stack[-1] if stack else -1)
            stack.append(index)

    def index(self, line: int) -> int:
        return bisect.bisect_right(self.lines, line) - 1

    def parallel(self, a: int, b: int) -> bool:
        """Sections written to one pattern: siblings, cousins (same level under parallel
        parents), or sections whose names differ by a word or two ("The `inline` attribute" and
        "The `cold` attribute", "Parameters" under two methods), at any level."""
        if a == b or a < 0 or b < 0:
            return False
        if _near(self.names[a], self.names[b]):
            return True
        return self.levels[a] == self.levels[b] and (self.parents[a] == self.parents[b] or self._cousins(a, b))

    def _cousins(self, a: int, b: int) -> bool:
        """Parents that are themselves parallel, but not mere siblings: every section of one level
        on a page has sibling parents, and would make the rule blind."""
        pa, pb = self.parents[a], self.parents[b]
        if pa == pb or pa < 0 or pb < 0 or self.levels[pa] != self.levels[pb]:
            return False
        return _near(self.names[pa], self.names[pb]) or self._cousins(pa, pb)


def _heading_name(doc: Document, prose: Prose) -> str:
    """A heading's words and code spans ("the cold attribute"), without HTML or JSX, which
    readers do not see (`#### <!-- md:setting config.debug -->` is nameless)."""
    pieces = []
    for index, char in enumerate(prose.text):
        if char == OBJECT:
            start, stop = prose.span(index, index + 1)
            source = doc.text[start:stop]
            char = f" {source} " if source.startswith("`") else " "
        pieces.append(char)
    return " ".join(_TOKEN.findall("".join(pieces).casefold()))


def _near(a: str, b: str) -> bool:
    """Equal names (two nameless `#### <!-- md:setting x -->` too), or names that differ by a
    word or two and share more words than they differ by."""
    words_a, words_b = Counter(a.split()), Counter(b.split())
    differ = max(sum((words_a - words_b).values()), sum((words_b - words_a).values()))
    return a == b or (differ <= 2 and sum((words_a & words_b).values()) > differ)


class _List(NamedTuple):
    """A top-level list's 1-based (first, last) lines, and those of its items if it is unordered."""

    first: int
    last: int
    items: list[tuple[int, int]]


def _top_level_lists(doc: Document) -> list[_List]:
    """Each top-level list, in order."""
    found: list[_List] = []
    depth = 0
    for token in doc.tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if depth == 0 and token.map:
                found.append(_List(token.map[0] + 1, token.map[1], []))
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open" and depth == 1 and token.markup in "-*+" and token.map:
            found[-1].items.append((token.map[0] + 1, token.map[1]))
    return found


def _scope(lists: list[_List], inline: Inline) -> tuple[int, int | None] | None:
    """The top-level list an inline is in, and, for a sub-item of an unordered list, its item:
    the items of an unordered list are often alternatives ("On macOS:", "On Windows:"), whose
    sub-items repeat one another's steps by design."""
    line = inline.line
    index = bisect.bisect_right(lists, (line, float("inf"))) - 1
    if index < 0 or not lists[index].first <= line <= lists[index].last:
        return None
    if inline.containers.count("list_item") < 2:
        return index, None
    items = lists[index].items
    item = bisect.bisect_right(items, (line, float("inf"))) - 1
    return index, item if item >= 0 and items[item][0] <= line <= items[item][1] else None


RULE = Rule(
    name="duplicate-text",
    summary="A paragraph, list item or sentence repeated on the same page",
    check=check,
    description=__doc__,
    tags=("review", "content"),
    options=(
        Option("min_words", int, 8, "Fewest words for a paragraph, item or sentence to be compared."),
        Option("min_item_words", int, 5, "Fewest words for a list item, or its description, to be compared within its list."),
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
        Option(
            "navigation_tags",
            list,
            ["ReadMore"],
            "MDX elements that hold navigation (links to read on), not prose: never compared.",
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
