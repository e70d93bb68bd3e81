"""`existence`: flag words, phrases or patterns that should not appear (Vale's existence).

    type: existence
    tokens: [easily, simply]      # literal words or phrases, matched as whole words
    patterns: ['\\bit''s as easy as\\b']   # regular expressions
    ignorecase: true
    exceptions: [Simple Queue Service]     # phrases whose words are never flagged

With neither `tokens` nor `patterns`, every element of the scope is flagged once (for example
every blockquote).
"""

from __future__ import annotations

import re

from doclint.findings import Problem
from doclint.packs import literals
from doclint.packs.common import Common, exception_patterns, finditer, mentions_any
from doclint.packs.spec import Spec, word_pattern

KEYS = {"tokens", "patterns", "ignorecase", "exceptions"}
PLACEHOLDERS = {"match"}
DEFAULT_MESSAGE = "Avoid '{match}'"


def build(spec: Spec, common: Common):
    ignorecase = spec.get("ignorecase", bool, False)
    flags = re.IGNORECASE if ignorecase else 0
    tokens, patterns = spec.strings("tokens"), spec.strings("patterns")
    # Built from escaped tokens alone, the pattern cannot backtrack badly, and a cheap look for
    # the tokens can skip most text.
    pattern = spec.union("patterns", [word_pattern(tokens)] if tokens else [], patterns, flags)
    hints = _hints(tokens, patterns, flags)
    exceptions = exception_patterns(spec, ignorecase)

    def check(doc, options):
        if hints is not None and not common.may_mention(doc, hints):
            return
        for target in common.targets(doc):
            if pattern is None:
                text = target.text.strip()
                if text:
                    offset = target.text.index(text[0])
                    start, end = target.span(offset, offset + len(text.split("\n")[0]))
                    yield Problem(start, end, common.message.render(match=text[:40]))
                continue
            if hints is not None and not mentions_any(target, hints):
                continue
            for match in finditer(pattern, target, exceptions):
                start, end = target.span(match.start(), match.end())
                yield Problem(start, end, common.message.render(match=match.group()))

    return check, False


def _hints(tokens: list[str], patterns: list[str], flags: int) -> list[str] | None:
    """Case-folded literals one of which every match needs (the tokens themselves, and what each
    pattern needs: doclint.packs.literals), or None when a pattern needs none that can be read."""
    hints = [literals.look(token) for token in tokens]
    if "" in hints:
        return None
    for pattern in patterns:
        needed = literals.required(pattern, flags)
        if needed is None:
            return None
        hints += needed
    return hints or None
