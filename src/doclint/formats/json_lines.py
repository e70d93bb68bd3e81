"""`--format json-lines`: one finding per line, each the same object as in `--format json`.

JSON Lines (https://jsonlines.org/): UTF-8, one JSON value per line, lines ended by `\\n`, no
enclosing list, so a consumer can stream the findings. No findings give empty output. Texts
are `visible` and each line is written by `dumps` (doclint.formats.safe).
"""

from __future__ import annotations

from doclint.formats import Report
from doclint.formats.safe import dumps, shown


def render(report: Report) -> str:
    return "".join(dumps(shown(finding).to_dict()) + "\n" for finding in report.findings)
