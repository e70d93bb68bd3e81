"""`--format concise`: one line per finding, `path:line:col: rule severity message`.

The shape compilers and ruff's `--output-format concise` print, which editors (Vim's quickfix,
Emacs' compilation mode) jump to and grep filters: no excerpt, no summary. Texts are `plain`
(doclint.formats.safe), a message's line breaks are spelled out, so a finding is one line, and
a path that would start the line with `::` is shown as `./PATH`.
"""

from __future__ import annotations

from doclint.formats import Report
from doclint.formats.safe import line_start, plain, shown


def render(report: Report) -> str:
    lines = []
    for finding in map(shown, report.findings):
        message = plain(finding.message.replace("\r", "\\r").replace("\n", "\\n"))
        lines.append(f"{line_start(finding.path)}:{finding.line}:{finding.column}: {plain(finding.rule)} {finding.severity} {message}\n")
    return "".join(lines)
