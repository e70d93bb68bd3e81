"""Flags prices and billing detail written into the docs.

Reviewers ask writers not to talk about pricing explicitly ("if they ever change we have to go
and update everywhere"): a price or a billing dimension in a guide goes stale the day pricing
changes, and nobody greps the guides then. The rule flags currency amounts (`$0.50`, `€10`,
`£5/month`, `USD 20`), per-unit rates (`per million messages`), and named billing models and
terms (`MAU-based pricing`, `per-minute pricing`, `billed per ...`, `charged for ...`,
`discounted rates`, `free tier`). Link to the pricing page instead.

A billing model named in a sentence that already links to a pricing page is left alone: that is
the "how pricing works for you, see the pricing page" the reviewers asked for. Amounts are
flagged even then. Numbers that are not money (`99.999% uptime`, `2 minutes`), inline code and
`$variables` or Swift's `$0` are never flagged. The pricing pages themselves are exempt through
`allowed_paths`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint.document import Document
from doclint.findings import Problem
from doclint.paths import matches
from doclint.sentences import sentence_spans
from doclint.rule import Option, Rule

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:k|K|m|M|bn|million|billion|thousand)\b)?"
_RATE = r"(?:\s?(?:/|per|a|an)\s?(?:month|mo|year|yr|day|hour|hr|minute|min|user|seat|MAU|GB|message|connection|channel)s?\b)?"
AMOUNT = re.compile(
    rf"(?<![\w$])[$€£¥]\s?(?:{_NUMBER}){_SCALE}{_RATE}(?!\.?\w)"
    rf"|\b(?:USD|EUR|GBP|US\$)\s?(?:{_NUMBER}){_SCALE}{_RATE}(?!\.?\w)"
    rf"|\b(?:{_NUMBER}){_SCALE}\s?(?:USD|EUR|GBP|dollars|euros|cents)\b{_RATE}"
)
BILLING = re.compile(
    r"\bper (?:million|billion|thousand|1,?000|10,?000|100,?000)(?: [\w-]+)?"
    r"|\b[\w-]+-based (?:pricing|billing)\b"
    r"|\b(?:consumption|usage|MAU|seat|per-[\w-]+) (?:pricing|billing)\b"
    r"|\bpricing (?:models?|plans?|tiers?)\b"
    r"|\b(?:billed|charged) (?:per|by|for each|for every|for the|monthly|annually|on a)\b"
    r"|\bdiscounted (?:rates?|pricing|prices?)\b|\bvolume discounts?\b|\bfree tier\b",
    re.IGNORECASE,
)
# Anything AMOUNT or BILLING can match contains one of these (lower-cased). Substring tests run
# at C speed; the regular expressions cost far more, so they only see text that passes.
_KEYWORDS = (
    "$", "€", "£", "¥", "usd", "eur", "gbp", "dollar", "euro", "cents", "per million", "per billion",
    "per thousand", "per 1", "-based", "pricing", "billing", "billed", "charged", "discount", "free tier",
)


def _candidate(text: str) -> bool:
    text = text.lower()
    return any(keyword in text for keyword in _KEYWORDS)


def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Problem]:
    if matches(doc.path, options["allowed_paths"]) or not _candidate(doc.text):
        return
    allowed = [phrase.lower() for phrase in options["allowed_phrases"]]
    for inline in doc.inlines:
        if not _candidate(doc.text[inline.start : inline.end + 1]):
            continue
        prose = doc.prose(inline)
        # Search the whole text once; sentences matter only where something was found.
        found = [(m, "price") for m in AMOUNT.finditer(prose.text)]
        found += [(m, "billing") for m in BILLING.finditer(prose.text)]
        found = [
            (match, kind)
            for match, kind in found
            if not any(p in match.group().lower() or match.group().lower() in p for p in allowed)
        ]
        if not found:
            continue
        for begin, end in sentence_spans(prose.text):
            links_pricing = any("pricing" in href and begin <= start < end for start, _, href in prose.links)
            here = sorted(
                ((m, kind) for m, kind in found if begin <= m.start() < end and not (kind == "billing" and links_pricing)),
                key=lambda item: item[0].start(),
            )
            if here:
                # One finding per sentence, as a reviewer would leave one comment on it.
                start, _ = prose.span(here[0][0].start(), here[0][0].end())
                _, stop = prose.span(here[-1][0].start(), here[-1][0].end())
                yield Problem(start, stop, _message(here))


def _message(found) -> str:
    quoted = ", ".join(repr(match.group()) for match, _ in found)
    if any(kind == "price" for _, kind in found):
        return f"Pricing in the docs ({quoted}): prices change, so link to the pricing page instead"
    return f"Billing detail ({quoted}): avoid explaining pricing here and link to the pricing page instead"


RULE = Rule(
    name="pricing",
    summary="Prices, per-unit rates and billing models in prose; link to the pricing page instead",
    check=check,
    description=__doc__,
    tags=("review", "content"),
    options=(
        Option(
            "allowed_paths",
            list,
            ["pricing/", "pricing.md", "pricing.mdx"],
            "Globs (gitignore-style) of pages where pricing talk belongs.",
            glob=True,
        ),
        Option("allowed_phrases", list, [], "Phrases never flagged, such as a plan's name."),
    ),
    bad_examples=(
        ("guide.md", "### Pricing flexibility\n\nChoose MAU-based pricing or per-minute pricing, from $0.50 per million messages.\n"),
        ("limits.md", "- The free tier includes 6 million messages a month.\n"),
    ),
    good_examples=(
        ("guide.md", "Ably runs on [usage-based billing](/docs/platform/pricing), so you pay for what you use.\n"),
        ("sla.md", "Ably offers 99.999% uptime and reconnects within 2 minutes. Use `$0.50` in code, or `$price`.\n"),
    ),
)
