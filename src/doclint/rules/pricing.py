"""Flags prices and billing detail written into the docs.

Reviewers ask writers not to talk about pricing explicitly ("if they ever change we have to go
and update everywhere"): a price or a billing unit in a guide goes stale the day pricing changes,
and nobody greps the guides then. What the rule looks for, in three kinds:

- **Amounts**: currency amounts (`$0.50`, `€10`, `£5/month`, `USD 20`).
- **Billing units**: per-unit rates and what counts as a billed unit (`per million messages`,
  `billed per connection minute`, `billed as one message`, `billable messages`).
- **Billing models**: `MAU-based pricing`, `per-minute pricing`, `pricing models`, `charged for
  the ...`, `billed monthly`, `discounted rates`, `free tier`.

Amounts and units are flagged wherever they are. Billing-model talk is left alone when its
paragraph or its section links a pricing page: that is the "how pricing works for you, calling
out the key wins, see the pricing page" the reviewers accepted. An amount in a sentence that
links an outside source (not a pricing page) is a cited figure ("outages cost $300,000 an hour,
says [the survey](https://...)"), not a price. Numbers that are not money (`99.999% uptime`,
`2 minutes`), inline code and `$variables` or Swift's `$0` are never flagged, nor are billing
terms in table cells (reference tables name metrics such as "billable message count").

Pages matching `allowed_paths` are exempt: pricing pages, where prices belong, and blog posts,
which are dated records ("backers give $2/month", "a yearly budget of $50,000") that nobody
updates when prices change.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from doclint import lazy_re
from doclint.document import Document, Inline
from doclint.findings import Problem
from doclint.paths import matches
from doclint.rule import Option, Rule
from doclint.sentences import sentence_spans

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:k|K|m|M|bn|million|billion|thousand)\b)?"
_RATE = r"(?:\s?(?:/|per|a|an)\s?(?:month|mo|year|yr|day|hour|hr|minute|min|user|seat|MAU|GB|message|connection|channel)s?\b)?"
AMOUNT = lazy_re.compile(
    rf"(?<![\w$])[$€£¥]\s?(?:{_NUMBER}){_SCALE}{_RATE}(?!\.?\w)"
    rf"|\b(?:USD|EUR|GBP|US\$)\s?(?:{_NUMBER}){_SCALE}{_RATE}(?!\.?\w)"
    rf"|\b(?:{_NUMBER}){_SCALE}\s?(?:USD|EUR|GBP|dollars|euros|cents)\b{_RATE}"
)
UNIT = lazy_re.compile(
    r"\bper (?:million|billion|thousand|1,?000|10,?000|100,?000)(?: [\w-]+)?"
    r"|\b(?:billed|charged) (?:per|by|for each|for every)\b"
    r"|\bbilled as (?:a single|one|an?|\d+)\b(?: [\w-]+)?"
    r"|\bbillable (?:[\w-]+ ){0,2}?(?:messages?|connections?|minutes?|channels?|units?|operations?|requests?)\b",
    re.IGNORECASE,
)
MODEL = lazy_re.compile(
    r"\b[\w-]+-based (?:pricing|billing)\b"
    r"|\b(?:consumption|usage|MAU|seat|per-[\w-]+) (?:pricing|billing)\b"
    r"|\bpricing (?:models?|plans?|tiers?)\b"
    r"|\b(?:billed|charged) (?:for the|monthly|annually|on a)\b"
    r"|\bdiscounted (?:rates?|pricing|prices?)\b|\bvolume discounts?\b|\bfree tier\b",
    re.IGNORECASE,
)
# Anything AMOUNT, UNIT or MODEL can match contains one of these (lower-cased). Substring tests
# run at C speed; the regular expressions cost far more, so they only see text that passes.
_KEYWORDS = (
    "$", "€", "£", "¥", "usd", "eur", "gbp", "dollar", "euro", "cents", "per million", "per billion",
    "per thousand", "per 1", "-based", "pricing", "billing", "billed", "billable", "charged", "discount",
    "free tier",
)


_ANY_KEYWORD = re.compile("|".join(re.escape(keyword) for keyword in _KEYWORDS))


def _candidate(text: str) -> bool:
    return _ANY_KEYWORD.search(text.lower()) is not None


def _is_pricing(href: str) -> bool:
    return "pricing" in href.lower()


def _is_source(href: str) -> bool:
    """An outside page that is not a pricing page: where a cited figure comes from."""
    return href.startswith(("http://", "https://")) and not _is_pricing(href)


class _Sections:
    """Which sections of a page link a pricing page. A section runs from its heading to the next
    heading of the same or a higher level, so a link anywhere in it (subsections too) counts;
    the text before the first heading is a section of its own."""

    def __init__(self, doc: Document) -> None:
        headings = doc.headings
        self.starts = [heading.inline.start for heading in headings]
        linked = [link.start for link in doc.links if _is_pricing(link.href)]
        self.linking = [self._links(linked, 0, self.starts[0] if headings else len(doc.text))]
        for i, heading in enumerate(headings):
            end = next((h.inline.start for h in headings[i + 1 :] if h.level <= heading.level), len(doc.text))
            self.linking.append(self._links(linked, heading.inline.start, end))

    @staticmethod
    def _links(linked: Sequence[int], start: int, end: int) -> bool:
        i = bisect.bisect_left(linked, start)
        return i < len(linked) and linked[i] < end

    def link_pricing(self, inline: Inline) -> bool:
        return self.linking[bisect.bisect_right(self.starts, inline.start)]


def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Problem]:
    if matches(doc.path, options["allowed_paths"]) or not _candidate(doc.text):
        return
    allowed = [phrase.lower() for phrase in options["allowed_phrases"]]
    sections: _Sections | None = None
    for inline in doc.inlines:
        if not _candidate(doc.text[inline.start : inline.end + 1]):
            continue
        prose = doc.prose(inline)
        found = _found(prose.text, inline.kind == "table_cell", allowed)
        if any(kind == "model" for _, kind in found):
            sections = sections or _Sections(doc)
            if any(_is_pricing(href) for _, _, href in prose.links) or sections.link_pricing(inline):
                found = [(match, kind) for match, kind in found if kind != "model"]
        for begin, end in sentence_spans(prose.text):
            cited = any(_is_source(href) and begin <= start < end for start, _, href in prose.links)
            here = [(m, kind) for m, kind in found if begin <= m.start() < end and not (cited and kind == "price")]
            if here:
                # One finding per sentence, as a reviewer would leave one comment on it.
                start, _ = prose.span(here[0][0].start(), here[0][0].end())
                _, stop = prose.span(here[-1][0].start(), here[-1][0].end())
                yield Problem(start, stop, _message(here))


def _found(text: str, in_table: bool, allowed: Sequence[str]) -> list[tuple[re.Match, str]]:
    """Every amount, unit and model term in `text`, in order, bar the allowed phrases; billing
    terms in table cells are left out (reference tables name metrics, not prices)."""
    patterns = [(AMOUNT, "price")] if in_table else [(AMOUNT, "price"), (UNIT, "unit"), (MODEL, "model")]
    found = [(match, kind) for pattern, kind in patterns for match in pattern.finditer(text)]
    found = [
        (match, kind)
        for match, kind in found
        if not any(p in match.group().lower() or match.group().lower() in p for p in allowed)
    ]
    return sorted(found, key=lambda item: item[0].start())


def _message(found: Sequence[tuple[re.Match, str]]) -> str:
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
            ["pricing/", "pricing.md", "pricing.mdx", "blog/"],
            "Globs (gitignore-style) of pages where prices belong: pricing pages, and dated blog posts.",
            glob=True,
        ),
        Option("allowed_phrases", list, [], "Phrases never flagged, such as a plan's name."),
    ),
    bad_examples=(
        ("guide.md", "### Pricing flexibility\n\nChoose MAU-based pricing or per-minute pricing, from $0.50 per million messages.\n"),
        ("limits.md", "- The free tier includes 6 million messages a month.\n"),
        ("guide.md", "## Pricing\n\nSee the [pricing page](/pricing). Each batch is billed as one message.\n"),
    ),
    good_examples=(
        ("guide.md", "Ably runs on [usage-based billing](/docs/platform/pricing), so you pay for what you use.\n"),
        ("guide.md", "## Priced for scale\n\nAbly offers MAU pricing too.\n\nSee the [pricing page](/pricing).\n"),
        ("sla.md", "Ably offers 99.999% uptime and reconnects within 2 minutes. Use `$0.50` in code, or `$price`.\n"),
        ("blog/2018-06-27-backers.md", "Backers give at least $2/month.\n"),
    ),
)
