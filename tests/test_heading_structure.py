from __future__ import annotations

import pytest
from conftest import corpus_page, lint, positions


def messages(findings) -> list[tuple[int, str]]:
    return [(finding.line, finding.message) for finding in findings]


def test_skipped_level_is_reported_on_the_deeper_heading():
    text = "## Install\n\nRun it.\n\n#### From npm\n\nRun npm.\n"
    [finding] = lint(text, "heading-structure")
    assert (finding.line, finding.column, finding.end_column) == (5, 1, 14)
    assert finding.message == "Heading level skips from h2 to h4; use h3"


def test_going_back_up_any_number_of_levels_is_fine():
    text = "## A\n\nText.\n\n### B\n\nText.\n\n#### C\n\nText.\n\n## D\n\nText.\n"
    assert lint(text, "heading-structure") == []


def test_first_heading_may_be_h1_or_h2_but_not_deeper():
    assert lint("# Title\n\nText.\n\n## Part\n\nText.\n", "heading-structure") == []
    assert lint("---\ntitle: Presence\n---\n\n## Part\n\nText.\n", "heading-structure", path="page.mdx") == []
    assert messages(lint("Intro.\n\n### Part\n\nText.\n", "heading-structure")) == [
        (3, "The first heading is h3; start the page at h2 or above")
    ]
    assert lint("Intro.\n\n### Part\n\nText.\n", "heading-structure", first_level=3) == []


def test_empty_headings_including_anchor_only_ones():
    assert positions(lint("Text.\n\n##\n\nMore.\n", "heading-structure")) == [(3, 1)]
    [finding] = lint('Text.\n\n## <a id="subscribe"/>\n\nMore.\n', "heading-structure", path="page.mdx")
    assert finding.message == "Empty heading: give it text or remove it"


def test_empty_section_is_followed_by_a_same_or_higher_heading_or_the_end():
    text = "## Methods\n\n## publish\n\nPublishes.\n\n### Returns\n\n## Related\n"
    assert messages(lint(text, "heading-structure")) == [
        (1, "Section 'Methods' is empty: the next heading follows with nothing in between"),
        (7, "Section 'Returns' is empty: the next heading follows with nothing in between"),
        (9, "Section 'Related' is empty: the page ends with nothing in between"),
    ]
    assert lint(text, "heading-structure", empty_sections=False) == []


def test_a_heading_followed_by_its_subheading_only_when_asked():
    text = "## Options\n\n### `--json`\n\nPrint JSON.\n"
    assert lint(text, "heading-structure") == []
    assert messages(lint(text, "heading-structure", stacked_headings=True)) == [
        (1, "Heading 'Options' is directly followed by a subheading; introduce the section first")
    ]


def test_code_straight_after_a_heading_in_md_and_mdx():
    [finding] = lint("## Install dependencies\n\n```shell\nnpm install ably\n```\n", "heading-structure")
    assert (finding.line, finding.column) == (1, 1)
    assert finding.message == "Heading 'Install dependencies' is directly followed by a code block; say what the code does first"
    mdx = '## Client setup\n\n<If lang="javascript">\n<Code>\n```javascript\nconst a = 1;\n```\n</Code>\n</If>\n'
    assert positions(lint(mdx, "heading-structure", path="setup.mdx")) == [(1, 1)]
    assert lint(mdx, "heading-structure", path="setup.mdx", code_after_heading=False) == []


@pytest.mark.parametrize(
    "text",
    [
        "## Install\n\nInstall the SDK with npm:\n\n```shell\nnpm install ably\n```\n",
        "## Example\n\n```js\nawait channel.publish('a', 1);\n```\n",
        "## Synopsis\n\n```shell\nably channels publish CHANNEL\n```\n",
        "## mapSet\n\n```json\n{}\n```\n",
        "## `publish()`\n\n```js\npublish()\n```\n",
        "<!-- a comment -->\n\n## Install\n\n<!-- note -->\nInstall with npm:\n\n```shell\nnpm i\n```\n",
    ],
)
def test_code_introduced_by_text_or_labelled_by_its_heading_is_fine(text):
    assert lint(text, "heading-structure") == []


def test_reference_pages_may_put_code_under_a_heading():
    text = "## Connection\n\nStates.\n\n### Constant states\n\n```java\nCONNECTED\n```\n"
    assert positions(lint(text, "heading-structure", path="docs/guide.md")) == [(5, 1)]
    assert lint(text, "heading-structure", path="docs/api/connection.md") == []


def test_duplicate_headings_under_one_parent():
    text = "## Errors\n\nText.\n\n### Timeout <a id=\"a\"/>\n\nRetry.\n\n### Timeout <a id=\"b\"/>\n\nWait.\n\n## Other\n\nText.\n\n### Timeout\n\nFine.\n"
    [finding] = lint(text, "heading-structure", path="faq.mdx")
    assert (finding.line, finding.column) == (9, 1)
    assert finding.message.startswith("Duplicate heading 'Timeout' (also at line 5) under the same parent")


def test_headings_in_alternative_if_branches_are_not_duplicates_or_empty_sections():
    text = (
        "## Errors\n\nThe exception each SDK raises.\n\n"
        '<If lang="java">\n\n### io.ably.lib.types.AblyException <a id="ably-exception" />\n\n</If>\n'
        '<If lang="ruby">\n\n### Ably::Exceptions::BaseAblyException <a id="ably-exception" />\n\n</If>\n'
        '<If lang="java,ruby">\n\n### Properties\n\n</If>\n'
        '<If lang="csharp">\n\n### Properties\n\n</If>\n\nHolds the error code.\n'
    )
    findings = lint(text, "heading-structure", path="types.mdx")
    # Java readers see "AblyException" then "Properties": the first is an empty section for them.
    assert messages(findings) == [
        (7, "Section 'io.ably.lib.types.AblyException' is empty: the next heading follows with nothing in between"),
        (12, "Section 'Ably::Exceptions::BaseAblyException' is empty: the next heading follows with nothing in between"),
    ]
    separate = text.replace('<If lang="java,ruby">', '<If lang="go">')
    assert lint(separate, "heading-structure", path="types.mdx") == []


def test_components_after_a_heading_are_content():
    text = "## Get started\n\n<Tiles>\n{[{ title: 'Quickstart' }]}\n</Tiles>\n\n## Topics\n\nText.\n"
    assert lint(text, "heading-structure", path="index.mdx") == []


def test_real_corpus_page_with_headings_per_language_is_left_alone(corpus):
    path = corpus_page("chat/rooms/presence.mdx")
    assert lint(path.read_text(), "heading-structure", path=str(path)) == []


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("auth/capabilities.mdx", [(12, "The first heading is h3"), (108, "Heading level skips from h2 to h4")]),
        ("api/rest-sdk/history.mdx", [(25, "Section 'Methods' is empty"), (141, "Section 'Methods' is empty")]),
        ("api/rest-api.mdx", [(567, "Heading level skips from h3 to h5"), (1091, "Duplicate heading 'Retrieve metadata for a channel'")]),
        ("ai-transport/getting-started/core-sdk.mdx", [(25, "Heading 'Install dependencies' is directly followed by a code block")]),
    ],
)
def test_corpus_pages_with_broken_outlines_are_flagged(corpus, page, expected):
    path = corpus_page(page)
    found = messages(lint(path.read_text(), "heading-structure", path=str(path)))
    for line, start in expected:
        assert any(f_line == line and message.startswith(start) for f_line, message in found), (line, start, found)
    assert len(found) == {"api/rest-sdk/history.mdx": 6, "api/rest-api.mdx": 4}.get(page, len(expected))
