"""The baseline: findings a team has accepted, so a gate fails only on new ones.

A finding is named by a fingerprint that survives unrelated edits: its rule, its page (relative
to the baseline file's folder), the heading path of its section, a hash of its line with the
whitespace collapsed, and its rank among the same rule's findings on that line. Line numbers are
not part of it, so lines added above, a section moved or a page reformatted keep the match;
editing the offending line itself makes the finding new. A key that occurs several times (the
same line twice in one section) is one entry with a count.

Matching goes in tiers, each entry's count consumed once, so that a moved finding still finds
its entry while exact ones are matched first: (1) the exact key; (2) the same rule, page, line
and rank in any section (a section renamed or moved within its page); (3) the same rule, line,
rank and innermost heading on another page linted in the same run (a section moved between
pages). Entries left over are stale: their finding is gone.

The file is JSON with sorted keys and sorted entries, one entry a line, so that its diffs review
well; it is written atomically and read with a size cap, and any problem with it is a
`BaselineError` naming the file (exit 2).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from doclint import BASELINE_FILE as FILE_NAME
from doclint.findings import Finding

VERSION = 1
MAX_BYTES = 64 * 1024 * 1024  # some 300,000 entries; a file past that was not written by doclint


class BaselineError(ValueError):
    """A baseline file that cannot be read or written: the message names it."""


@dataclass(frozen=True, order=True)
class Key:
    """One accepted finding's fingerprint."""

    path: str  # relative to the baseline file's folder, posix
    rule: str
    section: tuple[str, ...]  # the headings the finding sits under, outermost first
    hash: str  # 16 hex digits of sha256 of the finding's line, whitespace collapsed
    occurrence: int  # its rank by column among the same (rule, path, section, hash) on its line

    @property
    def heading(self) -> str:
        return self.section[-1] if self.section else ""


def line_hash(line: str) -> str:
    return hashlib.sha256(" ".join(line.split()).encode("utf-8")).hexdigest()[:16]


def section_of(outline: list[tuple[int, int, str]], line: int) -> tuple[str, ...]:
    """The heading path of `line`: the open headings above it (or on it), outermost first."""
    stack: list[tuple[int, str]] = []
    for heading_line, level, text in outline:
        if heading_line > line:
            break
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, text))
    return tuple(text for _, text in stack)


def fingerprints(findings: list[Finding], path: str, lines: list[str], outline: list[tuple[int, int, str]]) -> list[Key]:
    """Each finding's key, in the order given; `lines` are the page's lines as the rules read them."""
    keys: list[Key | None] = [None] * len(findings)
    rank: Counter = Counter()
    # The rank on a line follows the column, whatever order the findings come in.
    for i in sorted(range(len(findings)), key=lambda i: (findings[i].line, findings[i].column)):
        finding = findings[i]
        text = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        same = (finding.line, finding.rule)
        keys[i] = Key(path, finding.rule, section_of(outline, finding.line), line_hash(text), rank[same])
        rank[same] += 1
    return keys


def page_lines(text: str) -> list[str]:
    """The page's lines as doclint.document.Document reads them (no BOM, any line ending)."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


@dataclass
class Match:
    """What a run's findings made of the baseline."""

    accepted: list[tuple[Key, Finding]] = field(default_factory=list)
    new: list[tuple[Key, Finding]] = field(default_factory=list)
    stale: Counter = field(default_factory=Counter)  # entries in scope whose finding is gone
    untouched: Counter = field(default_factory=Counter)  # entries this run could not judge


def match(entries: Counter, found: list[tuple[Key, Finding]], in_scope: Callable[[Key], bool], linted: set[str]) -> Match:
    """Split `found` into accepted and new findings against `entries` (key -> count).

    `linted` is the pages this run linted (baseline paths) and `in_scope` says whether the run
    could have found an entry's finding (its page linted, its rule run): only those can be stale.
    """
    left = Counter(entries)
    result = Match()
    pending = list(found)
    tiers: list[Callable[[Key], tuple]] = [
        lambda key: (key.path, key.rule, key.section, key.hash, key.occurrence),
        lambda key: (key.path, key.rule, key.hash, key.occurrence),
        lambda key: (key.rule, key.hash, key.occurrence, key.heading),
    ]
    for tier, index_of in enumerate(tiers):
        pool: dict[tuple, list[Key]] = {}
        for key in sorted(left):
            if left[key] > 0 and (tier < 2 or key.path in linted):
                pool.setdefault(index_of(key), []).append(key)
        still = []
        for key, finding in pending:
            candidates = pool.get(index_of(key), ())
            entry = next((c for c in candidates if left[c] > 0), None)
            if entry is None:
                still.append((key, finding))
            else:
                left[entry] -= 1
                result.accepted.append((key, finding))
        pending = still
    result.new = pending
    for key, count in left.items():
        if count > 0:
            (result.stale if in_scope(key) else result.untouched)[key] += count
    return result


@dataclass
class Page:
    """What the baseline needs of one linted page."""

    display: str
    findings: list[Finding]
    lines: list[str]
    outline: list[tuple[int, int, str]]
    rules: frozenset[str]  # the rules that ran on it


@dataclass
class Baseline:
    """A baseline file and its entries (none when the file is still to be written)."""

    file: Path
    entries: Counter = field(default_factory=Counter)

    def apply(self, pages: list[Page], always_shown: frozenset[str], narrowed: bool) -> tuple[list[list[Finding]], Match]:
        """Each page's findings less the accepted ones, and the match. Findings of
        `always_shown` rules (the file could not be read or linted) are never accepted.
        `narrowed`: the command line chose the rules, so an entry of a rule that did not run on
        its page is not judged (not stale)."""
        folder = self.file.parent
        found, ran = [], {}
        for page in pages:
            path = relative(page.display, folder)
            ran[path] = page.rules
            judged = [f for f in page.findings if f.rule not in always_shown]
            found.extend(zip(fingerprints(judged, path, page.lines, page.outline), judged))
        result = match(self.entries, found, lambda key: key.path in ran and (not narrowed or key.rule in ran[key.path]), set(ran))
        accepted = {id(finding) for _, finding in result.accepted}
        return [[f for f in page.findings if id(f) not in accepted] for page in pages], result


def open_file(file: Path, must_exist: bool = True) -> Baseline:
    """The baseline at `file`: read, or (not `must_exist`) empty when there is none yet."""
    if not must_exist and not os.path.lexists(file):
        return Baseline(file)
    return Baseline(file, load(file))


def relative(display_path: str, folder: Path) -> str:
    """A page's path as the baseline in `folder` names it."""
    return Path(os.path.relpath(os.path.abspath(display_path), os.path.abspath(folder))).as_posix()


# --- the file -------------------------------------------------------------------------------


def load(path: Path) -> Counter:
    """The entries of the baseline file at `path` (key -> count), or a BaselineError."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise BaselineError(f"{path}: the baseline is larger than {MAX_BYTES // (1024 * 1024)} MiB; not read")
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise BaselineError(f"{path}: the baseline is not UTF-8 (byte at offset {error.start})") from None
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}:{error.lineno}:{error.colno}: the baseline is not valid JSON: {error.msg}") from None
    if not isinstance(document, dict) or document.get("version") != VERSION or not isinstance(document.get("entries"), list):
        raise BaselineError(f"{path}: not a doclint baseline (expected an object with \"version\": {VERSION} and \"entries\"; write one with `doclint baseline`)")
    entries: Counter = Counter()
    for number, entry in enumerate(document["entries"], 1):
        key = _entry_key(entry)
        if key is None:
            raise BaselineError(
                f"{path}: entry {number} is not a baseline entry (it needs path, rule, hash as strings, section as a list of "
                "strings, occurrence as an integer from 0 and count as an integer from 1)"
            )
        entries[key] += entry["count"]
    return entries


def _entry_key(entry) -> Key | None:
    if not isinstance(entry, dict) or set(entry) != {"path", "rule", "section", "hash", "occurrence", "count"}:
        return None
    strings = all(isinstance(entry[name], str) for name in ("path", "rule", "hash"))
    section = isinstance(entry["section"], list) and all(isinstance(part, str) for part in entry["section"])
    numbers = all(type(entry[name]) is int for name in ("occurrence", "count")) and entry["occurrence"] >= 0 and entry["count"] >= 1
    if not (strings and section and numbers):
        return None
    return Key(entry["path"], entry["rule"], tuple(entry["section"]), entry["hash"], entry["occurrence"])


def dumps(entries: Counter) -> str:
    """The file's text: stable for the same entries, one entry a line."""
    lines = []
    for key in sorted(key for key, count in entries.items() if count > 0):
        entry = {"count": entries[key], "hash": key.hash, "occurrence": key.occurrence, "path": key.path, "rule": key.rule, "section": list(key.section)}
        lines.append("  " + json.dumps(entry, sort_keys=True))  # ASCII: a file name that is not UTF-8 still writes
    body = ",\n".join(lines)
    return f'{{\n "entries": [\n{body}\n ],\n "version": {VERSION}\n}}\n' if lines else f'{{\n "entries": [],\n "version": {VERSION}\n}}\n'


def write(path: Path, entries: Counter) -> None:
    """Write the baseline atomically (a temporary file, then a rename): never half written, and
    never through a symbolic link out of the tree."""
    from doclint.fix import WriteError, write_atomically

    try:
        write_atomically(path, None, dumps(entries))
    except (WriteError, OSError) as error:
        raise BaselineError(f"cannot write the baseline {path}: {error}") from None
