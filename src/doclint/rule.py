"""What a rule is: data about it plus one pure function over a `Document`.

Like markdownlint's rule objects and ruff's registry: a rule declares its name, a one-line
summary, its default severity, tags, whether it can fix what it finds, its options (typed, with
defaults) and examples of bad and good input. The examples are data: `doclint rule NAME` prints
them and the test suite runs every one of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from doclint.document import Document
from doclint.findings import Problem, Severity

Check = Callable[[Document, Mapping[str, Any]], Iterable[Problem]]


@dataclass(frozen=True)
class SiteCheck:
    """How a site-wide rule splits its work, so its results stay right when other pages change.

    `collect(doc, options)` takes what the rule needs from one page: plain data (str, int,
    bool, None, list, tuple, dict with str keys, frozenset of those scalars), since it is cached
    as JSON and sent between processes, and nothing that depends on where the checkout is (no
    absolute paths: a cache may be shared by two checkouts). `resolve(inputs, options, path)`
    judges those inputs against the rest of the site and yields problems with offsets into the
    page's text; `path` is the page as this run names it, so the rule finds the page's location
    at resolve time. The cache keeps the inputs, and every run resolves them again against the
    site as it is now.
    """

    collect: Callable[[Document, Mapping[str, Any]], Any]
    resolve: Callable[[Any, Mapping[str, Any], str], Iterable[Problem]]
    # Called with every page's inputs (and path) before any is resolved: lets the site index
    # learn what the pages being linted already told it, instead of reading them again.
    learn: Callable[[Any, Mapping[str, Any], str], None] | None = None


@dataclass(frozen=True)
class Option:
    """A setting of a rule, with its type and default.

    A `list` is a list of strings. A `dict` is a table (in TOML) with string keys; `values` says
    what each of its values must be: a type (`list` again meaning a list of strings), or a tuple
    of the strings allowed. For a `str`, `values` may be the tuple of strings allowed. The config
    checks these when it reads them.
    """

    name: str
    type: type
    default: Any
    description: str
    # Paths in the value (a string, a list's items, a table's values) are relative to the
    # config file that sets them; the config resolves them, so the rule sees absolute paths.
    path: bool = False
    values: type | tuple[str, ...] | None = None  # see above: a `dict`'s values, a `str`'s choices
    glob: bool = False  # a list of gitignore-style globs, checked when the config is read


@dataclass(frozen=True)
class Rule:
    """A rule as the registry holds it: its name, docs and options, and the check the engine runs."""

    name: str
    summary: str
    check: Check | None
    description: str = ""  # what it catches and why a reviewer cares (Markdown)
    severity: Severity = Severity.WARNING
    tags: tuple[str, ...] = ()
    fixable: bool = False
    options: tuple[Option, ...] = ()
    # Examples as (file name, text): bad ones must be flagged, good ones must not.
    bad_examples: tuple[tuple[str, str], ...] = ()
    good_examples: tuple[tuple[str, str], ...] = ()
    # Other pages of the site each example is linted with, for rules that compare pages.
    example_site: tuple[tuple[str, str], ...] = ()
    enabled_by_default: bool = True
    extra: Mapping[str, Any] = field(default_factory=dict)
    site: SiteCheck | None = None  # set for rules that read other pages (their `check` is unused)
    # Judges pages by the site's house style (doclint.style): the engine measures each page so the
    # run can learn it, and keeps the rule's `Problem.applies` findings the style bears out.
    house_style: bool = False

    def default_options(self) -> dict[str, Any]:
        return {option.name: option.default for option in self.options}
