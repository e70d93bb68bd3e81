"""Checks each page's front matter against a schema: required keys, types, allowed values, lengths.

The front matter is the page's metadata: the site builds its title, navigation, search snippet
and redirects from it. A missing `title`, a `meta_description` too long for a search result, a
`redirect_from:` left empty or a `title: No` that YAML reads as the boolean false all pass a
review of the rendered text and break the page in ways nobody sees until it ships. Front matter
that is not valid YAML is reported at the line the parser names, with its message; so is front
matter whose aliases expand it past 100,000 values or 200 levels (see `doclint.yaml_safe`).

The schema is set with options, and by default asks for little, because site generators differ
(MkDocs and Docusaurus take the title from the first heading, Hugo and Gatsby from front matter):
out of the box the rule reports invalid YAML and a `title` that YAML does not read as a string.
Describe your site's schema to get the rest:

- `required`: keys every page must have. When it names keys, a page with no front matter at
  all is reported at line 1.
- `types`: key -> `string`, `number`, `boolean`, `date`, `list` or `mapping`. A `date` may be a
  YAML date or a quoted `YYYY-MM-DD` string.
- `allowed`: key -> the values it may take (for a list, each item must be one of them).
- `max_lengths`: key -> the most characters its text may have (none by default: search
  engines cut titles and descriptions at different lengths, and a budget is a site's choice).

A key set twice is reported too (YAML silently keeps the last value). Each problem is
reported at the key's line (a missing key at the opening `---`). A key set to
nothing (`key:`) is reported as empty when it is required or has a type. Pages matching
`skip_paths` (a repository's README, CONTRIBUTING and CHANGELOG, which are not site pages) are
not checked. The rule is an error by default: the build reads these values, so a wrong one is a
broken page, not a matter of style.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Any

from doclint import lazy_re
from doclint.document import Document
from doclint.findings import Problem, Severity
from doclint.paths import matches
from doclint.rule import Option, Rule

TYPES = ("string", "number", "boolean", "date", "list", "mapping")
# `key:`, `"key":` or `'key':` at the start of a line (nested keys are indented; `- ` is a list item).
_TOP_LEVEL_KEY = lazy_re.compile(r"^(?!- )(?:\"([^\"\n]+)\"|'([^'\n]+)'|([^\s:#'\"][^:\n]*?))[ \t]*:(?:[ \t]|$)", re.MULTILINE)
_ISO_DATE = lazy_re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


def _type_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "string"


def _fits(value: Any, expected: str) -> bool:
    actual = _type_of(value)
    if expected == "date" and actual == "string":
        return bool(_ISO_DATE.fullmatch(value.strip()))
    return actual == expected


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def check(doc: Document, options: Mapping[str, Any]) -> Iterator[Problem]:
    if matches(doc.path, options["skip_paths"]):
        return
    if doc.frontmatter_error is not None:
        line, message = doc.frontmatter_error
        start, end = _line_span(doc, line)
        yield Problem(start, end, f"Front matter is not valid YAML: {message}")
        return
    required = options["required"]
    if not doc.frontmatter_end:
        if required:
            start, end = _line_span(doc, 1)
            yield Problem(start, end, f"No front matter: this page needs {_keys(required)}")
        return
    data = doc.frontmatter
    keys = _KeyLines(doc)
    for key, earlier in keys.repeated:
        yield keys.problem(key, f"`{key}` is set twice (also at line {earlier}); YAML keeps only this value")
    for key in required:
        if key not in data:
            yield Problem(0, 3, f"Front matter has no `{key}`, which every page needs")
        elif _empty(data[key]):
            yield keys.problem(key, f"`{key}` is empty, and every page needs one")
    for key, expected in options["types"].items():
        if key not in data or (key in required and _empty(data[key])):
            continue  # a missing or empty required key is reported above
        value = data[key]
        if value is None:
            yield keys.problem(key, f"`{key}` is empty; it should be a {expected}")
        elif not _fits(value, expected):
            found = _type_of(value)
            # YAML reads `title: No` as false and `title: 2024` as a number: quoting keeps the text.
            hint = " (put the value in quotes)" if expected == "string" and found != "list" and found != "mapping" else ""
            yield keys.problem(key, f"`{key}` should be a {expected}, not a {found}{hint}")
    for key, allowed in options["allowed"].items():
        if key not in data or _empty(data[key]):
            continue
        value = data[key]
        for item in value if isinstance(value, list) else [value]:
            if str(item) not in allowed:
                import difflib  # only a value off the list pays for it

                close = difflib.get_close_matches(str(item), allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                yield keys.problem(key, f"`{key}` is {str(item)!r}, not one of {', '.join(map(repr, allowed))}{hint}")
    for key, limit in options["max_lengths"].items():
        value = data.get(key)
        if isinstance(value, str) and len(value.strip()) > limit:
            yield keys.problem(key, f"`{key}` is {len(value.strip())} characters long; keep it to {limit}")


def _keys(keys: list[str]) -> str:
    return ", ".join(f"`{key}`" for key in keys)


def _line_span(doc: Document, line: int) -> tuple[int, int]:
    index = min(line, len(doc.line_starts)) - 1
    return doc.line_starts[index], doc.line_end(index)


class _KeyLines:
    """Where each top-level key is written in the front matter."""

    def __init__(self, doc: Document) -> None:
        self.spans: dict[str, tuple[int, int]] = {}  # the last line of a key: YAML keeps that value
        self.repeated: list[tuple[str, int]] = []  # (key, line of its earlier occurrence)
        for match in _TOP_LEVEL_KEY.finditer(doc.text, 0, doc.frontmatter_end):
            key = next(group for group in match.groups() if group is not None)
            line_index = doc.text.count("\n", 0, match.start())
            if key in self.spans:
                self.repeated.append((key, doc.position(self.spans[key][0])[0]))
            self.spans[key] = (match.start(), doc.line_end(line_index))

    def problem(self, key: str, message: str) -> Problem:
        start, end = self.spans.get(key, (0, 3))  # a key not written on a line of its own
        return Problem(start, end, message)


RULE = Rule(
    name="frontmatter",
    summary="Front matter that is not valid YAML or breaks the schema: required keys, types, values, lengths",
    check=check,
    description=__doc__,
    severity=Severity.ERROR,
    tags=("metadata",),
    options=(
        Option("required", list, [], "Keys every page must have (when not empty, pages need front matter)."),
        Option(
            "types",
            dict,
            {"title": "string"},
            "Key -> string, number, boolean, date, list or mapping.",
            values=TYPES,
        ),
        Option("allowed", dict, {}, "Key -> the list of values it may take.", values=list),
        Option("max_lengths", dict, {}, "Key -> the most characters its value may have.", values=int),
        Option(
            "skip_paths",
            list,
            ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", "CODE_OF_CONDUCT.md", "SECURITY.md", "LICENSE.md"],
            "Globs of files that are not site pages and have no front matter.",
            glob=True,
        ),
    ),
    bad_examples=(
        ("broken.md", "---\ntitle: Presence: who is online\n---\n\nSome text.\n"),
        ("page.mdx", "---\ntitle: No\nmeta_description: Answers to common questions.\n---\n\nSome text.\n"),
    ),
    good_examples=(
        ("guide.md", "---\ntitle: \"Presence: who is online\"\nmeta_description: Use presence to see who is online.\n---\n\nSome text.\n"),
        ("notes.md", "# Notes\n\nNo front matter: fine unless `required` names keys.\n"),
    ),
)
