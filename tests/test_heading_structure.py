from __future__ import annotations

import pytest
from conftest import CORPUS, corpus_page, lint, positions

from doclint.document import Document
from doclint.engine import ConfiguredRule, lint_document
from doclint.registry import all_rules


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


def test_code_straight_after_a_heading_is_a_house_style_off_by_default():
    text = "## Install dependencies\n\n```shell\nnpm install ably\n```\n"
    assert lint(text, "heading-structure") == []
    assert positions(lint(text, "heading-structure", code_after_heading=True)) == [(1, 1)]


def test_code_straight_after_a_heading_in_md_and_mdx():
    [finding] = lint("## Install dependencies\n\n```shell\nnpm install ably\n```\n", "heading-structure", code_after_heading=True)
    assert (finding.line, finding.column) == (1, 1)
    assert finding.message == "Heading 'Install dependencies' is directly followed by a code block; say what the code does first"
    mdx = '## Client setup\n\n<If lang="javascript">\n<Code>\n```javascript\nconst a = 1;\n```\n</Code>\n</If>\n'
    assert positions(lint(mdx, "heading-structure", path="setup.mdx", code_after_heading=True)) == [(1, 1)]
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
    assert lint(text, "heading-structure", code_after_heading=True) == []


def test_reference_pages_may_put_code_under_a_heading():
    text = "## Connection\n\nStates.\n\n### Constant states\n\n```java\nCONNECTED\n```\n"
    assert positions(lint(text, "heading-structure", path="docs/guide.md", code_after_heading=True)) == [(5, 1)]
    assert lint(text, "heading-structure", path="docs/api/connection.md", code_after_heading=True) == []


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
    # The Ably style guide asks for a sentence between a heading and its code: its profile turns
    # that check on.
    found = messages(lint(path.read_text(), "heading-structure", path=str(path), code_after_heading=True))
    for line, start in expected:
        assert any(f_line == line and message.startswith(start) for f_line, message in found), (line, start, found)
    assert len(found) == {"api/rest-sdk/history.mdx": 6, "api/rest-api.mdx": 4}.get(page, len(expected))


def lint_with(text: str, containers: set[str], path: str = "page.md", **options):
    """Findings of heading-structure on a page whose generator adds `containers`."""
    rule = all_rules()["heading-structure"]
    configured = ConfiguredRule(rule, rule.severity, {**rule.default_options(), **options})
    return messages(lint_document(Document(path, text, containers=frozenset(containers)), [configured]))


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("page.md", "<h4>From npm</h4>"),
        ("page.md", '<h4 class="title">\n  From npm\n</h4>'),
        ("page.mdx", "<h4>From npm</h4>"),
        ("page.mdx", "<h4>\n  From npm\n</h4>"),
    ],
)
def test_raw_html_and_jsx_headings_are_part_of_the_outline(path, heading):
    text = f"## Install\n\nText.\n\n{heading}\n\nRun npm.\n"
    assert messages(lint(text, "heading-structure", path=path)) == [(5, "Heading level skips from h2 to h4; use h3")]
    text = f"## Install\n\nText.\n\n{heading.replace('h4', 'h3')}\n\n##### Flags\n\nText.\n"
    line = 5 + heading.count("\n") + 2
    assert messages(lint(text, "heading-structure", path=path)) == [(line, "Heading level skips from h3 to h5; use h4")]


def test_raw_html_headings_can_be_empty_and_have_empty_sections():
    assert messages(lint("## A\n\nText.\n\n<h3></h3>\n\nText.\n", "heading-structure")) == [
        (5, "Empty heading: give it text or remove it")
    ]
    assert messages(lint("<h2 id='intro'>Intro</h2>\n\n## Usage\n\nText.\n", "heading-structure")) == [
        (1, "Section 'Intro' is empty: the next heading follows with nothing in between")
    ]
    html = "<div>\n<h2>One</h2>\n<h2>Two</h2>\n<p>Text.</p>\n</div>\n"
    assert messages(lint(html, "heading-structure")) == [
        (2, "Section 'One' is empty: the next heading follows with nothing in between")
    ]


# Each box: (its name in messages, the syntaxes it needs, page, opening lines, line prefix, closing lines).
BOXES = [
    ("blockquote", set(), "page.md", "", "> ", ""),
    ("admonition", {"admonitions"}, "page.md", '!!! note "Heads up"\n\n', "    ", ""),
    ("tab", {"tabs"}, "page.md", '=== "pip"\n\n', "    ", ""),
    ("directive", {"directives"}, "page.md", ":::tip[Heads up]\n", "", ":::\n"),
    ("directive", {"directives"}, "page.mdx", ":::tip\n", "", ":::\n"),
    ("<Aside>", set(), "page.mdx", '<Aside type="tip">\n\n', "", "</Aside>\n"),
    ("<TabItem>", set(), "page.mdx", '<Tabs>\n<TabItem label="npm">\n\n', "", "</TabItem>\n</Tabs>\n"),
]


def boxed(box: tuple, *lines: str) -> str:
    """`lines` inside the box, followed by a blank line."""
    _, _, _, opening, prefix, closing = box
    return opening + "".join((prefix + line).rstrip() + "\n" for line in lines) + closing + "\n"


@pytest.mark.parametrize("box", BOXES, ids=[f"{box[0]}-{box[2]}" for box in BOXES])
def test_headings_in_a_box_neither_break_the_page_outline_nor_fill_its_sections(box):
    name, containers, path = box[:3]
    # The page goes from h2 to h3, and the box under "Use" is its content.
    page = (
        "## Install\n\n" + boxed(box, "#### Note", "", "Text.") + "### From npm\n\nRun npm.\n\n"
        "## Use\n\n" + boxed(box, "## Tip", "", "Text.") + "## Next\n\nText.\n"
    )
    assert lint_with(page, containers, path) == []
    # The box has its own outline: a level skipped in it, and a section its end leaves empty.
    inner = "## Install\n\nText.\n\n" + boxed(box, "### Tip", "", "##### Deeper", "", "Text.", "", "### Empty")
    lines = inner.splitlines()
    deeper, empty = (next(i + 1 for i, line in enumerate(lines) if line.endswith(h)) for h in ("##### Deeper", "### Empty"))
    assert lint_with(inner, containers, path) == [
        (deeper, "Heading level skips from h3 to h5; use h4"),
        (empty, f"Section 'Empty' is empty: the {name} ends with nothing in between"),
    ]


def test_the_same_heading_in_two_tabs_is_not_a_duplicate():
    text = '## Install\n\nPick one.\n\n=== "pip"\n\n    ### Steps\n\n    Run pip.\n\n=== "uv"\n\n    ### Steps\n\n    Run uv.\n'
    assert lint_with(text, {"tabs"}) == []
    twice = '## Install\n\nText.\n\n=== "pip"\n\n    ### Steps\n\n    Run pip.\n\n    ### Steps\n\n    Again.\n'
    assert lint_with(twice, {"tabs"}) == [
        (11, "Duplicate heading 'Steps' (also at line 7) under the same parent: readers and the table of contents cannot tell them apart")
    ]


def test_callout_tags_is_an_option():
    text = "## Install\n\n<Note>\n\n#### Careful\n\nText.\n\n</Note>\n\n### From npm\n\nText.\n"
    assert messages(lint(text, "heading-structure", path="page.mdx")) == [(5, "Heading level skips from h2 to h4; use h3")]
    assert lint(text, "heading-structure", path="page.mdx", callout_tags=["Note"]) == []


@pytest.mark.parametrize(
    "run",
    [
        "### `publish(name, data)`\n\n### `publish(message)`\n\n",
        "### publish(String name, Object data)\n\n### publish(Message[] messages)\n\n### publish(Message message)\n\n",
        "### `channel.history()`\n\n### `channel.history(options)`\n\n",
        "### `new Realtime(key)`\n\n### `new Realtime(options)`\n\n",
    ],
)
def test_alias_headings_share_the_body_under_the_last(run):
    assert lint(f"## Methods\n\nThe channel's methods.\n\n{run}Publishes a message.\n", "heading-structure") == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # The grouping headings the Ably corpus puts at the level of what they group: true findings.
        ("Methods", "history"),
        ("PresenceMessage constructors", "PresenceMessage.fromEncoded"),
        ("Example Ably TokenRequests", "Unsigned Ably TokenRequest example"),
        ("`publish(name, data)`", "`subscribe(listener)`"),
    ],
)
def test_a_run_of_headings_that_name_different_things_is_still_empty(first, second):
    text = f"## Channel\n\nText.\n\n### {first}\n\n### {second}\n\nText.\n"
    assert messages(lint(text, "heading-structure")) == [
        (5, f"Section {first.replace('`', '')!r} is empty: the next heading follows with nothing in between")
    ]


def test_a_page_that_is_only_its_title_is_an_index_page():
    # mdBook part pages (the Rust Reference's "Appendices") and blog indexes: the generator
    # fills the page with its children.
    assert lint("# Appendices\n", "heading-structure") == []
    assert lint("---\ntitle: Blog\n---\n\n# Blog\n", "heading-structure") == []
    assert messages(lint("## Appendices\n", "heading-structure")) == [
        (1, "Section 'Appendices' is empty: the page ends with nothing in between")
    ]
    assert messages(lint("# Guide\n\nText.\n\n## Setup\n", "heading-structure")) == [
        (5, "Section 'Setup' is empty: the page ends with nothing in between")
    ]


def test_a_heading_of_only_a_comment_is_filled_by_a_build_hook():
    # Material for MkDocs' shortcodes: `<!-- md:setting config.enabled -->` becomes the setting's
    # name and link when the site builds.
    text = "## Settings\n\nText.\n\n### <!-- md:setting config.enabled -->\n\nEnables it.\n\n### <!-- md:setting config.enabled -->\n\nAgain.\n"
    assert messages(lint(text, "heading-structure")) == [
        (9, "Duplicate heading 'md:setting config.enabled' (also at line 5) under the same parent: readers and the table of contents cannot tell them apart")
    ]
    assert messages(lint("## Settings\n\nText.\n\n### <a id='x'/>\n\nText.\n", "heading-structure", path="page.mdx")) == [
        (5, "Empty heading: give it text or remove it")
    ]


def test_real_mkdocs_material_plugin_settings_pages_have_no_empty_headings():
    mkdocs = CORPUS.parent / "mkdocs-material" / "docs" / "plugins"
    for name in ("blog.md", "tags.md", "social.md"):
        assert lint_with((mkdocs / name).read_text(), {"admonitions", "tabs"}, path=name) == [], name


def test_twenty_thousand_headings_are_checked_against_their_kin_not_the_whole_page():
    # Each heading once looked for its parent and its twin among every heading before it: 400
    # million comparisons, four minutes for this page.
    text = "## Reference\n\nText.\n\n" + "".join(f"### Option {i}\n\nText.\n\n" for i in range(20_000))
    text += "### Option 7\n\nAgain.\n"
    assert messages(lint(text, "heading-structure")) == [
        (80_005, "Duplicate heading 'Option 7' (also at line 33) under the same parent: readers and the table of contents cannot tell them apart")
    ]
