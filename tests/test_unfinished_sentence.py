from __future__ import annotations

from conftest import corpus_page, lint, positions


def test_item_breaking_a_punctuated_list_is_flagged_with_a_safe_period_fix():
    text = "- First item is done.\n- Second item is done.\n- Third **item** is not done\n"
    [finding] = lint(text, "unfinished-sentence")
    assert (finding.line, finding.column) == (3, 25)
    assert finding.fix.safe and [e.content for e in finding.fix.edits] == ["."]
    assert finding.fix_positions == ((3, 29, 3, 29),)  # after the closing text of the line


def test_item_that_reads_as_a_sentence_is_flagged_on_its_last_line():
    text = "Notes:\n\n* **Latency:** AI moderation can add up to\n  100ms to delivery\n"
    assert positions(lint(text, "unfinished-sentence")) == [(4, 12)]
    assert positions(lint("- Use the REST API to publish messages\n", "unfinished-sentence")) == [(1, 31)]


def test_leaves_alone_noun_phrases_links_code_and_continuations():
    texts = [
        "- Presence\n- Typing indicators\n- Message history\n",
        "- [Getting started](/docs/start)\n- [Rooms](/docs/rooms)\n",
        "- Call the method `room.attach()`\n",
        "You can:\n\n- publish at very high message rates\n- subscribe to many channels\n",
        "- Steps:\n  - First step.\n",
        "- Done already.\n- Also done!\n",
        "| a |\n|---|\n| This cell has a sentence that is long enough to be one |\n",
        "- See https://ably.com/docs\n",
    ]
    for text in texts:
        assert lint(text, "unfinished-sentence") == [], text


def test_mdx_items_inside_jsx(tmp_path):
    text = "<Aside>\n- Rooms are cheap to create.\n- Rooms can be reused across sessions\n</Aside>\n"
    assert positions(lint(text, "unfinished-sentence", path="a.mdx")) == [(3, 30)]


def test_real_corpus_page_with_consistent_lists_is_left_alone(corpus):
    path = corpus_page("chat/rooms/presence.mdx")
    assert lint(path.read_text(), "unfinished-sentence", path=str(path)) == []


def test_period_before_an_emoji_a_symbol_or_a_parenthetical_counts_as_punctuated():
    text = (
        "- The first step is done. ✅\n"
        "- The second step is done :rocket: — see the link. (default)\n"
        "- The third step is done. →\n"
        "- The fourth step is not done\n"
    )
    assert positions(lint(text, "unfinished-sentence")) == [(4, 26)]


def test_colon_that_introduces_nested_content_is_not_counted_as_punctuation():
    text = "- Requirements:\n  - Python\n- A recent Node version\n"
    assert lint(text, "unfinished-sentence") == []


def test_one_sentence_split_over_lower_case_items_is_left_alone():
    texts = [
        (
            "- The same `done` callback may not be called more than once,\n"
            "- calling `done` and returning a Promise may not be combined,\n"
            "- a `describe` block must not return anything.\n"
        ),
        "* Cast expressions, except\n  * pointer to address casts and\n  * function pointer to address casts.\n",
        "A struct with:\n\n- any number of fields with size 0, and\n- at most one other field.\n",
        "- The first item is this one that runs\n- into the next item.\n- The last item is here.\n",
        "- Use the channel for this,\n- Publish a message now.\n- Then wait for it.\n",
    ]
    for text in texts:
        assert lint(text, "unfinished-sentence") == [], text


def test_item_ending_in_code_or_a_link_needs_its_period_when_its_siblings_have_theirs():
    text = (
        "- Install the SDK with `npm install ably`\n"
        "- Read the [quickstart guide](/docs/quickstart)\n"
        "- `npm test`\n"
        "- Create a client with your key.\n"
        "- Publish a message to a channel.\n"
    )
    findings = lint(text, "unfinished-sentence")
    assert positions(findings) == [(1, 24), (2, 24)]  # the code-only item is exempt
    assert findings[0].fix.safe
    assert findings[0].fix_positions == ((1, 42, 1, 42),)  # after the closing backtick


def test_bare_lead_in_items_among_punctuated_ones_are_flagged():
    text = (
        "- `objectId` (string): The pre-computed object ID for the new map\n"
        "- `initialValue` (string): JSON-encoded string of the map data.\n"
        "- `nonce` (string): Random string you generated\n"
    )
    assert positions(lint(text, "unfinished-sentence")) == [(1, 63), (3, 39)]


def test_a_list_that_mostly_ends_bare_keeps_its_style_unless_an_item_holds_two_sentences():
    bare = (
        "- Modules can inject, extend, and re-define functionality\n"
        "- Modules are deterministic through topological ordering\n"
        "- Modules can cooperate through well-defined contracts\n"
    )
    assert lint(bare, "unfinished-sentence") == []
    two = "- Modules are fast. They cache every result\n- Modules are small\n- Modules are pure\n"
    [finding] = lint(two, "unfinished-sentence")
    assert finding.line == 1 and finding.message.endswith("it holds two sentences")


def test_periods_inside_a_parenthetical_or_after_an_abbreviation_do_not_set_the_style():
    texts = [
        (
            "- Battle-tested, rich ecosystem\n"
            "- Brings great capabilities for blogging (permalinks, tags, etc.)\n"
            "- Generates a SEO-friendly site, similar to Material\n"
        ),
        (
            "- `stemmer` – Stem tokens to their root form, e.g. `running` to `run`\n"
            "- `stopWordFilter` – Filter common words, e.g. `a`, `the`, etc.\n"
            "- `trimmer` – Trim whitespace from tokens\n"
        ),
    ]
    for text in texts:
        assert lint(text, "unfinished-sentence") == [], text


def test_a_list_with_no_majority_follows_the_microsoft_rule_and_the_page():
    tie = (
        "* `a.example.com` is used for the primary endpoint\n"
        "* `b.example.com` is used for the fallback domains\n"
        "* Ably issues a certificate for both, set up by the customer.\n"
    )
    assert [f.line for f in lint(tie, "unfinished-sentence")] == [1, 2]
    changelog = (
        "### 1.0\n\n- Fixed #1: Search does not work\n\n"
        "### 0.9\n\n- Added search\n- Improved build speed\n"
    )
    assert lint(changelog, "unfinished-sentence") == []


def test_item_whose_text_is_followed_by_html_is_left_alone():
    text = "- The first item is done.\n- The last version to support it is\n  <!-- md:version 4.6.3 -->.\n"
    assert lint(text, "unfinished-sentence") == []


def test_with_no_house_style_saved_a_page_that_punctuates_its_lists_stands_for_the_site():
    """A list whose items all end bare is held to sentence style only on a page whose other
    lists clearly end with periods (with no saved house style, the page stands for the site)."""
    punctuating = "".join(f"- Step {n} is done here.\n" for n in range(6)) + "\nText.\n\n"
    bare_list = "- Channel names are case sensitive\n- Names can be reused later\n"
    found = lint(punctuating + bare_list, "unfinished-sentence")
    assert [f.line for f in found] == [10, 11]
    assert all("this page's other list items end with punctuation" in f.message for f in found)
    bare_page = "".join(f"- Step {n} is done here\n" for n in range(6)) + "\nText.\n\n"
    assert lint(bare_page + bare_list, "unfinished-sentence") == []


def test_the_ably_pages_sentence_items_get_their_period_by_the_page(corpus):
    page = corpus_page("chat/getting-started/swift.mdx")
    found = lint(page.read_text(encoding="utf-8"), "unfinished-sentence", path=str(page))
    # "4. Set the minimum iOS deployment target to iOS 15.0 or higher", among steps that end bare
    # on a page whose other lists end with periods.
    assert (49, 57) in [(f.line, f.column) for f in found]
