"""Figures across a site: the page other pages cite for a figure is its source, and one metric
stated with different numbers on two pages is flagged where it disagrees with the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS
from doclint.cli import main
from doclint.figures import claims, metric


def check(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--select", "unsourced-figure,inconsistent-figure", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _tree(root: Path, pages: dict[str, str]) -> Path:
    (root / ".git").mkdir(parents=True)
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


MONTHLY = "# Scale\n\nAbly delivers [over 500 billion messages monthly](/docs/stats).\n"


def test_a_metric_stated_with_another_number_is_flagged_where_it_disagrees(tmp_path):
    tree = _tree(tmp_path, {
        "one.md": MONTHLY, "two.md": MONTHLY, "three.md": MONTHLY,
        "daily.md": "# Live\n\nWe deliver [over 16 billion messages per day](/docs/stats).\n",  # about 480 billion a month
        "stale.md": "# Chat\n\nText.\n\nAbly delivers [over 500 million messages per day](/docs/stats) for customers.\n",
        "blog/2019.md": "# 2019\n\nWe delivered [over 100 billion messages monthly](/x) that year.\n",
    })
    found = [f for f in check("--no-cache", str(tree)) if f["rule"] == "inconsistent-figure"]
    assert [(Path(f["path"]).name, f["line"], f["column"]) for f in found] == [("stale.md", 5, 16)]
    assert found[0]["message"] == (
        "'over 500 million messages per day' here, but 'over 16 billion messages per day' on daily.md:3 (and 3 more pages): "
        "the same figure (messages per month) with another number; one of them is out of date"
    )


def test_with_no_majority_every_page_is_flagged_and_other_metrics_are_not_compared(tmp_path):
    tree = _tree(tmp_path, {
        "a.md": "# A\n\nAbly has a [99.999% uptime SLA](/sla) and [99.999999% message survivability](/s).\n",
        "b.md": "# B\n\nAbly has a [99.99% uptime SLA](/sla) and [99.99999999% persisted data survivability](/s).\n",
    })
    found = sorted((Path(f["path"]).name, f["message"].split(" here")[0]) for f in check("--no-cache", str(tree)) if f["rule"] == "inconsistent-figure")
    assert found == [("a.md", "'99.999%'"), ("b.md", "'99.99%'")]


def test_a_page_alone_is_compared_with_the_pages_its_cache_knows(tmp_path):
    tree = _tree(tmp_path / "site", {"one.md": MONTHLY, "two.md": MONTHLY, "stale.md": MONTHLY.replace("500 billion", "50 billion")})
    cache = str(tmp_path / "cache")
    assert check("--no-cache", str(tree / "stale.md")) == []  # nothing to compare with
    check("--cache-dir", cache, str(tree))
    [found] = check("--cache-dir", cache, str(tree / "stale.md"))
    assert found["rule"] == "inconsistent-figure" and "on one.md:3 (and 1 more page)" in found["message"]


def test_the_ably_site_states_one_scale_figure_two_ways():
    """build-livestream.mdx says 500 million messages a day; four pages say 500 billion a month."""
    found = [f for f in check("--no-cache", str(CORPUS)) if f["rule"] == "inconsistent-figure"]
    assert [(f["path"].split("docs/")[-1], f["line"], f["column"]) for f in found] == [("chat/guides/build-livestream.mdx", 59, 38)]
    assert "but 'Over 500 billion messages delivered monthly' on src/pages/docs/metadata-stats/stats.mdx:29 (and 3 more pages)" in found[0]["message"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Ably delivers over 500 million messages per day for customers.", ("messages per month", 15e9)),
    ("Over 500 billion messages delivered monthly.", ("messages per month", 500e9)),
    ("Rooms support over 1 million concurrent users.", ("concurrent users", 1e6)),
    ("Ably has a 99.999% uptime SLA.", ("uptime", 99.999)),
    ("99.99999999% persisted data survivability", ("persisted data survivability", 99.99999999)),
    ("Ably achieves a global median latency of 37ms.", ("global median latency", 37.0)),
    ("It has a 65ms round-trip latency.", ("round-trip latency", 65.0)),
])
def test_each_figure_is_read_with_what_it_measures(sentence, expected):
    [found] = [metric(sentence, match) for match in claims(sentence)]
    assert found[:2] == expected


@pytest.mark.parametrize("sentence", [
    "guarantees of 99.999999% (8 nines) for message availability",  # the measure is not beside it
    "latencies are in the low 10s of milliseconds and less than 100ms globally",  # no latency named
    "Median latency as low as 30-40ms.",  # a range
])
def test_a_figure_that_does_not_say_what_it_measures_is_not_compared(sentence):
    assert [metric(sentence, match) for match in claims(sentence)] in ([None], [])


def test_a_page_other_pages_cite_for_a_figure_is_its_source(tmp_path):
    tree = _tree(tmp_path, {
        "guide.md": "# Guide\n\nAbly delivers [over 500 billion messages monthly](scale.md).\n",
        "scale.md": "# Scale\n\nAbly delivers over 500 billion messages monthly.\n",
        "other.md": "# Other\n\nAbly delivers over 500 billion messages monthly.\n",
    })
    found = [(Path(f["path"]).name, f["line"]) for f in check("--no-cache", str(tree)) if f["rule"] == "unsourced-figure"]
    assert found == [("other.md", 3)]
    # Alone, with no cache, nothing says the page is cited: it is asked for a source.
    assert [f["line"] for f in check("--no-cache", str(tree / "scale.md"))] == [3]
