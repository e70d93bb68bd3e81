"""What every pack rule has besides its type's keys: where it looks and how it speaks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from doclint.document import Document
from doclint.packs.scopes import Target, scope_text, targets
from doclint.packs.spec import Spec, Template


@dataclass(frozen=True)
class Common:
    scopes: tuple[str, ...]
    raw: bool
    message: Template

    def targets(self, doc: Document) -> Iterator[Target]:
        for scope in self.scopes:
            yield from targets(doc, scope, self.raw)

    def may_mention(self, doc: Document, hints: list[str]) -> bool:
        """Whether any target of the page could hold one of the (case-folded) literals: false
        lets a literal-only rule skip the page without looking at each target."""
        return any(hint in scope_text(doc, scope, self.raw) for scope in self.scopes for hint in hints)


def finditer(pattern: re.Pattern, target: Target, exceptions: list[re.Pattern]) -> Iterator[re.Match]:
    """Matches of `pattern` in a target that no exception phrase covers and that are not quoted.

    A phrase in quotation marks is mentioned, not used ('Avoid "simply"' uses no "simply"; "use
    'while' rather than 'whilst'"; "write realtime, not real-time"), so style rules leave it
    alone; nor is a bare URL (`https://github.com/ably`) prose.
    """
    covered = None  # found on the first match: most targets have none, and exceptions cost a pass each
    for match in pattern.finditer(target.text):
        if match.end() == match.start() or quoted(target.text, match.start()):
            continue
        if covered is None:
            covered = [(m.start(), m.end()) for e in [*exceptions, _MENTIONS] for m in e.finditer(target.text)]
        if any(start <= match.start() and match.end() <= end for start, end in covered):
            continue
        yield match


# A single-quoted phrase (not an apostrophe: the quote has no letter on its outer side), the
# word after ", not", and a bare URL.
_MENTIONS = re.compile(r"(?<!\w)['‘][^'‘’\n]{1,60}['’](?!\w)|(?<=, not )[\w-]+|\b(?:https?://|www\.)[^\s<>()]+")


def quoted(text: str, position: int) -> bool:
    """Whether `position` lies inside a double-quoted stretch of its line."""
    line_start = text.rfind("\n", 0, position) + 1
    before = text[line_start:position]
    return before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")


def exception_patterns(spec: Spec, ignorecase: bool) -> list[re.Pattern]:
    from doclint.packs.spec import word_pattern

    flags = re.IGNORECASE if ignorecase else 0
    return [spec.regex("exceptions", word_pattern([phrase]), flags, trusted=True) for phrase in spec.strings("exceptions")]


def mentions_any(target: Target, hints: list[str]) -> bool:
    """A cheap first look: does the target hold any of these (case-folded) literals at all?"""
    folded = target.folded
    return any(hint in folded for hint in hints)
