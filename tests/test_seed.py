"""The page built from the review thread: each thing a reviewer flagged by hand is flagged by the
right rule at the right line, and the page with the thread's fixes is clean."""

from __future__ import annotations

from conftest import REPO

from doclint.document import Document
from doclint.engine import ConfiguredRule, lint_document
from doclint.registry import all_rules

FOUR = ("unfinished-sentence", "leftover-todo", "pricing", "room-attach")


def _lint(relative: str):
    path = REPO / "fixtures" / relative
    doc = Document(relative, path.read_text(encoding="utf-8"))
    rules = [ConfiguredRule.default(all_rules()[name]) for name in FOUR]
    return lint_document(doc, rules)


def test_seed_page_gets_each_reviewer_comment():
    found = [(f.rule, f.line, f.column) for f in _lint("guides/embedded-chat.mdx")]
    assert found == [
        ("unfinished-sentence", 15, 60),  # "**Toxicity:** ... hostility"
        ("unfinished-sentence", 18, 149),  # "**Integration options:** ... queues"
        ("pricing", 22, 13),  # the "### Pricing flexibility" section
        ("room-attach", 31, 1),  # presence example with no attach
        ("leftover-todo", 45, 115),  # !!!TODO remove this if export chat not merged!!!
    ]


def test_seed_page_with_the_threads_fixes_is_clean():
    assert _lint("fixed/embedded-chat.mdx") == []
