"""Headline figures in prose: which numbers a sentence claims, and which metric each states.

"Over 500 billion messages a month", "99.999% uptime", "a global median latency of 37ms" are
claims; "set a 100ms interval" and "1,000 users x 1 message totals 86.4 million" are not. The
`unsourced-figure` rule asks claims for a source; `inconsistent-figure` compares the metrics one
site states on different pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from doclint import lazy_re
from doclint.document import Document
from doclint.sentences import STRICT, sentence_spans

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_HEDGE = r"(?:over|more than|upwards of|up to|nearly|almost|in excess of|above|beyond|>)\s+"
_PERIOD = r"(?:per|a|each|every)\s+(?:day|week|month|year)\b|daily\b|weekly\b|monthly\b|annually\b|yearly\b"
COUNT = lazy_re.compile(
    rf"\b{_HEDGE}(?:{_NUMBER})\s?(?:million|billion|trillion|bn|(?-i:[MB])(?![\w/]))(?:\+)?"
    rf"|\b(?:{_NUMBER})\s?(?:million|billion|trillion|bn|(?-i:[MB])(?![\w/]))\+"
    rf"|\b(?:{_NUMBER})\s?(?:million|billion|trillion|bn)\s+(?:[\w-]+\s+){{0,3}}?(?:{_PERIOD})",
    re.IGNORECASE,
)
_CLAIM_NOUN = (
    r"(?:[\w-]+\s+){0,2}?(?:uptime|availability|SLA|guarantee|reliability|durability|survivability)\b"
    r"|of\s+(?:all\s+)?(?:users|developers|customers|companies|businesses|organi[sz]ations|enterprises|teams|people)\b"
)
PERCENT = lazy_re.compile(
    rf"(?<![\w.])(?:9\d|100)\.\d+\s?%|(?<![\w.])(?:{_NUMBER})\s?(?:%|percent\b)(?=\s+(?:{_CLAIM_NOUN}))",
    re.IGNORECASE,
)
LATENCY = lazy_re.compile(rf"(?<![\w.])(?:(?:{_NUMBER})\s?[-–]\s?)?(?:{_NUMBER})\s?(?:ms|milliseconds?)\b", re.IGNORECASE)
# A latency is claimed when a lead-in states it ("latency of", "under", "as low as"), not when a
# bound or an overhead does ("up to", "adds", "an extra"), which are simply not listed here.
_FILLER = r"(?:(?:just|only|around|about|approximately|typically|consistently|a|an|in)\s+)*"
_CLAIM_LEAD = lazy_re.compile(
    rf"(?:\b(?:as low as|under|less than|below)|\bsub-?|<|\b(?:latenc(?:y|ies)|round[- ]trips?(?: times?)?)"
    rf"\s+(?:of|is|are|stays?|remains?|averages?))\s*{_FILLER}$",
    re.IGNORECASE,
)
_CLAIM_TAIL = lazy_re.compile(
    r"\s*(?:(?:median|mean|average|global|typical|p\d{2,3}|round[- ]trip|end[- ]to[- ]end)\s+)+latenc(?:y|ies)\b",
    re.IGNORECASE,
)
_ABOUT_LATENCY = lazy_re.compile(r"\blatenc(?:y|ies)\b|\bround[- ]trip\b", re.IGNORECASE)
_ABOUT_SETTING = lazy_re.compile(
    r"\b(?:interval|window|batch(?:es|ing)?|conflat\w*|default|timeout|debounce|throttl\w*|config\w*|set(?:ting)? to)\b",
    re.IGNORECASE,
)
# Worked examples and arithmetic: the figures are computed there, not claimed.
_EXAMPLE = lazy_re.compile(
    r"\bfor example\b|\be\.g\.|\bthat's\b|\btotals?\b|\bworks? out\b|[=×]|\bfor instance\b",
    re.IGNORECASE,
)
# "sub-100ms latency may be required": a reader's requirement, not a claim about the product.
_REQUIREMENT = lazy_re.compile(r"\b(?:is|are|be|been)\s+(?:required|needed)\b|\brequirements?\b", re.IGNORECASE)
# What every COUNT match holds (case aside): a scale word, `bn`, or a digit before `M` or `B`.
_COUNT_NEEDS = lazy_re.compile(r"illion|bn|\d\s?[MB]", re.IGNORECASE)
_CANDIDATE = lazy_re.compile(r"illion|\d\s?[MB]\b|\dbn\b|%|percent|\d\s?ms\b|millisecond", re.IGNORECASE)


def claims(sentence: str) -> list[re.Match]:
    """The figures a sentence claims: counts, percentages, and latencies stated in a claim form."""
    # Each kind's pattern is asked only when the sentence has what every match of it needs: most
    # sentences have none, and a run that never asks never compiles it.
    counts = _COUNT_NEEDS.search(sentence) is not None
    percents = "%" in sentence or "percent" in sentence.lower()
    latencies = _ABOUT_LATENCY.search(sentence) is not None
    if not (counts or percents or latencies) or _EXAMPLE.search(sentence):
        return []
    found = [*(COUNT.finditer(sentence) if counts else ()), *(PERCENT.finditer(sentence) if percents else ())]
    if latencies and not _ABOUT_SETTING.search(sentence) and not _REQUIREMENT.search(sentence):
        found += (match for match in LATENCY.finditer(sentence) if _claimed_latency(sentence, match))
    return sorted(found, key=lambda match: match.start())


def _claimed_latency(sentence: str, match: re.Match) -> bool:
    """Whether a latency figure is claimed ("latency of 37ms", "37ms median latency"), not a bound."""
    return bool(_CLAIM_LEAD.search(sentence, 0, match.start()) or _CLAIM_TAIL.match(sentence, match.end()))




@dataclass(frozen=True)
class Statement:
    """A sentence of a paragraph that claims figures: the document span from its first figure to
    its last, the figures as written, the links in the sentence (its sources), and the metric
    each figure states (None where the sentence does not say what it measures)."""

    start: int
    end: int
    figures: tuple[str, ...]
    links: tuple[str, ...]
    footnote: bool
    metrics: tuple[tuple[str, float, str] | None, ...]  # (metric, value, as written)


_READ: WeakKeyDictionary[Document, tuple[Statement, ...]] = WeakKeyDictionary()


def statements(doc: Document) -> tuple[Statement, ...]:
    """Every sentence of the page's paragraphs that claims a figure (read once per page: two
    rules ask)."""
    if doc not in _READ:
        _READ[doc] = tuple(_statements(doc))
    return _READ[doc]


def _statements(doc: Document) -> Iterator[Statement]:
    for inline in doc.inlines:
        if inline.kind != "paragraph" or not _CANDIDATE.search(doc.text, inline.start, inline.end + 1):
            continue
        prose = doc.prose(inline)
        for begin, end in sentence_spans(prose.text, STRICT):
            sentence = prose.text[begin:end]
            found = claims(sentence)
            if not found:
                continue
            start, _ = prose.span(begin + found[0].start(), begin + found[0].end())
            _, stop = prose.span(begin + found[-1].start(), begin + found[-1].end())
            yield Statement(
                start,
                stop,
                tuple(" ".join(match.group().split()) for match in found),
                tuple(href for first, last, href in prose.links if first < end and last > begin),
                "[^" in sentence,
                tuple(metric(sentence, match) for match in found),
            )


# What a count measures: the words after it, up to a preposition, a verb or the sentence's end
# ("500 billion messages delivered monthly" -> messages), and the period it is given per.
_COUNTED = lazy_re.compile(r"\+?\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*?s)\b", re.IGNORECASE)
_RATE = lazy_re.compile(rf"(?:\s+[\w-]+){{0,4}}?\s+(?:{_PERIOD})", re.IGNORECASE)
_PER_MONTH = {"day": 30, "daily": 30, "week": 4.35, "weekly": 4.35, "month": 1, "monthly": 1, "year": 1 / 12, "annually": 1 / 12, "yearly": 1 / 12}
_SCALE = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12}
_SCALED = lazy_re.compile(rf"({_NUMBER})\s?(million|billion|trillion|bn|[MB])", re.IGNORECASE)
# What a percentage or a latency measures: the words after the percentage up to its claim noun
# ("99.999% global service availability"), or the qualifiers of "latency" around the figure.
_MEASURED = lazy_re.compile(
    r"\s?(?:%|percent)\s+((?:[a-z][\w-]*\s+){0,3}?(?:uptime|availability|SLA|guarantee|reliability|durability|survivability))\b",
    re.IGNORECASE,
)
_QUALIFIERS = r"(?:(?:global|median|mean|average|typical|p\d{2,3}|round[- ]trip|end[- ]to[- ]end|message|delivery)\s+)*"
_LATENCY_BEFORE = lazy_re.compile(rf"({_QUALIFIERS})latenc(?:y|ies)\s+(?:of|is|are|stays?|remains?|averages?)\s+{_FILLER}$", re.IGNORECASE)
_LATENCY_AFTER = lazy_re.compile(rf"\s*({_QUALIFIERS})latenc(?:y|ies)\b", re.IGNORECASE)
_NOT_COUNTED = frozenset("for with in across to on of and or by from at as delivered sent processed handled served".split())


def metric(sentence: str, match: re.Match) -> tuple[str, float, str] | None:
    """(the metric the figure states, its value, the figure as written), or None when the
    sentence does not say what the figure measures closely enough to compare it with another."""
    text = match.group()
    shown = " ".join(text.split())
    if text.rstrip().endswith(("ms", "millisecond", "milliseconds")):
        before = _LATENCY_BEFORE.search(sentence, 0, match.start())
        after = None if before else _LATENCY_AFTER.match(sentence, match.end())
        qualifiers = (before or after).group(1) if before or after else None
        number = re.findall(_NUMBER, text)
        if qualifiers is None or len(number) != 1:
            return None  # a range, or no word of what the latency is
        return f"{' '.join(qualifiers.lower().split())} latency".strip(), float(number[0].replace(",", "")), shown
    if "%" in text or "percent" in text.lower():
        measured = _MEASURED.match(sentence, match.end() - (1 if text.endswith("%") else 0))
        if measured is None:
            return None
        number = re.findall(_NUMBER, text)[0]
        return " ".join(measured.group(1).lower().split()), float(number.replace(",", "")), shown
    scaled = _SCALED.search(text)
    counted = _COUNTED.match(sentence, match.end())
    if scaled is None or counted is None:
        return None
    words = []
    for word in counted.group(1).lower().split():
        if word in _NOT_COUNTED:
            break
        words.append(word)
    if not words:
        return None
    value = float(scaled.group(1).replace(",", "")) * _SCALE[scaled.group(2).lower()]
    rate = _RATE.match(sentence, match.end())
    if rate is not None:
        period = rate.group().split()[-1].lower()
        value *= _PER_MONTH[period]
        return f"{' '.join(words)} per month", value, shown + rate.group()
    return " ".join(words), value, shown
