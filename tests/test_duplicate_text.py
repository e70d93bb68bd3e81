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
    assert positions(lint(same_name, "duplicate-text")) == [(15, 1)]  # h3 and h4: not parallel
    parallel = same_name.replace("#### Operation", "### Operation")
    assert lint(parallel, "duplicate-text") == []


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
    ],
)
def test_corpus_pages_with_real_repeats_are_flagged(corpus, page, lines):
    path = corpus_page(page)
    assert [f.line for f in lint(path.read_text(), "duplicate-text", path=str(path))] == lines
