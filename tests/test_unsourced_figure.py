from __future__ import annotations

import pytest
from conftest import corpus_page, lint, positions

from doclint.findings import Severity


@pytest.mark.parametrize(
    ("text", "column", "figure"),
    [
        ("Ably delivers over 500 million messages per day.\n", 15, "over 500 million"),
        ("The platform handles 500 billion messages monthly.\n", 22, "500 billion messages monthly"),
        ("Trusted by 2M+ developers.\n", 12, "2M+"),
        ("Rooms support more than 1.5 million concurrent users.\n", 15, "more than 1.5 million"),
        ("We offer a 99.999% uptime SLA.\n", 12, "99.999%"),
        ("Messages are 99.99999999% durable.\n", 14, "99.99999999%"),
        ("Ably provides a 100% message delivery guarantee.\n", 17, "100%"),
        ("Used by 90% of developers in the survey.\n", 9, "90%"),
        ("Ably has a global median latency of 37ms.\n", 37, "37ms"),
        ("Latency is as low as 5ms in most regions.\n", 22, "5ms"),
        ("Ably delivers a 37ms median latency.\n", 17, "37ms"),
        ("Latencies are in the low 10s of milliseconds and less than 100ms globally.\n", 60, "100ms"),
        ("Round-trip times stay under 50 milliseconds worldwide.\n", 29, "50 milliseconds"),
    ],
)
def test_flags_headline_figures_without_a_source(text, column, figure):
    [finding] = lint(text, "unsourced-figure")
    assert (finding.line, finding.column) == (1, column)
    assert finding.end_column == column + len(figure)
    assert finding.message == f"Unsourced figure ('{figure}'): link to its source, or to the page that keeps it current"
    assert finding.severity is Severity.INFO


def test_one_suggestion_per_sentence_and_per_list_item():
    text = (
        "Ably delivers over 500 million messages per day, with rooms of over 1 million users. Latency is under 65 ms.\n\n"
        "- 99.999% global service availability\n- 50% capacity margin\n"
    )
    findings = lint(text, "unsourced-figure", path="page.mdx")
    assert positions(findings) == [(1, 15), (1, 103), (3, 3)]
    assert "'over 500 million', 'over 1 million'" in findings[0].message
    assert (findings[0].column, findings[0].end_column) == (15, 78)


@pytest.mark.parametrize(
    "text",
    [
        "Ably has a [99.999% uptime SLA](/docs/platform/sla).\n",
        "Ably delivers over 500 billion messages a month, as the [stats page](/docs/stats) shows.\n",
        "Latency is 37ms at the median[^1].\n",
        "Use `99.999%` or `over 1 million` in code.\n",
        "Messages are limited to 64 KiB, and rooms to 200 members.\n",
        "Version 2.0 of the SDK shipped on 2024-05-01 to 1,000 users.\n",
        "Set a 100ms batching interval to cut latency spikes.\n",
        "The default conflation window is 40 ms, which keeps latency low.\n",
        "Sub-100ms latency is required for trading dashboards.\n",
        "For example, 1,000 subscribers at 1 update per second totals 86.4 million messages per day.\n",
        "Over a 2-hour match, that's over 7.2 billion messages.\n",
        "In a 10,000-user room, 10,000 reactions generate 100 million outbound messages.\n",
        "Each message has a 50% chance of being rejected, and batching saves 80%.\n",
        "The request timed out after 500ms.\n",
        "Tokens stay valid for up to 60m, and uploads of over 5 MB are split.\n",
        "## Over 500 million messages a day\n\n| Limit | Value |\n|---|---|\n| Uptime | 99.999% uptime SLA |\n",
    ],
)
def test_leaves_alone_sourced_figures_settings_limits_and_worked_examples(text):
    assert lint(text, "unsourced-figure", path="page.mdx") == []


def test_pages_that_are_the_source_are_skipped():
    text = "We offer a 99.999% uptime SLA.\n"
    assert lint(text, "unsourced-figure", path="docs/platform/pricing/limits.mdx") == []
    assert positions(lint(text, "unsourced-figure", path="docs/platform/pricing/limits.mdx", skip_paths=[])) == [(1, 12)]


def test_real_corpus_guide_full_of_worked_examples_is_left_alone(corpus):
    path = corpus_page("pub-sub/guides/dashboards-and-visualizations.mdx")
    assert lint(path.read_text(), "unsourced-figure", path=str(path)) == []
    linked = corpus_page("spaces/locations.mdx")
    assert lint(linked.read_text(), "unsourced-figure", path=str(linked)) == []


def test_corpus_architecture_page_claims_are_flagged(corpus):
    path = corpus_page("platform/architecture/index.mdx")
    assert [f.line for f in lint(path.read_text(), "unsourced-figure", path=str(path))] == [25, 26, 27, 31, 44, 137, 143]


@pytest.mark.parametrize(
    "text",
    [
        "The adapter adds only 1-10 ms of latency.\n",
        "Fallbacks may connect to a farther datacenter, increasing latency by up to 150ms.\n",
        "A proxy adds up to 150 ms of round-trip latency.\n",
        "Users may not notice an extra 100ms of latency.\n",
        "Engagement drops with each additional 100ms of latency.\n",
    ],
)
def test_latency_bounds_and_overheads_are_not_claims(text):
    assert lint(text, "unsourced-figure", path="page.mdx") == []


def test_pages_titled_as_the_source_are_skipped():
    text = "---\ntitle: Latency\n---\n\nAbly has a global median latency of 37ms.\n"
    assert lint(text, "unsourced-figure", path="docs/architecture/speed.mdx") == []
    assert positions(lint(text, "unsourced-figure", path="docs/architecture/speed.mdx", source_titles=[])) == [(5, 37)]
    stats = "---\ntitle: Statistics\n---\n\nOver 500 billion messages delivered monthly.\n"
    assert positions(lint(stats, "unsourced-figure", path="docs/stats.mdx")) == [(5, 1)]


def test_corpus_latency_bounds_and_the_latency_page_are_quiet(corpus):
    for page in ("platform/architecture/latency.mdx", "platform/architecture/edge-network.mdx",
                 "platform/architecture/performance.mdx", "protocols/mqtt.mdx"):
        path = corpus_page(page)
        assert lint(path.read_text(), "unsourced-figure", path=str(path)) == [], page


def test_corpus_headline_counts_are_flagged(corpus):
    for page, lines in (("chat/guides/build-livestream.mdx", [59]), ("metadata-stats/stats.mdx", [29]),
                        ("pub-sub/guides/data-streaming.mdx", [35])):
        path = corpus_page(page)
        assert [f.line for f in lint(path.read_text(), "unsourced-figure", path=str(path))] == lines, page
