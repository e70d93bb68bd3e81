"""`--format json`: a list of findings with 1-based lines and columns (see the README).

Texts are `visible` and the JSON is written by `dumps` (doclint.formats.safe).
"""

from __future__ import annotations

from doclint.formats import Report
from doclint.formats.safe import dumps, shown


def render(report: Report) -> str:
    return dumps([shown(finding).to_dict() for finding in report.findings], indent=2)
