"""Run rules over documents and turn what they yield into findings.

One rule failing on one file is reported as an `internal-error` finding of that file, naming the
rule, and the run goes on; a file that cannot be read or decoded is one `read-error` finding.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from doclint.document import Document
from doclint.findings import Finding, Problem, Severity
from doclint.rule import Rule

INTERNAL_ERROR = "internal-error"
READ_ERROR = "read-error"


@dataclass(frozen=True)
class ConfiguredRule:
    """A rule as this run uses it: with its effective severity and options."""

    rule: Rule
    severity: Severity
    options: Mapping[str, Any]

    @classmethod
    def default(cls, rule: Rule) -> ConfiguredRule:
        return cls(rule, rule.severity, rule.default_options())


def lint_document(
    doc: Document,
    rules: Iterable[ConfiguredRule],
    report_unused_suppressions: bool = False,
    known_rules: Collection[str] | None = None,
) -> list[Finding]:
    """Run each rule on the document, then apply its inline suppressions."""
    from doclint import suppress

    findings: list[Finding] = []
    for configured in rules:
        try:
            problems = list(configured.rule.check(doc, configured.options))
        except Exception as error:  # noqa: BLE001 - one broken rule must not stop the run
            findings.append(
                _file_finding(
                    doc.path,
                    INTERNAL_ERROR,
                    f"rule {configured.rule.name!r} failed on this file: "
                    f"{type(error).__name__}: {error}",
                )
            )
            continue
        findings.extend(to_finding(doc, configured, problem) for problem in problems)
    return suppress.apply(doc, sorted(findings), report_unused_suppressions, known_rules)


def lint_file(
    path: Path,
    rules: list[ConfiguredRule],
    display_path: str,
    report_unused_suppressions: bool = False,
    known_rules: Collection[str] | None = None,
) -> list[Finding]:
    source = read_source(path, display_path)
    if isinstance(source, Finding):
        return [source]
    doc = Document(display_path, source[1], mdx=path.suffix.lower() == ".mdx")
    return lint_document(doc, rules, report_unused_suppressions, known_rules)


def read_source(path: Path, display_path: str) -> tuple[bytes, str] | Finding:
    """The file's bytes and text, or a `read-error` finding saying why it cannot be linted."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return _file_finding(display_path, READ_ERROR, f"cannot read file: {error.strerror}")
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


def to_finding(doc: Document, configured: ConfiguredRule, problem: Problem) -> Finding:
    line, column = doc.position(problem.start)
    end_line, end_column = doc.position(max(problem.end, problem.start))
    positions = ()
    if problem.fix is not None:
        positions = tuple(
            doc.position(edit.start) + doc.position(edit.end) for edit in problem.fix.edits
        )
    return Finding(
        path=doc.path,
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
