"""`occurrence`: a bound on how long a scope's text is, or how often something appears in it.

    type: occurrence
    scope: frontmatter.meta_description
    max_length: 160        # characters
    min_length: 50
    # or count matches per element of the scope:
    # tokens: [Ably] / patterns: [...], max: 3, min: 1
"""

from __future__ import annotations

import re

from doclint.findings import Problem
from doclint.packs.common import Common
from doclint.packs.spec import Spec, word_pattern

KEYS = {"max_length", "min_length", "tokens", "patterns", "max", "min", "ignorecase"}
PLACEHOLDERS = {"length", "count", "limit", "match"}
DEFAULT_MESSAGE = "This is {length} characters long; keep it within {limit}"


def build(spec: Spec, common: Common):
    max_length, min_length = spec.get("max_length", int), spec.get("min_length", int)
    most, least = spec.get("max", int), spec.get("min", int)
    flags = re.IGNORECASE if spec.get("ignorecase", bool, False) else 0
    tokens = spec.strings("tokens")
    counted = spec.union("patterns", [word_pattern(tokens)] if tokens else [], spec.strings("patterns"), flags)
    if (most is not None or least is not None) and counted is None:
        raise spec.error("max" if most is not None else "min", "counts need `tokens` or `patterns` to count")
    if counted is None and max_length is None and min_length is None:
        raise spec.error(None, "needs max_length, min_length, or tokens/patterns with max or min")

    def check(doc, options):
        for target in common.targets(doc):
            text = target.text
            length = len(text)
            start, end = target.span(0, max(1, length))
            if max_length is not None and length > max_length:
                yield Problem(*target.span(max_length, length), common.message.render(length=length, count=0, limit=max_length, match=text[:40]))
            if min_length is not None and length < min_length:
                yield Problem(start, end, common.message.render(length=length, count=0, limit=min_length, match=text[:40]))
            if counted is not None:
                matches = list(counted.finditer(text))
                if most is not None and len(matches) > most:
                    extra = matches[most]
                    yield Problem(*target.span(extra.start(), extra.end()), common.message.render(length=length, count=len(matches), limit=most, match=extra.group()))
                if least is not None and len(matches) < least:
                    yield Problem(start, end, common.message.render(length=length, count=len(matches), limit=least, match=""))

    return check, False
