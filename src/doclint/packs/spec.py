"""Reading a pack rule's YAML: the keys every rule type shares, and checking values.

Each problem is a `PackError` naming the file, the rule and the key, so a writer can fix a pack
without reading Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from doclint import lazy_re
from doclint.registry import did_you_mean


class PackError(Exception):
    def __init__(self, source: str, rule: str | None, key: str | None, message: str) -> None:
        where = source
        if rule:
            where += f": rule {rule}"
        if key:
            where += f": key {key!r}"
        super().__init__(f"{where}: {message}")


@dataclass
class Spec:
    """One rule's YAML mapping, with where it came from, for checked reads."""

    data: dict[str, Any]
    source: str
    rule: str

    def error(self, key: str | None, message: str) -> PackError:
        return PackError(self.source, self.rule, key, message)

    def get(self, key: str, kind: type | tuple, default: Any = None, required: bool = False) -> Any:
        if key not in self.data:
            if required:
                raise self.error(key, "is required")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.error(key, f"must be {_describe(kind)}, not {type(value).__name__}")
        return value

    def strings(self, key: str, required: bool = False) -> list[str]:
        value = self.get(key, list, [], required)
        if not all(isinstance(item, str) for item in value):
            raise self.error(key, "must be a list of strings")
        if required and not value:
            raise self.error(key, "must not be empty")
        return value

    def regex(self, key: str, pattern: str, flags: int = 0, trusted: bool = False):
        """Compile a pattern. A writer's own regular expression can backtrack for ever, so it runs
        on the `regex` engine with a timeout; a pattern doclint built from escaped literals
        (`trusted`) cannot, and runs on `re`. Either is compiled when first used: most pages
        never reach most of a pack's patterns (their literals skip them), and a run on a few
        pages would otherwise spend its time importing `regex` and compiling them. A writer's
        pattern is still refused when the pack loads: `re` reads it there, and what `re` cannot
        read, `regex` is asked about at once (its syntax is a superset of `re`'s)."""
        if trusted:
            return lazy_re.compile(pattern, flags)
        try:
            re.compile(pattern, flags)
        except (re.error, OverflowError, RecursionError):
            import regex

            try:
                regex.compile(pattern, flags | regex.VERSION0)
            except regex.error as error:
                raise self.error(key, f"bad regular expression {pattern!r}: {error}") from None
        return GuardedPattern(pattern, flags)

    def union(self, key: str, literal_parts: list[str], patterns: list[str], flags: int = 0):
        """One pattern matching any of `literal_parts` (built by doclint from escaped text) or of
        a writer's `patterns`; None when both are empty. The union is compiled once: when it
        fails, each pattern alone is compiled to name the one at fault."""
        parts = [*literal_parts, *(f"(?:{pattern})" for pattern in patterns)]
        if not parts:
            return None
        if not patterns:
            return self.regex(key, "|".join(parts), flags, trusted=True)
        try:
            return self.regex(key, "|".join(parts), flags)
        except PackError as union_error:
            for pattern in patterns:
                self.regex(key, pattern, flags)
            raise union_error

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                raise self.error(key, "unknown key" + did_you_mean(key, allowed))

    def message(self, default: str, placeholders: set[str]) -> Template:
        """The rule's message, checked now so that a bad one fails the pack load, not a run."""
        text = self.get("message", str, default)
        allowed = ", ".join("{" + p + "}" for p in sorted(placeholders))
        pieces, literal, last = [], "", 0
        for match in _BRACE.finditer(text):
            literal += text[last : match.start()]
            last = match.end()
            field = match.group(1)
            if match.group() in ("{{", "}}"):
                literal += match.group()[0]
            elif field is None:
                raise self.error("message", f"{text!r} has a lone {match.group()!r}: write {match.group() * 2!r} for a brace")
            else:
                _check_field(self, field, placeholders, allowed)
                pieces += [literal, field]
                literal = ""
        return Template(text, (*pieces, literal + text[last:]))


# `{{`, `}}`, a `{field}`, or a brace on its own.
_BRACE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_FIELD_EXTRAS = {"!": "a conversion", ":": "a format spec", ".": "attribute access", "[": "index access"}


def _check_field(spec: Spec, field: str, placeholders: set[str], allowed: str) -> None:
    name = re.split(r"[!:.\[]", field, maxsplit=1)[0]
    extra = field[len(name) : len(name) + 1]
    if extra:
        raise spec.error("message", f"'{{{field}}}' has {_FIELD_EXTRAS[extra]}; only {allowed} placeholders are allowed")
    if name not in placeholders:
        raise spec.error("message", f"unknown placeholder {{{name}}} (use {allowed})")


@dataclass(frozen=True)
class Template:
    """A pack message: literal text with `{name}` placeholders, filled by plain substitution.

    Never `str.format` on a writer's text: it honours `{match:>999999999}` (a gigabyte per
    finding) and `{match.__class__}`. `pieces` alternate literal text and placeholder names.
    """

    text: str
    pieces: tuple[str, ...]

    def render(self, **values: object) -> str:
        return "".join(piece if i % 2 == 0 else str(values[piece]) for i, piece in enumerate(self.pieces))


PATTERN_SECONDS = 1.0


class PatternTooSlow(RuntimeError):
    """A pack's pattern ran past PATTERN_SECONDS on one block of text."""


class GuardedPattern:
    """A compiled pack pattern whose matching gives up after PATTERN_SECONDS.

    Python's `re` cannot be interrupted once a match backtracks catastrophically (a pattern
    like `(\\w+\\s?)+$` on a long line): a pre-commit hook would hang. The `regex` engine takes a
    timeout; a pattern that hits it fails on that page with a clear internal-error finding.
    It is compiled on first use (`Spec.regex` has checked it).
    """

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags

    @cached_property
    def compiled(self):
        import regex

        return regex.compile(self.pattern, self.flags | regex.VERSION0)

    def finditer(self, text: str):
        import regex

        try:
            yield from self.compiled.finditer(text, timeout=PATTERN_SECONDS)
        except TimeoutError:
            raise PatternTooSlow(
                f"pattern {self.pattern!r} ran for over {PATTERN_SECONDS:g}s on one block of text "
                "(catastrophic backtracking?): simplify it"
            ) from None
        except regex.error as error:  # pragma: no cover - one `re` reads and `regex` refuses: none known
            raise PatternTooSlow(str(error)) from None


def _describe(kind) -> str:
    names = {str: "a string", list: "a list", dict: "a mapping", bool: "true or false", int: "a whole number"}
    if isinstance(kind, tuple):
        return " or ".join(names.get(k, k.__name__) for k in kind)
    return names.get(kind, kind.__name__)


def word_pattern(phrases: list[str]) -> str:
    """A regex matching any of the literal phrases as whole words (hyphens count as word parts,
    so `realtime` does not match inside `real-time`)."""
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return rf"(?<![\w-])(?:{alternatives})(?![\w-])"
