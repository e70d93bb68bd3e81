"""`--format github`: GitHub Actions workflow commands, which the runner turns into annotations.

One command per finding, as documented in "Workflow commands for GitHub Actions"
(https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions):

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE

`error`, `warning` or `notice` follows the finding's severity. Values are escaped as the
runner's own toolkit escapes them (actions/toolkit, packages/core/src/command.ts): in the message
`%`, `\\r` and `\\n` become `%25`, `%0D` and `%0A`; in property values `:` and `,` also become
`%3A` and `%2C`. The toolkit documents that columns "cannot be sent when startLine and endLine are
different values", so a finding that spans lines gives its lines only.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and silently drops
the rest, in the order they were printed. So errors come first, then warnings, then notices, each
kind capped at `PER_KIND`, and when any finding is left out one last notice counts them (it takes
one of the notices' places, so that it is itself shown). The job summary (formats.summary)
lists what the annotations cannot.

After that escaping every value is `plain` (doclint.formats.safe): other controls are spelled
out and `##[` is broken, so a finding is exactly one command and nothing else the runner obeys.
"""

from __future__ import annotations

import os

from doclint.findings import Finding, Severity
from doclint.formats import Report
from doclint.formats.safe import plain

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
PER_KIND = 10  # annotations of one kind GitHub shows per step


def render(report: Report, summary: bool | None = None) -> str:
    """The capped commands; `summary` says whether the job summary holds the rest (default: it
    does when `$GITHUB_STEP_SUMMARY` is set, as doclint then writes one)."""
    if summary is None:
        summary = bool(os.environ.get("GITHUB_STEP_SUMMARY"))
    by_kind = {severity: [f for f in report.findings if f.severity is severity] for severity in COMMANDS}
    hidden = sum(max(0, len(found) - PER_KIND) for found in by_kind.values())
    if hidden and len(by_kind[Severity.INFO]) >= PER_KIND:
        hidden += 1  # the count takes the last notice's place
    shown = []
    for severity in sorted(COMMANDS, reverse=True):
        cap = PER_KIND - 1 if severity is Severity.INFO and hidden else PER_KIND
        shown += by_kind[severity][:cap]
    lines = [command(finding) for finding in shown]
    if hidden:
        where = "see the job summary" if summary else "run doclint check to see them all"
        noun = "finding" if hidden == 1 else "findings"
        lines.append(f"::notice title=doclint::and {hidden} more {noun}: {where}")
    return "".join(line + "\n" for line in lines)


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
