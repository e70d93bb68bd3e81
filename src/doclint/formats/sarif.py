"""`--format sarif`: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

Follows the OASIS standard "Static Analysis Results Interchange Format (SARIF) Version 2.1.0"
(https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) and validates against its
schema (tests/schemas/sarif-schema-2.1.0.json). One run; the driver lists every rule that has a
result, in name order, and each result points at its rule by `ruleId` and `ruleIndex`.

Regions are 1-based and their `endColumn` is the column just past the region, as doclint's own
end columns are. Columns count characters (Unicode code points). SARIF has no default unit: a
run with results "SHALL contain" `columnKind` (§3.14.27), so the run says `unicodeCodePoints`,
and `newlineSequences` lists the line breaks doclint counts (CR LF, CR and LF).
Paths become relative URI references with `/` separators and percent-encoding of their bytes (a
space is `%20`, the undecodable byte E9 `%E9`); absolute paths become `file:` URIs. A finding's
fix becomes a SARIF `fix` with one replacement per edit; whether it is safe is kept in the fix's
`properties.applicability`. Rules, messages and fix descriptions are `visible`, and `dumps`
writes the JSON (doclint.formats.safe).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, metadata
from pathlib import PurePath
from urllib.parse import quote

from doclint import __version__
from doclint.engine import INTERNAL_ERROR, READ_ERROR
from doclint.findings import Finding, Severity
from doclint.formats import Report
from doclint.formats.safe import dumps, shown, visible
from doclint.registry import all_rules
from doclint.suppress import INVALID, UNUSED

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# Findings that come from doclint itself rather than from a rule in the registry.
PSEUDO_RULES = {
    INTERNAL_ERROR: "A rule failed on this file",
    READ_ERROR: "The file could not be read or decoded",
    INVALID: "A suppression comment names an unknown rule",
    UNUSED: "A suppression comment suppresses nothing",
}


def render(report: Report) -> str:
    names = sorted({visible(finding.rule) for finding in report.findings})
    index = {name: i for i, name in enumerate(names)}
    driver = {"name": "doclint", "version": __version__}
    url = project_url()
    if url:
        driver["informationUri"] = url
    driver["rules"] = [_descriptor(name) for name in names]
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "newlineSequences": ["\r\n", "\r", "\n"],
        "results": [_result(finding, index) for finding in report.findings],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return dumps(log, indent=2)


def project_url() -> str | None:
    """The home page in doclint's installed metadata (`[project.urls]` in pyproject.toml), if any."""
    try:
        meta = metadata("doclint")
    except PackageNotFoundError:
        return None
    urls = dict(entry.split(",", 1) for entry in meta.get_all("Project-URL") or [] if "," in entry)
    urls = {label.strip().lower(): url.strip() for label, url in urls.items()}
    for label in ("homepage", "repository", "source", "documentation"):
        if urls.get(label):
            return urls[label]
    return meta.get("Home-page") or None


def artifact_uri(path: str) -> str:
    """A display path (always `/`-separated) as a URI reference, percent-encoded as UTF-8.

    A byte that was not UTF-8 (a surrogate escape, as Python decodes file names) is encoded as
    itself, so the URI names the very file.
    """
    if PurePath(path).is_absolute():
        return PurePath(path).as_uri()
    return quote(path.encode("utf-8", "surrogateescape"), safe="/")


def _descriptor(name: str) -> dict:
    rule = all_rules().get(name)
    if rule is None:
        return {"id": name, "shortDescription": {"text": PSEUDO_RULES.get(name, name)}}
    descriptor = {"id": name, "name": name, "shortDescription": {"text": rule.summary}}
    if rule.description:
        descriptor["fullDescription"] = {"text": rule.description}
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    descriptor["properties"] = {"tags": list(rule.tags)}
    return descriptor


def _region(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _result(finding: Finding, rule_index: dict[str, int]) -> dict:
    uri = artifact_uri(finding.path)
    texts = shown(finding)
    result = {
        "ruleId": texts.rule,
        "ruleIndex": rule_index[texts.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": texts.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": _region(finding.line, finding.column, finding.end_line, finding.end_column),
                }
            }
        ],
    }
    if finding.fix is not None:
        replacements = [
            {"deletedRegion": _region(*position), "insertedContent": {"text": edit.content}}
            for edit, position in zip(finding.fix.edits, finding.fix_positions)
        ]
        fix = {
            "description": {"text": texts.fix.description or f"Fix {texts.rule}"},
            "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
            "properties": {"applicability": "safe" if finding.fix.safe else "unsafe"},
        }
        result["fixes"] = [fix]
    return result
