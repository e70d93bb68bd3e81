"""Run rules over documents and turn what they yield into findings.

One rule failing on one file is reported as an `internal-error` finding of that file, naming the
rule, and the run goes on; a file that cannot be read or decoded is one `read-error` finding.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from doclint.document import Document
from doclint.findings import Finding, Problem, Severity
from doclint.rule import Rule

from doclint.rules.doclint_findings import INTERNAL_ERROR, INVALID, READ_ERROR, UNUSED


@dataclass(frozen=True)
class ConfiguredRule:
    """A rule as this run uses it: with its effective severity and options."""

    rule: Rule
    severity: Severity
    options: Mapping[str, Any]

    @classmethod
    def default(cls, rule: Rule) -> ConfiguredRule:
        return cls(rule, rule.severity, rule.default_options())


@dataclass
class Analysis:
    """One page's lint, in the form the cache keeps and worker processes send back.

    `findings` are the page's own findings before suppressions; `site_inputs` what each
    site-wide rule collected; `line_starts` and `directives` let `finish` place and suppress
    findings without the Document. `style` is the page's house-style measurements
    (doclint.style.measure.page_counts), and `conditional` the findings that hold only under a
    convention of the site's style, each with its `Applies`.
    """

    path: str
    findings: list[Finding]
    site_inputs: dict[str, Any]
    line_starts: array  # of "I"; a list is turned into one
    directives: list[Any]
    style: dict[str, int] = field(default_factory=dict)
    conditional: list[tuple[Finding, Any]] = field(default_factory=list)
    # The page's headings outside blockquotes and containers, (line, level, text): the
    # baseline (doclint.baseline) names a finding by the section it sits in.
    outline: list[tuple[int, int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # A run holds every page's analysis until the site rules are resolved: its line table
        # takes 4 bytes a line as an array, where a list of ints takes 36.
        if type(self.line_starts) is not array:
            self.line_starts = array("I", self.line_starts)


def analyse(doc: Document, rules: Iterable[ConfiguredRule]) -> Analysis:
    """Run each rule on the page: page rules to findings, site rules to their inputs."""
    from doclint import suppress

    findings: list[Finding] = []
    conditional: list[tuple[Finding, Any]] = []
    site_inputs: dict[str, Any] = {}
    style = False
    for configured in rules:
        rule = configured.rule
        style = style or rule.house_style
        if rule.check is None and rule.site is None:
            continue  # one of doclint's own findings (doclint.rules.doclint_findings)
        try:
            if rule.site is not None:
                site_inputs[rule.name] = rule.site.collect(doc, configured.options)
                continue
            problems = list(rule.check(doc, configured.options))
        except Exception as error:  # noqa: BLE001 - one broken rule must not stop the run
            findings.append(_internal_error(doc.path, rule, error))
            continue
        for problem in problems:
            finding = to_finding(doc.path, doc.position, configured, problem)
            if problem.applies is None:
                findings.append(finding)
            else:
                conditional.append((finding, problem.applies))
    counts = {}
    if style:
        from doclint.style.measure import page_counts

        counts = page_counts(doc)
    return Analysis(doc.path, findings, site_inputs, doc.line_starts, suppress.directives(doc), counts, conditional, outline(doc))


def outline(doc: Document) -> list[tuple[int, int, str]]:
    """The page's own headings as (line, level, text, whitespace collapsed); a heading inside a
    blockquote, list or container belongs to that block's outline, not the page's."""
    return [
        (heading.inline.line, heading.level, " ".join(heading.inline.token.content.split()))
        for heading in doc.headings
        if not heading.inline.containers
    ]


def finish(
    analysis: Analysis,
    rules: Iterable[ConfiguredRule],
    known_rules: Collection[str] | None = None,
    style: Any = None,
    *,
    cap: bool = True,
) -> list[Finding]:
    """Resolve the site rules' inputs against the site as it is now, keep the findings the
    site's house style (`style`, a doclint.style.HouseStyle, or None: not known) bears out, then
    apply suppressions. `cap=False` leaves the per-rule cap to the caller (`capped`), so a
    baseline can be applied to every finding first."""
    from doclint import suppress

    rules = list(rules)
    findings = list(analysis.findings)
    for finding, applies in analysis.conditional:
        percent = applies.share(style)
        if percent is not None:
            findings.append(replace(finding, message=finding.message.replace("{percent}", str(percent))))
    position = _positions(analysis.line_starts)
    for configured in rules:
        rule = configured.rule
        if rule.site is None or rule.name not in analysis.site_inputs:
            continue
        try:
            problems = list(rule.site.resolve(analysis.site_inputs[rule.name], configured.options, analysis.path))
        except Exception as error:  # noqa: BLE001
            findings.append(_internal_error(analysis.path, rule, error))
            continue
        findings.extend(to_finding(analysis.path, position, configured, problem) for problem in problems)
    # The findings about directives are made when selected (doclint.rules.doclint_findings).
    report = {configured.rule.name: configured.severity for configured in rules if configured.rule.name in (INVALID, UNUSED)}
    kept = suppress.apply(analysis.path, analysis.directives, sorted(findings), report, known_rules)
    return capped(kept) if cap else kept


MAX_PER_RULE = 100  # findings of one rule in one file; past that, one finding says how many more


def capped(findings: list[Finding]) -> list[Finding]:
    """A generated page with 200,000 TODOs needs one message, not 200,000."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    if all(count <= MAX_PER_RULE for count in counts.values()):
        return findings
    kept, seen = [], {}
    for finding in findings:
        seen[finding.rule] = seen.get(finding.rule, 0) + 1
        if seen[finding.rule] <= MAX_PER_RULE:
            kept.append(finding)
        elif seen[finding.rule] == MAX_PER_RULE + 1:
            more = counts[finding.rule] - MAX_PER_RULE
            kept.append(replace(finding, message=f"{more} more findings of {finding.rule} in this file are not shown", fix=None, fix_positions=()))
    return kept


def learn(analyses: Iterable[Analysis], rules_for) -> None:
    """Let site rules learn from every analysed page before any page is finished."""
    for analysis in analyses:
        for configured in rules_for(analysis):
            hook = configured.rule.site.learn if configured.rule.site else None
            if hook is not None and configured.rule.name in analysis.site_inputs:
                hook(analysis.site_inputs[configured.rule.name], configured.options, analysis.path)


def lint_document(
    doc: Document,
    rules: Iterable[ConfiguredRule],
    known_rules: Collection[str] | None = None,
    style: Any = None,
) -> list[Finding]:
    """Every finding on one page, suppressions applied; `style` as `finish` takes it."""
    rules = list(rules)
    return finish(analyse(doc, rules), rules, known_rules, style)


def _positions(line_starts):
    def position(offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(line_starts, offset) - 1
        return index + 1, offset - line_starts[index] + 1

    return position


def _internal_error(path: str, rule: Rule, error: Exception) -> Finding:
    return _file_finding(
        path, INTERNAL_ERROR, f"rule {rule.name!r} failed on this file: {type(error).__name__}: {error}"
    )


def lint_file(
    path: Path,
    rules: list[ConfiguredRule],
    display_path: str,
    known_rules: Collection[str] | None = None,
) -> list[Finding]:
    source = read_source(path, display_path)
    if isinstance(source, Finding):
        return [source]
    doc = Document(display_path, source[1], mdx=path.suffix.lower() == ".mdx")
    return lint_document(doc, rules, known_rules)


def too_large(display_path: str) -> Finding:
    """The `read-error` of a page over doclint.limits.MAX_FILE_BYTES, from a file or stdin."""
    from doclint.limits import MAX_FILE_BYTES

    return _file_finding(
        display_path, READ_ERROR, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB: not linted (a page this size is generated, not written)"
    )


def read_source(path: Path, display_path: str) -> tuple[bytes, str] | Finding:
    """The file's bytes and text, or a `read-error` finding saying why it cannot be linted."""
    from doclint import boundary
    from doclint.limits import MAX_FILE_BYTES

    if not boundary.allows(path):  # a symlink out of the tree: say where it leads, read nothing
        return _file_finding(display_path, READ_ERROR, f"not read: {boundary.current().why_not(path)} (doclint reads nothing outside the tree)")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return too_large(display_path)
        data = path.read_bytes()
    except OSError as error:
        return _file_finding(display_path, READ_ERROR, f"cannot read file: {error.strerror or error}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _file_finding(display_path, READ_ERROR, "UTF-16 text: doclint reads UTF-8; convert the file to UTF-8")
    nul = data.find(b"\0")  # anywhere: a NUL deep in a page would silently empty a paragraph
    if 0 <= nul < 8192:  # git's own sniff for binary files
        return _file_finding(display_path, READ_ERROR, "binary file (it holds NUL bytes), not a text page")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        return _file_finding(display_path, READ_ERROR, f"holds a NUL byte on line {line}: not linted (remove it)", line)
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return _file_finding(
            display_path,
            READ_ERROR,
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})",
            line,
        )


def to_finding(path: str, position, configured: ConfiguredRule, problem: Problem) -> Finding:
    """A rule's problem as a finding; `position` turns an offset into (line, column)."""
    line, column = position(problem.start)
    end_line, end_column = position(max(problem.end, problem.start))
    positions = ()
    if problem.fix is not None:
        positions = tuple(position(edit.start) + position(edit.end) for edit in problem.fix.edits)
    return Finding(
        path=path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        rule=configured.rule.name,
        severity=problem.severity or configured.severity,
        message=problem.message,
        fix=problem.fix,
        fix_positions=positions,
    )


def _file_finding(path: str, rule: str, message: str, line: int = 1) -> Finding:
    return Finding(path, line, 1, line, 1, rule, Severity.ERROR, message)
