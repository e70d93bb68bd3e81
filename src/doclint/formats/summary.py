"""The Markdown job summary that `--format github` appends to `$GITHUB_STEP_SUMMARY`.

Annotations are capped at 10 of a kind per step (doclint.formats.github), so the summary is
where a pull request's author sees everything: the totals, the count per rule with a link to the
rule's docs, and the first `LISTED` findings. Every text that comes from the repository (paths,
rule names of packs, messages quoting pages) goes through `inert_markdown`: the summary is
rendered as Markdown by GitHub, and a page must not be able to add links, images or HTML to it.

The summary is appended with one `write` on a file opened for appending, so that another
process's summary of the same step is never interleaved with it; a summary that cannot be written
is a warning, never a failed run: the findings were already reported.
"""

from __future__ import annotations

import os
from collections import Counter
from urllib.parse import quote

from doclint.findings import Severity
from doclint.formats import Report
from doclint.formats.safe import inert_markdown

LISTED = 50  # findings listed one by one; the table counts them all
MESSAGE_CHARS = 300  # a message quoting a long line is cut here (GitHub caps a summary at 1 MiB)
ENVIRONMENT = "GITHUB_STEP_SUMMARY"


def markdown(report: Report) -> str:
    from doclint.formats.text import summary

    lines = ["## doclint", "", inert_markdown(summary(report.findings, len(report.files))), ""]
    if not report.findings:
        return "\n".join(lines)
    lines += ["| rule | findings | severity |", "|---|---:|---|"]
    counts = Counter(finding.rule for finding in report.findings)
    severities: dict[str, set[Severity]] = {}
    for finding in report.findings:
        severities.setdefault(finding.rule, set()).add(finding.severity)
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        shown = ", ".join(str(severity) for severity in sorted(severities[rule], reverse=True))
        link = docs_link(_url(report, rule))
        name = inert_markdown(rule)
        lines.append(f"| {f'[{name}]({link})' if link else name} | {count} | {shown} |")
    listed = sorted(report.findings, key=lambda f: (-f.severity, f.path, f.line, f.column))[:LISTED]
    heading = "Findings" if len(listed) == len(report.findings) else f"First {len(listed)} of {len(report.findings)} findings"
    lines += ["", f"### {heading}", ""]
    for finding in listed:
        message = finding.message if len(finding.message) <= MESSAGE_CHARS else finding.message[:MESSAGE_CHARS] + "…"
        where = inert_markdown(f"{finding.path}:{finding.line}")
        lines.append(f"- {where} {finding.severity} **{inert_markdown(finding.rule)}**: {inert_markdown(message)}")
    return "\n".join(lines) + "\n"


def _url(report: Report, rule: str) -> str | None:
    """The rule's link as reports give it, its name percent-encoded where the template holds it
    (a pack's rule name is the repository's text: it cannot leave the docs folder)."""
    url = report.link(rule)
    if report.docs_url and url == report.docs_url.replace("{rule}", rule):
        return report.docs_url.replace("{rule}", quote(rule, safe=""))
    return url


def docs_link(url: str | None) -> str | None:
    """A rule's docs URL (doclint.ruledocs.link) safe inside a Markdown link: http(s) only, and
    every character that could end the link or start markup percent-encoded (a pack's rule name
    and its `link:` come from the repository)."""
    if not url or not url.startswith(("https://", "http://")):
        return None
    return quote(url, safe=":/?#=&%@+,;~-._!$'*")


def append(path: str, text: str) -> str | None:
    """Append `text` to the summary file in one write; the reason it could not, or None."""
    data = ("\n" + text).encode("utf-8", errors="backslashreplace")
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as error:
        return error.strerror or str(error)
    try:
        written = os.write(descriptor, data)
        while written < len(data):  # a short write (a full disk, a signal): finish or fail
            written += os.write(descriptor, data[written:])
    except OSError as error:
        return error.strerror or str(error)
    finally:
        os.close(descriptor)
    return None


def write_step_summary(report: Report) -> str | None:
    """Append the summary when the job has a summary file; a warning to show, or None."""
    path = os.environ.get(ENVIRONMENT)
    if not path:
        return None
    problem = append(path, markdown(report))
    return problem and f"cannot write the job summary to {path}: {problem}"
