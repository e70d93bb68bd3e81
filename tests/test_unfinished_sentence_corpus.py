"""unfinished-sentence on the real trees: it keeps the Ably findings reviewers fix, and leaves
alone the lists of sites (and pages) whose items end bare."""

from __future__ import annotations

from conftest import CORPUS, corpus_page, lint

SHARED = CORPUS.parent


def _lines(path) -> list[int]:
    return [finding.line for finding in lint(path.read_text(), "unfinished-sentence", path=str(path))]


def test_keeps_the_ably_findings_reviewers_fix(corpus):
    pinned = {
        "api/realtime-sdk/channels.mdx": [426, 428, 429],  # items holding two sentences
        "liveobjects/rest-api-usage.mdx": [587, 590, 606, 609],  # bare `name` (type): items
        "platform/ai-llms/index.mdx": [284, 285],  # bare **Label**: items among punctuated ones
        "protocols/mqtt.mdx": [51, 52],  # bare steps among punctuated ones
        "chat/getting-started/react-native.mdx": [681],  # ends in inline code
    }
    for page, lines in pinned.items():
        assert set(lines) <= set(_lines(corpus_page(page))), page


def test_leaves_alone_lists_that_end_bare_by_their_own_style(corpus):
    pages = [
        "mkdocs-material/docs/blog/posts/zensical.md",  # sentences, every item bare
        "mkdocs-material/docs/changelog/index.md",  # one-item lists on a page of bare lists
        "mkdocs-material/docs/alternatives.md",  # `(permalinks, tags, etc.)` sets no style
        "mkdocs-material/docs/plugins/search.md",  # `etc.` sets no style
        "jest/website/blog/2021-05-25-jest-27.md",  # one sentence split over lower-case items
        "rust-reference/src/const_eval.md",  # `except` / `casts and` / `casts.`
        "rust-reference/src/names.md",
    ]
    for page in pages:
        assert _lines(SHARED / page) == [], page
