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
