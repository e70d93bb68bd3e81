"""What a rule reports: a `Finding`, its `Severity`, and an optional `Fix` made of text edits.

Every output format, `--fix` and the pull-request suggestions are made from this one structure,
so it carries everything they need: 1-based line and column of the start and the end, and edits
expressed both as offsets (for applying) and as positions (for reporting).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How much a finding matters; ordered so that `>=` means "at least as serious"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return SEVERITY_NAMES[value.lower()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use {', '.join(SEVERITY_NAMES)})") from None


# The one vocabulary of severities, for config, packs and the command line alike. "suggestion"
# is Vale's word for what doclint calls info: a style guide ported from Vale keeps its words.
SEVERITY_NAMES = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "suggestion": Severity.INFO}


@dataclass(frozen=True)
class Edit:
    """Replace `text[start:end]` of the document with `content` (offsets into `Document.text`)."""

    start: int
    end: int
    content: str


@dataclass(frozen=True)
class Fix:
    """A set of edits that together resolve one finding.

    `safe` fixes keep the meaning of the text and may be applied without review (like ruff's safe
    fixes); unsafe ones are offered but applied only when the user asks.
    """

    edits: tuple[Edit, ...]
    safe: bool = True
    description: str = ""


@dataclass(frozen=True)
class Problem:
    """What a rule's `check` yields: a span of the document and what is wrong with it.

    The engine turns it into a `Finding`, adding the path, the rule's name and its severity, so a
    rule only has to say where and why.
    """

    start: int
    end: int
    message: str
    fix: Fix | None = None
    severity: Severity | None = None  # this problem's own severity, when not the rule's
    # Holds only under a house-style convention the page's site has (doclint.style.Applies):
    # decided once the run has learned the site's style.
    applies: Any = None


@dataclass(frozen=True, order=True)
class Finding:
    """One reported problem, with 1-based lines and columns (columns count characters)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    fix: Fix | None = field(default=None, compare=False)
    # Edits' positions, parallel to `fix.edits`: (line, column, end_line, end_column).
    fix_positions: tuple[tuple[int, int, int, int], ...] = field(default=(), compare=False)

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def to_dict(self) -> dict:
        """The JSON shape documented in the README."""
        fix = None
        if self.fix is not None:
            fix = {
                "applicability": "safe" if self.fix.safe else "unsafe",
                "description": self.fix.description,
                "edits": [
                    {
                        "line": line,
                        "column": column,
                        "end_line": end_line,
                        "end_column": end_column,
                        "content": edit.content,
                    }
                    for edit, (line, column, end_line, end_column) in zip(
                        self.fix.edits, self.fix_positions
                    )
                ],
            }
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "fix": fix,
        }
