"""Measuring a tree's house style: one pass over each page's own views (lists, headings, code)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from doclint import lazy_re
from doclint.document import Document
from doclint.style import HouseStyle, from_counts

# Word pairs whose spelling tells a US site from a UK one (the forms, not their inflections).
_SPELLINGS = {
    "color": "colour", "behavior": "behaviour", "favorite": "favourite", "center": "centre",
    "license": "licence", "organize": "organise", "initialize": "initialise", "customize": "customise",
    "optimize": "optimise", "serialize": "serialise", "authorize": "authorise", "recognize": "recognise",
    "analyze": "analyse", "catalog": "catalogue", "canceled": "cancelled", "modeling": "modelling",
}
_WORD = lazy_re.compile(r"[A-Za-z]+")
_SMALL_WORDS = frozenset("a an and as at but by for in nor of on or per the to via vs with from into".split())


def measure(docs: Iterable[Document]) -> HouseStyle:
    """The style of a tree's pages, everything measured (`doclint style`)."""
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(page_counts(doc, spelling=True))
    return from_counts(counts)


def page_counts(doc: Document, spelling: bool = False) -> dict[str, int]:
    """One page's measurements: for each convention `name`, the items measured (`name`) and
    those following it (`name+`). A lint run leaves out spelling, which no rule reads yet."""
    counts: Counter[str] = Counter()
    _lists(doc, counts)
    _headings(doc, counts)
    _code(doc, counts)
    if spelling:
        _spelling(doc, counts)
    return dict(counts)


def _lists(doc: Document, counts: Counter) -> None:
    from doclint.rules.unfinished_sentence import _read, reads_as_sentence

    for item in doc.list_items:
        if item.paragraph is None or "table" in item.paragraph.containers:
            continue
        entry = _read(doc, item)
        if entry.state == "uncounted":
            continue
        clause = entry.text[entry.lead_in.end() :] if entry.lead_in else entry.text
        shape = (
            "lead_in_items" if entry.lead_in
            else "step_items" if item.ordered
            else "sentence_items" if reads_as_sentence(clause, 3)
            else "fragment_items"
        )
        counts[shape] += 1
        counts[f"{shape}+"] += entry.state == "punctuated"


def _headings(doc: Document, counts: Counter) -> None:
    for heading in doc.headings:
        words = _WORD.findall(doc.prose(heading.inline).text)
        later = [word for word in words[1:] if word.lower() not in _SMALL_WORDS and not word.isupper()]
        if len(later) < 2 or not words[0][:1].isupper():
            continue  # too short to tell, or a name
        counts["sentence_case_headings"] += 1
        counts["sentence_case_headings+"] += not all(word[:1].isupper() for word in later)


def _code(doc: Document, counts: Counter) -> None:
    """Of the sections that hold code, the share where text comes before the first code block."""
    waiting, text_seen = False, False  # a heading whose section has shown no code yet
    for token in doc.tokens:
        if token.type == "heading_open":
            waiting, text_seen = True, False
        elif waiting and token.type == "paragraph_open":
            text_seen = True
        elif waiting and token.type in ("fence", "code_block"):
            counts["text_before_code"] += 1
            counts["text_before_code+"] += text_seen
            waiting = False


def _spelling(doc: Document, counts: Counter) -> None:
    if not any(word in doc.text for word in ("olo", "avio", "ize", "ise", "ent", "cen", "alog", "cel", "odel", "alyz", "alys")):
        return
    for inline in doc.inlines:
        for word in _WORD.findall(doc.prose(inline).text.lower()):
            stem = _stem(word)
            if stem in _SPELLINGS:
                counts["us_spelling"] += 1
                counts["us_spelling+"] += 1
            elif stem in _UK:
                counts["us_spelling"] += 1


_UK = frozenset(_SPELLINGS.values())


def _stem(word: str) -> str:
    for ending in ("s", "d", "r"):
        if word.endswith(ending) and word[:-1] in _SPELLINGS or word[:-1] in _UK:
            return word[:-1]
    return word
