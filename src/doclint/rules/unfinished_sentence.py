"""Flags list items that are sentences but stop without terminal punctuation.

"End sentence with '.'" was the review comment left twice on one guide. A list item that reads
as a sentence should end like one; a list of short noun phrases should not. Each list is judged
by its own items, so the rule holds on sites that punctuate list items and on sites that do not.
An item ends with punctuation when its text ends in `.`, `!`, `?`, `:` or `;`, also when only an
emoji, a symbol or a parenthetical follows (`... link. (default)`). The rule flags an item
without it when

- most of its sibling items end with punctuation (the list has a style, and this item breaks
  it), and the item has at least `min_words` words;
- it and a sibling both open with a lead-in (`**Label:** text`, `` `name`: text ``), the
  sibling's text ends with punctuation, and this item's text after the label has at least
  `min_words` words (a half-punctuated list of definitions);
- it holds two sentences (`Do this. Then that`), whatever its siblings do; or
- it reads as a sentence and the site's house style ends most items of its shape (sentence
  items, numbered steps, `**Label:**` items) with a period: the style saved in
  `.doclint-style.toml`, else learned from the site's pages by the run (or an earlier run whose
  cache is current). A list of three or more items that all end bare is held to the site's
  style only where the site ends nearly all (85%) such items with a period, and keeps its own
  when most of its items are fragments. The finding says the share ("89% of list items like it on this site end with a
  period"); on a site that mostly ends such items bare, they are not flagged; or
- with no house style known (a page linted alone, with no cache), the list has no majority
  either way (a one-item list, or a tie), the page's other lists do not mostly end bare (a
  changelog of one-item lists), and the item reads as a sentence after any lead-in, or a
  sibling ends with punctuation and the item has at least `min_words` words: the Microsoft style
  guide's rule, where short fragments need no period but one full sentence gives every item its
  period. An item reads as a sentence when it starts with a capital and has a modal or
  auxiliary verb in lower case ("can", "is", "will"; "by Will Stern" names a person), opens
  with an imperative ("Use", "Ensure", not `FOLLOW(x)`) or a verb before an article ("Adds a").
  An item starting in lower case continues the sentence that introduced the list, so it is not
  a sentence of its own.

A list whose items mostly end without punctuation is that list's style: its items are not
flagged for reading as sentences. When counting siblings, a colon that introduces nested
content (`Set it up:` above a nested list) is not sentence punctuation: such labels, items that
are only a link or only inline code, and items ending in an abbreviation (`etc.`) are not
counted. Lists that only mdbook-spec rule markers (`r[names.scopes]` lines) split are one
list, as the book renders them, and an item ends before a marker under it. Left alone: those
link-only and code-only items,
items ending in an image, JSX or a bare URL, items whose text is followed by nested content,
and items that run on into the next one: an item ending in a comma or "and"/"or", or followed
by an item that opens with a lower-case word (one sentence split over the list, so a period
there would land mid-sentence). An item ending in a link or inline code still needs its period
when its siblings have theirs.

The fix adds the period at the end of the item's text. It is safe (it changes no word) only
where the period surely ends the item's sentence: the text ends in a letter, a digit or inline
code followed by nothing but closing marks or a link's target. Otherwise it is unsafe.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import chain
from typing import Any

from doclint import lazy_re
from doclint.document import OBJECT, Document, ListItem, Prose
from doclint.findings import Edit, Fix, Problem
from doclint.rule import Option, Rule
from doclint.style import Applies

_SHARE = "sentence_items"  # the house-style convention this rule reads

TERMINAL = ".!?:;…"
CLOSERS = "\"')]}’”*_~"
_MARKS = CLOSERS.replace(")", "")  # closing marks, less the parenthesis a parenthetical ends in
_WORD = lazy_re.compile(r"[^\s" + OBJECT + r"]+")
_LEAD_IN = lazy_re.compile(r"^[^:.!?]{1,60}[:.\u2013\u2014-]\s")  # "Label: " / "Label - " after bold
_TWO_SENTENCES = lazy_re.compile(r"[a-z0-9)][.!?]\s+[A-Z]")
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
_CLOSING = lazy_re.compile(r"(?:[\"')\]}’”*_~]|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)|\]\[[^\]\n]*\])*")
_PARENTHESES = lazy_re.compile(r"\([^()]*\)")
# What may follow a sentence's period: a parenthetical, an emoji shortcode, a footnote mark.
_TRAILER = lazy_re.compile(r"(?:\([^()]*\)|:[a-z0-9_+-]+:|\[\^[^\]\s]+\])$")
_ABBREVIATION = lazy_re.compile(r"\b(?:etc|e\.g|i\.e|vs)\.$", re.IGNORECASE)  # may end no sentence
_RUN_ON = lazy_re.compile(r"(?:,|\b(?:and|or))$")  # an item ending so carries its sentence on
_LAST_WORD = lazy_re.compile(r"\S+$")
_RULE_MARKER = lazy_re.compile(r"\s+r\[[A-Za-z0-9_.-]+\]$")
DETERMINERS = {"a", "an", "the", "your", "its", "their", "this", "all", "any", "each", "new"}
_URLISH = lazy_re.compile(r"(?:https?://|www\.|/)\S*$|\S+\.(?:com|io|org|net|md|mdx|js|json)$")  # on one word


def _ending(text: str) -> str:
    return text.rstrip().rstrip(CLOSERS).rstrip()


def _without_trailer(end: str) -> str:
    """`end` without what may follow a sentence's period: emoji, symbols, `:shortcode:` emoji,
    footnote marks and parentheticals (`Done. ✅`, `See the link. (default)`). A parenthetical
    goes whole, so the period of `(tags, etc.)` does not count as the item's own."""
    while True:
        shorter = _TRAILER.sub("", end.rstrip()).rstrip().rstrip(_MARKS).rstrip()
        while shorter and (_symbol(shorter[-1]) or shorter[-1] in "\ufe0f\u200d"):
            shorter = shorter[:-1].rstrip().rstrip(_MARKS).rstrip()
        if shorter == end:
            return end
        end = shorter


def _symbol(char: str) -> bool:
    return char != OBJECT and unicodedata.category(char).startswith("S")  # OBJECT stands for code


def _punctuated(text: str) -> bool:
    end = _without_trailer(text)
    return bool(end) and end[-1] in TERMINAL


def _link_only(item: ListItem) -> bool:
    children = [
        child
        for child in item.paragraph.token.children or ()
        if not (child.type == "text" and not child.content.strip()) and child.type != "softbreak"
    ]
    return bool(children) and children[0].type == "link_open" and children[-1].type == "link_close" and (
        sum(child.type == "link_open" for child in children) == 1
    )


def _lead_in(item: ListItem, text: str) -> re.Match[str] | None:
    """The item's label, when it opens with one in bold, inline code or a link (`**Label:** text`)."""
    children = [c for c in item.paragraph.token.children or () if c.type != "text" or c.content]
    if children and children[0].type in ("strong_open", "code_inline", "link_open"):
        return _LEAD_IN.match(text)
    return None


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
    # A verb past the first word is written in lower case: "by Will Stern" names a person.
    verbs = {word for index, (word, original) in enumerate(zip(main, words)) if index == 0 or original.islower()}
    if AUXILIARIES.intersection(verbs) or lowered[0] in IMPERATIVES and not words[0].isupper():  # FOLLOW(x) = y
        return True
    first, second = lowered[0], lowered[1]
    return len(first) > 3 and first.endswith("s") and not first.endswith("ss") and second in DETERMINERS


@dataclass
class _Entry:
    """One list item with text, read once: its prose, how it ends, and its lead-in label."""

    item: ListItem
    prose: Prose
    text: str
    state: str  # "punctuated", "open" (ends without punctuation) or "uncounted"
    lead_in: re.Match[str] | None
    code_end: bool = False  # ends in inline code: it needs a period only to match its siblings


def _read(doc: Document, item: ListItem) -> _Entry:
    prose = doc.prose(item.paragraph)
    text = prose.text.strip()
    # An mdbook-spec rule marker (`r[names.scopes]`) on the line after an item is read by the
    # book's preprocessor, not the reader: the item ends before it.
    marker = _RULE_MARKER.search(text)
    text = text[: marker.start()] if marker else text
    end = _ending(text)
    if not end.replace(OBJECT, "").strip() or _link_only(item):
        state = "uncounted"  # a link-only or code-only item has no sentence to end
    elif item.has_nested and not (_punctuated(text) and end[-1] != ":"):
        state = "uncounted"  # a label over nested content (`Set it up:`, `**Step 1**`) ends no sentence
    elif _punctuated(text):
        state = "uncounted" if _ABBREVIATION.search(_ending(text)) else "punctuated"
    elif end[-1] == OBJECT and not _ends_in_code(doc, prose, end) or _URLISH.search(end.split()[-1]):
        state = "uncounted"  # an image, JSX or a bare URL ends it: a period would not read well
    else:
        state = "uncounted" if marker else "open"  # a period after the marker would break it
    return _Entry(item, prose, text, state, _lead_in(item, text), end.endswith(OBJECT))


def _ends_in_code(doc: Document, prose: Prose, end: str) -> bool:
    start, _ = prose.span(len(end) - 1, len(end))
    return doc.text.startswith("`", start)


def _runs_on(entry: _Entry, following: _Entry | None) -> bool:
    """Whether the item's sentence carries on into the next item (`a,` / `b, and` / `c.`)."""
    if _RUN_ON.search(_ending(entry.text)):
        return True
    first = following.text.split()[:1] if following else []
    return bool(first) and first[0][:1].islower() and first[0].islower()  # `setActiveRoom` is a name


def _reason(
    entry: _Entry, punctuated: int, unpunctuated: int, labelled: int, min_words: int, page: str, own_style: bool = False
) -> str | None:
    """Why the open item needs its period, judged by the counts of its siblings (`labelled`:
    punctuated siblings with a lead-in), by the page's other lists (`page`: "punctuated",
    "bare" or "" when they have no majority) or the site's style ("site:N"), and by whether the
    list has a bare style of its own (`own_style`); None when it needs none."""
    words = len(_WORD.findall(entry.text))
    clause = entry.text[entry.lead_in.end() :] if entry.lead_in else entry.text
    if punctuated > unpunctuated and words >= min_words:
        return "its sibling items end with punctuation"
    if entry.lead_in and labelled and len(_WORD.findall(clause)) >= min_words:
        return "its sibling items with a lead-in end with punctuation"
    if entry.code_end:
        return None  # `Call the method `x()`` is left alone unless its siblings have periods
    if _TWO_SENTENCES.search(_PARENTHESES.sub("", clause)):
        return "it holds two sentences"
    sentence = reads_as_sentence(clause, min_words) or (punctuated and words >= min_words)
    if sentence and page.startswith("site:") and reads_as_sentence(clause, min_words) and not own_style:
        return f"it reads as a sentence, and {page[5:]}% of list items like it on this site end with a period"
    if sentence and page == "punctuated" and reads_as_sentence(clause, min_words):
        # With no house style saved, the page stands for the site: its lists end sentences.
        return "it reads as a sentence, and this page's other list items end with punctuation"
    if punctuated == unpunctuated and page != "bare" and sentence:  # the Microsoft style guide's rule
        if reads_as_sentence(clause, min_words):
            return "it reads as a sentence"
        return "a sibling item is a sentence with a period, so every item gets one"
    return None


# How much of the site must end items of a shape with a period for the site's style to decide a
# bare item: most of them, or, for a list that is consistently bare, nearly all of them.
MOSTLY, NEARLY_ALL = 60, 85


def _conditions(convention: str, threshold: int) -> tuple[tuple[Applies, str | None], ...]:
    """The three ways the site's style can read for an item, by the share of items like it
    (`convention`) the site ends with a period: enough, seldom, or in between or not known
    (then the page's own lists decide: `None` stands for their verdict)."""
    return (
        (Applies(convention, at_least=threshold), "site:{percent}"),
        (Applies(convention, at_most=40), "bare"),
        (Applies(convention, 41, threshold - 1, unknown=True), None),
    )


def _reads_as_sentence(entry: _Entry) -> bool:
    return reads_as_sentence(entry.text[entry.lead_in.end() :] if entry.lead_in else entry.text, 3)


def _convention(entry: _Entry) -> str:
    """The house-style convention for items shaped like this one (doclint.style.measure)."""
    return "lead_in_items" if entry.lead_in else "step_items" if entry.item.ordered else "sentence_items"


def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Problem]:
    # Each list is read once and counts its items once, so a 50,000-item list costs 50,000
    # looks, not 50,000 squared.
    lists: dict[int, list[_Entry]] = {}
    for item in doc.list_items:
        if item.paragraph is not None and "table" not in item.paragraph.containers:
            lists.setdefault(id(item.siblings), []).append(_read(doc, item))
    lists = _joined_at_markers(doc, list(lists.values()))
    states = Counter(entry.state for entry in chain.from_iterable(lists.values()))
    site = options["punctuated_sentences"]
    for entries in lists.values():
        # The page's other lists stand for the site's style when nothing else does: on a page
        # whose list items mostly end bare (a changelog of one-item lists) no list is held to
        # sentence style; on one whose items mostly end with periods, an item that reads as a
        # sentence gets its period. "punctuated" needs clear evidence: three to one, six or more.
        own = Counter(entry.state for entry in entries)
        bare, ended = states["open"] - own["open"], states["punctuated"] - own["punctuated"]
        page = "bare" if bare > ended else "punctuated" if ended >= max(6, 3 * bare) else ""
        # A list of three or more items, every one bare, is consistent: only a site that ends
        # nearly all such items with a period holds it to that; and if most of its items are
        # fragments (a changelog copied into a post), it keeps its style whatever the site does.
        consistent = not own["punctuated"] and own["open"] >= 3
        fragments = consistent and 2 * sum(_reads_as_sentence(e) for e in entries if e.state == "open") <= len(entries)
        threshold = NEARLY_ALL if consistent else MOSTLY
        if site >= 0:  # the config says what the site does
            mode = f"site:{site}" if site >= threshold else "bare" if site <= 40 else page
            yield from (problem for _, problem in _check_list(doc, entries, options["min_words"], lambda entry: mode, fragments))
            continue
        # Otherwise the site's house style decides, saved or learned by the run (doclint.style):
        # each finding says which style it holds under; one that holds under all is plain.
        found: dict[tuple[int, str], list[tuple[Applies, Problem]]] = {}
        for index in range(3):
            def mode_of(entry: _Entry, index: int = index) -> str:
                return _conditions(_convention(entry), threshold)[index][1] or page

            for entry, problem in _check_list(doc, entries, options["min_words"], mode_of, fragments):
                found.setdefault((problem.start, problem.message), []).append((_conditions(_convention(entry), threshold)[index][0], problem))
        for versions in found.values():  # the three conditions are disjoint: one copy at most holds
            if len(versions) == 3:
                yield versions[0][1]
            else:
                yield from (replace(problem, applies=applies) for applies, problem in versions)


_BETWEEN_ITEMS = lazy_re.compile(r"\s*(?:^[ \t]*r\[[A-Za-z0-9_.-]+\][ \t]*$\s*)+(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?", re.MULTILINE)


def _joined_at_markers(doc: Document, lists: list[list[_Entry]]) -> dict[int, list[_Entry]]:
    """The lists, with those that only mdbook-spec rule markers (`r[names.scopes]` lines) split
    joined again: the book renders them as one list, so its items are each other's siblings."""
    joined: list[list[_Entry]] = []
    latest: dict[tuple[int, bool], list[_Entry]] = {}  # the last list seen at each depth and kind
    for entries in lists:
        first = entries[0]
        shape = (first.item.depth, first.item.ordered)
        before = latest.get(shape)
        last = before[-1].item.paragraph if before else None
        if last is not None and last.end <= first.item.paragraph.start and _BETWEEN_ITEMS.fullmatch(doc.text, last.end, first.item.paragraph.start):
            before.extend(entries)
        else:
            joined.append(entries)
            latest[shape] = entries
    return dict(enumerate(joined))


def _check_list(doc: Document, entries: list[_Entry], min_words: int, mode_of, fragments: bool) -> Iterator[tuple[_Entry, Problem]]:
    """The list's findings; `mode_of(entry)` is the page- or site-level context of an item, and
    `fragments` says the list keeps a bare style of its own."""
    punctuated = sum(entry.state == "punctuated" for entry in entries)
    unpunctuated = sum(entry.state == "open" for entry in entries) - 1  # less the item judged
    labelled = sum(entry.state == "punctuated" and entry.lead_in is not None for entry in entries)
    for entry, following in zip(entries, [*entries[1:], None]):
        if entry.state != "open" or entry.item.has_nested or _runs_on(entry, following):
            continue
        reason = _reason(entry, punctuated, unpunctuated, labelled, min_words, mode_of(entry), fragments)
        if reason:
            yield entry, _problem(doc, entry, reason)


def _problem(doc: Document, entry: _Entry, reason: str) -> Problem:
    inline = entry.item.paragraph
    # The period goes after everything on the item's last line (closing `**`, a link's `)`).
    insert_at = inline.start + len(doc.text[inline.start : inline.end].rstrip())
    end = _ending(entry.text)
    word_start, _ = entry.prose.span(_LAST_WORD.search(end).start(), len(end))
    return Problem(
        word_start,
        insert_at,
        f"List item ends without a period, but {reason}",
        Fix(
            (Edit(insert_at, insert_at, "."),),
            safe=_period_is_safe(doc, entry.prose, end, insert_at),
            description="Add a period",
        ),
    )


def _period_is_safe(doc: Document, prose: Prose, end: str, insert_at: int) -> bool:
    """Whether a period at `insert_at` surely ends the item's sentence and nothing else.

    Not when the item's text ends in anything but a letter, a digit or inline code (a `\\`
    would escape the period), or when anything but closing marks and link targets stands
    between its end and the insertion point (the period could land inside a link or JSX).
    """
    if not (end[-1].isalnum() or _ends_in_code(doc, prose, end)):
        return False
    _, last = prose.span(len(end) - 1, len(end))
    return bool(_CLOSING.fullmatch(doc.text, last, insert_at))


RULE = Rule(
    name="unfinished-sentence",
    summary="List items that read as sentences but end without terminal punctuation",
    check=check,
    description=__doc__,
    tags=("review", "style"),
    fixable=True,
    house_style=True,
    options=(
        Option("min_words", int, 3, "Fewest words for an item to be judged as a sentence."),
        Option(
            "punctuated_sentences",
            int,
            -1,
            "Percent of the site's list items that read as sentences and end with a period, to pin it "
            "for every shape of item (-1: the site's house style decides, saved by `doclint style "
            "--write` or learned from its pages).",
        ),
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
