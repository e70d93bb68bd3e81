"""`--format github`: GitHub Actions workflow commands, which the runner turns into annotations.

One command per finding, as documented in "Workflow commands for GitHub Actions"
(https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions):

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE

`error`, `warning` or `notice` follows the finding's severity. Values are escaped as the
runner's own toolkit escapes them (actions/toolkit, packages/core/src/command.ts): in the message
`%`, `\\r` and `\\n` become `%25`, `%0D` and `%0A`; in property values `:` and `,` also become
`%3A` and `%2C`. The toolkit documents that columns "cannot be sent when startLine and endLine are
different values", so a finding that spans lines gives its lines only.

After that escaping every value is `plain` (doclint.formats.safe): other controls are spelled
out and `##[` is broken, so a finding is exactly one command and nothing else the runner obeys.
"""

from __future__ import annotations

from doclint.findings import Finding, Severity
from doclint.formats import Report
from doclint.formats.safe import plain

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report) -> str:
    return "".join(command(finding) + "\n" for finding in report.findings)


def command(finding: Finding) -> str:
    one_line = finding.line == finding.end_line
    properties = (
        ("file", finding.path),
        ("line", finding.line),
        ("col", finding.column if one_line else None),
        ("endLine", finding.end_line),
        ("endColumn", finding.end_column if one_line else None),
        ("title", finding.rule),
    )
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties if value is not None)
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(finding.message)}"


def escape_data(text: str) -> str:
    return plain(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
