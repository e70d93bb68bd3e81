"""`substitution`: a wrong form and the right one, with the replacement as a fix.

    type: substitution
    swap:
      whilst: while              # one replacement: a safe fix
      e.g.: for example
      utilise: [use, employ]     # alternatives: named in the message, no fix
    ignorecase: false
    regex: false                 # true: the keys are regular expressions (fixes become unsafe)

With `ignorecase`, a match that starts with a capital gets a replacement that does too.
"""

from __future__ import annotations

import re

from doclint.findings import Edit, Fix, Problem
from doclint.packs.common import Common, exception_patterns, finditer, mentions_any
from doclint.packs.spec import Spec, word_pattern

KEYS = {"swap", "ignorecase", "regex", "exceptions"}
PLACEHOLDERS = {"match", "replacement"}
DEFAULT_MESSAGE = "Use '{replacement}' instead of '{match}'"


def build(spec: Spec, common: Common):
    swap = spec.get("swap", dict, required=True)
    if not swap:
        raise spec.error("swap", "must not be empty")
    ignorecase = spec.get("ignorecase", bool, False)
    is_regex = spec.get("regex", bool, False)
    flags = re.IGNORECASE if ignorecase else 0
    entries = []  # (pattern, replacements by matched text, or None for one regex key's list)
    literal: dict[str, list[str]] = {}
    for wrong, right in swap.items():
        if not isinstance(wrong, str) or not (isinstance(right, str) or (isinstance(right, list) and right and all(isinstance(r, str) for r in right))):
            raise spec.error("swap", f"{wrong!r} must map to a string or a list of strings")
        replacements = [right] if isinstance(right, str) else right
        if is_regex:
            entries.append((spec.regex("swap", rf"(?<![\w-])(?:{wrong})(?![\w-])", flags), replacements))
        else:
            literal.setdefault(wrong.casefold() if ignorecase else wrong, replacements)
    hints = [key.casefold() for key in literal]
    if literal:  # one pass over the text for every literal swap, longest first
        entries.append((spec.regex("swap", word_pattern(list(swap)), flags, trusted=True), None))
    exceptions = exception_patterns(spec, ignorecase)

    def check(doc, options):
        for target in common.targets(doc):
            if not is_regex and not mentions_any(target.text, hints):
                continue
            taken: list[tuple[int, int]] = []
            for pattern, fixed in entries:
                for match in finditer(pattern, target, exceptions):
                    if any(s < match.end() and match.start() < e for s, e in taken):
                        continue  # a longer swap already covers this text
                    taken.append((match.start(), match.end()))
                    replacements = fixed or literal[match.group().casefold() if ignorecase else match.group()]
                    start, end = target.span(match.start(), match.end())
                    options_text = [_match_case(r, match.group(), ignorecase) for r in replacements]
                    fix = None
                    if len(options_text) == 1 and target.text[match.start() : match.end()] == doc.text[start:end]:
                        fix = Fix((Edit(start, end, options_text[0]),), safe=not is_regex, description=f"Replace with '{options_text[0]}'")
                    replacement = "' or '".join(options_text)
                    yield Problem(start, end, common.message.format(match=match.group(), replacement=replacement), fix)

    return check, True


def _match_case(replacement: str, matched: str, ignorecase: bool) -> str:
    if ignorecase and matched[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement
