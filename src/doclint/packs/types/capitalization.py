"""`capitalization`: headings (or another scope) in sentence case or title case.

    type: capitalization
    scope: heading              # the default
    style: sentence             # or title
    exceptions: [Ably, Pub/Sub, LiveObjects]   # names kept as written
    page_proper_nouns: true     # a word capitalised mid-sentence in the page's prose is a name

Words in capitals (`API`), with inner capitals (`WebSocket`, `iOS`) or digits, and the parts
of dotted, scoped or path-like names (`io.ably.Param`, `Ably::Util::SafeDeferrable`) are names
and never flagged; nor is anything in inline code. The fix (unsafe: a name the rule does not know
would be lowercased) rewrites the flagged words.
"""

from __future__ import annotations

import re

from doclint import lazy_re
from doclint.document import OBJECT
from doclint.findings import Edit, Fix, Problem
from doclint.packs.common import Common
from doclint.packs.spec import Spec

KEYS = {"style", "exceptions", "page_proper_nouns"}
PLACEHOLDERS = {"match", "suggestion", "style"}
DEFAULT_MESSAGE = "Use {style} case in headings: '{suggestion}'"
_WORD = re.compile(r"[A-Za-z][\w'’]*")
# Where a new phrase starts: the beginning, after a colon or full stop, after a dash used as a
# separator ("Step 1 – Remove ..."), after a leading "(Optional)", or after inline code or JSX.
_SENTENCE_START = re.compile(r"(?:^|[:.!?]\s+|\s[-–—]\s+|^\([^)]*\)\s*|" + OBJECT + r"\s*)$")
# Text a heading quotes or puts in parentheses ("fix 'Cannot read'", "MAU (Monthly Active
# User)") keeps its own case.
_ASIDE = re.compile(r"'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”|\([^)]*\)")
SMALL_WORDS = {"a", "an", "the", "and", "but", "or", "for", "nor", "on", "at", "to", "by", "in", "of", "up", "as", "if", "vs", "via", "with", "from", "into", "per"}
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+")


def _is_name(word: str) -> bool:
    return word.isupper() and len(word) > 1 or any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)


def build(spec: Spec, common: Common):
    style = spec.get("style", str, "sentence")
    if style not in ("sentence", "title"):
        raise spec.error("style", f"must be sentence or title, not {style!r}")
    exceptions = spec.strings("exceptions")
    exception_names = _names_at(exceptions)
    use_page = spec.get("page_proper_nouns", bool, True)

    def check(doc, options):
        names = _page_names(doc) if use_page and style == "sentence" else set()
        for target in common.targets(doc):
            text = target.text
            if style == "sentence" and target.inline is not None and _has_alternatives(doc, target):
                continue  # `<If lang>` alternatives name a type per language, not a sentence
            masked = [False] * len(text)
            spans = [(m.start(), m.start() + len(m.group(1))) for m in exception_names.finditer(text)] if exception_names else []
            if style == "sentence":
                spans += [m.span() for m in _ASIDE.finditer(text)]
            for start, end in spans:
                masked[start:end] = [True] * (end - start)
            words = [m for m in _WORD.finditer(text) if not masked[m.start()]]
            wrong = []
            for index, match in enumerate(words):
                word = match.group()
                if _is_name(word) or _in_identifier(text, match) or (index and _is_name(words[index - 1].group()) and style == "sentence"):
                    continue  # a name, part of a dotted name, or the word naming what a name is
                first = _SENTENCE_START.search(text[: match.start()]) is not None
                if style == "sentence":
                    if not first and word[0].isupper() and word not in names and word != "I":
                        wrong.append((match, word[0].lower() + word[1:]))
                elif word[0].islower() and (first or index == len(words) - 1 or word not in SMALL_WORDS):
                    wrong.append((match, word[0].upper() + word[1:]))
            if not wrong:
                continue
            suggestion = list(text)
            for match, fixed in wrong:
                suggestion[match.start() : match.end()] = list(fixed)
            edits = []
            for match, fixed in wrong:
                start, end = target.span(match.start(), match.end())
                if doc.text[start:end] != match.group():
                    edits = []
                    break
                edits.append(Edit(start, end, fixed))
            start, _ = target.span(wrong[0][0].start(), wrong[0][0].end())
            _, end = target.span(wrong[-1][0].start(), wrong[-1][0].end())
            shown = "".join(suggestion).replace(OBJECT, "…").strip()
            fix = Fix(tuple(edits), safe=False, description=f"Change to '{shown}'") if edits else None
            yield Problem(start, end, common.message.render(match=text.strip(), suggestion=shown, style=style), fix)

    return check, True


def _names_at(exceptions: list[str]) -> re.Pattern | None:
    """One pattern that stops at every position where an exception name starts, capturing the
    longest that fits there (an alternation backtracks to a shorter one when a longer fails its
    word boundary): the union of what each name's own pattern matches, found in one pass per
    heading instead of one pass per name. A name that can overlap itself ("A A" in "A A A") is
    matched by its own pattern only where the last match ended, which one pass cannot tell: such
    a list keeps a pattern per name."""
    if not exceptions:
        return None
    if any(name[cut:] == name[: len(name) - cut] for name in exceptions for cut in range(1, len(name))):
        return _EachName(exceptions)
    alternatives = "|".join(re.escape(name) for name in sorted(exceptions, key=len, reverse=True))
    return lazy_re.compile(rf"(?<![\w-])(?=({alternatives})(?![\w-]))")  # built from escaped names


class _EachName:
    """Each exception name's own pattern, one pass each, with `_names_at`'s matches. A pattern
    runs (and is compiled) only for text holding its name: most headings hold none of a long list."""

    def __init__(self, exceptions: list[str]) -> None:
        self.patterns = [(name, lazy_re.compile(r"(?<![\w-])(" + re.escape(name) + r")(?![\w-])")) for name in exceptions]

    def finditer(self, text: str):
        for name, pattern in self.patterns:
            if name in text:
                yield from pattern.finditer(text)


def _in_identifier(text: str, match: re.Match) -> bool:
    """Part of a dotted, scoped or path-like name (`io.ably.lib.types.Param`, `Ably::Util`)."""
    before = text[max(0, match.start() - 2) : match.start()]
    after = text[match.end() : match.end() + 2]
    return before[-1:] in (".", "/") or before == "::" or after[:1] == "." or after == "::"


def _has_alternatives(doc, target) -> bool:
    return "<If" in doc.text[target.inline.start : target.inline.end + 1]


def _page_names(doc) -> set[str]:
    """Words the page's own prose capitalises mid-sentence: product and feature names."""
    names: set[str] = set()
    for inline in doc.inlines:
        if inline.kind != "heading":
            names.update(_MID_SENTENCE_CAPITAL.findall(doc.prose(inline).text))
    return names
