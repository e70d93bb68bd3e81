"""The findings doclint makes about a page itself, as ordinary rules (tag `doclint`).

They have no check: the engine (`internal-error`, `read-error`), the run (`time-limit`,
`fix-error`) and doclint.suppress (`invalid-suppression`, `unused-suppression`) make them. Being
rules, they are listed by `doclint rules`, documented by `doclint rule NAME`, and selected,
ignored and re-levelled in config like any other, so a team can, say, make `unused-suppression`
an error in CI.

The four GUARDS say a page was not (fully) linted. They stay on when `--select` narrows the
selection to other rules, since a user who picks one rule must still hear that a file could not
be read; only ignoring them (or `severity = "off"`) turns them off.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from doclint.findings import Finding, Severity
from doclint.rule import Rule

INTERNAL_ERROR = "internal-error"
READ_ERROR = "read-error"
TIME_LIMIT = "time-limit"
FIX_ERROR = "fix-error"
INVALID = "invalid-suppression"
UNUSED = "unused-suppression"
GUARDS = frozenset({INTERNAL_ERROR, READ_ERROR, TIME_LIMIT, FIX_ERROR})


def _rule(name: str, summary: str, description: str, severity: Severity = Severity.ERROR, **more) -> Rule:
    return Rule(name, summary, None, description, severity, ("doclint",), **more)


RULES = [
    _rule(
        INTERNAL_ERROR,
        "A rule failed on this file",
        "A rule raised an error on this page. The finding names the rule and the error; the other rules' "
        "findings on the page still appear, and the run goes on. It is a bug in the rule (or in a pack's "
        "pattern, such as one that backtracks for ever): report it with the page, or run "
        "`doclint --debug check PAGE` for details. It stays on under `--select`; ignore it by name to "
        "turn it off.",
    ),
    _rule(
        READ_ERROR,
        "The file could not be read or decoded",
        "The page was not linted: it could not be read, is not UTF-8 (UTF-16 or binary), holds a NUL "
        "byte, is larger than doclint reads, or leads outside the project (a symbolic link doclint "
        "refuses to follow). The message says which. Convert the file to UTF-8, fix the link, or "
        "exclude the file. It stays on under `--select`; ignore it by name to turn it off.",
    ),
    _rule(
        TIME_LIMIT,
        "Linting the page took longer than its CPU time limit",
        "Linting this page used more CPU time than the limit (10 seconds by default), so it was cut "
        "off and its other findings are not reported. A page this slow is usually generated. Raise "
        "the limit with `--time-limit SECONDS` or the config's `time-limit`, or exclude the page. It "
        "stays on under `--select`; ignore it by name to turn it off.",
    ),
    _rule(
        FIX_ERROR,
        "A fix could not be written to the file",
        "`--fix` computed fixes for this page but could not write the file (read-only, replaced while "
        "doclint ran, or a symbolic link), or a rule kept changing the page after 10 passes. The file "
        "keeps its old text, and the findings reported are those of that text. It stays on under "
        "`--select`; ignore it by name to turn it off.",
    ),
    _rule(
        UNUSED,
        "A suppression comment suppresses nothing",
        "A `doclint-disable`, `doclint-disable-next-line`, `doclint-disable-line` or "
        "`doclint-disable-file` comment that suppressed no finding, so stale suppressions do not pile "
        "up (like ruff's RUF100). Off by default: select it (`--extend-select unused-suppression`, "
        "which `--report-unused-suppressions` is short for, or `extend-select` in config). Remove the "
        "comment. Only a directive that names `unused-suppression` suppresses this finding.",
        Severity.WARNING,
        enabled_by_default=False,
        bad_examples=(("page.md", "<!-- doclint-disable-next-line leftover-todo -- kept on purpose -->\nDone.\n"),),
        good_examples=(("page.md", "Done.\n"),),
    ),
    _rule(
        INVALID,
        "A suppression comment names an unknown rule",
        "A `doclint-disable` or `doclint-enable` comment names a rule doclint does not know (the "
        "message suggests the closest name). It suppresses nothing: correct the name or remove the "
        "comment. Only a directive that names `invalid-suppression` suppresses this finding, so a "
        "blanket `doclint-disable-file` does not hide a misspelt rule.",
        Severity.WARNING,
        bad_examples=(("page.md", "<!-- doclint-disable-next-line pricng -->\nIt costs $5.\n"),),
        good_examples=(("page.md", "<!-- doclint-disable-next-line pricing -- the list price -->\nIt costs $5.\n"),),
    ),
]
NAMES = frozenset(rule.name for rule in RULES)


def levelled(findings: Iterable[Finding], rules) -> list[Finding]:
    """Drop the findings of these rules that the page's configured `rules` leave out, and give
    the rest the severity config sets (they are made with their default one)."""
    chosen = {configured.rule.name: configured.severity for configured in rules if configured.rule.name in NAMES}
    kept = []
    for finding in findings:
        if finding.rule in NAMES:
            if finding.rule not in chosen:
                continue
            if finding.severity != chosen[finding.rule]:
                finding = replace(finding, severity=chosen[finding.rule])
        kept.append(finding)
    return kept
