"""Inline suppressions, in HTML comments and, in MDX, in `{/* ... */}`:

    <!-- doclint-disable RULES -->  ...  <!-- doclint-enable RULES -->
    <!-- doclint-disable-next-line RULES -->
    <!-- doclint-disable-line RULES -->   (on the line it sits on)
    <!-- doclint-disable-file RULES -->

RULES is a comma- or space-separated list; none means every rule. `doclint-enable RULES` ends
the `doclint-disable` blocks that name only those rules; a bare `doclint-enable` ends them all. A
directive naming an unknown
rule is reported (`invalid-suppression`), and with `--report-unused-suppressions` so is one that
suppressed nothing (`unused-suppression`), as ruff's RUF100 does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from doclint.document import Document
from doclint.findings import Finding, Severity
from doclint.registry import all_rules, did_you_mean

INVALID = "invalid-suppression"
UNUSED = "unused-suppression"
_DIRECTIVE = re.compile(
    r"^\s*doclint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^\n]*?)\s*$"
)


@dataclass
class Directive:
    kind: str
    rules: frozenset[str]  # empty = every rule
    line: int  # where the comment starts
    column: int
    end_line: int  # where the comment ends
    used: bool = False


@dataclass
class _Range:
    directive: Directive
    first: int
    last: int  # inclusive; a very large number for "to the end"

    def covers(self, finding: Finding) -> bool:
        rules = self.directive.rules
        return self.first <= finding.line <= self.last and (not rules or finding.rule in rules)


def directives(doc: Document) -> list[Directive]:
    found = []
    for comment in doc.comments:
        match = _DIRECTIVE.match(comment.text)
        if not match:
            continue
        line, column = doc.position(comment.start)
        end_line, _ = doc.position(comment.start + len(comment.text))
        rules = frozenset(part for part in re.split(r"[\s,]+", match.group(2)) if part)
        found.append(Directive(match.group(1), rules, line, column, end_line))
    return found


def apply(
    path: str, found: list[Directive], findings: list[Finding], report_unused: bool = False, known_rules=None
) -> list[Finding]:
    """Drop suppressed findings; add findings about the directives themselves."""
    if not found:
        return findings
    found = [replace(directive, used=False) for directive in found]  # directives may be cached
    ranges = _ranges(found)
    kept = []
    for finding in findings:
        covering = [r for r in ranges if r.covers(finding)]
        for r in covering:
            r.directive.used = True
        if not covering:
            kept.append(finding)
    known = all_rules() if known_rules is None else known_rules
    for directive in found:
        for name in sorted(directive.rules - set(known)):
            kept.append(_about(path, directive, INVALID, f"`doclint-{directive.kind}` names unknown rule {name!r}{did_you_mean(name, known)}"))
        if report_unused and directive.kind != "enable" and not directive.used:
            what = ", ".join(sorted(directive.rules)) or "all rules"
            kept.append(_about(path, directive, UNUSED, f"`doclint-{directive.kind}` ({what}) suppresses nothing: remove it"))
    return sorted(kept)


def _ranges(found: list[Directive]) -> list[_Range]:
    end = 1 << 30
    ranges: list[_Range] = []
    open_blocks: list[_Range] = []
    for directive in found:
        if directive.kind == "disable-file":
            ranges.append(_Range(directive, 1, end))
        elif directive.kind == "disable-line":
            ranges.append(_Range(directive, directive.line, directive.end_line))
        elif directive.kind == "disable-next-line":
            ranges.append(_Range(directive, directive.end_line + 1, directive.end_line + 1))
        elif directive.kind == "disable":
            block = _Range(directive, directive.line, end)
            ranges.append(block)
            open_blocks.append(block)
        else:  # enable: ends the blocks that name only these rules (every block if it names none)
            for block in open_blocks:
                names = block.directive.rules
                if not directive.rules or (names and names <= directive.rules):
                    block.last = directive.line
            open_blocks = [b for b in open_blocks if b.last == end]
    return ranges


def _about(path: str, directive: Directive, rule: str, message: str) -> Finding:
    return Finding(path, directive.line, directive.column, directive.line, directive.column, rule, Severity.WARNING, message)
