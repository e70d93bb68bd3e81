"""One lint run: find the files, pick each file's rules from its config, lint, filter by what
changed. `doclint check` and `doclint review` both call `run`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from doclint.config import CommandLine, ConfigResolver, check_selectors, configured_rules
from doclint.discovery import discover
from doclint.document import Document
from doclint.engine import INTERNAL_ERROR, READ_ERROR, lint_document, lint_file, read_source
from doclint.findings import Finding, Severity
from doclint.registry import all_rules


FIX_ERROR = "fix-error"


@dataclass
class FixMode:
    """What to do with fixes: write them (`--fix`), or only show them (`--diff`)."""

    unsafe: bool = False
    write: bool = True


@dataclass
class Outcome:
    findings: list[Finding]
    files: list[str]  # display paths of the files checked
    failing: bool  # a finding is at or above its file's fail-on severity
    fixed: int = 0  # fixes applied (or, with --diff, that would be)
    fixed_files: int = 0
    diff: str = ""  # with --diff: the unified diff of every file


def run(
    paths: list[Path],
    flags: CommandLine,
    resolver: ConfigResolver,
    changed_since: str | None = None,
    filter_mode: str = "added",
    report_unused_suppressions: bool = False,
    fix: FixMode | None = None,
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

    outcome = Outcome([], [path.as_posix() for path in files], False)
    roots = [p.resolve() if p.is_dir() else p.resolve().parent for p in paths]
    rules_cache: dict = {}
    for path in files:
        config = resolver.for_path(path)
        layers = config.layers_for(path)
        key = (config.source, tuple(id(layer) for layer in layers))
        if key not in rules_cache:
            rules_cache[key] = configured_rules(layers, flags, config.universe)
        rules = rules_cache[key]
        changed = changes.get(path.resolve()) if changes is not None else None

        def keep(finding: Finding, changed=changed) -> bool:
            if changes is None or finding.rule in (INTERNAL_ERROR, READ_ERROR):
                return True
            from doclint.changes import keeps

            return keeps(changed, finding.line, filter_mode)

        if fix is None:
            found = lint_file(path, rules, path.as_posix(), report_unused_suppressions, config.universe)
        else:
            found = _fix_file(path, rules, config.universe, report_unused_suppressions, fix, keep, roots, outcome)
        found = [finding for finding in found if keep(finding)]
        threshold = Severity.parse(flags.fail_on or config.fail_on or "warning")
        outcome.failing = outcome.failing or any(finding.severity >= threshold for finding in found)
        outcome.findings.extend(found)
    return outcome


def _fix_file(path, rules, universe, report_unused, fix: FixMode, keep, roots, outcome: Outcome) -> list[Finding]:
    """Fix one file (or, with --diff, work out its fixes); return what is left to report."""
    from doclint import fix as fixing

    display = path.as_posix()
    source = read_source(path, display)
    if isinstance(source, Finding):
        return [source]
    data, original = source
    mdx = path.suffix.lower() == ".mdx"
    result = fixing.fix_text(
        original,
        lambda doc: lint_document(doc, rules, report_unused, universe),
        lambda text: Document(display, text, mdx=mdx),
        fix.unsafe,
        keep,
    )
    found = list(result.findings)
    if result.unstable:
        found.append(_file_problem(display, f"rule {', '.join(result.unstable)} kept changing the file after {fixing.MAX_PASSES} passes; stopped fixing"))
    if result.fixed == 0:
        return found
    new_text = fixing.restore(original, result.text)
    if new_text == original:
        return found
    outcome.fixed += result.fixed
    outcome.fixed_files += 1
    if not fix.write:
        outcome.diff += fixing.unified_diff(display, original, new_text)
        return found
    target = path.resolve()
    problem = None
    if path.is_symlink() and not any(target.is_relative_to(root) for root in roots):
        problem = f"is a symbolic link to {target}, outside the linted folders; not fixed"
    else:
        try:
            fixing.write_atomically(path, data, new_text)
        except (fixing.WriteError, OSError) as error:
            problem = f"not fixed: {error}"
    if problem is None:
        return found
    # The file keeps its old text, so report the findings of that text.
    outcome.fixed -= result.fixed
    outcome.fixed_files -= 1
    unfixed = lint_document(Document(display, original, mdx=mdx), rules, report_unused, universe)
    return unfixed + [_file_problem(display, problem)]


def _file_problem(display: str, message: str) -> Finding:
    return Finding(display, 1, 1, 1, 1, FIX_ERROR, Severity.ERROR, message)
