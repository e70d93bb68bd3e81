"""`--statistics` with `--format json` or `json-lines`: the number of findings per rule, as data.

As ruff does, the statistics replace the findings: a script asking for counts wants counts.
Each entry is `{rule, count, fixable}` (`fixable`: how many of them have a fix), most frequent
first; `json` wraps them in an object with the totals, `json-lines` writes one entry a line.
Formats made for one tool's findings (github, sarif, rdjson, rdjsonl, junit) have no place for
counts: the CLI refuses `--statistics` with them.
"""

from __future__ import annotations

from collections import Counter

from doclint.formats import Report
from doclint.formats.safe import dumps, visible

FORMATS = ("text", "concise", "json", "json-lines")  # the formats --statistics works with


def counts(report: Report) -> list[dict]:
    found = Counter(finding.rule for finding in report.findings)
    fixable = Counter(finding.rule for finding in report.findings if finding.fixable)
    ordered = sorted(found.items(), key=lambda item: (-item[1], item[0]))
    return [{"rule": visible(rule), "count": count, "fixable": fixable[rule]} for rule, count in ordered]


def render_json(report: Report) -> str:
    return dumps({"statistics": counts(report), "total": len(report.findings), "files": len(report.files)}, indent=2)


def render_json_lines(report: Report) -> str:
    return "".join(dumps(entry) + "\n" for entry in counts(report))


def render_text(report: Report) -> str:
    """The counts as the text report prints them (after `concise`'s findings)."""
    from doclint.formats.safe import plain

    return "".join(f"{e['count']:6}  {plain(e['rule'])}{' [*]' if e['fixable'] else ''}\n" for e in counts(report))
