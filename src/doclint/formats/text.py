"""`--format text`: findings grouped by file, each with its source line and a marker under the
span (like ruff's full output), then a summary. Colour only on a terminal without NO_COLOR."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.text import Text

from doclint.findings import Finding, Severity
from doclint.formats import Report

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def write(report: Report, console: Console, quiet: bool = False, statistics: bool = False) -> None:
    findings, source_line, files_checked = report.findings, report.source_line, len(report.files)
    previous_path = None
    for finding in findings:
        if previous_path is not None and finding.path != previous_path:
            console.print()
        previous_path = finding.path
        _write_finding(console, finding, source_line(finding.path, finding.line))
    if statistics:
        _write_statistics(console, findings)
    if not quiet:
        console.print(summary(findings, files_checked), soft_wrap=True)


def _write_finding(console: Console, finding: Finding, line_text: str | None) -> None:
    head = Text()
    head.append(f"{finding.path}:{finding.line}:{finding.column}:", style="bold")
    head.append(" ")
    head.append(str(finding.severity), style=STYLES[finding.severity])
    head.append(" ")
    head.append(finding.rule, style="magenta")
    head.append(" ")
    head.append(finding.message)
    console.print(head, soft_wrap=True)
    if line_text is not None:
        gutter = " " * len(str(finding.line))
        expanded = line_text.expandtabs(4)
        prefix = line_text[: finding.column - 1].expandtabs(4)
        if finding.end_line == finding.line:
            width = len(line_text[: finding.end_column - 1].expandtabs(4)) - len(prefix)
        else:
            width = len(expanded) - len(prefix)
        console.print(Text(f" {gutter} |", style="blue"), soft_wrap=True)
        console.print(Text(f" {finding.line} | ", style="blue") + Text(expanded), soft_wrap=True)
        marker = Text(f" {gutter} | ", style="blue")
        marker.append(" " * len(prefix) + "^" * max(1, width), style=STYLES[finding.severity])
        console.print(marker, soft_wrap=True)
    if finding.fix is not None:
        kind = "safe fix" if finding.fix.safe else "unsafe fix"
        console.print(
            Text(f" {' ' * len(str(finding.line))} = {kind}: {finding.fix.description}", style="green"),
            soft_wrap=True,
        )


def _write_statistics(console: Console, findings: list[Finding]) -> None:
    counts = Counter(finding.rule for finding in findings)
    fixable = Counter(finding.rule for finding in findings if finding.fixable)
    console.print()
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = " [*]" if fixable[rule] else ""
        console.print(Text(f"{count:6}  {rule}{mark}"), soft_wrap=True)


def summary(findings: list[Finding], files_checked: int) -> str:
    files = "file" if files_checked == 1 else "files"
    if not findings:
        return f"No problems in {files_checked} {files}."
    counts = Counter(finding.severity for finding in findings)
    parts = [
        f"{counts[severity]} {name}{'s' if counts[severity] != 1 and name != 'info' else ''}"
        for severity, name in (
            (Severity.ERROR, "error"),
            (Severity.WARNING, "warning"),
            (Severity.INFO, "info"),
        )
        if counts[severity]
    ]
    safe = sum(1 for finding in findings if finding.fixable and finding.fix.safe)
    unsafe = sum(1 for finding in findings if finding.fixable and not finding.fix.safe)
    noun = "problem" if len(findings) == 1 else "problems"
    with_files = len({finding.path for finding in findings})
    text = f"{len(findings)} {noun} ({', '.join(parts)}) in {with_files} of {files_checked} {files}"
    if safe:
        text += f", {safe} fixable with --fix"
    if unsafe:
        text += f", {unsafe} more with --fix --unsafe-fixes"
    return text + "."
