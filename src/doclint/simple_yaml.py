"""Front matter of the plainest shape, read without PyYAML: importing it costs a one-page run
more than linting the page does.

Most pages' front matter is a few `key: value` lines and lists of paths (`redirect_from:` then
`  - /docs/old`). `load` reads exactly those whose values YAML would read as the same strings:
a plain scalar of printable ASCII starting with a letter or `/`, with no `:` or `#` (no nested
mapping, URL or comment to interpret) and not one of YAML 1.1's words for true, false or null;
or a one-line quoted string without escapes. Anything else (numbers, nesting, blocks, comments,
non-ASCII text, errors) is None, and the caller loads it with doclint.yaml_safe as before: what
`load` gives is always what `yaml.safe_load` gives.
"""

from __future__ import annotations

import re

MAX_LINES = 200  # a longer front matter is rare: PyYAML reads it, with its bounds

# A string value: plain, double-quoted or single-quoted, of printable ASCII, trailing spaces dropped.
_VALUE = r"""(?:([A-Za-z/][^:#"\x00-\x1f\x7f]*?)|"([^"\\\x00-\x1f\x7f]*)"|'([^'\x00-\x1f\x7f]*)') *"""
_ENTRY = re.compile(r"([A-Za-z_][\w-]*):(?: +" + _VALUE + ")?", re.ASCII)  # no value: a list follows
_ITEM = re.compile(r"( *)- +" + _VALUE, re.ASCII)
# Plain scalars YAML 1.1 (PyYAML's resolver) reads as booleans or null, not strings.
_WORDS = frozenset("yes no true false on off null".split())


def load(text: str) -> dict[str, str | list[str]] | None:
    """`text`'s mapping when it is only simple `key: value` and `key:` + `- item` lines, else None."""
    lines = [line for line in text.split("\n") if line]
    if len(lines) > MAX_LINES or not text.isascii():
        return None
    found: dict[str, str | list[str]] = {}
    index = 0
    while index < len(lines):
        entry = _ENTRY.fullmatch(lines[index])
        if entry is None or entry.group(1).lower() in _WORDS:
            return None
        index += 1
        if entry.group(2, 3, 4) != (None, None, None):
            value = _string(entry.group(2, 3, 4))
        else:  # a block sequence, its items all at one indent
            value, indent = [], None
            while index < len(lines) and (item := _ITEM.fullmatch(lines[index])) and indent in (None, item.group(1)):
                indent = item.group(1)
                value.append(_string(item.group(2, 3, 4)))
                index += 1
            if not value:
                return None  # `key:` alone is null; anything else under it is not ours
        if value is None or isinstance(value, list) and None in value:
            return None
        found[entry.group(1)] = value
    return found or None  # no keys at all: YAML's None, which PyYAML gives


def _string(groups: tuple[str | None, str | None, str | None]) -> str | None:
    """The string a plain, double- or single-quoted value is, or None for a plain word that YAML
    reads as something else."""
    plain, double, single = groups
    if plain is not None:
        return None if plain.lower() in _WORDS else plain
    return double if double is not None else single
