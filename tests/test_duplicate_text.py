from __future__ import annotations

import pytest
from conftest import corpus_page, lint, positions

NOTE = "A user is counted once for every device that they are in the room with."


def test_paragraph_repeated_in_a_later_section_points_at_the_first():
    text = f"{NOTE}\n\n## Retrieve occupancy\n\nCall the method.\n\n{NOTE}\n"
    [finding] = lint(text, "duplicate-text")
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (7, 1, 7, len(NOTE) + 1)
    assert finding.message.startswith("Repeated paragraph (also at line 1): 'A user is counted once")


def test_later_copies_are_each_reported_against_the_first():
    text = f"{NOTE}\n\n## One\n\n{NOTE}\n\n## Two\n\n{NOTE}\n"
    findings = lint(text, "duplicate-text", path="page.mdx")
    assert positions(findings) == [(5, 1), (9, 1)]
    assert all("also at line 1" in finding.message for finding in findings)


def test_case_spacing_and_punctuation_do_not_hide_a_repeat():
    text = "Use presence to see which users are online in the room.\n\nuse   presence, to see which users are\nonline in the room!\n"
    assert positions(lint(text, "duplicate-text")) == [(3, 1)]


def test_sentence_said_twice_in_one_paragraph_or_section():
    sentence = "Rooms are created the first time a client attaches to them."
    text = f"Rooms are cheap. {sentence} You can then publish. {sentence}\n"
    [finding] = lint(text, "duplicate-text")
    assert finding.message.startswith("Repeated sentence (also at line 1)")
    assert (finding.line, finding.column) == (1, text.rindex(sentence) + 1)
    other = f"Rooms are cheap. {sentence}\n\nTo publish, first attach. {sentence}\n"
    assert positions(lint(other, "duplicate-text", path="page.mdx")) == [(3, 27)]


def test_a_shared_sentence_in_different_sections_is_wording_not_a_repeat():
    sentence = "This returns a paginated response that you can page through."
    text = f"## History\n\nCall `history()`. {sentence}\n\n## Before subscribe\n\nCall `historyBeforeSubscribe()`. {sentence}\n"
    assert lint(text, "duplicate-text") == []


def test_parallel_paragraphs_that_open_alike_share_wording():
    text = (
        "A resource can also be a queue, starting with `[queue]`. This is unambiguous as channel names may not begin with a bracket.\n\n"
        "A resource can also be a metachannel, starting with `[meta]`. This is unambiguous as channel names may not begin with a bracket.\n"
    )
    assert lint(text, "duplicate-text") == []


def test_code_and_links_are_part_of_the_text():
    assert lint("Call `rooms.get()` to create the room before you attach it.\n\nCall `rooms.release()` to create the room before you attach it.\n", "duplicate-text") == []
    linked = "See the [API reference](/docs/api/apps) for information on the request body.\n\nSee the [API reference](/docs/api/queues) for information on the request body.\n"
    assert lint(linked, "duplicate-text") == []
    same = linked.replace("/docs/api/queues", "/docs/api/apps")
    assert positions(lint(same, "duplicate-text")) == [(3, 1)]


def test_alternative_if_branches_are_not_read_together():
    text = (
        '<If lang="javascript">\nUse the presence object to see which users are online in the room.\n</If>\n\n'
        '<If lang="swift,kotlin">\nUse the presence object to see which users are online in the room.\n</If>\n'
    )
    assert lint(text, "duplicate-text", path="page.mdx") == []
    overlapping = text.replace('lang="swift,kotlin"', 'lang="swift,javascript"')
    assert positions(lint(overlapping, "duplicate-text", path="page.mdx")) == [(6, 1)]
    # Text outside any branch is read by everyone, including the readers of the branch.
    unconditional = (
        '<If lang="javascript">\nUse the presence object to see which users are online in the room.\n</If>\n\n'
        "Use the presence object to see which users are online in the room.\n"
    )
    assert positions(lint(unconditional, "duplicate-text", path="page.mdx")) == [(5, 1)]


def test_tabs_are_alternatives_too():
    text = (
        '<Tabs>\n<Tab value="dashboard">\nEnter the channel name or namespace on which to enable updates.\n</Tab>\n'
        '<Tab value="cli">\nEnter the channel name or namespace on which to enable updates.\n</Tab>\n</Tabs>\n'
    )
    assert lint(text, "duplicate-text", path="rules.mdx") == []


def test_list_items_repeat_within_their_list_only():
    step = "Log in to your account and go to the Security page."
    two_procedures = f"## Enable\n\n1. {step}\n2. Click **Enable**.\n\n## Disable\n\n1. {step}\n2. Click **Disable**.\n"
    assert lint(two_procedures, "duplicate-text") == []
    item = "Use Entity ID from Google Workspace as the Identity Provider Issuer."
    one_list = f"1. Copy the metadata:\n    * {item}\n2. Copy the SAML settings:\n    * Use the ACS URL.\n    * {item}\n"
    [finding] = lint(one_list, "duplicate-text")
    assert (finding.line, finding.column) == (5, 7)
    assert finding.message.startswith("Repeated list item (also at line 2)")


def test_lead_ins_short_text_headings_tables_and_code_are_left_alone():
    lead_in = "The following example demonstrates how to set up the client using a subdomain:"
    text = (
        f"{lead_in}\n\n```js\na()\n```\n\n{lead_in}\n\n```js\nb()\n```\n\n"
        "Messages are ordered.\n\n## Messages are ordered per channel in every region\n\n"
        "## Messages are ordered per channel in every region\n\nMessages are ordered.\n\n"
        "| Name | Description |\n|---|---|\n| a | The ID of the client that published the message. |\n"
        "| b | The ID of the client that published the message. |\n"
    )
    assert lint(text, "duplicate-text") == []
    assert positions(lint("Messages are ordered.\n\nMessages are ordered.\n", "duplicate-text", min_words=3)) == [(3, 1)]


def test_parallel_sections_may_share_a_paragraph():
    note = "This metadata will end up in the version property of the message."
    siblings = f"## Update\n\n{note}\n\n## Delete\n\n{note}\n"
    same_name = f"## Update\n\n### Operation metadata\n\n{note}\n\n## Append\n\n### Details\n\nText.\n\n#### Operation metadata\n\n{note}\n"
    assert lint(siblings, "duplicate-text") == []
    assert lint(same_name, "duplicate-text") == []  # same name at h3 and h4: still parallel
    unrelated = same_name.replace("#### Operation metadata", "#### Event structure")
    assert positions(lint(unrelated, "duplicate-text")) == [(15, 1)]


def test_sections_whose_names_differ_by_a_word_are_parallel_at_any_level():
    """rust-reference: the same note under "### The `inline` attribute" and "## The `cold` attribute"."""
    note = "> [!NOTE]\n> `rustc` ignores use in other positions but lints against it."
    text = f"# Codegen\n\n### The `inline` attribute\n\n{note}\n\n## The `cold` attribute\n\n{note}\n"
    assert lint(text, "duplicate-text") == []
    unrelated = text.replace("The `cold` attribute", "Attribute ordering rules")
    assert positions(lint(unrelated, "duplicate-text")) == [(10, 3)]


def test_cousin_sections_are_parallel_but_sections_under_unrelated_siblings_are_not():
    cousins = f"## Publish a message\n\n### Errors\n\n{NOTE}\n\n## Publish a batch\n\n### Limits\n\n{NOTE}\n"
    assert lint(cousins, "duplicate-text") == []
    # Ably chat/rooms: "### Release a room" under "Use a room", "### Detach from a room" under "Attach to a room".
    unrelated = cousins.replace("Publish a batch", "Attach to a room")
    assert positions(lint(unrelated, "duplicate-text")) == [(11, 1)]


def test_a_sentence_pointing_back_is_not_compared_alone():
    """rust-reference: "This may become an error in the future." after two different notes."""
    text = (
        "`rustc` ignores use in other positions. This may become an error in the future.\n\n"
        "`rustc` lints against any use following the first. This may become an error in the future.\n"
    )
    assert lint(text, "duplicate-text") == []
    plain = text.replace("This may become", "Misuse may become")
    assert positions(lint(plain, "duplicate-text")) == [(3, 52)]


@pytest.mark.parametrize("path", ["docs/api/rest.md", "docs/reference/rooms.mdx"])
def test_api_reference_pages_are_skipped_unless_asked(path):
    text = f"## publish\n\n{NOTE}\n\n### Notes\n\n{NOTE}\n"
    assert lint(text, "duplicate-text", path=path) == []
    assert positions(lint(text, "duplicate-text", path=path, skip_paths=[])) == [(7, 1)]


def test_real_corpus_page_with_one_sentence_per_language_is_left_alone(corpus):
    path = corpus_page("chat/rooms/presence.mdx")
    assert lint(path.read_text(), "duplicate-text", path=str(path)) == []


@pytest.mark.parametrize(
    ("page", "lines"),
    [
        ("chat/rooms/occupancy.mdx", [284]),
        ("chat/rooms/index.mdx", [273]),
        ("platform/account/sso.mdx", [75]),
        ("platform/errors/codes/50000-internal-error.mdx", [19]),
        ("platform/errors/codes/50001-internal-channel-error.mdx", [19]),
        ("platform/errors/codes/50002-internal-connection-error.mdx", [19]),
    ],
)
def test_corpus_pages_with_real_repeats_are_flagged(corpus, page, lines):
    path = corpus_page(page)
    assert [f.line for f in lint(path.read_text(), "duplicate-text", path=str(path))] == lines


def test_navigation_is_not_prose():
    links = "[Read more about presence in rooms](/docs/chat/rooms/presence) · [the presence API](/docs/api/presence)"
    text = f"## One\n\n{links}\n\n### Two\n\n{links}\n"
    assert lint(text, "duplicate-text") == []
    read_more = f"## One\n\n<ReadMore>\n{NOTE}\n</ReadMore>\n\n### Two\n\n<ReadMore>\n{NOTE}\n</ReadMore>\n"
    assert lint(read_more, "duplicate-text", path="page.mdx") == []
    assert positions(lint(read_more, "duplicate-text", path="page.mdx", navigation_tags=[])) == [(10, 1)]


@pytest.mark.parametrize(("first", "second"), [("`publish()`", "`send()`"), ("**Publish**", "**Send**")])
def test_paragraphs_with_different_subjects_may_share_a_sentence(first, second):
    tail = "The message is delivered to every subscriber of the channel."
    text = f"{first} sends one message. {tail}\n\n{second} sends a batch of messages. {tail}\n"
    assert lint(text, "duplicate-text") == []
    same = text.replace(second, first)
    assert positions(lint(same, "duplicate-text")) == [(3, len(f"{first} sends a batch of messages. ") + 1)]


def test_sub_items_of_alternative_items_are_compared_within_their_item():
    step = "Open the settings page and copy the API key shown there."
    alternatives = f"- On macOS:\n  - Install the app.\n  - {step}\n- On Windows:\n  - Run the installer.\n  - {step}\n"
    assert lint(alternatives, "duplicate-text") == []
    within = f"- On macOS:\n  - {step}\n  - Install the app.\n  - {step}\n"
    assert positions(lint(within, "duplicate-text")) == [(4, 5)]
    steps = alternatives.replace("- On", "1. On").replace("  -", "   -")  # steps, not alternatives
    assert positions(lint(steps, "duplicate-text")) == [(6, 6)]


def test_short_items_repeated_in_one_list_are_copies_even_under_different_lead_ins():
    text = "- **Channel name**: The name of the channel to use.\n- **Channel ID**: The name of the channel to use.\n"
    [finding] = lint(text, "duplicate-text")
    assert positions([finding]) == [(2, 19)] and "Repeated list item (also at line 1)" in finding.message
    assert positions(lint("- Install the app right away.\n- Open it.\n- Install the app right away.\n", "duplicate-text")) == [(3, 3)]
    other_lists = "- **Channel name**: The name of the channel to use.\n\nText.\n\n- **Channel ID**: The name of the channel to use.\n"
    assert lint(other_lists, "duplicate-text") == []


def test_an_item_whose_lead_in_is_only_code_is_not_its_own_copy():
    """jest GlobalAPI.md: "`%#` - Index of the test case." is the same words whole and described."""
    text = "- `%p` - Pretty format.\n- `%#` - Index of the test case.\n- `%$` - Number of the test case.\n"
    assert lint(text, "duplicate-text") == []


def test_an_aside_set_wholly_in_italics_may_repeat():
    """Material for MkDocs ends its posts with the newsletter call to action it also puts above
    the excerpt break: on purpose, as a plain repeated paragraph is not."""
    from conftest import CORPUS

    page = CORPUS.parent / "mkdocs-material/docs/blog/posts/zensical.md"
    assert page.read_text().count("_You can subscribe to [our newsletter] to stay in the loop_.") == 2
    assert lint(page.read_text(), "duplicate-text", path=str(page)) == []
    aside = "_You can subscribe to [our newsletter](/n) to stay in the loop of what we build._\n"
    plain = aside.strip("_\n") + "\n"
    assert lint(f"# Post\n\n{aside}\nText.\n\n{aside}", "duplicate-text") == []
    assert [f.line for f in lint(f"# Post\n\n{plain}\nText.\n\n{plain}", "duplicate-text")] == [7]
