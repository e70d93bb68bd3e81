"""The literal text every match of a pack pattern must contain, for a cheap look before matching.

A pack pattern runs on the `regex` engine with a timeout, and each call costs microseconds even
on a block of text that cannot match: a pack of a dozen rules over 50,000 blocks spent about a
second there. Most patterns a writer writes need some literal word (`\\bThis is where \\S+
really shines\\b` needs "this is where"; `(?:simply|easily) (?=[a-z])` needs "simply" or
"easily"), and a block whose case-folded text holds none of them is skipped without calling the
engine. The answer is exact or absent: where a pattern's needs cannot be read off its syntax
(or `re` cannot parse it), there is no look and the pattern runs on every block, as before.

Measured on the Ably corpus: one combined pattern per scope (Vale's way) was slower on both
`re` and `regex` than the rules' own patterns one by one (1.17 s against 1.03 s for five rules),
because neither engine looks for literals across alternatives; this look made them near free.
"""

from __future__ import annotations

import re

try:  # the parser behind `re`; private, so its absence only turns the look off
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11 or another implementation
    _sre = _sre_parse = None


# `re` reads a brace that is not a quantifier as a literal, where `regex` may read a fuzzy
# constraint (`(?:colour){e<=1}`): a pattern with such a brace gets no look.
_QUANTIFIERS = re.compile(r"\\.|\{\d+(?:,\d*)?\}|\{,\d+\}")
_FUZZY_OR_ODD_BRACE = re.compile(r"[{}]")


# Case-insensitive matching pairs `I` with dotless `ı`, whose case folds differ ("i" and "ı"):
# a look is the longest piece of a literal without either letter.
_UNFOLDABLE = re.compile("[iı]")


def required(pattern: str, flags: int = 0) -> list[str] | None:
    """Case-folded strings one of which is in every text a match of `pattern` is found in, or
    None when that cannot be read off the pattern."""
    if _sre_parse is None or _FUZZY_OR_ODD_BRACE.search(_QUANTIFIERS.sub("", pattern)):
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError, ValueError, TypeError):
        return None
    found = _sequence(list(parsed))
    if not found:
        return None
    looks = {look(literal) for literal in found}
    return None if "" in looks else sorted(looks)


def look(literal: str) -> str:
    """What to look for in case-folded text for a literal matched ignoring case: its longest
    piece without an `i` ("" when it has none)."""
    return max(_UNFOLDABLE.split(literal.casefold()), key=len)


def _sequence(items: list) -> set[str] | None:
    """The best requirement of a sequence of pattern items: each literal run, group and
    repeated group that must match is one candidate; the one whose shortest string is longest
    wins, as the rarest look."""
    candidates: list[set[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is _sre.LITERAL:
            run.append(chr(value))
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        inner = None
        if op is _sre.SUBPATTERN:
            inner = _sequence(list(value[-1]))
        elif op is _sre.BRANCH:
            inner = _branches(value[1])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and value[0] >= 1:
            inner = _sequence(list(value[2]))
        elif op is _sre.ATOMIC_GROUP:
            inner = _sequence(list(value))
        if inner:
            candidates.append(inner)
    if run:
        candidates.append({"".join(run)})
    if not candidates:
        return None
    return max(candidates, key=lambda strings: (min(map(len, strings)), -len(strings)))


def _branches(branches: list) -> set[str] | None:
    """Every alternative must need something, or the alternation needs nothing."""
    found: set[str] = set()
    for branch in branches:
        inner = _sequence(list(branch))
        if not inner:
            return None
        found |= inner
    return found
