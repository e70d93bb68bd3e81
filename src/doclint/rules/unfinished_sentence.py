"""Flags list items that are sentences but stop without terminal punctuation.

"End sentence with '.'" was the review comment left twice on one guide. A list item that reads
as a sentence should end like one; a list of short noun phrases should not. The rule flags an
item without `.`, `!`, `?`, `:` or `;` at its end when either

- most of its sibling items end with punctuation (the list has a style, and this item breaks it),
  and the item has at least `min_words` words; or
- it reads as a sentence on its own, after any lead-in (`**Label:** text`, `` `name`: text ``):
  it starts with a capital and has a modal or auxiliary verb ("can", "is", "will"), opens with
  an imperative ("Use", "Ensure") or a verb before an article ("Adds a"), or holds two sentences.
  An item starting in lower case continues the sentence that introduced the list, so it is not a
  sentence of its own.

Left alone: single words and short noun phrases, items that are only a link, items that end in
inline code, an image or JSX, and items whose text is followed by nested content. The fix adds
the period at the end of the item's text. It is safe (it changes no word) only where the
period surely ends the item's sentence: the text ends in a letter or digit followed by nothing
but closing marks or a link's target, and the next item does not open with a lower-case word
(which would carry the sentence on). Otherwise it is unsafe.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint.document import OBJECT, Document, ListItem
from doclint.findings import Edit, Fix, Problem
from doclint.rule import Option, Rule

TERMINAL = ".!?:;…"
CLOSERS = "\"')]}’”*_~"
_WORD = re.compile(r"[^\s" + OBJECT + r"]+")
_LEAD_IN = re.compile(r"^[^:.!?]{1,60}[:.\u2013\u2014-]\s")  # "Label: " / "Label - " after bold
_TWO_SENTENCES = re.compile(r"[a-z0-9)][.!?]\s+[A-Z]")
AUXILIARIES = {
    "is", "are", "was", "were", "be", "been", "can", "cannot", "can't", "will", "won't", "must",
    "should", "may", "might", "would", "could", "does", "do", "doesn't", "don't", "has", "have",
    "isn't", "aren't", "need", "needs",
}
IMPERATIVES = {
    "add", "avoid", "call", "check", "choose", "click", "configure", "consider", "create",
    "define", "disable", "enable", "ensure", "follow", "go", "include", "install", "keep", "make",
    "navigate", "note", "open", "pass", "provide", "publish", "read", "remove", "replace", "resume",
    "return", "run", "see", "select", "send", "set", "specify", "store", "subscribe", "try",
    "update", "use", "verify",
}
SUBORDINATORS = {
    "that", "which", "who", "whose", "when", "where", "if", "unless", "because", "while",
    "whether", "so", "as", "until", "after", "before", "although", "though", "since",
}
# What may stand between an item's last word and the end of its line: closing emphasis, brackets
# and quotes, and a link's target (`[text](/url "title")`, `[text][ref]`); anything else (a
# `<` destination, HTML) makes the fix unsafe.
_CLOSING = re.compile(r"(?:[\"')\]}’”*_~]|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)|\]\[[^\]\n]*\])*")
_PARENTHESES = re.compile(r"\([^()]*\)")
DETERMINERS = {"a", "an", "the", "your", "its", "their", "this", "that", "all", "any", "each", "new"}
_URLISH = re.compile(r"(?:https?://|www\.|/)\S*$|\S+\.(?:com|io|org|net|md|mdx|js|json)$")  # on one word


def _ending(text: str) -> str:
    return text.rstrip().rstrip(CLOSERS).rstrip()


def _punctuated(text: str) -> bool:
    end = _ending(text)
    return not end or end[-1] in TERMINAL


def _link_only(item: ListItem) -> bool:
    children = [
        child
        for child in item.paragraph.token.children or ()
        if not (child.type == "text" and not child.content.strip()) and child.type != "softbreak"
    ]
    return bool(children) and children[0].type == "link_open" and children[-1].type == "link_close" and (
        sum(child.type == "link_open" for child in children) == 1
    )


def _lead_in_first(item: ListItem) -> bool:
    """Whether the item opens with a label: bold, inline code or a link (`**Label:** text`)."""
    children = [c for c in item.paragraph.token.children or () if c.type != "text" or c.content]
    return bool(children) and children[0].type in ("strong_open", "code_inline", "link_open")


def reads_as_sentence(clause: str, min_words: int) -> bool:
    """A lexicon-light test for a clause that is a sentence rather than a noun phrase.

    A clause starting in lower case continues the sentence that introduced the list ("You can:"),
    so it is not a sentence of its own. Otherwise a modal or auxiliary verb, an imperative
    opening ("Use ...", "Ensure ...") or a third-person verb before an article ("Adds a ...")
    marks a sentence.
    """
    clause = _PARENTHESES.sub("", clause)
    words = [word.strip(".,;:()\"'`*_") for word in _WORD.findall(clause)]
    words = [word for word in words if word]
    if len(words) < min_words or not words[0][0].isupper():
        return False
    if _TWO_SENTENCES.search(clause):
        return True
    lowered = [word.lower() for word in words]
    if lowered[0] in SUBORDINATORS:  # "If you need X, you can Y": judge the main clause
        comma = clause.find(",")
        return comma > 0 and reads_as_sentence(clause[comma + 1 :].strip().capitalize(), 2)
    main = lowered[: next((i for i, w in enumerate(lowered) if w in SUBORDINATORS), len(lowered))]
    if AUXILIARIES.intersection(main) or lowered[0] in IMPERATIVES:
        return True
    first, second = lowered[0], lowered[1]
    return len(first) > 3 and first.endswith("s") and not first.endswith("ss") and second in DETERMINERS


def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Problem]:
    min_words = options["min_words"]
    # Per list, how many items have text and how many of those end in punctuation: counted once,
    # so a 50,000-item list costs 50,000 looks, not 50,000 squared.
    lists: dict[int, tuple[int, int]] = {}
    following: dict[int, ListItem] = {}  # each item's next sibling, by the item's id
    for item in doc.list_items:
        if item.paragraph is None or item.has_nested or "table" in item.paragraph.containers:
            continue
        prose = doc.prose(item.paragraph)
        text = prose.text.strip()
        end = _ending(text)
        if not end or end[-1] in TERMINAL or end[-1] == OBJECT or _URLISH.search(end.split()[-1]):
            continue
        if _link_only(item):
            continue
        if id(item.siblings) not in lists:
            with_text = [other for other in item.siblings if other.paragraph is not None]
            lists[id(item.siblings)] = (len(with_text), sum(_punctuated(doc.prose(o.paragraph).text) for o in with_text))
            following.update(zip(map(id, item.siblings), item.siblings[1:]))
        with_text, punctuated = lists[id(item.siblings)]
        others = with_text - 1  # this item has text and no end punctuation
        words = len(_WORD.findall(text))
        if others and punctuated * 2 > others and words >= min_words:
            reason = "its sibling items end with punctuation"
        else:
            lead_in = _LEAD_IN.match(text) if _lead_in_first(item) else None
            clause = text[lead_in.end() :] if lead_in else text
            if not reads_as_sentence(clause, min_words):
                continue
            reason = "it reads as a sentence"
        yield _problem(doc, item, prose, end, reason, following.get(id(item)))


def _problem(doc: Document, item: ListItem, prose, end: str, reason: str, next_item: ListItem | None) -> Problem:
    inline = item.paragraph
    # The period goes after everything on the item's last line (closing `**`, a link's `)`).
    insert_at = inline.start + len(doc.text[inline.start : inline.end].rstrip())
    last_word = _WORD.findall(end)[-1]
    word_start, _ = prose.span(len(end) - len(last_word), len(end))
    return Problem(
        word_start,
        insert_at,
        f"List item ends without a period, but {reason}",
        Fix((Edit(insert_at, insert_at, "."),), safe=_period_is_safe(doc, prose, insert_at, next_item), description="Add a period"),
    )


def _period_is_safe(doc: Document, prose, insert_at: int, next_item: ListItem | None) -> bool:
    """Whether a period at `insert_at` surely ends the item's sentence and nothing else.

    Not when the item's text ends in anything but a letter or digit (`items,` continues, a `\\`
    would escape the period), when anything but closing marks and link targets stands between
    its last word and the insertion point (the period could land inside code, a link or JSX), or
    when the next item starts with a lower-case word (one sentence runs on through the list).
    """
    text = _ending(prose.text)
    if not text or not text[-1].isalnum():
        return False
    _, last = prose.span(len(text) - 1, len(text))
    if not _CLOSING.fullmatch(doc.text, last, insert_at):
        return False
    if next_item is None or next_item.paragraph is None:
        return True
    first = doc.prose(next_item.paragraph).text.split()[:1] or [""]
    return not (first[0][:1].islower() and first[0].islower())  # `setActiveRoom` is a name


RULE = Rule(
    name="unfinished-sentence",
    summary="List items that read as sentences but end without terminal punctuation",
    check=check,
    description=__doc__,
    tags=("review", "style"),
    fixable=True,
    options=(
        Option("min_words", int, 3, "Fewest words for an item to be judged as a sentence."),
    ),
    bad_examples=(
        (
            "moderation.md",
            "* **Hate speech:** Detecting discriminatory language, threats, or targeted abuse.\n"
            "* **Inappropriate content:** Flagging adult content, violence, or graphic material.\n"
            "* **Toxicity:** Measuring overall message sentiment and hostility\n",
        ),
        (
            "integration.mdx",
            "1. **Technical integration**\n"
            "   * **Integration options:** Choose from pre-built integrations or connect your existing moderation systems via webhooks\n",
        ),
    ),
    good_examples=(
        ("features.md", "Features:\n\n- Presence\n- Typing indicators\n- Message history\n"),
        ("links.md", "- [Getting started](/docs/getting-started)\n- Call `room.attach()`\n- Set it up:\n  - first step.\n"),
    ),
)
