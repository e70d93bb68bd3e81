"""Flags a headline figure that another page of the site states with a different number.

"Ably delivers over 500 million messages per day" on one page and "over 500 billion messages
monthly" on four others: one of them went stale when the real number changed, and a reader who
sees both trusts neither. Reviewers catch this only when they happen to know the other page; the
site index sees every page. Figures are the claims `unsourced-figure` reads (big counts,
"nines" percentages, latencies), compared when they state the same metric: a count of the same
thing ("messages"), per the same period after converting days, weeks and years to months (a
tenth apart or more is another number); a percentage of the same measure ("uptime", "message
survivability", "global service availability"); a latency with the same qualifiers ("global
median latency"). A figure whose sentence does not say what it measures is not compared.

When most of the pages stating the metric agree, only the others are flagged, naming a page of
the majority; with no majority, every page is. Pages matching `skip_paths` (blog posts and
changelogs state the figures of their day) are neither flagged nor compared. The pages compared
are those of the run, and those of an earlier run whose cache is current: a page linted alone
with no cache has nothing to be compared with.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import figures
from doclint.document import Document
from doclint.findings import Problem
from doclint.paths import matches
from doclint.rule import Option, Rule, SiteCheck


def collect(doc: Document, options: Mapping[str, Any]) -> list[tuple]:
    """Each figure the page states with its metric: (metric, value, as written, start, end, line)."""
    if matches(doc.path, options["skip_paths"]):
        return []
    stated = []
    for statement in figures.statements(doc):
        for metric in statement.metrics:
            if metric is not None:
                name, value, shown = metric
                # The value as text: the cache keeps no floats.
                stated.append((name, repr(value), shown, statement.start, statement.end, doc.position(statement.start)[0]))
    return stated


def learn(inputs: list[tuple], options: Mapping[str, Any], path: str) -> None:
    from doclint.site import remember_fact

    remember_fact(os.path.realpath(path), "figures", tuple((name, value, shown, line) for name, value, shown, _, _, line in inputs))


def _same(metric: str, one: float, other: float) -> bool:
    if metric.endswith("per month"):  # converted between periods: close is the same figure
        return max(one, other) <= 1.1 * min(one, other)
    return one == other


def resolve(inputs: list[tuple], options: Mapping[str, Any], path: str) -> Iterator[Problem]:
    if not inputs:
        return
    from doclint.site import current_facts, profile

    site = profile.for_page(path)
    here = os.path.realpath(path)
    elsewhere: dict[str, list[tuple[float, str, str, int]]] = defaultdict(list)
    for page, stated in current_facts("figures", site.folders):
        if page != here:
            for name, value, shown, line in stated:
                elsewhere[name].append((float(value), shown, page, line))
    for name, value, shown, start, end, _ in inputs:
        value = float(value)
        others = elsewhere.get(name, [])
        different = [entry for entry in others if not _same(name, value, entry[0])]
        if not different:
            continue
        agreeing = {page for other, _, page, _ in others if _same(name, value, other)} | {here}
        rival = max(different, key=lambda entry: sum(_same(name, entry[0], other[0]) for other in others))
        rivals = {page for other, _, page, _ in others if _same(name, rival[0], other)}
        if len(agreeing) > len(rivals):
            continue  # most pages agree with this one: the others are flagged
        more = len({page for _, _, page, _ in different}) - 1
        where = f"{_shown(rival[2], site.root)}:{rival[3]}" + (f" (and {more} more page{'s' if more > 1 else ''})" if more else "")
        yield Problem(
            start,
            end,
            f"{shown!r} here, but {rival[1]!r} on {where}: the same figure ({name}) with another number; "
            "one of them is out of date",
        )


def _shown(path: str, root) -> str:
    """Another page as the report names it: relative to the current folder when inside it, else
    to its site's root."""
    for base in (os.getcwd(), os.path.realpath(root)):
        relative = os.path.relpath(path, base)
        if not relative.startswith(".."):
            return relative
    return path


RULE = Rule(
    name="inconsistent-figure",
    summary="A headline figure another page of the site states with a different number",
    check=None,
    site=SiteCheck(collect, resolve, learn),
    description=__doc__,
    tags=("review", "content"),
    options=(
        Option(
            "skip_paths",
            list,
            ["blog/", "changelog/", "changelog.md", "CHANGELOG.md", "releases/", "release-notes/"],
            "Globs of pages whose figures are of their day (posts, changelogs): neither flagged nor compared.",
            glob=True,
        ),
    ),
    example_site=(
        ("stats.md", "# Stats\n\nAbly delivers over 500 billion messages monthly.\n"),
        ("scale.md", "# Scale\n\nThe platform delivers [over 500 billion messages per month](/docs/stats).\n"),
    ),
    bad_examples=(("livestream.md", "# Livestream\n\nAbly delivers over 500 million messages per day for customers.\n"),),
    good_examples=(
        ("dashboards.md", "# Dashboards\n\nAbly delivers over 16 billion messages per day.\n"),  # about 500 billion a month
        ("chat.md", "# Chat\n\nRooms support over 1 million concurrent users.\n"),  # another metric
    ),
)
