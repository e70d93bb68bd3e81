from __future__ import annotations

import pytest
from conftest import corpus_page, lint, positions


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
    assert [f.line for f in lint(path.read_text(), "pricing", path=str(path))] == [572, 580, 582, 584]
