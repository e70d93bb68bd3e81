"""unfinished-sentence on the real trees: it keeps the Ably findings reviewers fix, and leaves
alone the lists of sites (and pages) whose items end bare."""

from __future__ import annotations

import json

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


def _lines_on_a_punctuating_site(path) -> list[int]:
    """The page judged as on a site that ends 98% of its sentence items with a period."""
    return [f.line for f in lint(path.read_text(), "unfinished-sentence", path=str(path), punctuated_sentences=98)]


def test_mdbook_rule_markers_split_no_list_and_end_no_item():
    """The Rust Reference puts `r[names.explicit.binding]` lines between the items of one list
    (mdbook-spec renders them as anchors), and under items: its bare lists of names keep their
    style, and no period lands after a marker."""
    assert _lines_on_a_punctuating_site(SHARED / "rust-reference/src/names.md") == []
    assert _lines_on_a_punctuating_site(SHARED / "rust-reference/src/names/scopes.md") == []
    split = "r[a.one]\n* The first one can be used\n\nr[a.two]\n* The second one can be used.\n\nr[a.three]\n* The third one can be used.\n"
    assert [f.line for f in lint(split, "unfinished-sentence")] == [2]  # one list: its siblings end with periods


def test_names_and_formulas_are_not_sentences():
    """"by Will Stern" names a person (no verb "will"); `FOLLOW(...) = ANYTOKEN` is a formula of
    the Rust Reference, not the imperative "Follow"."""
    from doclint.rules.unfinished_sentence import reads_as_sentence

    jest = (SHARED / "jest/docs/TestingFrameworks.md").read_text()
    assert "- [How to Test React and MobX with Jest](" in jest
    assert not reads_as_sentence("How to Test React and MobX with Jest by Will Stern", 3)
    assert _lines_on_a_punctuating_site(SHARED / "jest/docs/TestingFrameworks.md") == []
    assert not reads_as_sentence("FOLLOW(\ufffc) = ANYTOKEN", 3)
    assert 274 not in _lines_on_a_punctuating_site(SHARED / "rust-reference/src/macro-ambiguity.md")
    assert reads_as_sentence("Follow the guide to set it up", 3)
    assert reads_as_sentence("The value will change later", 3)


def _lines_at(path, share: int) -> list[int]:
    return [f.line for f in lint(path.read_text(), "unfinished-sentence", path=str(path), punctuated_sentences=share)]


def test_a_consistently_bare_list_yields_only_to_a_site_that_punctuates_nearly_all(corpus):
    """Ably's errors page lists two sentences bare under a third; the Ably site ends 89% of such
    items with a period, so they get theirs. At 76% (Material for MkDocs' share for numbered
    steps) the site does not decide for a list that is bare throughout: the page does (Ably's
    errors page ends its other items with periods; Material's analytics page does not)."""
    errors = corpus_page("platform/errors/index.mdx")
    assert {59, 60} <= set(_lines_at(errors, 89))
    messages = {f.line: f.message for f in lint(errors.read_text(), "unfinished-sentence", path=str(errors), punctuated_sentences=76)}
    assert "89%" not in messages[59] and messages[59].endswith("this page's other list items end with punctuation")
    # Material for MkDocs, linted as a site (its content tabs hold these steps), learns 76%.
    from click.testing import CliRunner

    from doclint.cli import main

    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--select", "unfinished-sentence", str(SHARED / "mkdocs-material")])
    flagged = {(f["path"].split("docs/")[-1], f["line"]) for f in json.loads(result.stdout)}
    assert not {("setup/setting-up-site-analytics.md", line) for line in range(41, 46)} & flagged


def test_a_bare_list_of_fragments_keeps_its_style_on_any_site(corpus):
    """"Key characteristics: - Server contacts Ably to get the token ..." and "useful when you
    want to: * Integrate with ...": fragments, bare throughout."""
    assert 50 not in _lines_at(corpus_page("auth/token/ably-tokens.mdx"), 98)
    assert 13 not in _lines_at(corpus_page("chat/moderation/custom/lambda.mdx"), 98)


def test_the_microsoft_rule_says_why_a_fragment_gets_its_period(corpus):
    """Ably's SSO page lists "Identity Provider Single Sign-On URL" beside one full sentence with
    a period: the fragment is not a sentence, its sibling is."""
    page = corpus_page("platform/account/sso.mdx")
    [found] = [f for f in lint(page.read_text(), "unfinished-sentence", path=str(page)) if f.line == 68]
    assert (found.column, found.message) == (
        40, "List item ends without a period, but a sibling item is a sentence with a period, so every item gets one"
    )
