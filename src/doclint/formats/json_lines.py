"""`--format json-lines`: one finding per line, each the same object as in `--format json`.

JSON Lines (https://jsonlines.org/): UTF-8, one JSON value per line, lines ended by `\\n`, no
enclosing list, so a consumer can stream the findings. No findings give empty output.
"""

from __future__ import annotations

import json

from doclint.formats import Report


def render(report: Report) -> str:
    return "".join(json.dumps(finding.to_dict(), ensure_ascii=False) + "\n" for finding in report.findings)
