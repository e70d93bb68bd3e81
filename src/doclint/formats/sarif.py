"""`--format sarif`: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

Follows the OASIS standard "Static Analysis Results Interchange Format (SARIF) Version 2.1.0"
(https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) and validates against its
schema (tests/schemas/sarif-schema-2.1.0.json). One run; the driver lists every rule that has a
result, in name order, and each result points at its rule by `ruleId` and `ruleIndex`.

GitHub code scanning reads a subset of SARIF with its own requirements and limits ("SARIF
support for code scanning" in GitHub's docs), which this module meets, tested in
tests/test_sarif_github.py:
- every rule descriptor has `shortDescription`, a `fullDescription` of at most 1,024 characters
  (longer ones are cut at a sentence or word with an ellipsis), `help.text` and `help.markdown`
  and `helpUri` (doclint.ruledocs.link): pack rules and doclint's own file findings too;
- `partialFingerprints["doclintFingerprint/v1"]` is a hash of the rule, the path, the finding
  line's text (whitespace collapsed) and which occurrence of that same triple in the file it is,
  so an alert keeps its identity when lines above it move, and uploads do not duplicate alerts;
- `artifactLocation.uri` is relative to the repository root (the git work tree, else the
  project root doclint.boundary uses) with `uriBaseId: %SRCROOT%`, the form GitHub resolves
  against the checkout; the root itself is described, not written, so no runner path leaks;
- `automationDetails.id` is `doclint/`, the category that keeps doclint's alerts apart from
  other tools' uploads;
- at most 25,000 results per run (GitHub rejects more), the most severe kept, with one line on
  stderr saying how many were left out; at most 20 tags per rule.

Regions are 1-based and their `endColumn` is the column just past the region, as doclint's own
end columns are. Columns count characters (Unicode code points). SARIF has no default unit: a
run with results "SHALL contain" `columnKind` (§3.14.27), so the run says `unicodeCodePoints`,
and `newlineSequences` lists the line breaks doclint counts (CR LF, CR and LF).
Paths become relative URI references with `/` separators and percent-encoding of their bytes (a
space is `%20`, the undecodable byte E9 `%E9`); a path outside every root becomes a `file:` URI.
A finding's fix becomes a SARIF `fix` with one replacement per edit; whether it is safe is kept in
the fix's `properties.applicability`. Rules, messages and fix descriptions are `visible`, and
`dumps` writes the JSON (doclint.formats.safe).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path, PurePath
from urllib.parse import quote

from doclint import __version__
from doclint.findings import Finding, Severity
from doclint.formats import Report
from doclint.formats.safe import dumps, shown, visible

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub code scanning's limits (docs: "SARIF results exceed one or more limits").
MAX_RESULTS = 25_000  # per run: a run with more is rejected
MAX_TAGS = 20  # per rule
MAX_DESCRIPTION = 1_024  # characters of fullDescription.text
SRCROOT = "%SRCROOT%"
AUTOMATION_ID = "doclint/"
FINGERPRINT = "doclintFingerprint/v1"


def render(report: Report) -> str:
    _root_of.cache_clear()  # roots are the run's (doclint.boundary): a long-lived process has many
    findings = _capped(report.findings)
    names = sorted({visible(finding.rule) for finding in findings})
    index = {name: i for i, name in enumerate(names)}
    driver = {"name": "doclint", "version": __version__}
    url = project_url()
    if url:
        driver["informationUri"] = url
    driver["rules"] = [_descriptor(report, name) for name in names]
    run = {
        "tool": {"driver": driver},
        "automationDetails": {"id": AUTOMATION_ID},
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The repository root: the git work tree, else the project folder doclint linted."}}},
        "columnKind": "unicodeCodePoints",
        "newlineSequences": ["\r\n", "\r", "\n"],
        "results": [_result(finding, index, fingerprint) for finding, fingerprint in zip(findings, fingerprints(report, findings))],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return dumps(log, indent=2)


def _capped(findings: list[Finding]) -> list[Finding]:
    """At most MAX_RESULTS findings, the most severe first chosen, in their report order."""
    if len(findings) <= MAX_RESULTS:
        return findings
    chosen = sorted(range(len(findings)), key=lambda i: -findings[i].severity)[:MAX_RESULTS]
    sys.stderr.write(
        f"doclint: SARIF holds {MAX_RESULTS:,} of {len(findings):,} results, the most severe "
        f"(GitHub code scanning takes at most {MAX_RESULTS:,} per run)\n"
    )
    return [findings[i] for i in sorted(chosen)]


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


def repository_path(path: str) -> str | None:
    """`path` relative to its repository root (see the module docstring), `/`-separated; None
    when it lies outside it."""
    absolute = os.path.abspath(path)
    root = _root_of(os.path.dirname(absolute))
    relative = os.path.relpath(absolute, root)
    if relative.startswith(".."):
        real = os.path.realpath(absolute)  # the root is resolved: compare like with like
        relative = os.path.relpath(real, root)
    return None if relative.startswith("..") else PurePath(relative).as_posix()


@lru_cache(maxsize=256)  # one lookup per folder, not per finding
def _root_of(folder: str) -> str:
    from doclint import boundary

    run = boundary.current()
    marker = Path(folder) / "page"  # root_for takes a path in the folder
    return str(run.root_for(marker) if run is not None else boundary.project_root(marker))


def _location(path: str) -> dict:
    relative = repository_path(path)
    if relative is None:
        return {"uri": artifact_uri(path)}
    return {"uri": artifact_uri(relative), "uriBaseId": SRCROOT}


def fingerprints(report: Report, findings: list[Finding]) -> list[str]:
    """Each finding's `doclintFingerprint/v1`: stable while its line's text stays the same."""
    seen: dict[tuple, int] = {}
    found = []
    for finding in findings:
        text = report.source_line(finding.path, finding.line) or ""
        key = (finding.rule, repository_path(finding.path) or finding.path, " ".join(text.split()))
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        data = "\0".join((*key, str(occurrence))).encode("utf-8", "surrogateescape")
        found.append(hashlib.sha256(data).hexdigest()[:32])
    return found


def clip(text: str, limit: int = MAX_DESCRIPTION) -> str:
    """`text` in at most `limit` characters: whole when it fits, else cut with an ellipsis after
    the last paragraph or list item that fits, else the last sentence (outside inline code),
    else the last word; a cut keeps at least half of `limit`."""
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    half = limit // 2
    line = room.rfind("\n")
    if line >= half:
        return room[:line].rstrip() + "…"
    sentences = [
        i + 1 for i in range(half, len(room) - 1)
        if room[i] in ".!?" and room[i + 1].isspace() and room[: i].count("`") % 2 == 0
    ]
    if sentences:
        return room[: sentences[-1]] + "…"
    word = room.rfind(" ")
    return (room[:word] if word >= half else room).rstrip() + "…"


def _paragraphs(markdown: str) -> str:
    """A description as plain text: each paragraph and list item on one line (source lines are
    wrapped at 100 columns; a viewer wraps them itself)."""
    paragraphs = []
    for paragraph in markdown.strip().split("\n\n"):
        lines: list[str] = []
        for line in paragraph.split("\n"):
            if not lines or _LIST_ITEM.match(line):
                lines.append(line.strip())
            else:
                lines[-1] += " " + line.strip()
        paragraphs.append("\n".join(" ".join(line.split()) for line in lines if line.strip()))
    return "\n\n".join(p for p in paragraphs if p)


_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")


def _descriptor(report: Report, name: str) -> dict:
    from doclint.ruledocs import find

    rule = find(name, report.rules)
    link = report.link(name)
    if rule is None:  # a rule doclint does not know (a finding from elsewhere): its id alone
        descriptor = {"id": name, "shortDescription": {"text": name}, "fullDescription": {"text": name}, "help": {"text": name, "markdown": f"`{name}`"}}
        if link:
            descriptor["helpUri"] = link
        return descriptor
    summary = visible(" ".join(rule.summary.split()) or name)
    description = rule.description.strip() or rule.extra.get("message", "") or rule.summary
    more = f"\n\nFull documentation: {link}" if link else ""
    descriptor = {
        "id": name,
        "name": name,
        "shortDescription": {"text": clip(summary)},
        # Multi-line texts stay as they are: `dumps` escapes what could act, and newlines are text.
        "fullDescription": {"text": clip(_paragraphs(description))},
        "help": {"text": description + more, "markdown": description + (f"\n\n[Full documentation]({link})" if link else "")},
    }
    if link:
        descriptor["helpUri"] = link
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    descriptor["properties"] = {"tags": list(rule.tags)[:MAX_TAGS]}
    return descriptor


def _region(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _result(finding: Finding, rule_index: dict[str, int], fingerprint: str) -> dict:
    location = _location(finding.path)
    texts = shown(finding)
    result = {
        "ruleId": texts.rule,
        "ruleIndex": rule_index[texts.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": texts.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": _region(finding.line, finding.column, finding.end_line, finding.end_column),
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }
    if finding.fix is not None:
        replacements = [
            {"deletedRegion": _region(*position), "insertedContent": {"text": edit.content}}
            for edit, position in zip(finding.fix.edits, finding.fix_positions)
        ]
        fix = {
            "description": {"text": texts.fix.description or f"Fix {texts.rule}"},
            "artifactChanges": [{"artifactLocation": dict(location), "replacements": replacements}],
            "properties": {"applicability": "safe" if finding.fix.safe else "unsafe"},
        }
        result["fixes"] = [fix]
    return result
