"""One lint run: find the files, pick each file's rules from its config, lint, filter by what
changed. `doclint check` and `doclint review` both call `run`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from doclint.config import CommandLine, ConfigResolver, check_selectors, configured_rules
from doclint.discovery import discover
from doclint.engine import INTERNAL_ERROR, READ_ERROR, lint_file
from doclint.findings import Finding, Severity
from doclint.registry import all_rules


@dataclass
class Outcome:
    findings: list[Finding]
    files: list[str]  # display paths of the files checked
    failing: bool  # a finding is at or above its file's fail-on severity


def run(
    paths: list[Path],
    flags: CommandLine,
    resolver: ConfigResolver,
    changed_since: str | None = None,
    filter_mode: str = "added",
    report_unused_suppressions: bool = False,
) -> Outcome:
    """Raises ConfigError, RegistryError or ChangeError for errors of the run itself."""
    files = discover(paths, accept=lambda path: resolver.for_path(path).includes(path))
    # A selector on the command line must name a rule some linted file's config knows.
    known = dict(all_rules())
    for config in {id(c): c for c in map(resolver.for_path, files)}.values():
        known.update(config.universe)
    for option, values in (("--select", flags.select or []), ("--ignore", flags.ignore), ("--extend-select", flags.extend_select)):
        check_selectors(values, "command line", option, known)
    changes = None
    if changed_since is not None:
        from doclint.changes import changed_files

        changes = changed_files(changed_since)
        files = [path for path in files if path.resolve() in changes]

    findings: list[Finding] = []
    failing = False
    rules_cache: dict = {}
    for path in files:
        config = resolver.for_path(path)
        layers = config.layers_for(path)
        key = (config.source, tuple(id(layer) for layer in layers))
        if key not in rules_cache:
            rules_cache[key] = configured_rules(layers, flags, config.universe)
        found = lint_file(path, rules_cache[key], path.as_posix(), report_unused_suppressions, config.universe)
        if changes is not None:
            from doclint.changes import keeps

            changed = changes.get(path.resolve())
            found = [
                finding
                for finding in found
                if finding.rule in (INTERNAL_ERROR, READ_ERROR) or keeps(changed, finding.line, filter_mode)
            ]
        threshold = Severity.parse(flags.fail_on or config.fail_on or "warning")
        failing = failing or any(finding.severity >= threshold for finding in found)
        findings.extend(found)
    return Outcome(findings, [path.as_posix() for path in files], failing)
