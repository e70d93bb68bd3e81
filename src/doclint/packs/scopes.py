"""Where a pack rule looks: the text of one scope of a page, with source offsets.

A `Target` is a piece of text and a way back to the source. Prose scopes hand out `Prose` (no
inline code, URLs, JSX or HTML); `raw: true` rules and the code, comment and front matter scopes
see source text as written.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from doclint.document import Document, Inline, Prose

PROSE_SCOPES = ("prose", "heading", "list-item", "paragraph", "blockquote", "table")
SCOPE_HELP = "prose, heading, list-item, paragraph, blockquote, table, frontmatter.FIELD, code, code.LANG, code.none, comment"


@dataclass(frozen=True)
class Target:
    text: str
    prose: Prose | None = None  # set for prose scopes read through Prose
    base: int = 0  # source offset of text[0] when the text is a verbatim slice
    inline: Inline | None = None

    def span(self, i: int, j: int) -> tuple[int, int]:
        if self.prose is not None:
            return self.prose.span(i, j)
        return self.base + i, self.base + j

    @cached_property
    def folded(self) -> str:
        """The text case-folded, for the cheap literal looks of every rule of its scope."""
        return self.text.casefold()


def valid_scope(scope: str) -> bool:
    return (
        scope in PROSE_SCOPES
        or scope in ("code", "comment")
        or bool(re.fullmatch(r"frontmatter\.[\w.-]+|code\.[\w+#-]+", scope))
    )


def _in_scope(inline: Inline, scope: str) -> bool:
    if scope == "prose":
        return True
    if scope == "heading":
        return inline.kind == "heading"
    if scope == "table":
        return inline.kind == "table_cell"
    if scope == "list-item":
        return inline.kind == "paragraph" and "list_item" in inline.containers
    if scope == "blockquote":
        return "blockquote" in inline.containers
    # paragraph: body text, not a list item's or a quote's
    return inline.kind == "paragraph" and not {"list_item", "blockquote"} & set(inline.containers)


# A page's targets by (scope, raw), built once and shared by every pack rule of that scope: a pack
# has a dozen rules over the same prose, and walking the page's inlines for each cost seconds
# on the corpus. Weak keys: a page's targets go when its Document does.
_SHARED: weakref.WeakKeyDictionary[Document, dict[tuple, object]] = weakref.WeakKeyDictionary()


def targets(doc: Document, scope: str, raw: bool = False) -> tuple[Target, ...]:
    """The targets of one scope of the page, in page order."""
    shared = _SHARED.setdefault(doc, {})
    found = shared.get((scope, raw))
    if found is None:
        found = shared[scope, raw] = tuple(_targets(doc, scope, raw))
    return found


def scope_text(doc: Document, scope: str, raw: bool = False) -> str:
    """Every target's case-folded text of one scope, joined: a literal that is in none of them is
    not in this, so a rule looking for literals can skip the page at once."""
    shared = _SHARED.setdefault(doc, {})
    key = (scope, raw, "folded")
    if key not in shared:
        shared[key] = "\n".join(target.folded for target in targets(doc, scope, raw))
    return shared[key]


def _targets(doc: Document, scope: str, raw: bool) -> Iterator[Target]:
    if scope in PROSE_SCOPES:
        for inline in doc.inlines:
            if _in_scope(inline, scope):
                if raw:
                    yield Target(doc.text[inline.start : inline.end], base=inline.start, inline=inline)
                else:
                    yield Target(doc.prose(inline).text, prose=doc.prose(inline), inline=inline)
    elif scope == "comment":
        for comment in doc.comments:
            yield Target(comment.text, base=comment.start)
    elif scope.startswith("code"):
        wanted = scope.partition(".")[2]
        for block in doc.code_blocks:
            language = block.lang.removeprefix("realtime_").removeprefix("rest_")
            if not wanted or language == wanted or (wanted == "none" and not block.lang):
                if not block.text:
                    continue
                start = block.start
                end = doc.line_end(block.first_line - 2 + max(1, block.text.count("\n")))
                yield Target(doc.text[start:end], base=start)
    elif scope.startswith("frontmatter."):
        found = frontmatter_value(doc, scope.partition(".")[2])
        if found is not None:
            yield Target(found[0], base=found[1])


def frontmatter_value(doc: Document, field: str) -> tuple[str, int] | None:
    """The text of a top-level front matter field as written on its line, and its offset.

    Quotes around the value are left out, so lengths and matches are of the value itself.
    """
    if not doc.frontmatter_end or field not in doc.frontmatter:
        return None
    pattern = re.compile(rf"^{re.escape(field)}[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
    match = pattern.search(doc.text, 0, doc.frontmatter_end)
    if match is None:
        return None
    value, start = match.group(1), match.start(1)
    if len(value) >= 2 and value[0] in "'\"" and value[-1] == value[0]:
        return value[1:-1], start + 1
    return value, start
