from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import CORPUS, corpus_page, lint, positions

SHARED = CORPUS.parent


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("It costs $0.50 per message.\n", 10),
        ("Plans start at €10.\n", 16),
        ("Only £5/month.\n", 6),
        ("Pay USD 20 upfront.\n", 5),
        ("You pay per million messages.\n", 9),
        ("Choose MAU-based pricing.\n", 8),
        ("Use per-minute pricing.\n", 5),
        ("You are billed per connection minute.\n", 9),
        ("We offer discounted rates.\n", 10),
        ("Start on the free tier.\n", 14),
        ("Each batch counts as one billable message.\n", 26),
        ("Each operation is billed as a single message sent.\n", 19),
        ("Conflation reduces billable message counts.\n", 20),
    ],
)
def test_flags_money_and_billing_detail(text, column):
    assert positions(lint(text, "pricing")) == [(1, column)]


def test_one_finding_per_sentence_naming_each_figure():
    [finding] = lint("Messages cost $2.00 per million messages, so 10k costs $20.\n", "pricing")
    assert "'$2.00'" in finding.message and "'$20'" in finding.message
    assert (finding.column, finding.end_column) == (15, 59)


@pytest.mark.parametrize(
    "text",
    [
        "Ably offers 99.999% uptime and reconnects within 2 minutes.\n",
        "Use `$0.50` in code, or `$price` and $variables.\n",
        "In Swift, $0.serial is the serial.\n",
        "It handles 500 million messages per day.\n",
        "Ably runs on [usage-based billing](/docs/platform/pricing) so costs follow use.\n",
        "```js\nconst price = '$5/month';\n```\n",
        "When using the REST API, usage is billed as follows:\n",
    ],
)
def test_leaves_alone_numbers_that_are_not_money(text):
    assert lint(text, "pricing") == []


def test_pricing_pages_and_allowed_phrases_are_exempt():
    assert lint("It costs $5.\n", "pricing", path="docs/pricing/index.md") == []
    assert lint("Start on the free tier.\n", "pricing", allowed_phrases=["Free tier"]) == []


def test_real_corpus_page_without_pricing_is_left_alone(corpus):
    path = corpus_page("chat/rooms/presence.mdx")
    assert lint(path.read_text(), "pricing", path=str(path)) == []


def test_corpus_guide_with_prices_is_flagged(corpus):
    path = corpus_page("pub-sub/guides/data-streaming.mdx")
    assert [f.line for f in lint(path.read_text(), "pricing", path=str(path))] == [73, 250, 453, 572, 580, 582, 584]


def test_billing_model_talk_is_exempt_when_its_paragraph_links_pricing():
    text = "Adapters cost nothing extra. You are charged for the connections you use. See [pricing](/pricing).\n"
    assert lint(text, "pricing") == []


def test_billing_model_talk_is_exempt_when_its_section_links_pricing():
    text = (
        "## Priced for scale\n\nIn MAU pricing models, bills outweigh usage.\n\n"
        "### Steady audiences\n\nAbly also offers a MAU pricing model.\n\n"
        "A full breakdown is on the [pricing page](/pricing).\n\n"
        "## Next steps\n\nPick consumption-based pricing.\n"
    )
    # The link covers its section and subsections, not the next section.
    assert positions(lint(text, "pricing")) == [(13, 6)]


def test_amounts_and_units_are_flagged_even_beside_a_pricing_link():
    text = "## Pricing\n\nSee the [pricing page](/pricing). It costs $2.00 per million messages. Each batch is billed as one message.\n"
    findings = lint(text, "pricing")
    assert [(f.line, f.column) for f in findings] == [(3, 44), (3, 86)]
    assert "'billed as one message'" in findings[1].message


def test_a_cited_figure_that_links_its_source_is_not_a_price():
    assert lint("Outages cost $300,000 an hour, says [the survey](https://example.com/survey).\n", "pricing") == []
    # A pricing page is no source: the amount there is a price.
    assert len(lint("From $2.00 per million, see [pricing](https://ably.com/pricing).\n", "pricing")) == 1


def test_billing_terms_in_reference_tables_are_left_alone_but_amounts_are_not():
    table = "| Metric | Meaning |\n| --- | --- |\n| billableCount | Total billable outbound message count |\n| cost | $5 a month |\n"
    assert positions(lint(table, "pricing")) == [(4, 10)]


@pytest.mark.parametrize(
    ("tree", "page"),
    [
        ("jest", "website/blog/2018-06-27-supporting-jest-open-source.md"),
        ("mkdocs-material", "docs/blog/posts/the-past-present-and-future.md"),
    ],
)
def test_blog_posts_on_sites_without_pricing_are_left_alone(tree, page):
    """Sponsorship tiers and funding totals in dated posts: nobody updates them when prices change."""
    path = SHARED / tree / page
    assert path.is_file(), f"the corpus page is missing: {path}"
    run = subprocess.run(
        [sys.executable, "-m", "doclint", "check", "--no-cache", "--format", "json", "--select", "pricing", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, json.loads(run.stdout)) == (0, [])


@pytest.mark.parametrize(
    ("page", "lines"),
    [
        ("chat/guides/build-livestream.mdx", [28]),  # the intro's unlinked "consumption-based pricing"
        ("pub-sub/guides/dashboards-and-visualizations.mdx", [28, 633]),
        ("protocols/index.mdx", []),  # "charged for the ..." beside its pricing link
        ("liveobjects/index.mdx", [105, 111, 112]),  # billing units, linked or not
        ("chat/rooms/occupancy.mdx", [9]),  # "billable messages"
        ("platform/pricing/examples/livestream.mdx", []),  # a pricing page
    ],
)
def test_ably_findings_are_kept_and_linked_talk_left_alone(corpus, page, lines):
    path = corpus_page(page)
    assert [f.line for f in lint(path.read_text(), "pricing", path=str(path))] == lines
