"""The command line: `doclint check`, `doclint rules`, `doclint rule NAME`.

Exit codes: 0 when nothing is at or above the failing severity, 1 when something is, 2 for
usage, configuration or I/O errors of the run itself.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from doclint import BASELINE_FILE, DOCS_URL, __version__

SEVERITIES = click.Choice(["error", "warning", "info", "suggestion"], case_sensitive=False)  # findings.SEVERITY_NAMES


class RunError(click.ClickException):
    """An error of the run itself (config, I/O): message on stderr, exit 2, no usage text."""

    exit_code = 2

    def format_message(self) -> str:
        """The message as one inert line: file names and config keys in it come from the repository."""
        from doclint.formats.safe import plain

        return plain(self.message)


def _split(values: tuple[str, ...]) -> list[str]:
    """Accept `--select a,b --select c` alike."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


class _Main(click.Group):
    """The command group, with one last guard: an unexpected error is one line and exit 2, and
    its traceback only with --debug."""

    def invoke(self, ctx: click.Context):
        from doclint import boundary

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `doclint check | head`: the reader has all it wanted
            _quiet_stdout()
            raise SystemExit(1) from None
        except Exception as error:  # noqa: BLE001 - the last guard before a traceback
            if ctx.obj and ctx.obj.get("debug"):
                import traceback

                click.echo(_without_secrets(traceback.format_exc()), err=True, nl=False)
                raise RunError("internal error (traceback above)") from None
            raise RunError(_without_secrets(f"internal error: {type(error).__name__}: {error} (run with --debug for the traceback)")) from None
        finally:
            boundary.set_current(None)  # a command's boundary ends with it (tests run many in one process)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit finds no broken pipe to report."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _without_secrets(text: str) -> str:
    """`text` with the GitHub token blanked out, in every form a message may quote it: as it is,
    stripped, and as Python's repr shows it (b'Bearer ghs_...\\n')."""
    token = os.environ.get("GITHUB_TOKEN", "")
    forms = {token, token.strip(), repr(token)[1:-1], repr(token.encode("utf-8", "replace"))[2:-1]}
    for form in sorted((f for f in forms if len(f) >= 4), key=len, reverse=True):
        text = text.replace(form, "***")
    return text


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="doclint")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """A docs linter for Markdown and MDX: the checks reviewers keep asking for by hand."""
    ctx.obj = {"debug": debug}


FORMAT_NAMES = ["text", "concise", "json", "json-lines", "github", "sarif", "rdjson", "rdjsonl", "junit"]


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--select", multiple=True, help="Only these rules or tags (comma-separated; ALL for every rule).")
@click.option("--extend-select", multiple=True, help="Add these rules or tags to the selection.")
@click.option("--ignore", multiple=True, help="Skip these rules or tags (comma-separated).")
@click.option("--format", "output_format", type=click.Choice(FORMAT_NAMES), default="text", show_default=True, help="Output format.")
@click.option("--output-file", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to this file instead of standard output.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--fail-on", type=SEVERITIES, default=None, help="Lowest severity that makes the run fail  [default: warning, or the config's fail-on]")
@click.option("--statistics", is_flag=True, help="Also print the number of findings per rule (with json or json-lines: only those counts).")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="Use this config file for every path (no discovery).")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--report-unused-suppressions", is_flag=True, help="Report doclint-disable comments that suppress nothing (--extend-select unused-suppression).")
@click.option("--changed-since", metavar="REF", help="Lint only files changed since this git ref (committed or not).")
@click.option("--filter-mode", type=click.Choice(["added", "diff_context", "file", "nofilter"]), default="added", show_default=True, help="With --changed-since: keep findings on added lines, on lines in the diff, in changed files, or all.")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply safe fixes, write the files, and report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix, --diff or --fix-only: apply unsafe fixes too.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; write nothing (exit 1 if there would be changes).")
@click.option("--fix-only", is_flag=True, help="Apply fixes and report nothing else.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: all cores when there are enough files).")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True, max=3600), metavar="SECONDS", help="CPU seconds one page may take before it is cut off  [default: 10, or the config's time-limit]")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False), envvar="DOCLINT_CACHE_DIR", help="Where the cache lives  [default: .doclint_cache]")
@click.option("--force-exclude", is_flag=True, help="Skip files named on the command line too when the config's exclude or the default skips match them (for pre-commit).")
@click.option("--show-links", is_flag=True, help="In the text report, print each finding's rule docs link.")
@click.option("--docs-url", metavar="TEMPLATE", default=DOCS_URL, show_default=True, help="Link to a rule's docs in reports ({rule} is replaced by its name; a pack rule's link: wins; '' for none).")
@click.option("--show-settings", is_flag=True, help="Print how the one page given would be linted (config, overrides, rules, site, house style); lint nothing.")
@click.option("--show-files", is_flag=True, help="Print the files that would be linted, one a line; lint nothing.")
@click.option("--add-suppressions", is_flag=True, help="Write a doclint-disable-next-line comment above each finding (like ruff's --add-noqa); report what no comment can suppress.")
@click.option("--reason", metavar="TEXT", default="", help="With --add-suppressions: the reason the comments give (after ' -- ').")
@click.option("--stdin-filename", type=click.Path(path_type=Path, dir_okay=False), metavar="PATH", help="With PATHS '-': the name of the page read from standard input (for its config, site and .mdx).")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False, exists=True), metavar="FILE", help="Do not report the findings this baseline accepts  [default: .doclint-baseline.json of the current folder, when there is one]")
@click.option("--no-baseline", is_flag=True, help="Report every finding, whatever a baseline accepts.")
def check(paths, select, extend_select, ignore, output_format, output_file, exit_zero, fail_on, statistics, quiet, config_file, isolated, report_unused_suppressions, changed_since, filter_mode, apply_fixes, unsafe_fixes, show_diff, fix_only, jobs, time_limit, no_cache, cache_dir, force_exclude, show_links, docs_url, show_settings, show_files, add_suppressions, reason, stdin_filename, baseline_file, no_baseline) -> None:
    """Lint Markdown and MDX files (default: the current folder; '-': one page from standard input)."""
    from doclint.run import FixMode, Options

    if show_diff and (apply_fixes or fix_only):
        raise click.UsageError("--diff shows fixes without writing them: use it without --fix or --fix-only")
    if statistics:  # formats.statistics is imported only when asked for (a page's run stays lean)
        from doclint.formats import statistics as counting

        if output_format not in counting.FORMATS:
            raise click.UsageError(f"--statistics works with --format {', '.join(counting.FORMATS)}: {output_format} has no place for counts")
    if add_suppressions and (apply_fixes or fix_only or show_diff):
        raise click.UsageError("--add-suppressions cannot be combined with --fix, --fix-only or --diff: fix first, then suppress what is left")
    if reason and not add_suppressions:
        raise click.UsageError("--reason is the reason --add-suppressions writes: give it with --add-suppressions")
    if add_suppressions:
        from doclint.add_suppressions import check_reason

        if check_reason(reason):
            raise click.UsageError(check_reason(reason))
    flags = _command_line(select, ignore, extend_select, report_unused_suppressions, fail_on)
    if show_settings:
        _show_settings(paths, flags, config_file, isolated, output_format, None if no_cache else (cache_dir or Path(DEFAULT_CACHE)))
        return
    if show_files:
        _show_files(paths, config_file, isolated, Options(force_exclude=force_exclude))
        return
    fix = None
    if apply_fixes or fix_only or show_diff:
        fix = FixMode(unsafe=unsafe_fixes, write=not show_diff)
    options = Options(
        changed_since, filter_mode, fix, jobs, None if no_cache else (cache_dir or Path(DEFAULT_CACHE)),
        time_limit, force_exclude=force_exclude, baseline=_baseline_for(baseline_file, no_baseline),
        add_suppressions=reason if add_suppressions else None,
    )
    if Path("-") in paths or stdin_filename is not None:
        paths, options.stdin = _from_stdin(paths, stdin_filename, changed_since)
    outcome = _run(paths, flags, config_file, isolated, options)
    if add_suppressions:
        if options.stdin is not None:  # the page goes back the way it came, the report to stderr
            sys.stdout.write(outcome.stdin_text)
            sys.stdout.flush()
        fallback = f" ({outcome.fallbacks} with one doclint-disable-file to keep the page's structure)" if outcome.fallbacks else ""
        _note(f"Added {outcome.added} suppression comment{'s' if outcome.added != 1 else ''} in {_files(outcome.added_files)}{fallback}.")
        if outcome.findings:  # what no comment can suppress
            _report(outcome, output_format, output_file, quiet, statistics, show_links, docs_url, out=sys.stderr if options.stdin is not None else None)
        sys.exit(1 if outcome.failing and not exit_zero else 0)
    if options.stdin is not None and (apply_fixes or fix_only):
        # The fixed page goes back the way it came; the report goes to standard error.
        sys.stdout.write(outcome.stdin_text)
        sys.stdout.flush()
        if fix_only:
            sys.exit(0)
        _report(outcome, output_format, output_file, quiet, statistics, show_links, docs_url, out=sys.stderr)
        _baseline_notes(outcome, options.baseline, quiet)
        sys.exit(1 if outcome.failing and not exit_zero else 0)
    if show_diff:
        sys.stdout.write(outcome.diff)
        _note(f"Would fix {_problems(outcome.fixed)} in {_files(outcome.fixed_files)}." if outcome.fixed else "No fixes to apply.")
        sys.exit(1 if outcome.diff and not exit_zero else 0)
    if fix_only:
        _note(f"Fixed {_problems(outcome.fixed)} in {_files(outcome.fixed_files)}." if outcome.fixed else "No fixes to apply.")
        sys.exit(0)
    _report(outcome, output_format, output_file, quiet, statistics, show_links, docs_url)
    _baseline_notes(outcome, options.baseline, quiet)
    if apply_fixes and not quiet:
        _note(f"Fixed {_problems(outcome.fixed)} in {_files(outcome.fixed_files)}." if outcome.fixed else "No fixes to apply.")
    _allow_replay(outcome, options, output_format, output_file)  # last: once the report is whole
    sys.exit(1 if outcome.failing and not exit_zero else 0)


def _allow_replay(outcome, options, output_format, output_file) -> None:
    """Let doclint.warm replay this run next time if nothing it read changes: only a run that
    writes nothing but its report, on a cache, whose findings do not hang on the machine's load."""
    from doclint.rules.doclint_findings import TIME_LIMIT

    writes = options.fix is not None or options.add_suppressions is not None or output_file is not None or output_format == "github"
    if options.cache_dir is None or writes or options.stdin is not None or options.changed_since is not None:
        return
    if not any(finding.rule == TIME_LIMIT for finding in outcome.findings):
        from doclint import warm  # not before: a run without a cache never needs it (nor hashlib)

        warm.allow(options.cache_dir)


def _baseline_for(file: Path | None, no_baseline: bool, must_exist: bool = True):
    """The baseline a run honours (doclint.baseline): FILE, else `.doclint-baseline.json` of the
    current folder when there is one (never another folder's, never a symlink out of the tree);
    None with --no-baseline."""
    if no_baseline:
        if file is not None:
            raise click.UsageError("--baseline and --no-baseline cannot be used together")
        return None
    if file is None and must_exist and not os.path.lexists(BASELINE_FILE):
        return None  # the usual run: no baseline, and none of its module's imports
    from doclint import baseline, boundary

    if file is None:
        file = Path(baseline.FILE_NAME)
        if not os.path.lexists(file):
            return baseline.Baseline(file)
        root = boundary.project_root(Path("."))
        if not boundary.inside(file, root):
            raise RunError(f"{file} is {boundary.Boundary([root]).why_not(file)}: not read (doclint reads nothing outside the tree)")
    try:
        return baseline.open_file(file, must_exist)
    except baseline.BaselineError as error:
        raise RunError(str(error)) from None


def _baseline_notes(outcome, used, quiet: bool) -> None:
    """What the baseline hid, and what in it is stale: on stderr, never in a report."""
    match = outcome.baseline
    if match is None or quiet:
        return
    if match.accepted:
        _note(f"{_findings(len(match.accepted))} accepted by {used.file} not shown")
    _stale_note(sum(match.stale.values()))


def _stale_note(stale: int) -> None:
    if stale:
        entries = f"{stale} baseline entr{'y matches' if stale == 1 else 'ies match'}"
        _note(f"{entries} no finding any more: `doclint baseline --prune` removes them")


def _findings(count: int) -> str:
    return f"{count} finding{'s' if count != 1 else ''}"


def _from_stdin(paths, stdin_filename, changed_since) -> tuple[list[Path], str]:
    """The one page read from standard input: its name, and its text."""
    if any(path != Path("-") for path in paths) or len(paths) > 1:
        raise click.UsageError("'-' reads one page from standard input: give it alone, and name it with --stdin-filename")
    if changed_since is not None:
        raise click.UsageError("--changed-since compares files in git: it cannot filter a page from standard input")
    from doclint.limits import MAX_FILE_BYTES

    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RunError(f"standard input: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})") from None
    return [stdin_filename or Path("-")], text


def _problems(count: int) -> str:
    return f"{count} problem{'s' if count != 1 else ''}"


def _files(count: int) -> str:
    return f"{count} file{'s' if count != 1 else ''}"


def _note(message: str) -> None:
    """A line about the run itself, on stderr so that it never mixes with a report on stdout.

    Shown `plain`, as reports are: the Actions runner reads stderr too.
    """
    from doclint.formats.safe import plain

    click.echo(plain(message), err=True)


DEFAULT_CACHE = ".doclint_cache"


def _run(paths, flags, config_file, isolated, options):
    """Run a lint, turning errors of the run into exit 2 with a clear message."""
    from doclint.config import ConfigError, ConfigResolver
    from doclint.registry import RegistryError
    from doclint.run import run

    from doclint.style import StyleError

    errors: tuple = (ConfigError, RegistryError, StyleError)
    if options.changed_since is not None:  # only then can git be asked anything
        from doclint.changes import ChangeError

        errors += (ChangeError,)

    named = bool(paths)
    paths = _given_paths(paths, config_file, isolated, options.stdin is not None)
    try:
        resolver = ConfigResolver(config_file, isolated)
        outcome = run(paths, flags, resolver, options)
    except errors as error:
        raise RunError(str(error)) from None
    _warn_empty(outcome.empty, named and len(outcome.empty) == len(paths))
    return outcome


def _given_paths(paths, config_file, isolated, from_stdin: bool = False) -> list[Path]:
    """The paths a run lints (default: the current folder), checked: each exists (a page read
    from standard input need not), and --config and --isolated are not both given. They also
    set the tree's boundary."""
    paths = list(paths) or [Path(".")]
    missing = [str(path) for path in paths if not path.exists() and not from_stdin]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(missing)}")
    if config_file and isolated:
        raise click.UsageError("--config and --isolated cannot be used together")
    _set_boundary(paths)
    return paths


def _warn_empty(empty, fatal: bool) -> None:
    """A folder given that holds no page is a warning naming it; an error when every path given
    is one (a typo in CI should not pass as "no problems"). The default "." only warns."""
    for path in empty:
        _note(f"doclint: warning: {path} holds no page to lint")
    if fatal:
        raise RunError("no page to lint in the paths given")


def _show_files(paths, config_file, isolated, options) -> None:
    """`check --show-files`: the files `check` would lint (run.files_to_lint), one a line."""
    from doclint.config import ConfigError, ConfigResolver
    from doclint.formats.safe import plain
    from doclint.registry import RegistryError
    from doclint.run import files_to_lint, without_pages

    named = bool(paths)
    paths = _given_paths(paths, config_file, isolated)
    try:
        files = files_to_lint(paths, ConfigResolver(config_file, isolated), options)
    except (ConfigError, RegistryError) as error:
        raise RunError(str(error)) from None
    for file in files:
        click.echo(plain(file.as_posix()))
    empty = without_pages(paths, files)
    _warn_empty(empty, named and len(empty) == len(paths))


def _show_settings(paths, flags, config_file, isolated, output_format, cache_dir) -> None:
    from doclint import settings
    from doclint.config import ConfigError, ConfigResolver
    from doclint.registry import RegistryError
    from doclint.style import StyleError

    if len(paths) != 1 or not paths[0].is_file():
        raise click.UsageError("--show-settings takes one page: the file whose settings to show")
    if output_format not in ("text", "json"):
        raise click.UsageError("--show-settings prints text or json")
    if config_file and isolated:
        raise click.UsageError("--config and --isolated cannot be used together")
    _set_boundary(paths)
    try:
        resolved = settings.resolve(paths[0], flags, ConfigResolver(config_file, isolated), cache_dir)
    except (ConfigError, RegistryError, StyleError) as error:
        raise RunError(str(error)) from None
    sys.stdout.write(settings.to_json(resolved) if output_format == "json" else settings.to_text(resolved))


def _set_boundary(paths) -> None:
    """What this run may read: the project roots of the paths it lints (doclint.boundary)."""
    from doclint import boundary

    boundary.set_current(boundary.Boundary(boundary.project_root(path) for path in paths))


def _report(outcome, output_format, output_file, quiet=False, statistics=False, show_links=False, docs_url=DOCS_URL, out=None) -> None:
    from doclint import formats

    out = out or sys.stdout
    module = formats.get(output_format)
    given = {outcome.files[0]: outcome.stdin_text} if outcome.stdin_text is not None else {}
    report = formats.Report(outcome.findings, outcome.files, _SourceLines(given).get, outcome.rules, docs_url)
    stream = None
    try:
        # Formats write only encodable text; should one not, a file still gets the whole report.
        stream = open(output_file, "w", encoding="utf-8", errors="backslashreplace") if output_file else None
    except OSError as error:
        raise RunError(f"cannot write {output_file}: {error.strerror}") from None
    try:
        if output_format == "text":
            rendered = module.render(report, quiet, statistics, show_links)
            plain = stream is not None or "NO_COLOR" in os.environ or not _is_terminal(out)
            if plain and not os.environ.get("FORCE_COLOR"):
                (stream or out).write(rendered.plain)
            else:
                from rich.console import Console

                Console(
                    file=stream or out,
                    # No styling at all in a file or under NO_COLOR, even with FORCE_COLOR.
                    color_system=None if stream is not None or "NO_COLOR" in os.environ else "auto",
                    no_color=stream is not None or "NO_COLOR" in os.environ,
                    highlight=False,
                    emoji=False,
                ).print(rendered.rich(), soft_wrap=True, end="")
        else:
            text = _rendered(module, report, output_format, statistics)
            (stream or out).write(text if text.endswith("\n") or not text else text + "\n")
    finally:
        if stream is not None:
            stream.close()
    if output_format == "github":
        # Annotations are capped per step; the job summary lists the rest (formats.summary).
        from doclint.formats.summary import write_step_summary

        warning = write_step_summary(report)
        if warning:
            _note(f"doclint: warning: {warning}")


def _rendered(module, report, output_format: str, statistics: bool) -> str:
    """A format's report; with --statistics, the counts (formats.statistics) instead or after."""
    if not statistics:
        return module.render(report)
    from doclint.formats import statistics as counting

    if output_format == "concise":
        return module.render(report) + "\n" + counting.render_text(report)
    return counting.render_json(report) if output_format == "json" else counting.render_json_lines(report)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _lines(text: str) -> list[str]:
    """Lines as the engine counts them: \n, \r\n and \r only (not str.splitlines())."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class _SourceLines:
    """Source lines for the reports, read only when shown. Findings come file by file, so only
    the file being reported is held: a run over thousands of pages keeps none of their text."""

    def __init__(self, given: dict[str, str] | None = None) -> None:
        # Pages whose text the run was given (standard input) are never read from their name.
        self._given: dict[str, list[str]] = {path: _lines(text) for path, text in (given or {}).items()}
        self._path: str | None = None
        self._lines: list[str] = []

    def get(self, path: str, line: int) -> str | None:
        lines = self._given.get(path)
        if lines is None:
            if path != self._path:
                self._path, self._lines = path, _lines(_read_shown(path))
            lines = self._lines
        return lines[line - 1] if 0 < line <= len(lines) else None


def _read_shown(path: str) -> str:
    """A linted file's text for its excerpts: only what the run itself may read (a refused
    symlink's first line stays unread), and nothing when it cannot be read now."""
    from doclint import boundary

    if not boundary.allows(Path(path)):
        return ""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(output_format: str) -> None:
    """List every rule: name, tags, default severity, fixable, summary."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from doclint.formats.safe import inert_lines

    rules = sorted(_known_rules().values(), key=lambda rule: rule.name)
    if output_format == "json":
        from doclint.formats.safe import dumps

        click.echo(dumps([_rule_dict(rule) for rule in rules], indent=2))
        return
    table = Table(box=None, pad_edge=False)
    for column in ("rule", "tags", "severity", "fix", "summary"):
        table.add_column(column)
    for rule in rules:
        # Text, not str: rich would read "[link=...]" in a pack's summary as markup.
        table.add_row(*(Text(inert_lines(cell)) for cell in (rule.name, ", ".join(rule.tags), str(rule.severity), "yes" if rule.fixable else "", rule.summary)))
    Console(highlight=False).print(table)


def _known_rules() -> dict:
    """Built-in and plugin rules (doclint's own findings among them), every shipped pack's
    rules, and the current folder's packs."""
    from doclint.config import ConfigError, ConfigResolver
    from doclint.packs import PackError, load_pack, shipped_packs
    from doclint.registry import RegistryError, all_rules

    _set_boundary([Path(".")])
    try:
        rules = dict(all_rules())
        for name in shipped_packs():
            rules.update((rule.name, rule) for rule in load_pack(name, Path(".")).rules)
        rules.update(ConfigResolver().for_path(Path(".")).universe)
    except (ConfigError, PackError, RegistryError) as error:
        raise RunError(str(error)) from None
    return rules


def _rule_dict(rule) -> dict:
    return {
        "name": rule.name,
        "summary": rule.summary,
        "severity": str(rule.severity),
        "tags": list(rule.tags),
        "fixable": rule.fixable,
        "enabled_by_default": rule.enabled_by_default,
        "options": [
            {"name": o.name, "type": o.type.__name__, "default": o.default, "description": o.description}
            for o in rule.options
        ],
    }


@main.command("rule")
@click.argument("name")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text", show_default=True, help="text, or markdown: the rule's page as in docs/rules/NAME.md.")
def show_rule(name: str, output_format: str) -> None:
    """Show a rule's documentation, options and examples."""
    from doclint import ruledocs
    from doclint.formats.safe import inert_lines
    from doclint.registry import did_you_mean

    rules = _known_rules()
    if name not in rules:
        raise click.UsageError(f"unknown rule {name!r}{did_you_mean(name, rules)}")
    rendered = ruledocs.page(rules[name]) if output_format == "markdown" else ruledocs.text(rules[name])
    click.echo(inert_lines(rendered), nl=False)


@main.command("site")
@click.argument("path", required=False, type=click.Path(path_type=Path, exists=True), default=".")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def site_command(path: Path, output_format: str) -> None:
    """Show the site profile doclint detects for PATH: generator, routes, id rule, redirects."""
    from doclint.config import ConfigError, ConfigResolver
    from doclint.formats.safe import dumps, inert_lines
    from doclint.site import Site, SiteConfig, profile

    _set_boundary([path])
    try:
        config = ConfigResolver().for_path(path)
    except ConfigError as error:
        raise RunError(str(error)) from None
    folder = path if path.is_dir() else path.parent
    found = profile.configured(profile.for_page(folder / "page.md"), config.site, config.root)
    site = Site(SiteConfig(found.routes, (), "redirect_from", found.scheme, found.html_sources, found.redirects, found.unchecked, found.locales))
    facts = {
        "generator": found.generator,
        "detected from": found.source if found.source.startswith("(") else str(found.root / found.source),
        "config": config.source,
        "content": [str(folder) for folder in found.content],
        "routes": {prefix: str(folder) for prefix, folder in found.routes},
        "pages": len(site.pages),
        "heading ids": found.id_rule + "".join(f" ({key}={value})" for key, value in found.id_params),
        ".html links": "name the .md page" if found.html_sources else "not pages",
        "containers": sorted(found.containers),
        "redirects": len(site.redirects),
        "not checked": list(found.unchecked),
        "locales": list(found.locales),
    }
    if output_format == "json":
        click.echo(dumps(facts, indent=2))
        return
    for key, value in facts.items():
        if isinstance(value, dict):
            value = ", ".join(f"{prefix} -> {folder}" for prefix, folder in value.items()) or "none"
        elif isinstance(value, list):
            value = ", ".join(map(str, value)) or "none"
        click.echo(inert_lines(f"{key + ':':15} {value}"))


@main.command("config")
@click.option("--schema", "print_schema", is_flag=True, help="Print the JSON Schema of doclint.toml (for editors) instead.")
def config_command(print_schema: bool) -> None:
    """Show which config file applies to the current folder and what it extends."""
    from doclint.config import ConfigError, ConfigResolver
    from doclint.formats.safe import dumps, inert_lines

    if print_schema:
        from doclint.schema import schema

        click.echo(dumps(schema(), indent=2))
        return
    _set_boundary([Path(".")])
    try:
        config = ConfigResolver().for_path(Path("."))
    except ConfigError as error:
        raise RunError(str(error)) from None
    click.echo(inert_lines(f"config:   {config.source}\nextends:  {' -> '.join(config.chain[1:]) or '(nothing)'}\npacks:    {', '.join(config.packs) or '(none)'}"))


@main.command("style")
@click.argument("path", required=False, type=click.Path(path_type=Path, exists=True, file_okay=False), default=".")
@click.option("--write", is_flag=True, help="Save the measured style as PATH/.doclint-style.toml for later runs and CI.")
def style_command(path: Path, write: bool) -> None:
    """Measure the house style of the tree at PATH: how its lists end, heading case, text before code, spelling."""
    from doclint import style
    from doclint.discovery import discover
    from doclint.document import Document
    from doclint.engine import read_source
    from doclint.findings import Finding
    from doclint.site import profile
    from doclint.style.measure import measure

    _set_boundary([path])

    def pages():
        for page in discover([path]):
            source = read_source(page, page.as_posix())
            if not isinstance(source, Finding):
                yield Document(page.as_posix(), source[1], containers=profile.for_page(page).containers)

    measured = measure(pages())
    target = path / style.FILE_NAME
    if write:
        from doclint.fix import WriteError, write_atomically

        if target.exists() or target.is_symlink():
            raise RunError(f"{target} exists: edit it, or delete it to measure again")
        try:
            write_atomically(target, None, style.to_toml(measured))
        except (WriteError, OSError) as error:
            raise RunError(f"cannot write {target}: {error}") from None
        click.echo(f"Wrote the house style to {target}")
        return
    for name in style.FIELDS:
        done, total = getattr(measured, name)
        share = f"{measured.percent(name):3}%" if total else "   -"
        click.echo(f"{share} of {total:5}  {style.DESCRIPTIONS[name]}")


@main.command("clean")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False), envvar="DOCLINT_CACHE_DIR", help="The cache to remove  [default: .doclint_cache]")
def clean_command(cache_dir: Path | None) -> None:
    """Remove the cache: what doclint wrote, in a folder doclint tagged as its own."""
    from doclint.cache import CacheError, clean
    from doclint.formats.safe import plain

    folder = cache_dir or Path(DEFAULT_CACHE)
    try:
        kept = clean(folder)
    except CacheError as error:
        raise RunError(str(error)) from None
    except OSError as error:
        raise RunError(f"cannot clean {folder}: {error.strerror or error}") from None
    if kept is None:
        message = f"No cache at {folder}"
    elif kept:  # names from the folder, which may be a repository's: shown inert
        message = f"Removed doclint's files from {folder}; kept {_files(len(kept))} doclint did not write: {', '.join(kept)}"
    else:
        message = f"Removed {folder}"
    click.echo(plain(message))


@main.command("init")
@click.argument("folder", required=False, type=click.Path(path_type=Path, file_okay=False, exists=True), default=".")
def init_command(folder: Path) -> None:
    """Write a commented starter config: [tool.doclint] in pyproject.toml, else doclint.toml."""
    from doclint.init import InitError, init

    try:
        written = init(folder)
    except InitError as error:
        raise RunError(str(error)) from None
    except OSError as error:
        failure = click.FileError(str(folder), error.strerror)
        failure.exit_code = 2
        raise failure from None
    click.echo(f"Wrote a starter configuration to {written}")


@main.command("review")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--base", metavar="REF", help="Compare with this git ref  [default: the pull request's base, from $GITHUB_EVENT_PATH]")
@click.option("--repo", metavar="OWNER/NAME", help="The repository  [default: $GITHUB_REPOSITORY]")
@click.option("--pr", "number", type=click.IntRange(min=1), metavar="NUMBER", help="The pull request's number  [default: from $GITHUB_EVENT_PATH]")
@click.option("--api-url", metavar="URL", help="The GitHub API  [default: $GITHUB_API_URL or https://api.github.com]")
@click.option("--filter-mode", type=click.Choice(["added", "diff_context", "file", "nofilter"]), default="added", show_default=True, help="Findings on added lines, on any line the diff shows, anywhere in changed files, or in every linted file (those off the diff go in the body).")
@click.option("--select", multiple=True, help="Only these rules or tags (comma-separated; ALL for every rule).")
@click.option("--extend-select", multiple=True, help="Add these rules or tags to the selection.")
@click.option("--ignore", multiple=True, help="Skip these rules or tags (comma-separated).")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="Use this config file for every path (no discovery).")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--event", "review_event", type=click.Choice(["COMMENT", "REQUEST_CHANGES"]), default="COMMENT", show_default=True, help="The kind of review to post.")
@click.option("--max-comments", type=click.IntRange(min=0), default=50, show_default=True, help="Inline comments on the pull request in all (doclint's earlier ones count); the rest are listed in the review's body.")
@click.option("--docs-url", metavar="TEMPLATE", default=DOCS_URL, show_default=True, help="Link to a rule's docs; {rule} is replaced by its name.")
@click.option("--fail-on", type=SEVERITIES, default=None, help="Lowest severity that makes the run fail  [default: warning, or the config's fail-on]")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("--pause", type=click.FloatRange(min=0, max=60), default=1.0, show_default=True, metavar="SECONDS", help="Seconds between requests that write to GitHub (its secondary rate limit).")
@click.option("--dry-run", is_flag=True, help="Print the review requests as JSON instead of posting them (no token, no network).")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE", help="Do not review the findings this baseline accepts, as committed at the head  [default: .doclint-baseline.json of the current folder, when there is one]")
@click.option("--no-baseline", is_flag=True, help="Review every finding, whatever a baseline accepts.")
def review_command(paths, base, repo, number, api_url, filter_mode, select, extend_select, ignore, config_file, isolated, review_event, max_comments, docs_url, fail_on, exit_zero, pause, dry_run, baseline_file, no_baseline) -> None:
    """Keep one GitHub review of a pull request's changed lines up to date.

    Lints the pull request's head commit; safe fixes become one-click suggestions; findings
    already on the pull request are not posted again, fixed ones are marked, and doclint's
    request for changes is dismissed once nothing is left. The token is read from
    $GITHUB_TOKEN only. Exit 1 when findings at or above --fail-on remain.
    """
    import re

    from doclint.github import flow as review_flow
    from doclint.changes import ChangeError
    from doclint.github.client import ReviewError
    from doclint.run import Options

    try:
        event = review_flow.read_event(os.environ.get("GITHUB_EVENT_PATH"))
        base = base or review_flow.event_base(event)
    except ReviewError as error:
        raise RunError(str(error)) from None
    repo = repo or os.environ.get("GITHUB_REPOSITORY") or event.repository
    number = number or event.number
    api_url = (api_url or os.environ.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")
    token = os.environ.get("GITHUB_TOKEN", "").strip()  # a secret pasted with its newline still works
    if any(not 33 <= ord(c) <= 126 for c in token):
        raise RunError("GITHUB_TOKEN holds a space or control character, which no GitHub token has: check how it is set (it is not printed)")
    if not base:
        raise RunError("no base to compare with: pass --base REF, or run on a pull_request event ($GITHUB_EVENT_PATH)")
    if repo is not None and not re.fullmatch(r"[\w.-]+/[\w.-]+", repo):
        raise RunError(f"--repo must be OWNER/NAME, not {repo!r}")
    if not dry_run:
        if not token:
            raise RunError("GITHUB_TOKEN is not set: export a token that may write pull requests (or use --dry-run)")
        if not repo:
            raise RunError("no repository: pass --repo OWNER/NAME or set $GITHUB_REPOSITORY")
        if not number:
            raise RunError("no pull request number: pass --pr NUMBER, or run on a pull_request event ($GITHUB_EVENT_PATH)")
        if not api_url.startswith(("https://", "http://")):
            raise RunError(f"--api-url must be an http(s) URL, not {api_url!r}")

    flags = _command_line(select, ignore, extend_select, False, fail_on)
    # Absolute paths name files of this checkout; the lint may run in a worktree of the head.
    root = Path.cwd().resolve()
    relative = [Path(os.path.relpath(path.resolve(), root)) if path.is_absolute() else path for path in paths]

    def lint(start: str):
        # In the head's tree: the baseline is the one committed at the head being reviewed.
        used = _baseline_for(baseline_file, no_baseline)
        outcome = _run(relative, flags, config_file, isolated, Options(changed_since=start, filter_mode=filter_mode, baseline=used))
        _baseline_notes(outcome, used, False)
        return outcome

    request = review_flow.Request(repo, number, api_url, token, filter_mode, review_event, max_comments, docs_url, dry_run, pause, exit_zero)
    try:
        found = review_flow.collect(lint, base, event, filter_mode, docs_url)
        code = review_flow.dry_run(found, request) if dry_run else review_flow.post(found, request)
    except (ReviewError, ChangeError) as error:
        raise RunError(str(error)) from None
    sys.exit(code)


def _like_check(*names: str):
    """`check`'s own options, for a command that lints as it does (one definition, one help)."""

    def add(function):
        params = {param.name: param for param in check.params}
        function.__dict__.setdefault("__click_params__", []).extend(params[name] for name in reversed(names))
        return function

    return add


def _command_line(select, ignore, extend_select, report_unused_suppressions, fail_on):
    """The selection flags as one layer (doclint.config.CommandLine);
    `--report-unused-suppressions` is `--extend-select unused-suppression`."""
    from doclint.config import CommandLine

    extend = _split(extend_select) + (["unused-suppression"] if report_unused_suppressions else [])
    return CommandLine(_split(select) or None, _split(ignore), extend, fail_on)


@main.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--update", is_flag=True, help="Add the findings the baseline does not hold yet (and drop its stale entries).")
@click.option("--prune", is_flag=True, help="Only drop the entries whose finding is gone.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE", help="The baseline to write  [default: .doclint-baseline.json of the current folder]")
@_like_check("select", "extend_select", "ignore", "config_file", "isolated", "report_unused_suppressions", "jobs", "time_limit", "no_cache", "cache_dir", "force_exclude")
def baseline_command(paths, update, prune, baseline_file, select, extend_select, ignore, config_file, isolated, report_unused_suppressions, jobs, time_limit, no_cache, cache_dir, force_exclude) -> None:
    """Accept the current findings: write them to .doclint-baseline.json, which check honours.

    Run again, it adds nothing unless --update is given: findings the baseline does not hold are
    printed and the run exits 1; --prune drops the entries whose finding is gone.
    """
    from collections import Counter

    from doclint import baseline
    from doclint.rules.doclint_findings import GUARDS
    from doclint.run import Options

    flags = _command_line(select, ignore, extend_select, report_unused_suppressions, None)
    current = _baseline_for(baseline_file, False, must_exist=False)
    first = not os.path.lexists(current.file)
    options = Options(
        jobs=jobs, cache_dir=None if no_cache else (cache_dir or Path(DEFAULT_CACHE)),
        time_limit=time_limit, force_exclude=force_exclude, baseline=current,
    )
    outcome = _run(paths, flags, config_file, isolated, options)
    match = outcome.baseline
    unjudged = [finding for finding in outcome.findings if finding.rule in GUARDS]
    stale = sum(match.stale.values())
    if first or update:
        entries = Counter(key for key, _ in match.accepted + match.new) + match.untouched
    elif prune:
        entries = current.entries - match.stale
    else:
        if match.new:
            outcome.findings = [finding for _, finding in match.new] + unjudged
            _report(outcome, "text", None)
            _note(f"{_findings(len(match.new))} not in {current.file}: fix them, or accept them with `doclint baseline --update`; nothing written")
            sys.exit(1)
        _note(f"{current.file} is up to date: it accepts {_findings(len(match.accepted))}; nothing written")
        _stale_note(stale)
        sys.exit(1 if unjudged else 0)
    try:
        baseline.write(current.file, entries)
    except baseline.BaselineError as error:
        raise RunError(str(error)) from None
    files = len({key.path for key in entries})
    added = 0 if prune and not update and not first else len(match.new)
    removed = stale if not first else 0
    _note(
        f"Wrote {current.file}: {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} for {_findings(sum(entries.values()))} in {_files(files)}"
        f" ({added} added, {removed} stale removed)."
    )
    if prune and not update and match.new:
        _note(f"{_findings(len(match.new))} not in the baseline were not added (`doclint baseline --update` adds them)")
    if unjudged:
        outcome.findings = unjudged
        _report(outcome, "text", None)
        _note(f"{_findings(len(unjudged))} about whole files (read-error, internal-error, time-limit) are never accepted: they need a fix")
        sys.exit(1)


@main.command("server")
def server_command() -> None:
    """Run the language server (LSP over standard input and output) for editors."""
    try:
        from doclint.lsp.server import main as serve
    except ImportError as error:  # pygls is the `server` extra
        raise RunError(f"doclint server needs pygls: pip install 'doclint[server]' ({error})") from None
    serve()
