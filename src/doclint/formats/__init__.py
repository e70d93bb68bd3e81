"""Output formats: each a small module over the same findings.

A module exposes `render(report: Report) -> str` (text writes through rich instead). Modules are
imported only when their format is chosen, so a run pays for one. Every text they show from a
repository goes through doclint.formats.safe first, so that output never acts on a terminal or CI.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from doclint import DOCS_URL
from doclint.findings import Finding

FORMATS = {
    "text": "doclint.formats.text",
    "json": "doclint.formats.json",
    "json-lines": "doclint.formats.json_lines",
    "github": "doclint.formats.github",
    "sarif": "doclint.formats.sarif",
    "rdjson": "doclint.formats.rdjson",
    "rdjsonl": "doclint.formats.rdjsonl",
    "junit": "doclint.formats.junit",
    "concise": "doclint.formats.concise",
}


@dataclass
class Report:
    """Everything a format may need besides the findings themselves."""

    findings: list[Finding]
    files: list[str] = field(default_factory=list)  # display paths of every file checked
    # The text of a 1-based line of a file, or None (for source excerpts and byte columns).
    source_line: Callable[[str, int], str | None] = lambda path, line: None
    # The rules the run knew (pack rules included), by name, and the docs link template: for
    # descriptors and links (doclint.ruledocs.link decides a rule's link).
    rules: Mapping[str, Any] = field(default_factory=dict)
    docs_url: str | None = DOCS_URL

    def link(self, rule: str) -> str | None:
        from doclint.ruledocs import link

        return link(rule, self.docs_url, self.rules)


def get(name: str):
    return importlib.import_module(FORMATS[name])
