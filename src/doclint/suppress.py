"""Inline suppressions, in HTML comments and, in MDX, in `{/* ... */}`:

    <!-- doclint-disable RULES -->  ...  <!-- doclint-enable RULES -->
    <!-- doclint-disable-next-line RULES -->
    <!-- doclint-disable-line RULES -->   (on the line it sits on)
    <!-- doclint-disable-file RULES -->

RULES is a comma- or space-separated list; none means every rule. A reason may follow it after
` -- ` (two or more dashes between spaces): `doclint-disable-next-line pricing -- quoted price`.
In front matter, where a comment cannot be HTML or MDX, a YAML comment is a directive too
(`# doclint-disable-file pricing -- legacy page`). `doclint-enable RULES` ends the
`doclint-disable` blocks that name only those rules; a bare `doclint-enable` ends them all.

A directive naming an unknown rule is reported (`invalid-suppression`), and, when that rule is
selected, so is one that suppressed nothing (`unused-suppression`), as ruff's RUF100 does. Those
two findings are about the directives themselves, so only a directive naming them suppresses
them: a blanket `doclint-disable-file` must not hide that it is stale. Matching sorts and
bisects: a page with many findings and many directives costs their sum, not their product.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace

from doclint import lazy_re
from doclint.document import Document
from doclint.findings import Finding, Severity
from doclint.registry import all_rules, did_you_mean
from doclint.rules.doclint_findings import INVALID, UNUSED

_DIRECTIVE = lazy_re.compile(
    r"^\s*doclint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^\n]*?)\s*$"
)
_REASON = lazy_re.compile(r"(?:^|\s)-{2,}(?:\s|$)")  # ` -- ` between the rules and the reason
# A YAML comment line of the front matter that holds a directive.
_YAML_COMMENT = lazy_re.compile(r"^[ \t]*#[ \t]*(doclint-[^\n]*)$", re.MULTILINE)


@dataclass
class Directive:
    """A `doclint-disable` style comment: what it silences, where, and whether it silenced anything."""

    kind: str
    rules: frozenset[str]  # empty = every rule
    line: int  # where the comment starts
    column: int
    end_line: int  # where the comment ends
    reason: str = ""  # what follows ` -- `: why the finding is not fixed
    used: bool = False


@dataclass
class _Range:
    """The lines a directive covers (first to last, inclusive)."""

    directive: Directive
    first: int
    last: int  # inclusive; END for "to the end"


END = 1 << 30
EVERY = ""  # stands for "every rule" in per-rule counts (no rule name is empty)


def directives(doc: Document) -> list[Directive]:
    """The page's directives in document order: its comments', and its front matter's."""
    found = []
    front = doc.text[: doc.frontmatter_end]
    comments = [(m.group(1), m.start(1)) for m in _YAML_COMMENT.finditer(front, front.find("\n") + 1)]
    for text, start in comments + [(comment.text, comment.start) for comment in doc.comments]:
        match = _DIRECTIVE.match(text)
        if not match:
            continue
        line, column = doc.position(start)
        end_line, _ = doc.position(start + len(text))
        names, reason = _split_reason(match.group(2))
        rules = frozenset(part for part in re.split(r"[\s,]+", names) if part)
        found.append(Directive(match.group(1), rules, line, column, end_line, reason))
    return found


def _split_reason(text: str) -> tuple[str, str]:
    """The rule list and the reason (after ` -- `) of a directive's text."""
    parts = _REASON.split(text, maxsplit=1)
    return parts[0], (parts[1].strip() if len(parts) > 1 else "")


def apply(
    path: str, found: list[Directive], findings: list[Finding], report: dict[str, Severity] | None = None, known_rules=None
) -> list[Finding]:
    """Drop suppressed findings; add findings about the directives themselves: `report` maps
    INVALID and UNUSED, when selected, to their severities.

    A page written by a stranger may hold many findings and many directives, so nothing here
    compares every finding with every directive: see `_covered` and `_mark_used`.
    """
    if not found:
        return findings
    report = {INVALID: Severity.WARNING} if report is None else report
    found = [replace(directive, used=False) for directive in found]  # directives may be cached
    ranges = _ranges(found)
    kept = [finding for finding, covered in zip(findings, _covered(ranges, findings)) if not covered]
    _mark_used(ranges, findings)
    # Findings about directives are suppressed only by directives that name their rule.
    naming = [r for r in ranges if r.directive.rules]
    known = set(all_rules() if known_rules is None else known_rules)
    about: list[Finding] = []
    if INVALID in report:
        for directive in found:
            for name in sorted(directive.rules - known):
                about.append(_about(path, directive, INVALID, report[INVALID], f"`doclint-{directive.kind}` names unknown rule {name!r}{did_you_mean(name, known)}"))
        _mark_used(naming, about)
    if UNUSED in report:
        # A directive naming unused-suppression is judged last, once it could have been used.
        for last in (False, True):
            unused = [
                _about(path, d, UNUSED, report[UNUSED], f"`doclint-{d.kind}` ({', '.join(sorted(d.rules)) or 'all rules'}) suppresses nothing: remove it")
                for d in found
                if d.kind != "enable" and not d.used and (UNUSED in d.rules) == last
            ]
            _mark_used(naming, unused)
            about += unused
    kept += [finding for finding, covered in zip(about, _covered(naming, about)) if not covered]
    return sorted(kept)


def _ranges(found: list[Directive]) -> list[_Range]:
    """The lines each directive covers, in document order (an enable covers none)."""
    ranges: list[_Range] = []
    blocks = _OpenBlocks(found)
    for directive in found:
        if directive.kind == "disable-file":
            ranges.append(_Range(directive, 1, END))
        elif directive.kind == "disable-line":
            ranges.append(_Range(directive, directive.line, directive.end_line))
        elif directive.kind == "disable-next-line":
            ranges.append(_Range(directive, directive.end_line + 1, directive.end_line + 1))
        elif directive.kind == "disable":
            ranges.append(blocks.open(_Range(directive, directive.line, END)))
        else:
            blocks.end(directive)
    return ranges


class _OpenBlocks:
    """The `doclint-disable` blocks not yet ended, grouped by the rules they name.

    `doclint-enable R` ends the groups that name only rules in R. Each group is filed under one
    of its rules, the one the fewest enables name, and an enable looks only at the groups filed
    under its own rules: an enable that ends nothing costs next to nothing, where testing every
    open block at every enable was quadratic. (Subset matching has no fast general answer: only
    blocks built from a pool of rules that enables keep naming, never all at once, are looked at
    again and again.)
    """

    def __init__(self, found: list[Directive]) -> None:
        self.enabled = Counter(rule for d in found if d.kind == "enable" for rule in d.rules)
        self.groups: dict[frozenset[str], list[_Range]] = {}
        self.filed: dict[str, set[frozenset[str]]] = {}

    def _rule_for(self, rules: frozenset[str]) -> str:
        return min(rules, key=lambda rule: (self.enabled[rule], rule))

    def open(self, block: _Range) -> _Range:
        rules = block.directive.rules
        if rules not in self.groups:
            self.groups[rules] = []
            if rules:  # a block naming no rule ends only at a bare enable
                self.filed.setdefault(self._rule_for(rules), set()).add(rules)
        self.groups[rules].append(block)
        return block

    def end(self, enable: Directive) -> None:
        if enable.rules:
            ended = [rules for rule in enable.rules for rules in self.filed.get(rule, ()) if rules <= enable.rules]
            for rules in ended:
                self.filed[self._rule_for(rules)].discard(rules)
        else:
            ended = list(self.groups)
            self.filed.clear()
        for rules in ended:
            for block in self.groups.pop(rules):
                block.last = enable.line


def _covered(ranges: list[_Range], findings: list[Finding]) -> list[bool]:
    """Whether some range covers each finding: one sweep in line order, counting the ranges
    open at the current line for each rule (EVERY for those naming no rule)."""
    events = sorted(
        [(r.first, 1, r.directive.rules) for r in ranges] + [(r.last + 1, -1, r.directive.rules) for r in ranges],
        key=lambda event: event[0],
    )
    open_for: Counter[str] = Counter()
    covered = [False] * len(findings)
    done = 0
    for index in sorted(range(len(findings)), key=lambda i: findings[i].line):
        finding = findings[index]
        while done < len(events) and events[done][0] <= finding.line:
            _, step, rules = events[done]
            for rule in rules or (EVERY,):
                open_for[rule] += step
            done += 1
        covered[index] = open_for[EVERY] > 0 or open_for[finding.rule] > 0
    return covered


def _mark_used(ranges: list[_Range], findings: list[Finding]) -> None:
    """A directive is used when a finding it may suppress lies in its range: a bisection in the
    sorted lines of the findings of each rule it names (of all findings, if it names none)."""
    lines: dict[str, list[int]] = {EVERY: sorted(finding.line for finding in findings)}
    for finding in findings:
        lines.setdefault(finding.rule, []).append(finding.line)
    for rule_lines in lines.values():
        rule_lines.sort()
    for r in ranges:
        for rule in r.directive.rules or (EVERY,):
            found = lines.get(rule, [])
            at = bisect.bisect_left(found, r.first)
            if at < len(found) and found[at] <= r.last:
                r.directive.used = True
                break


def _about(path: str, directive: Directive, rule: str, severity: Severity, message: str) -> Finding:
    return Finding(path, directive.line, directive.column, directive.line, directive.column, rule, severity, message)
