"""Match a document's path against globs, with .gitignore meaning: `pricing/` matches a folder of
that name anywhere, `docs/**/api/**` is anchored, `*.mdx` matches a name at any depth, and a
pattern that matches a folder matches everything in it.

Globs come from the repository being linted (its config, its .gitignore files, rule options and
packs), so whoever opens a pull request writes them. They are therefore never turned into regular
expressions, which backtrack: one 40-character name against `*a*a*a...b` took minutes. A glob is
split into `/` segments; within a segment, the classic wildcard loop (on a mismatch, go back to
the last `*` only) matches in O(len(name) x len(segment)); across segments, a dynamic programme
places each `**`. A whole match costs at most O(len(path) x len(glob)). tests/test_paths.py checks
that this agrees with pathspec's GitIgnoreSpec; discovery.py uses it for .gitignore files.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, takewhile
from operator import or_
from pathlib import Path


class _Wild(enum.Enum):
    STAR = "*"  # inside a segment: any run of characters (a segment never holds a `/`)
    ANY = "?"  # any one character
    DOUBLE_STAR = "**"  # a whole segment: zero or more segments (one or more at the end)


STAR, ANY, DOUBLE_STAR = _Wild.STAR, _Wild.ANY, _Wild.DOUBLE_STAR


@dataclass(frozen=True)
class _Class:
    """A bracket expression: `[abc]`, `[a-z]`, `[!x]` or `[^x]`."""

    negated: bool
    chars: frozenset[str]
    ranges: tuple[tuple[str, str], ...]

    def __contains__(self, char: str) -> bool:
        inside = char in self.chars or any(low <= char <= high for low, high in self.ranges)
        return inside != self.negated


Token = str | _Wild | _Class  # a str token is one literal character


@dataclass(frozen=True)
class _Wildcards:
    """A segment with wildcards, and the literal text it ends with, which a name must end with
    too: a cheap test that turns most names away before the wildcard loop runs."""

    tokens: tuple[Token, ...]
    tail: str

    def matches(self, name: str) -> bool:
        """The iterative wildcard loop: after a mismatch, only the last `*` seen takes one more
        character, so the work is O(len(name) x len(tokens))."""
        if not name.endswith(self.tail):
            return False
        tokens = self.tokens
        token, char, star, resume = 0, 0, -1, 0
        while char < len(name):
            if token < len(tokens) and tokens[token] is STAR:
                star, resume = token, char
                token += 1
            elif token < len(tokens) and _one(tokens[token], name[char]):
                token += 1
                char += 1
            elif star >= 0:
                resume += 1
                token, char = star + 1, resume
            else:
                return False
        return all(rest is STAR for rest in tokens[token:])


def _one(token: Token, char: str) -> bool:
    if isinstance(token, str):
        return token == char
    return token is ANY or isinstance(token, _Class) and char in token


Segment = str | _Wildcards | _Wild  # a str segment is literal text; or DOUBLE_STAR


@dataclass(frozen=True)
class Glob:
    """A compiled glob: its segments, and whether it matches only folders (a trailing `/`)."""

    segments: tuple[Segment, ...]
    folder_only: bool

    @cached_property
    def literals(self) -> frozenset[str]:
        """The glob's wildcard-free segments: each must be one of a matching path's parts, so a
        path without one is rejected without the full programme (`api/` on most pages)."""
        return frozenset(segment for segment in self.segments if isinstance(segment, str))

    def match(self, parts: list[str], is_dir: bool = False, parents: bool = True, names: set[str] | None = None) -> bool:
        """Whether the path of `parts` matches; with `parents`, also whether a folder it is in
        does (so that a glob naming a folder covers all of the folder's contents). `names`, the
        set of `parts`, saves making it when one path is matched against several globs."""
        last = self.segments[-1]
        if not parents and last is not DOUBLE_STAR and not _segment_matches(last, parts[-1]):
            return False  # the common case in a .gitignore, rejected without the full programme
        if not self.literals <= (names if names is not None else set(parts)):
            return False
        ends = self._ends(parts)
        if (is_dir or not self.folder_only) and ends[-1]:
            return True
        return parents and any(ends[1:-1])

    def _ends(self, parts: list[str]) -> list[bool]:
        """ends[j]: whether the whole glob matches the first j segments of the path."""
        reach = [True] + [False] * len(parts)  # the segments so far match parts[:j]
        for index, segment in enumerate(self.segments):
            if segment is DOUBLE_STAR:
                reach = _spread(reach, strict=index == len(self.segments) - 1)
            else:
                reach = [False] + [reach[j] and _segment_matches(segment, part) for j, part in enumerate(parts)]
            if not any(reach):
                break
        return reach


def _spread(reach: list[bool], strict: bool) -> list[bool]:
    """Where a `**` can end from where it starts: anywhere at or after a start, or strictly after
    it for a final `**` (`docs/**` is what is inside docs, not docs itself)."""
    reached = list(accumulate(reach, or_))
    return [False] + reached[:-1] if strict else reached


def _segment_matches(segment: Segment, name: str) -> bool:
    return segment == name if isinstance(segment, str) else segment.matches(name)


@lru_cache(maxsize=1024)
def compile_glob(glob: str) -> Glob:
    """The compiled form of a glob; ValueError, with the reason, when it is malformed (one that
    could never match what its author meant, so a config says so instead of matching nothing)."""
    if not glob:
        raise ValueError("is empty")
    if glob.startswith("!"):
        raise ValueError("starts with `!`, a negation, which only .gitignore files have (`\\!` is a literal `!`)")
    folder_only = glob.endswith("/")
    body = glob[:-1] if folder_only else glob
    anchored = "/" in body  # `docs/*.md` and `/a.md` start at the base folder; `*.md` anywhere
    body = body.removeprefix("/")
    if not body:
        raise ValueError("matches nothing (it is only slashes)")
    names = body.split("/")
    if "" in names:
        raise ValueError("has an empty segment (`//`)")
    segments = [DOUBLE_STAR if name == "**" else _segment(name) for name in names]
    if not anchored and segments[0] is not DOUBLE_STAR:
        segments.insert(0, DOUBLE_STAR)
    return Glob(tuple(segments), folder_only)


def _segment(text: str) -> Segment:
    """The tokens of one segment, or the text itself when it has no wildcard."""
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            if i + 1 == len(text):
                raise ValueError("ends a segment with a `\\` that escapes nothing")
            tokens.append(text[i + 1])
            i += 2
        elif char == "[":
            token, i = _class(text, i)
            tokens.append(token)
        else:
            # `**` inside a segment (`a**b`) is one `*`, as in git.
            if not (char == "*" and tokens and tokens[-1] is STAR):
                tokens.append({"*": STAR, "?": ANY}.get(char, char))
            i += 1
    if all(isinstance(token, str) for token in tokens):
        return "".join(tokens)
    tail = takewhile(lambda token: isinstance(token, str), reversed(tokens))
    return _Wildcards(tuple(tokens), "".join(reversed(list(tail))))


def _class(text: str, start: int) -> tuple[_Class, int]:
    """The bracket expression opening at `start`, and the index after its `]`. A `]` first in
    the brackets is a member, as is a `-` first or last; `\\` escapes, as in git."""
    i = start + 1
    negated = i < len(text) and text[i] in "!^"
    i += negated
    chars: set[str] = set()
    ranges: list[tuple[str, str]] = []
    first = True
    while i < len(text) and (first or text[i] != "]"):
        first = False
        low, i = _class_char(text, i)
        if i + 1 < len(text) and text[i] == "-" and text[i + 1] != "]":
            high, i = _class_char(text, i + 1)
            if high < low:
                raise ValueError(f"has a reversed range `{low}-{high}`")
            ranges.append((low, high))
        else:
            chars.add(low)
    if i >= len(text):
        raise ValueError("has a `[` that is not closed")
    return _Class(negated, frozenset(chars), tuple(ranges)), i + 1


def _class_char(text: str, i: int) -> tuple[str, int]:
    if text[i] == "\\" and i + 1 < len(text):
        return text[i + 1], i + 2
    return text[i], i + 1


def _parts(path: str) -> list[str]:
    """A relative path's segments, without leading `./` and `../` (display paths have them)."""
    parts = [part for part in path.replace("\\", "/").split("/") if part]
    while parts and parts[0] in (".", ".."):
        parts.pop(0)
    return parts


def matches(path: str, globs) -> bool:
    """Whether a file's path, relative to the globs' folder, or a folder it is in matches any of
    the globs; ValueError for a malformed glob (configs check theirs when read)."""
    if not globs:
        return False
    parts = _parts(path)
    names = set(parts)
    return bool(parts) and any(compile_glob(glob).match(parts, names=names) for glob in globs)


def display(path) -> str:
    """A path as a user should see it in a message: relative to the current folder when inside."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)
