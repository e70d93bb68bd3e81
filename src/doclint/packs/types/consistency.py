"""`consistency`: variants of one term that should not be mixed within a page.

    type: consistency
    groups:
      - [optimize, optimise]
      - [realtime, real-time]
    ignorecase: true

The form used most on the page wins (on a tie, the first used); every use of another form is
flagged.
"""

from __future__ import annotations

import re
from collections import Counter

from doclint.findings import Problem
from doclint.packs.common import Common
from doclint.packs.spec import Spec, word_pattern

KEYS = {"groups", "ignorecase"}
PLACEHOLDERS = {"match", "preferred"}
DEFAULT_MESSAGE = "'{match}' here, but '{preferred}' elsewhere on this page: use one form"


def build(spec: Spec, common: Common):
    groups = spec.get("groups", list, required=True)
    flags = re.IGNORECASE if spec.get("ignorecase", bool, True) else 0
    compiled = []
    for group in groups:
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(v, str) for v in group):
            raise spec.error("groups", "each group must be a list of at least two strings")
        compiled.append([(variant, spec.regex("groups", word_pattern([variant]), flags, trusted=True)) for variant in group])

    def check(doc, options):
        targets = list(common.targets(doc))
        for group in compiled:
            uses = []  # (order, variant, target, match)
            for target in targets:
                for variant, pattern in group:
                    for match in pattern.finditer(target.text):
                        uses.append((target.span(match.start(), match.end()), variant, match.group()))
            if len({variant for _, variant, _ in uses}) < 2:
                continue
            uses.sort()
            counts = Counter(variant for _, variant, _ in uses)
            first_seen = {variant: i for i, (_, variant, _) in reversed(list(enumerate(uses)))}
            preferred = max(counts, key=lambda v: (counts[v], -first_seen[v]))
            for (start, end), variant, text in uses:
                if variant != preferred:
                    yield Problem(start, end, common.message.render(match=text, preferred=preferred))

    return check, False
