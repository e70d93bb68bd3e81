"""`--format rdjson`: reviewdog's Diagnostic Format as one `DiagnosticResult` JSON object.

For `reviewdog -f=rdjson`. Follows reviewdog's proto/rdf/reviewdog.proto and its JSON Schemas
(proto/rdf/jsonschema/DiagnosticResult.jsonschema and Diagnostic.jsonschema): each diagnostic has
a message, a location (path and range), a severity (ERROR, WARNING or INFO), the rule as its
code (with its docs link as `code.url`, from doclint.ruledocs.link) and, for safe fixes only, suggestions that reviewdog can offer as suggested changes.

reviewdog's columns are 1-based counts of UTF-8 bytes ("the column of b [in 'a𐐀b'] is 6"),
while doclint counts characters, so every column is converted with the line's text; when the
text is not available the character column is used as it is. Ranges end exclusively, as
doclint's do. The result's own `severity` is the most serious one among the diagnostics.
Path, rule and message are `visible`, suggestions exact, and `dumps` writes the JSON
(doclint.formats.safe).
"""

from __future__ import annotations

from doclint.findings import Finding, Severity
from doclint.formats import Report
from doclint.formats.safe import dumps, shown, visible
from doclint.formats.sarif import project_url

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def render(report: Report) -> str:
    result: dict = {"source": source()}
    if report.findings:
        result["severity"] = SEVERITIES[max(finding.severity for finding in report.findings)]
    result["diagnostics"] = [diagnostic(report, finding) for finding in report.findings]
    return dumps(result, indent=2)


def source() -> dict:
    url = project_url()
    return {"name": "doclint", "url": url} if url else {"name": "doclint"}


def diagnostic(report: Report, finding: Finding) -> dict:
    """One reviewdog `Diagnostic` for a finding, with UTF-8 byte columns."""
    path = finding.path  # as found, to read the file's lines; `texts.path` is the one shown
    span = (finding.line, finding.column, finding.end_line, finding.end_column)
    texts = shown(finding)
    found = {
        "message": texts.message,
        "location": {"path": texts.path, "range": _range(report, path, *span)},
        "severity": SEVERITIES[finding.severity],
        "code": {"value": texts.rule},
    }
    url = report.link(finding.rule)
    if url:  # reviewdog links the code to it
        found["code"]["url"] = visible(url)
    if finding.fix is not None and finding.fix.safe:
        found["suggestions"] = [
            {"range": _range(report, path, *position), "text": edit.content}
            for edit, position in zip(finding.fix.edits, finding.fix_positions)
        ]
    return found


def byte_column(report: Report, path: str, line: int, column: int) -> int:
    """The 1-based UTF-8 byte column of a 1-based character column of a line.

    Columns past the end of the line (the line break) count one byte each.
    """
    text = report.source_line(path, line)
    if text is None:
        return column
    before = text[: column - 1]
    return 1 + len(before.encode("utf-8")) + max(0, column - 1 - len(text))


def _range(report: Report, path: str, line: int, column: int, end_line: int, end_column: int) -> dict:
    return {
        "start": {"line": line, "column": byte_column(report, path, line, column)},
        "end": {"line": end_line, "column": byte_column(report, path, end_line, end_column)},
    }
