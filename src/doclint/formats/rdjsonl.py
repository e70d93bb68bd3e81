"""`--format rdjsonl`: reviewdog's Diagnostic Format as JSON Lines, one `Diagnostic` per line.

For `reviewdog -f=rdjsonl`; see proto/rdf/README.md and proto/rdf/jsonschema/Diagnostic.jsonschema
in reviewdog's repository. Each line is the diagnostic `--format rdjson` gives for the finding
(UTF-8 byte columns, suggestions only for safe fixes), plus its `source`, since a line stands
alone. No findings give empty output. Each line is written by `dumps` (doclint.formats.safe).
"""

from __future__ import annotations

from doclint.formats import Report
from doclint.formats.rdjson import diagnostic, source
from doclint.formats.safe import dumps


def render(report: Report) -> str:
    named = {"source": source()}
    lines = (dumps({**diagnostic(report, f), **named}) for f in report.findings)
    return "".join(line + "\n" for line in lines)
