"""Every safe fix of every rule, on the whole Ably corpus with the ably pack on, changes only the
flagged span, keeps the case pattern of what it replaces, and neither doubles nor loses
punctuation. One lint pass over a copy of the corpus: each fix is judged on the text it was
made for."""

from __future__ import annotations

import re
import shutil
from collections import Counter

import yaml
from conftest import REPO

from doclint.config import CommandLine, ConfigResolver, configured_rules
from doclint.document import Document
from doclint.engine import lint_document
from doclint.fix import apply_fixes

FIXABLE = {"unfinished-sentence", "ably.latin-abbreviations", "ably.product-names", "ably.realtime", "ably.us-spelling", "ably.whilst"}
PUNCTUATION = ",.;:"
CLOSING = PUNCTUATION + "!?)]}'\"’”"
INTRODUCTORY = {"for example", "that is"}  # phrases that take a comma before what they introduce
_LETTERS = re.compile(r"[^\W\d_]+")
# After a period that ends a sentence: the end of the line's text (a table cell's `|`, the end
# of the file, a new line that does not go on in lower case), or the next sentence's capital.
_SENTENCE_END = re.compile(r"[*_]*(?:[ \t]*(?:\||\Z|\n(?![ \t]*[a-z]))|\s+[A-Z])")
# Signs of a bad fix in a whole page: doubled punctuation, an introductory phrase without its comma.
_BAD_JOINS = re.compile(r"[,;:][ \t]*[,.;:]|(?<!\.)\.[,;:]|(?<![.\w/])\.\.(?!\.)|\b(?:[Ff]or example|[Tt]hat is) (?=\w)")


def substitutions() -> dict[str, tuple[dict[str, str], bool]]:
    """The ably pack's substitution rules: their swaps and whether they ignore case."""
    found = {}
    for path in (REPO / "rules" / "ably").glob("*.yaml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        if spec.get("type") == "substitution":
            found[f"ably.{path.stem}"] = (spec["swap"], bool(spec.get("ignorecase")))
    return found


def same_case_pattern(old: str, new: str) -> bool:
    """Whether `new` is in the case pattern of `old`: lower, Capitalised, Title Case or UPPER,
    judged on letters only (a text with no letters, such as an inserted period, has none)."""
    if not _LETTERS.search(old):
        return not _LETTERS.search(new)
    if old == old.lower():
        return new == new.lower()
    if old == old.upper() and len("".join(_LETTERS.findall(old))) > 1:
        return new == new.upper()
    old_words, new_words = _LETTERS.findall(old), _LETTERS.findall(new)
    if old_words[0].istitle() and all(w == w.lower() for w in old_words[1:]):  # Capitalised
        return new_words[0].istitle() and all(w == w.lower() for w in new_words[1:])
    if all(w.istitle() for w in old_words):  # Title Case
        return all(w.istitle() for w in new_words)
    return False  # mixed case (`iOS`): only a case-sensitive swap's own form may replace it


def faults(doc: Document, finding, swaps) -> list[str]:
    """What is wrong with one safe fix, judged on the text it was made for."""
    start = doc.line_starts[finding.line - 1] + finding.column - 1
    end = doc.line_starts[finding.end_line - 1] + finding.end_column - 1
    swap, ignorecase = swaps.get(finding.rule, ({}, True))
    found = []
    for edit in finding.fix.edits:
        old, new, text = doc.text[edit.start : edit.end], edit.content, doc.text
        written = swap.get(old)
        if not start <= edit.start <= edit.end <= end:
            found.append(f"edit {edit.start}-{edit.end} outside the flagged span {start}-{end}")
        # A case-sensitive swap may write its own fixed form (`javascript` -> `JavaScript`).
        if not (not ignorecase and new == written or same_case_pattern(old, new)):
            found.append(f"{old!r} -> {new!r} changes the case pattern")
        before, after = text[edit.start - 1 : edit.start], text[edit.end : edit.end + 1]
        if before in PUNCTUATION and new[:1] in PUNCTUATION or new[-1:] in PUNCTUATION and after in PUNCTUATION:
            found.append(f"{before}[{old!r} -> {new!r}]{after}: doubled punctuation")
        if new.lower().removesuffix(",") in INTRODUCTORY and not (new.endswith(",") or after in CLOSING):
            found.append(f"{old!r} -> {new!r} before {text[edit.end : edit.end + 10]!r}: lost its comma")
        if old.endswith(".") and not new.endswith((".", ",")) and _SENTENCE_END.match(text, edit.end):
            found.append(f"{old!r} -> {new!r} before {text[edit.end : edit.end + 10]!r}: lost the full stop")
    return found


def test_every_safe_fix_of_the_corpus_changes_only_its_span_keeping_case_and_punctuation(corpus, tmp_path):
    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    (copy / "doclint.toml").write_text('packs = ["ably"]\n')
    resolver, swaps = ConfigResolver(), substitutions()
    checked: Counter[str] = Counter()
    problems = []
    for page in sorted(copy.rglob("*.md*")):
        config = resolver.for_path(page)
        rules = configured_rules(config.layers_for(page), CommandLine(), config.universe)
        doc = Document(page.relative_to(copy).as_posix(), page.read_text(encoding="utf-8"), mdx=page.suffix == ".mdx")
        safe = [f for f in lint_document(doc, rules, config.universe) if f.fix is not None and f.fix.safe]
        for finding in safe:
            checked[finding.rule] += 1
            problems += [f"{doc.path}:{finding.line}: {finding.rule}: {fault}" for fault in faults(doc, finding, swaps)]
        # All of the page's safe fixes at once (one pass, as --fix makes it) join no text badly.
        fixed, _ = apply_fixes(doc.text, safe, unsafe=False)
        if len(_BAD_JOINS.findall(fixed)) > len(_BAD_JOINS.findall(doc.text)):
            problems.append(f"{doc.path}: its safe fixes together doubled punctuation or lost a comma")
    assert not problems, "\n".join(problems)
    assert set(checked) == FIXABLE, checked  # every rule with a safe fix was put to the test
    assert sum(checked.values()) > 250, checked
