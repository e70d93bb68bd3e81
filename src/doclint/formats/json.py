"""`--format json`: a list of findings with 1-based lines and columns (see the README)."""

from __future__ import annotations

import json

from doclint.formats import Report


def render(report: Report) -> str:
    return json.dumps([finding.to_dict() for finding in report.findings], indent=2, ensure_ascii=False)
