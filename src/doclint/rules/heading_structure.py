"""Flags headings that break the page's outline: skipped levels, empty headings and sections,
code straight after a heading, and the same heading twice under one parent.

Readers skim headings, screen readers navigate by them and the site builds its table of contents
and anchors from them, so the outline has to hold together:

- **Skipped level**: `##` then `####` leaves a level out of the outline (an accessibility
  failure, WCAG 1.3.1). The first heading of a page may be at most `first_level` (default 2:
  most sites render the front matter `title` as the page's `h1`, so pages start at `##`).
- **Empty heading**: `##` with no text, or only an anchor (`## <a id="x"/>`).
- **Empty section** (`empty_sections`): a heading followed by a heading of the same or a higher
  level, or by the end of the page, with nothing in between: the section has no content. With
  `stacked_headings` on, a heading directly followed by its own first subheading is flagged too
  (some style guides ask for an introduction under every heading); it is off by default because
  grouping headings ("## Options", then one `###` per option) read fine.
- **Code after heading** (`code_after_heading`): a code block straight after a heading, with no
  sentence to say what it is. Headings that label the code (with a word from `code_labels`,
  such as "Example" or "Synopsis"), headings that are an API name (`#### mapSet`) and pages
  matching `reference_paths` (where "#### Constant states" labels the list under it) are left
  alone.
- **Duplicate heading**: the same text twice among the subheadings of one parent, which gives
  two identical entries in the table of contents (anchors such as `<a id="x"/>` are ignored).

MDX: `<If>` and `<Code>` tags, comments and imports between a heading and what follows are not
content; other components (`<Tiles>`, an `<iframe>`) are. Headings in alternative branches
(`<If lang="java">` and `<If lang="ruby">`, or the `branch_tags` you set) are never read
together, so the same heading in each branch is not a duplicate, and one branch's heading does
not make another's section empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint.document import OBJECT, Document, Heading, track_jsx
from doclint.findings import Problem
from doclint.mdx import Tag
from doclint.paths import matches
from doclint.rule import Option, Rule
from doclint.rules.duplicate_text import Branches, alternatives, branches

_IDENTIFIER = re.compile(r"[\w$.:#]+(?:\(\))?")
_CODE_NAME = re.compile(r"[a-z][A-Z]|[._:#]|\(\)")  # camelCase, dotted, snake_case, call()


def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Problem]:
    headings = doc.headings
    if not headings:
        return
    names = frozenset(options["branch_tags"])
    transparent = frozenset(options["transparent_tags"])
    branch = [branches(heading.inline.jsx, names) for heading in headings]
    texts = [_text(doc, heading) for heading in headings]
    positions = {id(token): i for i, token in enumerate(doc.tokens)}
    reference = matches(doc.path, options["reference_paths"])
    parents: list[int | None] = []
    for index, heading in enumerate(headings):
        span = heading.inline.start, heading.inline.end
        if not texts[index]:
            yield Problem(*span, "Empty heading: give it text or remove it")
        message = _level_problem(headings, branch, index, options["first_level"])
        if message:
            yield Problem(*span, message)
        parents.append(_previous(headings, branch, index, lambda other: other.level < heading.level))
        twin = next(
            (
                other
                for other in range(index - 1, -1, -1)
                if texts[other] == texts[index] != ""
                and headings[other].level == heading.level
                and parents[other] == parents[index]
                and not alternatives(branch[other], branch[index])
            ),
            None,
        )
        if twin is not None:
            yield Problem(
                *span,
                f"Duplicate heading {texts[index]!r} (also at line {headings[twin].inline.line}) under the same "
                "parent: readers and the table of contents cannot tell them apart",
            )
        following = _following(doc, positions, heading, branch[index], names, transparent)
        yield from _after(heading, texts[index], following, span, options, reference)


def _level_problem(headings: list[Heading], branch: list[Branches], index: int, first_level: int) -> str | None:
    level = headings[index].level
    previous = _previous(headings, branch, index)
    if previous is None:
        if level > first_level:
            return f"The first heading is h{level}; start the page at h{first_level} or above"
        return None
    above = headings[previous].level
    if level > above + 1:
        return f"Heading level skips from h{above} to h{level}; use h{above + 1}"
    return None


def _after(heading: Heading, text: str, following, span: tuple[int, int], options, reference: bool) -> Iterator[Problem]:
    kind, level = following
    if kind == "heading" and level <= heading.level or kind == "end":
        if options["empty_sections"] and text:
            what = "the next heading follows" if kind == "heading" else "the page ends"
            yield Problem(*span, f"Section {text!r} is empty: {what} with nothing in between")
    elif kind == "heading":
        if options["stacked_headings"] and text:
            yield Problem(*span, f"Heading {text!r} is directly followed by a subheading; introduce the section first")
    elif kind == "code" and options["code_after_heading"] and text and not _labels_code(text, options["code_labels"]) and not reference:
        yield Problem(*span, f"Heading {text!r} is directly followed by a code block; say what the code does first")


def _text(doc: Document, heading: Heading) -> str:
    """The heading as a reader sees it: anchors, JSX and other objects left out."""
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
    return " ".join("".join(pieces).split())


def _labels_code(text: str, labels: list[str]) -> bool:
    """A heading that names the code below it: "Example", "Synopsis", or an API name."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    if words & {label.lower() for label in labels}:
        return True
    return bool(_IDENTIFIER.fullmatch(text) and _CODE_NAME.search(text))


def _previous(headings: list[Heading], branch: list[Branches], index: int, wanted=lambda heading: True) -> int | None:
    """The nearest earlier heading a reader of this one also sees, among those `wanted`."""
    for other in range(index - 1, -1, -1):
        if not alternatives(branch[other], branch[index]) and wanted(headings[other]):
            return other
    return None


def _following(doc: Document, positions, heading: Heading, own: Branches, names, transparent) -> tuple[str, int]:
    """What a reader of this heading sees next: ("heading", level), ("code", 0), ("content", 0)
    or ("end", 0). Tags in `transparent`, comments and imports are skipped, and so is anything
    in a branch this heading's readers do not see."""
    tokens = doc.tokens
    index = positions[id(heading.inline.token)] + 2  # past the inline and heading_close
    stack: list[Tag] = list(heading.inline.jsx)
    while index < len(tokens):
        token = tokens[index]
        index += 1
        kind = token.type
        if kind == "mdx_jsx":
            tags = token.meta.get("tags", [])
            track_jsx(stack, tags)
            if any(not tag.closing and tag.name not in transparent for tag in tags):
                if not alternatives(own, branches(stack, names)):
                    return "content", 0
            continue
        if kind == "mdx_esm" or (kind == "mdx_expression" and token.meta.get("comment") is not None):
            continue
        if kind == "html_block" and token.content.lstrip().startswith("<!--") and token.content.rstrip().endswith("-->"):
            continue
        if token.nesting == -1:
            continue
        if alternatives(own, branches(stack, names)):
            index = _skip_block(tokens, index - 1)
            continue
        if kind == "heading_open":
            return "heading", int(token.tag[1:])
        if kind in ("fence", "code_block"):
            return "code", 0
        return "content", 0
    return "end", 0


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
        Option("code_after_heading", bool, True, "Flag a code block straight after a heading."),
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
    ),
    bad_examples=(
        ("guide.md", "## Install\n\n#### From npm\n\nRun the installer.\n"),
        ("setup.mdx", "## Install dependencies\n\n<Code>\n```shell\nnpm install ably\n```\n</Code>\n"),
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
    ),
)
