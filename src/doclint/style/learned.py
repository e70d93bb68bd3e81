"""The house style a run learns from the pages it lints, and the cache keeps for later runs.

Each linted page's measurements (doclint.style.measure.page_counts) go into the site index's
page info, beside its anchors, with the (mtime, size) it was read at; the lint cache keeps that
info across runs. A page's learned style is the sum over the pages of its site (the folder of
its generator's config, doclint.site.profile) whose measurements are current. So a run over the
tree learns the style from the tree; a later one-page run (pre-commit, the editor) gets the same
style from the cache without reading the tree again; and a one-page run with neither has too few
pages to learn from and judges the page by its own lists.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from doclint.style import HouseStyle, from_counts

# Fewer measured pages than this are not a site's style: one page, or a handful, is judged by
# its own lists instead.
MIN_PAGES = 10

_LEARNED: dict[tuple[str, ...], HouseStyle | None] = {}  # a site's content folders -> its style


def new_run() -> None:
    _LEARNED.clear()


def remember(path: str, counts: dict[str, int]) -> None:
    """What one linted page measured (`path` absolute), kept with the page's stamp."""
    from doclint.site import remember_fact

    remember_fact(path, "style", counts)
    _LEARNED.clear()  # a new measurement changes the sums


def for_page(path: str | Path) -> HouseStyle | None:
    """The style learned for the site of the page at `path`, or None with too few pages."""
    from doclint.site import current_facts, profile

    site = profile.for_page(path)
    folders = site.folders
    if folders not in _LEARNED:
        measured = current_facts("style", folders)
        total: Counter[str] = Counter()
        for _, counts in measured:
            total.update(counts)
        enough = len(measured) >= MIN_PAGES
        _LEARNED[folders] = from_counts(total, f"learned from {len(measured)} pages of the site at {site.root}") if enough else None
    return _LEARNED[folders]
