"""`--format text`: findings grouped by file, each with its source line and a marker under the
span (like ruff's full output), then a summary. Colour only on a terminal without NO_COLOR.

Every text from the repository is shown `plain` (doclint.formats.safe), and a path that would
start a line with `::` (a workflow command to the Actions runner) is shown as `./PATH`.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from doclint.findings import Finding, Severity
from doclint.formats import Report
from doclint.formats.safe import line_start, plain

WINDOW = 160  # characters of a source line shown around a finding

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class Text:
    """Text with styled spans, made into rich's `Text` only when a terminal shows the colours:
    importing rich.text costs about as much as parsing a page, and a report written to a pipe,
    a file or CI is its `plain` text."""

    def __init__(self) -> None:
        self._spans: list[tuple[str, str | None]] = []

    def append(self, text: str, style: str | None = None) -> None:
        self._spans.append((text, style))

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self._spans)

    def rich(self):
        from rich.text import Text as RichText

        out = RichText()
        for text, style in self._spans:
            out.append(text, style=style)
        return out


def render(report: Report, quiet: bool = False, statistics: bool = False, show_links: bool = False) -> Text:
    """The whole report as one styled text: printed once (rich is slow per call), or written
    as its plain text when there is no terminal to colour. With `show_links`, each finding ends
    with its rule's docs link (`report.link`)."""
    out = Text()
    previous_path = None
    for finding in report.findings:
        if previous_path is not None and finding.path != previous_path:
            out.append("\n")
        previous_path = finding.path
        _finding(out, finding, report.source_line(finding.path, finding.line))
        link = report.link(finding.rule) if show_links else None
        if link:
            out.append(f" {' ' * len(str(finding.line))} = docs: {plain(link)}\n", style="blue")
    if statistics:
        _statistics(out, report.findings)
    if not quiet:
        out.append(summary(report.findings, len(report.files)) + "\n")
    return out


def _finding(out: Text, finding: Finding, line_text: str | None) -> None:
    out.append(f"{_path(finding.path)}:{finding.line}:{finding.column}:", style="bold")
    out.append(" ")
    out.append(str(finding.severity), style=STYLES[finding.severity])
    out.append(" ")
    out.append(plain(finding.rule), style="magenta")
    out.append(f" {plain(finding.message)}\n")
    gutter = " " * len(str(finding.line))
    if line_text is not None:
        _excerpt(out, finding, line_text, gutter)
    if finding.fix is not None:
        kind = "safe fix" if finding.fix.safe else "unsafe fix"
        out.append(f" {gutter} = {kind}: {plain(finding.fix.description)}\n", style="green")


def _path(path: str) -> str:
    return line_start(path)


def _excerpt(out: Text, finding: Finding, line_text: str, gutter: str) -> None:
    """The finding's source line, with `^` under its span."""
    expanded, escaped = _shown_line(line_text)
    prefix = _shown_width(line_text[: finding.column - 1], escaped)
    if finding.end_line == finding.line:
        width = _shown_width(line_text[: finding.end_column - 1], escaped) - prefix
    else:
        width = len(expanded) - prefix
    width = max(1, width)
    # Show a window of a long line around the span, as ruff does: a 1 MB line must not be
    # printed once per finding.
    left = max(0, prefix - WINDOW // 2) if len(expanded) > WINDOW else 0
    shown = expanded[left : left + WINDOW]
    cut_left = "…" if left else ""
    cut_right = "…" if left + WINDOW < len(expanded) else ""
    out.append(f" {gutter} |\n {finding.line} | ", style="blue")
    out.append(cut_left + shown + cut_right + "\n")
    out.append(f" {gutter} | ", style="blue")
    start = prefix - left + len(cut_left)
    out.append(" " * start + "^" * min(width, WINDOW - (prefix - left)), style=STYLES[finding.severity])
    out.append("\n")


@lru_cache(maxsize=1)  # a line's findings come one after another: a long line is escaped once
def _shown_line(line_text: str) -> tuple[str, bool]:
    """A source line as shown, tabs expanded (to 4) then `plain`; and whether `plain` changed it."""
    expanded = line_text.expandtabs(4)
    shown = plain(expanded)
    return shown, shown != expanded


def _shown_width(start: str, escaped: bool) -> int:
    """How wide the start of a line is as shown, so that the marker stays under the span.

    Only a line that `plain` changed needs escaping again to be measured.
    """
    expanded = start.expandtabs(4)
    return len(plain(expanded)) if escaped else len(expanded)


def _statistics(out: Text, findings: list[Finding]) -> None:
    counts = Counter(finding.rule for finding in findings)
    fixable = Counter(finding.rule for finding in findings if finding.fixable)
    out.append("\n")
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = " [*]" if fixable[rule] else ""
        out.append(f"{count:6}  {plain(rule)}{mark}\n")


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
