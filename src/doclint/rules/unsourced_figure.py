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
the source of their figures are not checked: those matching `skip_paths`, those whose
front-matter title names one of `source_titles` as a word ("Limits", "Pub/Sub pricing",
"Latency"), and those other pages link to from a sentence with a figure (the pages of the run,
or of an earlier run whose cache is current): they are where readers are sent for the figure.
`inconsistent-figure` checks that one metric has the same number on every page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from doclint import figures
from doclint.document import Document
from doclint.findings import Problem, Severity
from doclint.paths import matches
from doclint.rule import Option, Rule, SiteCheck

def _is_source(doc: Document, options: Mapping[str, Any]) -> bool:
    """Whether the page is where its figures are kept (by path, or by a title such as "Limits")."""
    if matches(doc.path, options["skip_paths"]):
        return True
    title = doc.frontmatter.get("title")
    words = "|".join(re.escape(word) for word in options["source_titles"])
    return bool(words and isinstance(title, str) and re.search(rf"\b(?:{words})\b", title, re.IGNORECASE))


def collect(doc: Document, options: Mapping[str, Any]) -> dict[str, Any]:
    """The page's unsourced claims (one per sentence, over all its figures, as a reviewer would
    comment), and the links its figures cite."""
    found = figures.statements(doc)
    claims = [] if _is_source(doc, options) else [
        (s.start, s.end, f"Unsourced figure ({', '.join(map(repr, s.figures))}): link to its source, or to the page that keeps it current")
        for s in found
        if not s.links and not s.footnote  # a link (or a footnote) in the sentence is its source
    ]
    return {"claims": claims, "cites": sorted({href for s in found for href in s.links})}


def learn(inputs: dict[str, Any], options: Mapping[str, Any], path: str) -> None:
    """Tell the site index which pages this page cites for its figures."""
    from doclint.rules.broken_link import target_page
    from doclint.site import remember_fact

    here = Path(os.path.realpath(path))
    targets = {target_page(href, here) for href in inputs["cites"]}
    remember_fact(str(here), "cites", tuple(sorted(str(target) for target in targets if target is not None and target != here)))


def resolve(inputs: dict[str, Any], options: Mapping[str, Any], path: str) -> Iterator[Problem]:
    if not inputs["claims"]:
        return
    from doclint.site import current_facts, profile

    site = profile.for_page(path)
    here = os.path.realpath(path)
    cited = {target for page, targets in current_facts("cites", site.folders) if page != here for target in targets}
    if here in cited:
        return  # other pages link here for their figures: this page is the source
    for start, end, message in inputs["claims"]:
        yield Problem(start, end, message)


RULE = Rule(
    name="unsourced-figure",
    summary="Headline statistics (big counts, 99.9% figures, latencies) with no link to a source",
    check=None,
    site=SiteCheck(collect, resolve, learn),
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
