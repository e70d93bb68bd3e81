"""`substitution`: a wrong form and the right one, with the replacement as a fix.

    type: substitution
    swap:
      whilst: while              # one replacement: a safe fix
      e.g.: "for example,"       # a trailing comma: written only where the text has none
      utilise: [use, employ]     # alternatives: named in the message, no fix
    ignorecase: false
    regex: false                 # true: the keys are regular expressions (fixes become unsafe)

A fix is safe only when it keeps the sentence grammatical and the case of what it replaces;
where that cannot be known, the fix is offered as unsafe:

- Case. A replacement written in lower case takes the case pattern of the matched text: lower,
  Capitalised (`Whilst` -> `While`), Title Case (`Log In` -> `Sign In`) or UPPER. A replacement
  with capitals of its own (`JavaScript`, `Node.js`) is a fixed form and is kept as written, as
  is any replacement where the pattern cannot be carried over (mixed case such as `iOS`, or a
  single capital letter, which may be Capitalised or UPPER). Such a fix is safe only when the
  swap is case-sensitive: the text is then exactly the key the pack paired it with.
- A trailing comma. A replacement written with one (`e.g.: "for example,"`) gets it only where
  more text and no punctuation follow the match: `e.g. x` and `(e.g. x)` become
  `for example, x` and `(for example, x)`, while `e.g., x` keeps its own comma.
- A full stop. The period of a key such as `etc.` may also end the sentence. At the end of the
  text checked (a paragraph, item, heading or cell) the replacement takes it (`a, b, etc.` -> `a, b, and so on.`); before lower case or
  punctuation it does not (`etc., x` -> `and so on, x`). Before a capital letter, inline code or
  a closing bracket at the end, whether the sentence ends is a guess (`etc. For` may end one,
  `vs. Refused` does not): the fix is unsafe, and keeps the period except inside brackets
  (`(a, b, etc.)` -> `(a, b, and so on)`). A replacement with a trailing comma introduces what
  follows, so it never ends a sentence before more text.
- Mentions. A match in single quotes (`instead of 'e.g.'`) names the word rather than using it,
  and one inside a URL or dotted name (`github.com`) is part of a name: their fixes are unsafe.
"""

from __future__ import annotations

import bisect
import re

from doclint.findings import Edit, Fix, Problem
from doclint.packs.common import Common, exception_patterns, finditer, mentions_any
from doclint.packs.spec import Spec, word_pattern

KEYS = {"swap", "ignorecase", "regex", "exceptions"}
PLACEHOLDERS = {"match", "replacement"}
DEFAULT_MESSAGE = "Use '{replacement}' instead of '{match}'"
# After these, a replacement's own trailing comma would double the text's punctuation.
PUNCTUATION = ",.;:!?)]}\"'”’…"
# What follows a period that does not end the sentence: punctuation, or lower case or a digit,
# after any closing brackets and quotes (`etc.), x`, `etc. and`).
_CONTINUES = re.compile(r"[)\]}\"'”’]*(?:[,.;:!?]|\s+[a-z0-9])")
_BLANK_END = re.compile(r"\s*\Z")
_WORD = re.compile(r"[^\s\-–]+")  # words of a case pattern: hyphenated parts count apart
_LETTER = re.compile(r"[^\W\d_]")


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
        if not is_regex and not common.may_mention(doc, hints):
            return
        for target in common.targets(doc):
            if not is_regex and not mentions_any(target, hints):
                continue
            taken: list[tuple[int, int]] = []  # earlier swaps' spans, sorted and disjoint
            for pattern, fixed in entries:
                spans = []  # one pattern's matches never overlap each other
                for match in finditer(pattern, target, exceptions):
                    if _covered(taken, match.start(), match.end()):
                        continue  # a longer swap already covers this text
                    spans.append((match.start(), match.end()))
                    replacements = fixed or literal[match.group().casefold() if ignorecase else match.group()]
                    start, end = target.span(match.start(), match.end())
                    fix = None
                    if len(replacements) == 1 and target.text[match.start() : match.end()] == doc.text[start:end]:
                        content, safe = _replace(replacements[0], target.text, match, ignorecase)
                        fix = Fix((Edit(start, end, content),), safe=safe and not is_regex, description=f"Replace with '{content}'")
                    # The message names the words; the fix's description says what it writes.
                    replacement = "' or '".join(_cased(r, match.group(), ignorecase)[0].removesuffix(",") for r in replacements)
                    yield Problem(start, end, common.message.render(match=match.group(), replacement=replacement), fix)
                taken = sorted(taken + spans)

    return check, True


def _covered(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether `start:end` overlaps one of the sorted, disjoint `taken` spans (a binary search:
    checking every earlier match made a page of many matches quadratic)."""
    index = bisect.bisect_left(taken, (end,))
    return index > 0 and taken[index - 1][1] > start


def _replace(replacement: str, text: str, match: re.Match, ignorecase: bool) -> tuple[str, bool]:
    """The text that replaces `match` in `text`, and whether writing it without review is safe."""
    content, case_safe = _cased(replacement, match.group(), ignorecase)
    content, punctuation_safe = _punctuated(content, text, match)
    return content, case_safe and punctuation_safe and not _mention(text, match.start(), match.end())


def _case_pattern(text: str) -> str:
    """`lower`, `capitalised`, `title`, `upper` or `other`, judged on the letters of `text`.

    One capital letter is `other`: it could be Capitalised or UPPER. A single word in title case
    is `capitalised`, so `title` always means several words.
    """
    letters = _LETTER.findall(text)
    if not any(c.isupper() for c in letters):
        return "lower"
    if len(letters) < 2:
        return "other"
    if not any(c.islower() for c in letters):
        return "upper"
    words = [_LETTER.findall(word) for word in _WORD.findall(text)]
    words = [word for word in words if word]
    capitalised = [word[0].isupper() and not any(c.isupper() for c in word[1:]) for word in words]
    if capitalised[0] and not any(c.isupper() for word in words[1:] for c in word):
        return "capitalised"
    if all(capitalised):
        return "title"
    return "other"


def _recase(text: str, pattern: str) -> str:
    """`text`, written in lower case, put in `pattern` (`lower`, `capitalised`, `title`, `upper`)."""
    if pattern == "upper":
        return text.upper()
    if pattern == "capitalised":
        return _LETTER.sub(lambda m: m.group().upper(), text, count=1)
    if pattern == "title":
        return _WORD.sub(lambda word: _recase(word.group(), "capitalised"), text)
    return text


def _cased(replacement: str, matched: str, ignorecase: bool) -> tuple[str, bool]:
    """The replacement in the matched text's case pattern, and whether that is certain.

    A fixed form (capitals of its own) or a pattern that cannot be carried over keeps the
    replacement as written: right for a case-sensitive swap, a guess under `ignorecase`.
    """
    pattern = _case_pattern(matched)
    if replacement != replacement.lower() or pattern == "other":
        return replacement, not ignorecase
    return _recase(replacement, pattern), True


def _punctuated(content: str, text: str, match: re.Match) -> tuple[str, bool]:
    """`content` with its trailing comma and the match's full stop where the text needs them,
    and whether that is certain (see the module docstring)."""
    after = text[match.end() : match.end() + 1]
    comma = content.endswith(",")
    if comma and (not after or after in PUNCTUATION):
        content = content[:-1]
    if not match.group().endswith(".") or content.endswith("."):
        return content, True
    period, certain = _full_stop(text, match.end(), introduces=comma)
    return content.removesuffix(",") + "." if period else content, certain


def _full_stop(text: str, position: int, introduces: bool) -> tuple[bool, bool]:
    """Whether a period before `text[position:]` also ends the sentence, and whether that is
    certain. (Matched at `position`, not sliced: a page of matches costs no quadratic copying.)"""
    if _BLANK_END.match(text, position):
        return True, True
    if introduces or _CONTINUES.match(text, position):
        return False, True
    # Before a capital or code the sentence may end; inside brackets the period is most
    # likely the abbreviation's own, as a sentence's full stop would follow the bracket.
    return text[position] not in ")]}", False


def _mention(text: str, start: int, end: int) -> bool:
    """Whether the match is quoted in single quotes, or part of a URL or dotted name."""
    before, after = text[start - 1 : start], text[end : end + 2]
    quoted = before in ("'", "‘") and after[:1] in ("'", "’")
    return quoted or before in ("/", ".") or bool(re.match(r"\.\w", after))
