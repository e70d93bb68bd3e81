"""Suggests a source for headline statistics: big counts, "nines" percentages and latency claims.

"Over 500 billion messages a month", "99.999% uptime", "a global median latency of 37ms": figures
like these are claims. Readers (and the sales team's prospects) ask where they come from, and
they go stale when the real number changes, silently, on every page that copied them. A figure
with a link in the same sentence points to its source, or to the one page that keeps it current;
one without is worth a second look. This is a suggestion (severity info), not an error.

What counts as a claim, so that worked examples and settings stay quiet:

- **Large counts**: a number with million, billion or trillion (or M / B / bn) that is hedged
  as a claim ("over", "more than", "up to", "nearly", "in excess of", a trailing "+") or given
  as a rate per day, month or year ("500 billion messages monthly").
- **Percentages**: "nines" (at least 90 with decimals: 99.9%, 99.999%), and any percentage
  followed by uptime, availability, SLA, guarantee, reliability, durability or survivability, or
  by "of users / developers / customers / companies".
- **Latencies**: milliseconds (`37ms`, `65 ms`, `50 milliseconds`) in a sentence about latency,
  in a claim form only: "latency of 37ms", "latency is under 65 ms", "as low as 5ms", "less than
  100ms globally", "37ms median latency". A bound or an overhead ("adds up to 150 ms", "an extra
  100ms of latency", "increasing latency by up to 150ms") is not a claim. Sentences about a
  setting (interval, window, batching, conflation, default, timeout) or a requirement ("sub-100ms
  latency may be required") are left alone too.

Left alone: sentences with a link or a footnote; worked examples and arithmetic ("For example",
"e.g.", "that's", "totals", `=`, `×`); figures in inline code, headings and tables (reference
tables state limits and defaults, not claims); small counts, versions and dates. Pages that are
the source of their figures are not checked: those matching `skip_paths`, and those whose
front-matter title names one of `source_titles` as a word ("Limits", "Pub/Sub pricing",
"Latency"): other pages link there for the figure. (A site-wide check that one metric has the
same number on every page is not part of this page rule.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint.document import Document
from doclint.findings import Problem, Severity
from doclint.paths import matches
from doclint.sentences import STRICT, sentence_spans
from doclint.rule import Option, Rule

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_HEDGE = r"(?:over|more than|upwards of|up to|nearly|almost|in excess of|above|beyond|>)\s+"
_PERIOD = r"(?:per|a|each|every)\s+(?:day|week|month|year)\b|daily\b|weekly\b|monthly\b|annually\b|yearly\b"
COUNT = re.compile(
    rf"\b{_HEDGE}(?:{_NUMBER})\s?(?:million|billion|trillion|bn|(?-i:[MB])(?![\w/]))(?:\+)?"
    rf"|\b(?:{_NUMBER})\s?(?:million|billion|trillion|bn|(?-i:[MB])(?![\w/]))\+"
    rf"|\b(?:{_NUMBER})\s?(?:million|billion|trillion|bn)\s+(?:[\w-]+\s+){{0,3}}?(?:{_PERIOD})",
    re.IGNORECASE,
)
_CLAIM_NOUN = (
    r"(?:[\w-]+\s+){0,2}?(?:uptime|availability|SLA|guarantee|reliability|durability|survivability)\b"
    r"|of\s+(?:all\s+)?(?:users|developers|customers|companies|businesses|organi[sz]ations|enterprises|teams|people)\b"
)
PERCENT = re.compile(
    rf"(?<![\w.])(?:9\d|100)\.\d+\s?%|(?<![\w.])(?:{_NUMBER})\s?(?:%|percent\b)(?=\s+(?:{_CLAIM_NOUN}))",
    re.IGNORECASE,
)
LATENCY = re.compile(rf"(?<![\w.])(?:(?:{_NUMBER})\s?[-–]\s?)?(?:{_NUMBER})\s?(?:ms|milliseconds?)\b", re.IGNORECASE)
# A latency is claimed when a lead-in states it ("latency of", "under", "as low as"), not when a
# bound or an overhead does ("up to", "adds", "an extra"), which are simply not listed here.
_FILLER = r"(?:(?:just|only|around|about|approximately|typically|consistently|a|an|in)\s+)*"
_CLAIM_LEAD = re.compile(
    rf"(?:\b(?:as low as|under|less than|below)|\bsub-?|<|\b(?:latenc(?:y|ies)|round[- ]trips?(?: times?)?)"
    rf"\s+(?:of|is|are|stays?|remains?|averages?))\s*{_FILLER}$",
    re.IGNORECASE,
)
_CLAIM_TAIL = re.compile(
    r"\s*(?:(?:median|mean|average|global|typical|p\d{2,3}|round[- ]trip|end[- ]to[- ]end)\s+)+latenc(?:y|ies)\b",
    re.IGNORECASE,
)
_ABOUT_LATENCY = re.compile(r"\blatenc(?:y|ies)\b|\bround[- ]trip\b", re.IGNORECASE)
_ABOUT_SETTING = re.compile(
    r"\b(?:interval|window|batch(?:es|ing)?|conflat\w*|default|timeout|debounce|throttl\w*|config\w*|set(?:ting)? to)\b",
    re.IGNORECASE,
)
# Worked examples and arithmetic: the figures are computed there, not claimed.
_EXAMPLE = re.compile(
    r"\bfor example\b|\be\.g\.|\bthat's\b|\btotals?\b|\bworks? out\b|[=×]|\bfor instance\b",
    re.IGNORECASE,
)
# "sub-100ms latency may be required": a reader's requirement, not a claim about the product.
_REQUIREMENT = re.compile(r"\b(?:is|are|be|been)\s+(?:required|needed)\b|\brequirements?\b", re.IGNORECASE)
_CANDIDATE = re.compile(r"illion|\d\s?[MB]\b|\dbn\b|%|percent|\d\s?ms\b|millisecond", re.IGNORECASE)


def _claims(sentence: str) -> list[re.Match]:
    """The figures a sentence claims: counts, percentages, and latencies stated in a claim form."""
    if _EXAMPLE.search(sentence):
        return []
    found = [*COUNT.finditer(sentence), *PERCENT.finditer(sentence)]
    if _ABOUT_LATENCY.search(sentence) and not _ABOUT_SETTING.search(sentence) and not _REQUIREMENT.search(sentence):
        found += (match for match in LATENCY.finditer(sentence) if _claimed_latency(sentence, match))
    return sorted(found, key=lambda match: match.start())


def _claimed_latency(sentence: str, match: re.Match) -> bool:
    """Whether a latency figure is claimed ("latency of 37ms", "37ms median latency"), not a bound."""
    return bool(_CLAIM_LEAD.search(sentence, 0, match.start()) or _CLAIM_TAIL.match(sentence, match.end()))


def _is_source(doc: Document, options: Mapping[str, Any]) -> bool:
    """Whether the page is where its figures are kept (by path, or by a title such as "Limits")."""
    if matches(doc.path, options["skip_paths"]):
        return True
    title = doc.frontmatter.get("title")
    words = "|".join(re.escape(word) for word in options["source_titles"])
    return bool(words and isinstance(title, str) and re.search(rf"\b(?:{words})\b", title, re.IGNORECASE))


def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Problem]:
    """Suggests a source for each sentence with headline figures and no link, off source pages."""
    if _is_source(doc, options):
        return
    for inline in doc.inlines:
        if inline.kind != "paragraph" or not _CANDIDATE.search(doc.text, inline.start, inline.end + 1):
            continue
        prose = doc.prose(inline)
        for begin, end in sentence_spans(prose.text, STRICT):
            sentence = prose.text[begin:end]
            if "[^" in sentence or any(start < end and stop > begin for start, stop, _ in prose.links):
                continue  # a link (or a footnote) in the sentence is its source
            found = _claims(sentence)
            if not found:
                continue
            # One suggestion per sentence, over all its figures, as a reviewer would comment.
            start, _ = prose.span(begin + found[0].start(), begin + found[0].end())
            _, stop = prose.span(begin + found[-1].start(), begin + found[-1].end())
            figures = ", ".join(repr(" ".join(match.group().split())) for match in found)
            yield Problem(
                start,
                stop,
                f"Unsourced figure ({figures}): link to its source, or to the page that keeps it current",
            )


RULE = Rule(
    name="unsourced-figure",
    summary="Headline statistics (big counts, 99.9% figures, latencies) with no link to a source",
    check=check,
    description=__doc__,
    severity=Severity.INFO,
    tags=("review", "content"),
    options=(
        Option(
            "skip_paths",
            list,
            ["pricing/", "pricing.md", "pricing.mdx", "limits.md", "limits.mdx", "sla.md", "sla.mdx"],
            "Globs of pages that are the source of their figures (pricing, limits, SLA).",
            glob=True,
        ),
        Option(
            "source_titles",
            list,
            ["limits", "quotas", "pricing", "SLA", "service level agreement", "latency"],
            "Words that, in a page's front-matter title, make it the source of its figures.",
        ),
    ),
    bad_examples=(
        ("livestream.md", "Ably delivers over 500 million messages per day, with a 99.999% uptime SLA.\n"),
        ("latency.mdx", "- Ably achieves a global median latency of 37ms.\n"),
    ),
    good_examples=(
        ("sourced.md", "Ably has a [99.999% uptime SLA](/docs/platform/sla) and a [median latency of 37ms](/docs/latency).\n"),
        (
            "batching.md",
            "Set a 100ms batching interval. For example, 1,000 users sending 1 message per second totals 86.4 million messages "
            "per day. Messages are limited to 64 KiB. Use `99.9%` in code.\n",
        ),
    ),
)
