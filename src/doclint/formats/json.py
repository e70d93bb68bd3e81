"""`--format json`: a list of findings with 1-based lines and columns (see the README)."""

from __future__ import annotations

import json

from doclint.findings import Finding


def render(findings: list[Finding], **_: object) -> str:
    return json.dumps([finding.to_dict() for finding in findings], indent=2, ensure_ascii=False)
