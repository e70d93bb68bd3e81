"""Flags headings that break the page's outline: skipped levels, empty headings and sections,
code straight after a heading, and the same heading twice under one parent.

Readers skim headings, screen readers navigate by them and the site builds its table of contents
and anchors from them, so the outline has to hold together:

- **Skipped level**: `##` then `####` leaves a level out of the outline (an accessibility
  failure, WCAG 1.3.1). The first heading of a page may be at most `first_level` (default 2:
  most sites render the front matter `title` as the page's `h1`, so pages start at `##`).
- **Empty heading**: `##` with no text, or only an anchor (`## <a id="x"/>`). A heading holding
  only a comment is filled by a build hook (Material for MkDocs' `<!-- md:setting x -->`), not
  empty.
- **Empty section** (`empty_sections`): a heading followed by a heading of the same or a higher
  level, or by the end of the page, with nothing in between: the section has no content. Two
  exceptions: alias headings, a run of same-level headings that name one API in different forms
  (`### publish(name, data)` then `### publish(message)`, one body under the last), and a page
  that is only its `# Title` (an index page the generator fills, such as mdBook's part pages).
  With `stacked_headings` on, a heading directly followed by its own first subheading is flagged
  too (some style guides ask for an introduction under every heading); it is off by default
  because grouping headings ("## Options", then one `###` per option) read fine.
- **Code after heading** (`code_after_heading`, off by default: a house style, such as Ably's):
  a code block straight after a heading, with no sentence to say what it is. Headings that label
  the code (with a word from `code_labels`, such as "Example" or "Synopsis"), headings that are
  an API name (`#### mapSet`) and pages matching `reference_paths` (where "#### Constant states"
  labels the list under it) are left alone.
- **Duplicate heading**: the same text twice among the subheadings of one parent, which gives
  two identical entries in the table of contents (anchors such as `<a id="x"/>` are ignored).

Raw HTML headings (`<h2>` in HTML or JSX) are part of the outline like `##`. Headings inside a
blockquote, an admonition, a content tab, a `:::` directive or a callout component
(`callout_tags`: `<Aside>`, `<Tabs>`, ...) form that box's own outline: they neither break the
page's outline nor fill its sections, and the box itself is content of the section it is in.

MDX: `<If>` and `<Code>` tags, comments and imports between a heading and what follows are not
content; other components (`<Tiles>`, an `<iframe>`) are. Headings in alternative branches
(`<If lang="java">` and `<If lang="ruby">`, or the `branch_tags` you set) are never read
together, so the same heading in each branch is not a duplicate, and one branch's heading does
not make another's section empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

from doclint import lazy_re
from doclint.document import OBJECT, Document, Heading, JsxStack, OpenJsx, track_jsx
from doclint.findings import Problem
from doclint.mdx import Tag
from doclint.paths import matches
from doclint.rule import Option, Rule
from doclint.rules.duplicate_text import Branches, alternatives, branches

_IDENTIFIER = lazy_re.compile(r"[\w$.:#]+(?:\(\))?")
_CODE_NAME = lazy_re.compile(r"[a-z][A-Z]|[._:#]|\(\)")  # camelCase, dotted, snake_case, call()
# Bounded, so that a page of unclosed `<h2` costs a pass per tag over a short stretch, not the page.
_HTML_HEADING = lazy_re.compile(r"<h([1-6])\b[^>]{0,1000}>(.{0,1000}?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_HEADING_TAG = lazy_re.compile(r"<h[1-6]\b", re.IGNORECASE)
_JSX_HEADING = lazy_re.compile(r"h[1-6]")
_TAG = lazy_re.compile(r"<[^>]*>")
_COMMENT = lazy_re.compile(r"<!--(.*?)-->", re.DOTALL)
# An API name with an optional argument list: the name an alias heading shares with its run.
_SIGNATURE = lazy_re.compile(r"(?:new +)?([\w$.:#]+)\s*([(<\[].*)?")


@dataclass
class _Entry:
    """One heading of an outline, Markdown (`##`) or raw HTML (`<h2>`)."""

    level: int
    text: str
    span: tuple[int, int]
    first: int  # index of the token it starts at
    after: int  # index of the first token after it
    depth: int  # nesting level of its first token: a box closing below it ends its outline
    jsx: JsxStack  # the MDX elements open around it, outermost first
    scope: int  # its outline: 0 for the page's, one number per box
    box: str  # what that box is, for messages: "page", "admonition", "<Aside>", ...
    jsx_box: int  # how many MDX elements are open down to its innermost callout (0: none)
    branch: Branches
    text_after: bool = False  # an HTML heading with text after it in the same block


def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Problem]:
    outline = _outline(doc, frozenset(options["callout_tags"]), frozenset(options["branch_tags"]))
    if not outline:
        return
    starts = {entry.first: entry for entry in reversed(outline)}  # the first heading per token
    reference = matches(doc.path, options["reference_paths"])
    transparent = frozenset(options["transparent_tags"])
    names = frozenset(options["branch_tags"])
    seen = _Seen(outline)
    for index, entry in enumerate(outline):
        if not entry.text:
            yield Problem(*entry.span, "Empty heading: give it text or remove it")
        previous, twin = seen.visit(index)
        message = _level_problem(entry, previous, options["first_level"])
        if message:
            yield Problem(*entry.span, message)
        if twin is not None:
            yield Problem(
                *entry.span,
                f"Duplicate heading {entry.text!r} (also at line {doc.position(twin.span[0])[0]}) under the same "
                "parent: readers and the table of contents cannot tell them apart",
            )
        following = _following(doc, outline, index, starts, names, transparent)
        if following[0] == "heading" and _alias(entry, following[1]):
            continue
        if following[0] == "end" and entry.scope == 0 and _title_only(outline, index):
            continue
        yield from _after(entry, following, options, reference)


def _level_problem(entry: _Entry, previous: _Entry | None, first_level: int) -> str | None:
    if previous is None:
        if entry.level > first_level and entry.scope == 0:
            return f"The first heading is h{entry.level}; start the page at h{first_level} or above"
        return None
    if entry.level > previous.level + 1:
        return f"Heading level skips from h{previous.level} to h{entry.level}; use h{previous.level + 1}"
    return None


class _Seen:
    """The headings checked so far, by outline, level and text: a heading's predecessor, parent
    and twin are found among the few that can be them, not by rescanning the page (a page of
    20,000 headings once took four minutes)."""

    # How many earlier candidates a reader of this heading does not see (other branches) are
    # stepped over before giving up: only a page built to be slow has more.
    LOOKBACK = 1000

    def __init__(self, outline: list[_Entry]) -> None:
        self.outline = outline
        self.by_scope: dict[int, list[int]] = {}
        self.by_level: dict[tuple[int, int], list[int]] = {}
        self.by_text: dict[tuple[int, int, str, int | None], list[int]] = {}

    def visit(self, index: int) -> tuple[_Entry | None, _Entry | None]:
        """The next heading's predecessor in its outline and its twin (an earlier heading with
        the same text, level and parent), each among those a reader of it also sees; then
        record it."""
        entry = self.outline[index]
        previous = self._nearest(self.by_scope.get(entry.scope, []), index)
        key = (entry.scope, entry.level, entry.text, self._parent(index))
        twin = self._nearest(self.by_text.get(key, []), index) if entry.text else None
        self.by_scope.setdefault(entry.scope, []).append(index)
        self.by_level.setdefault((entry.scope, entry.level), []).append(index)
        self.by_text.setdefault(key, []).append(index)
        return tuple(None if found is None else self.outline[found] for found in (previous, twin))

    def _parent(self, index: int) -> int | None:
        """The nearest earlier heading of a higher level that a reader also sees."""
        entry = self.outline[index]
        found = (self._nearest(self.by_level.get((entry.scope, level), []), index) for level in range(1, entry.level))
        return max((other for other in found if other is not None), default=None)

    def _nearest(self, candidates: list[int], index: int) -> int | None:
        branch = self.outline[index].branch
        for position in range(len(candidates) - 1, max(len(candidates) - 1 - self.LOOKBACK, -1), -1):
            if not alternatives(self.outline[candidates[position]].branch, branch):
                return candidates[position]
        return None


def _after(entry: _Entry, following: tuple[str, _Entry | None], options, reference: bool) -> Iterator[Problem]:
    kind, next_heading = following
    text = entry.text
    if kind == "heading" and next_heading.level <= entry.level or kind == "end":
        if options["empty_sections"] and text:
            what = "the next heading follows" if kind == "heading" else f"the {entry.box} ends"
            yield Problem(*entry.span, f"Section {text!r} is empty: {what} with nothing in between")
    elif kind == "heading":
        if options["stacked_headings"] and text:
            yield Problem(*entry.span, f"Heading {text!r} is directly followed by a subheading; introduce the section first")
    elif kind == "code" and options["code_after_heading"] and text and not _labels_code(text, options["code_labels"]) and not reference:
        yield Problem(*entry.span, f"Heading {text!r} is directly followed by a code block; say what the code does first")


def _alias(entry: _Entry, next_heading: _Entry) -> bool:
    """Whether the next heading, at the same level, names the same API: overloads listed as
    headings share the body under the last one (`### publish(name, data)`, `### publish(msg)`)."""
    name = _api_name(entry.text)
    return next_heading.level == entry.level and name is not None and name == _api_name(next_heading.text)


def _api_name(text: str) -> str | None:
    """The name an API heading documents (`publish` in `publish(name, data)`), if it is one."""
    match = _SIGNATURE.fullmatch(text)
    return match.group(1) if match and (match.group(2) or _CODE_NAME.search(text)) else None


def _title_only(outline: list[_Entry], index: int) -> bool:
    """A page that is only its `# Title`: an index page the generator fills with its children."""
    return outline[index].level == 1 and sum(entry.scope == 0 for entry in outline) == 1


def _text(doc: Document, heading: Heading) -> str:
    """The heading as a reader sees it: anchors, JSX and other objects left out; a heading of
    only a comment reads as the comment, which a build hook replaces with text."""
    prose = doc.prose(heading.inline)
    words = prose.text
    # Inline code is part of the text ("## The `publish()` method"): put it back, without ticks.
    pieces = []
    for i, char in enumerate(words):
        if char == OBJECT:
            start, end = prose.span(i, i + 1)
            source = doc.text[start:end]
            pieces.append(source.strip("`") if source.startswith("`") else " ")
        else:
            pieces.append(char)
    text = " ".join("".join(pieces).split())
    if not text:
        comments = _COMMENT.findall(doc.text[heading.inline.start : heading.inline.end + 1])
        text = " ".join(" ".join(comments).split())
    return text


def _html_text(source: str) -> str:
    """The text of a raw HTML heading's content: tags and code ticks left out."""
    return " ".join(_TAG.sub(" ", source).replace("`", "").split())


def _labels_code(text: str, labels: list[str]) -> bool:
    """A heading that names the code below it: "Example", "Synopsis", or an API name."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    if words & {label.lower() for label in labels}:
        return True
    return bool(_IDENTIFIER.fullmatch(text) and _CODE_NAME.search(text))


class _Boxes:
    """The boxes open around the token being walked, innermost last: (scope number, name, the
    MDX depth it was opened at or -1 for a Markdown block, the MDX depth of the innermost
    callout among it and the boxes around it or 0)."""

    def __init__(self) -> None:
        self.open: list[tuple[int, str, int, int]] = []
        self.count = 0

    def push(self, name: str, jsx_depth: int = -1) -> None:
        self.count += 1
        self.open.append((self.count, name, jsx_depth, jsx_depth if jsx_depth >= 0 else self.innermost()[2]))

    def close_block(self) -> None:
        """A Markdown box closed: drop it, and any MDX box left open inside it."""
        while self.open:
            if self.open.pop()[2] < 0:
                return

    def close_jsx(self, depth: int) -> None:
        """MDX elements closed down to `depth`: drop the callouts opened deeper."""
        while self.open and self.open[-1][2] > depth:
            self.open.pop()

    def innermost(self) -> tuple[int, str, int]:
        """The innermost box's (scope number, name, MDX depth of the innermost callout)."""
        scope, name, _, jsx_box = self.open[-1] if self.open else (0, "page", -1, 0)
        return scope, name, jsx_box


def _is_box(token: Token) -> bool:
    return token.type.startswith(("blockquote_", "container_"))


def _box_name(token: Token) -> str:
    return token.type.removeprefix("container_").removesuffix("_open")


def _outline(doc: Document, callouts: frozenset[str], names: frozenset[str]) -> list[_Entry]:
    """Every heading in document order, each with the outline (page or box) it belongs to."""
    tokens = doc.tokens
    headings = {id(heading.inline.token): heading for heading in doc.headings}
    outline: list[_Entry] = []
    boxes = _Boxes()
    jsx = OpenJsx()

    def add(level: int, text: str, span: tuple[int, int], first: int, after: int, text_after: bool = False) -> None:
        scope, box, jsx_box = boxes.innermost()
        stack = jsx.stack
        depth = tokens[first].level
        outline.append(_Entry(level, text, span, first, after, depth, stack, scope, box, jsx_box, branches(stack, names), text_after))

    def add_html(source: str, first: int, after: int) -> None:
        """The HTML headings in the block or paragraph `source`, located in the page from the
        block's first line on (a blockquote's `>` are not in an HTML block's content)."""
        found = list(_HTML_HEADING.finditer(source))
        lines = doc._span_of_lines(tokens[first].map)
        cursor = lines[0]
        for number, match in enumerate(found):
            tail = source[match.end() : found[number + 1].start() if number + 1 < len(found) else len(source)]
            start = doc.text.find(match.group(0), cursor, lines[1] + 1)
            span = (start, start + len(match.group(0))) if start >= 0 else lines
            cursor = max(cursor, span[1])
            add(int(match.group(1)), _html_text(match.group(2)), span, first, after, bool(_html_text(tail)))

    for index, token in enumerate(tokens):
        kind = token.type
        if _is_box(token):
            if token.nesting == 1:
                boxes.push(_box_name(token))
            elif token.nesting == -1:
                boxes.close_block()
        elif kind == "heading_open" and id(tokens[index + 1]) in headings:
            heading = headings[id(tokens[index + 1])]
            add(heading.level, _text(doc, heading), (heading.inline.start, heading.inline.end), index, index + 3)
        elif kind == "html_block" and _HTML_HEADING_TAG.search(token.content):
            add_html(token.content, index, index + 1)
        elif kind == "inline" and tokens[index - 1].type == "paragraph_open" and _inline_heading(token):
            add_html(token.content, index - 1, index + 2)
        elif kind == "mdx_jsx":
            _jsx_headings(doc, tokens, index, add)
            _track(token.meta.get("tags", []), jsx, boxes, callouts)
    return outline


def _inline_heading(token: Token) -> bool:
    """Whether a paragraph holds an HTML or JSX heading tag (`<h2>Title</h2>` on one line)."""
    if "<" not in token.content:
        return False  # no tag at all: the children are slices of this source
    for child in token.children or ():
        if child.type == "html_inline" and _HTML_HEADING_TAG.match(child.content):
            return True
        if child.type == "mdx_jsx_inline" and any(_is_heading_tag(tag) for tag in child.meta["tags"]):
            return True
    return False


def _is_heading_tag(tag: Tag) -> bool:
    return not tag.closing and not tag.self_closing and _JSX_HEADING.fullmatch(tag.name) is not None


def _jsx_headings(doc: Document, tokens: list[Token], index: int, add) -> None:
    """A JSX heading whose tags stand on their own lines (`<h2>`, text, `</h2>`): it ends past
    the line that closes it."""
    token = tokens[index]
    if not any(_is_heading_tag(tag) for tag in token.meta.get("tags", [])):
        return
    start, end = doc._span_of_lines(token.map)
    opening = _HTML_HEADING_TAG.search(doc.text, start, end + 1)
    match = _HTML_HEADING.match(doc.text, opening.start()) if opening else None
    if match is None:
        return
    last_line = doc.position(match.end())[0]  # 1-based, so the 0-based line after it
    after = next((i for i in range(index + 1, len(tokens)) if tokens[i].map and tokens[i].map[0] >= last_line), len(tokens))
    add(int(match.group(1)), _html_text(match.group(2)), match.span(), index, after)


def _track(tags: list[Tag], jsx: OpenJsx, boxes: _Boxes, callouts: frozenset[str]) -> None:
    """Follow the open MDX elements, opening a box for each callout."""
    for tag in tags:
        jsx.track([tag])
        if tag.closing:
            boxes.close_jsx(len(jsx.stack))
        elif not tag.self_closing and tag.name in callouts:
            boxes.push(f"<{tag.name}>", len(jsx.stack))


def _following(doc: Document, outline: list[_Entry], index: int, starts, names, transparent) -> tuple[str, _Entry | None]:
    """What a reader of this heading sees next: ("heading", the next heading), ("code", None),
    ("content", None) or ("end", None), the end of the page or of the box the heading is in.
    Tags in `transparent`, comments and imports are skipped, and so is anything in a branch this
    heading's readers do not see. A box (a blockquote, an admonition, `<Aside>`) is content,
    whatever it holds."""
    entry = outline[index]
    if entry.text_after:
        return "content", None
    if index + 1 < len(outline) and outline[index + 1].first == entry.first:
        return "heading", outline[index + 1]  # two headings in one HTML block
    tokens = doc.tokens
    stack: list[Tag] = list(entry.jsx)
    position = entry.after
    while position < len(tokens):
        token = tokens[position]
        if position in starts and not alternatives(entry.branch, starts[position].branch):
            return "heading", starts[position]
        position += 1
        kind = token.type
        if kind == "mdx_jsx":
            tags = token.meta.get("tags", [])
            track_jsx(stack, tags)
            if len(stack) < entry.jsx_box:
                return "end", None
            if any(not tag.closing and tag.name not in transparent for tag in tags):
                if not alternatives(entry.branch, branches(stack, names)):
                    return "content", None
            continue
        if kind == "mdx_esm" or (kind == "mdx_expression" and token.meta.get("comment") is not None):
            continue
        if kind == "html_block" and token.content.lstrip().startswith("<!--") and token.content.rstrip().endswith("-->"):
            continue
        if token.nesting == -1:
            if _is_box(token) and token.level < entry.depth:
                return "end", None
            continue
        if alternatives(entry.branch, branches(stack, names)):
            position = _skip_block(tokens, position - 1)
            continue
        if kind in ("fence", "code_block"):
            return "code", None
        return "content", None
    return "end", None


def _skip_block(tokens, index: int) -> int:
    """The index just past the block that opens at `index` (or past a single token)."""
    if tokens[index].nesting != 1:
        return index + 1
    depth = 0
    while index < len(tokens):
        depth += tokens[index].nesting
        index += 1
        if depth == 0:
            return index
    return index


RULE = Rule(
    name="heading-structure",
    summary="Skipped heading levels, empty headings or sections, code right after a heading, duplicate headings",
    check=check,
    description=__doc__,
    tags=("structure",),
    options=(
        Option("first_level", int, 2, "Deepest level the page's first heading may have (the title is the h1)."),
        Option("empty_sections", bool, True, "Flag a heading followed by a same- or higher-level heading, or the end."),
        Option("stacked_headings", bool, False, "Also flag a heading directly followed by its own subheading."),
        Option("code_after_heading", bool, False, "Flag a code block straight after a heading (a house style, such as Ably's)."),
        Option(
            "code_labels",
            list,
            ["example", "examples", "synopsis", "usage", "syntax", "signature", "returns", "response", "output", "format"],
            "Words that make a heading a label for the code under it, which needs no introduction.",
        ),
        Option(
            "reference_paths",
            list,
            ["api/", "reference/"],
            "Globs of reference pages, where headings label the code under them: code after a heading is fine there.",
            glob=True,
        ),
        Option("transparent_tags", list, ["If", "Code"], "MDX elements whose tags are not content between a heading and what follows."),
        Option("branch_tags", list, ["If", "Tab", "TabItem"], "MDX elements whose instances are alternatives, never read together."),
        Option(
            "callout_tags",
            list,
            ["Aside", "Callout", "Admonition", "Tabs", "TabItem"],
            "MDX elements that are boxes with their own outline, like admonitions: their headings are not the page's sections.",
        ),
    ),
    bad_examples=(
        ("guide.md", "## Install\n\n#### From npm\n\nRun the installer.\n"),
        ("guide.md", "## Install\n\n<h3>From npm</h3>\n\n##### Flags\n\nRun the installer.\n"),
        ("api.md", "## Methods\n\n## publish\n\nPublishes a message.\n"),
        ("faq.md", "## Errors\n\n### Timeout\n\nRetry.\n\n### Timeout\n\nRetry later.\n"),
    ),
    good_examples=(
        (
            "types.mdx",
            '## Errors\n\nThe exception each SDK raises.\n\n<If lang="java">\n### AblyException\n</If>\n'
            '<If lang="ruby">\n### AblyException\n</If>\n\nHolds the error code.\n',
        ),
        ("cli.md", "## Synopsis\n\n```shell\nably channels publish CHANNEL MESSAGE\n```\n\n## Options\n\n### `--json`\n\nPrint JSON.\n"),
        ("guide.md", "## Install\n\n> #### Note\n>\n> Needs Node 18.\n\n### From npm\n\nRun the installer.\n"),
        ("api.md", "## Methods\n\n### `publish(name, data)`\n\n### `publish(message)`\n\nPublishes a message.\n"),
    ),
)
