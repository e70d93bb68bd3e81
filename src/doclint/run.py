"""One lint run: find the files, pick each file's rules from its config, lint, filter by what
changed. `doclint check` and `doclint review` both call `run`."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doclint.config import CommandLine, ConfigResolver, check_selectors, configured_rules
from doclint.discovery import discover, skipped_by_walk
from doclint import limits
from doclint.document import Document
from doclint.engine import Analysis, analyse, capped, finish, learn, lint_document, outline, read_source, too_large
from doclint.findings import Finding, Severity
from doclint.registry import all_rules
from doclint.rules.doclint_findings import FIX_ERROR, GUARDS, INTERNAL_ERROR, TIME_LIMIT, levelled


@dataclass
class FixMode:
    """What to do with fixes: write them (`--fix`), or only show them (`--diff`)."""

    unsafe: bool = False
    write: bool = True


@dataclass
class Outcome:
    """What a run found and did, for the CLI to report and turn into an exit code."""

    findings: list[Finding]
    files: list[str]  # display paths of the files checked
    failing: bool  # a finding is at or above its file's fail-on severity
    fixed: int = 0  # fixes applied (or, with --diff, that would be)
    fixed_files: int = 0
    diff: str = ""  # with --diff: the unified diff of every file
    stdin_text: str | None = None  # a page read from standard input: its text, fixed with --fix
    rules: dict = field(default_factory=dict)  # every rule the linted files' configs know, by name
    empty: list[Path] = field(default_factory=list)  # folders given that hold no page to lint
    baseline: Any = None  # with a baseline: what the findings made of it (doclint.baseline.Match)
    added: int = 0  # with --add-suppressions: comments written,
    added_files: int = 0  # in how many files,
    fallbacks: int = 0  # of which got one doclint-disable-file, their structure being at stake


@dataclass
class Options:
    """How to run, beyond which rules: from the command line."""

    changed_since: str | None = None
    filter_mode: str = "added"
    fix: FixMode | None = None
    jobs: int | None = None  # None: all cores when there are enough files to pay for them
    cache_dir: Path | None = None  # None: no cache
    time_limit: float | None = None  # CPU seconds per page; None: the config's, else the default
    stdin: str | None = None  # the page's text, read from standard input: `paths` is its one name
    force_exclude: bool = False  # files named explicitly obey `exclude` and the walk's skips too
    session: Session | None = None  # a long-lived process's runs (the language server)
    baseline: Any = None  # a doclint.baseline.Baseline: its accepted findings are not reported
    add_suppressions: str | None = None  # --add-suppressions: the comments' reason ("" for none)


@dataclass
class Session:
    """What a long-lived process keeps between runs: the site index and the pages' facts stay
    (read from the cache once), and `buffers` are the open pages' texts (absolute path -> text),
    which the index reads instead of their files.

    A page's analysis is kept with the text it was made from, so a page whose buffer has not
    changed is not parsed again: only its site findings are judged again (a link into a page
    just edited). `told` is the buffer text the index last heard each page's anchors from. With
    `warm` (the editor reports changes to files), the site profiles and saved styles are kept
    too, until `reset`."""

    buffers: dict[str, str] = field(default_factory=dict)
    started: bool = False
    warm: bool = False
    analyses: dict[str, tuple[str, Any, Analysis]] = field(default_factory=dict)  # path -> (text, rules key, analysis)
    told: dict[str, str] = field(default_factory=dict)
    profiled: bool = False  # the profiles and styles of earlier runs are still true

    def reset(self) -> None:
        """Files changed on disk: what was read from them is read again at the next run."""
        self.analyses.clear()
        self.told.clear()
        self.profiled = False

    def forget(self, path: str) -> None:
        """A page's buffer was closed (`path` absolute): its file is the page again."""
        self.analyses.pop(path, None)
        self.told.pop(path, None)


# Below this many pages to parse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 40


@dataclass
class _Page:
    """One page of a run with what linting it needs: its config, its rules' key, its filter."""

    path: Path
    display: str
    config: Any
    rules_key: tuple
    keep: Any  # Finding -> bool: the --changed-since filter
    time_limit: float  # CPU seconds for every step of this page's lint
    saved_style: Any  # the saved house style of its tree (doclint.style), or None
    text: str | None = None  # the page's text when it came from standard input, not the file
    # With a baseline: the lines and outline the page's findings were found in.
    lines: list[str] = field(default_factory=list)
    outline: list = field(default_factory=list)

    def house_style(self):
        """The style this page is judged by: saved for its tree, else learned (doclint.style)."""
        from doclint.style import learned

        return self.saved_style or learned.for_page(self.path)


def files_to_lint(paths: list[Path], resolver: ConfigResolver, options: Options) -> list[Path]:
    """The pages a run lints (and `check --show-files` prints): walked folders by each page's
    config's include and exclude, named files always, unless `--force-exclude` skips them."""

    def force_excluded(path: Path) -> bool:
        return resolver.for_path(path).excludes(path) or skipped_by_walk(path)

    if options.stdin is not None:
        # A page from standard input is linted under its name (the editor asked for it, unless
        # --force-exclude says its name is excluded), and never read from or written to it.
        return [path for path in paths if not (options.force_exclude and force_excluded(path))]
    return discover(
        paths,
        accept=lambda path: resolver.for_path(path).includes(path),
        excluded=force_excluded if options.force_exclude else None,
    )


def _changed_pages(paths: list[Path], resolver: ConfigResolver, options: Options, changes) -> tuple[list[Path], list[Path], list]:
    """`files_to_lint` narrowed to the files git says changed (a CI run on a pull request's five
    pages need not judge the other 785), with what the whole walk would have told: the folders
    given that hold no page, and the configs of the pages it finds (which rule names a selector
    may use). A walked file that is no symlink is at its real path, so it is known unchanged
    without its config; each folder's config is asked about one of its pages only, once one is
    found. Symbolic links and named files are judged in full (run filters them by `changes`)."""
    from doclint.discovery import walked

    found: dict[Path, None] = {}
    configs: dict[int, Any] = {}
    witnesses: dict[str, Path] = {}  # folder (as walked) -> the first page of it the walk accepts
    for path in paths:
        if not path.is_dir():
            if not (options.force_exclude and (resolver.for_path(path).excludes(path) or skipped_by_walk(path))):
                found[path] = None
                configs.setdefault(id(config := resolver.for_path(path)), config)
            continue
        for file, real in walked(path):
            changed = real is None or real in changes
            if changed or os.path.dirname(file) not in witnesses:
                config = resolver.for_path(file)
                if config.includes(file):
                    configs.setdefault(id(config), config)
                    witnesses.setdefault(os.path.dirname(file), file)
                    if changed:
                        found[file] = None
    # As without_pages would say of the whole walk: a folder's pages share its witness's folder.
    empty = without_pages(paths, [*found, *witnesses.values()])
    return sorted(found, key=lambda p: p.as_posix()), empty, list(configs.values())


def without_pages(paths: list[Path], files: list[Path]) -> list[Path]:
    """The folders given that hold no page to lint. A file named is a page (or excluded on
    purpose, with --force-exclude), so only a folder can come up empty."""
    return [path for path in paths if path.is_dir() and not any(file.is_relative_to(path) for file in files)]


def run(paths: list[Path], flags: CommandLine, resolver: ConfigResolver, options: Options | None = None) -> Outcome:
    """Raises ConfigError, RegistryError or ChangeError for errors of the run itself."""
    options = options or Options()
    changes = None
    if options.changed_since is not None:
        from doclint.changes import changed_files

        changes = changed_files(options.changed_since)
    if changes is not None and options.filter_mode != "nofilter" and options.stdin is None:
        files, empty, configs = _changed_pages(paths, resolver, options, changes)
    else:
        files = files_to_lint(paths, resolver, options)
        empty = without_pages(paths, files) if options.stdin is None else []
        configs = list(map(resolver.for_path, files))
    # A selector on the command line must name a rule some linted file's config knows.
    known = dict(all_rules())
    for config in {id(c): c for c in configs}.values():
        known.update(config.universe)
    for option, values in (("--select", flags.select or []), ("--ignore", flags.ignore), ("--extend-select", flags.extend_select)):
        check_selectors(values, "command line", option, known)
    if changes is not None and options.filter_mode != "nofilter":  # nofilter: every linted file, changed or not
        files = [path for path in files if path.resolve() in changes]

    from doclint import boundary, style
    from doclint.site import profile
    from doclint.style import learned

    session = options.session
    if session is None or not (session.warm and session.profiled):
        profile.new_run()
        style.new_run()
        learned.new_run()
        if session is not None:
            session.profiled = True
    rules_by_key: dict[tuple, list] = {}
    pages = []
    for path in files:
        config = resolver.for_path(path)
        layers = config.layers_for(path)
        site_profile = profile.configured(profile.for_page(path), config.site, config.root)
        profile.assign(path, site_profile)
        key = (config.source, tuple(id(layer) for group in layers for layer in group), site_profile)
        if key not in rules_by_key:
            # The site profile's values are option defaults; the config's own settings override them.
            rules_by_key[key] = configured_rules(layers, flags, config.universe, site_profile.defaults_for)
        limit = options.time_limit or config.time_limit or limits.SECONDS_PER_FILE
        run_boundary = boundary.current()
        saved = style.saved_for(path.parent, run_boundary.root_for(path) if run_boundary else path.parent)
        pages.append(_Page(path, path.as_posix(), config, key, _change_filter(changes, path, options.filter_mode), limit, saved, options.stdin))

    outcome = Outcome([], [page.display for page in pages], False, stdin_text=options.stdin, rules=known, empty=empty)
    if options.fix is not None:
        _learn_styles(pages, rules_by_key, options)
        per_page = [
            _fix_file(page, rules_by_key[page.rules_key], options.fix, outcome, options.baseline is not None)
            for page in pages
        ]
    else:
        per_page = _lint_pages(pages, rules_by_key, options)
    if options.baseline is not None:
        # Before the --changed-since filter: an accepted finding on a changed line is still accepted.
        per_page, outcome.baseline = _apply_baseline(pages, per_page, rules_by_key, flags, options.baseline)
        if options.fix is None:  # the cap waited for the baseline (a fix run's lint caps itself)
            per_page = [capped(found) for found in per_page]
    for page, found in zip(pages, per_page):
        # doclint's own findings are rules too: selected, ignored and re-levelled by config.
        found = [finding for finding in levelled(found, rules_by_key[page.rules_key]) if page.keep(finding)]
        if options.add_suppressions is not None and found:
            found = _add_suppressions(page, found, options.add_suppressions, outcome)
        threshold = Severity.parse(flags.fail_on or page.config.fail_on or "warning")
        outcome.failing = outcome.failing or any(finding.severity >= threshold for finding in found)
        outcome.findings.extend(found)
    return outcome


def _apply_baseline(pages: list[_Page], per_page: list[list[Finding]], rules_by_key: dict, flags: CommandLine, baseline):
    """Each page's findings less those the baseline accepts, and the match. Only what ran can
    be judged: an entry of a rule the command line left out is not stale."""
    from doclint.baseline import Page

    narrowed = bool(flags.select or flags.ignore or flags.extend_select)
    facts = [
        Page(page.display, found, page.lines, page.outline, GUARDS | {configured.rule.name for configured in rules_by_key[page.rules_key]})
        for page, found in zip(pages, per_page)
    ]
    return baseline.apply(facts, GUARDS, narrowed)


def _change_filter(changes, path: Path, mode: str):
    if changes is None:
        return lambda finding: True
    from doclint.changes import keeps

    changed = changes.get(path.resolve())
    # A finding about the whole file (it could not be read, linted in time, or fixed) always shows.
    return lambda finding: finding.rule in GUARDS or keeps(changed, finding.line, mode)


def _lint_pages(pages: list[_Page], rules_by_key: dict, options: Options) -> list[list[Finding]]:
    """Each page's findings, in page order: from the cache, or analysed (in parallel when it
    pays), then finished here, where the one site index of the run lives."""
    from doclint import site
    from doclint.style import learned

    # What pages told the index is kept only by the cache: a run without one starts from nothing.
    # A session (the language server) keeps the index and the pages' facts between its runs,
    # read from the cache once, and calls site.new_run() itself when files change.
    session = options.session
    if session is None:
        site.new_run()
        site.PAGE_INFO.clear()
    caching = None
    if options.cache_dir is not None and (session is None or not session.started):
        from doclint import cache as caching

        cache = caching.Cache(options.cache_dir)
        site.PAGE_INFO.update(cache.pages)
        # The site profile decides a page's analysis too (its ids, its containers).
        signatures = {key: caching.rules_signature(rules) + repr(key[-1]) for key, rules in rules_by_key.items()}
    if session is not None:
        # The session's own pages come from standard input: nothing to look up, nothing to keep.
        caching, session.started = None, True
        linted = {os.path.realpath(page.path) for page in pages}
        for path, text in session.buffers.items():  # other open pages, as they are now
            if path not in linted and not (session.warm and session.told.get(path) == text):
                site.remember_text(path, text)
                session.told[path] = text
    analyses: list[Any] = [None] * len(pages)
    todo = []
    for index, page in enumerate(pages):
        key = signature = None
        if caching is not None and page.text is None:
            signature = signatures[page.rules_key]
        # The parent reads a page only to look it up in the cache or to keep its lines for the
        # baseline; the text goes to the analysis only with a baseline (its lines must be the
        # ones linted) or from standard input. Otherwise the analysis reads the file itself,
        # so a run never holds every page's text (nor forks workers that inherit it).
        text = page.text
        if signature is not None or options.baseline is not None:
            source = _source(page)
            if isinstance(source, Finding):
                analyses[index] = source
                continue
            data, text = source
            if options.baseline is not None:
                from doclint.baseline import page_lines

                page.lines = page_lines(text)
            else:
                text = None
            if signature is not None:
                key = caching.entry_key(page.display, data, signature)
                analyses[index] = cache.get(key)
        if session is not None and analyses[index] is None:
            analyses[index] = _kept_analysis(session, page)
        if analyses[index] is None:
            todo.append((index, key, _Task(page.display, page.path, text, page.rules_key, page.time_limit, signature if text is None else None)))
    for (index, key, _), (read_key, analysis) in zip(todo, _analyse_all([task for _, _, task in todo], rules_by_key, options.jobs)):
        analyses[index] = analysis
        key = read_key or key  # the key of the bytes analysed, should the file have changed since
        if key is not None and not isinstance(analysis, Finding):
            cache.put(key, analysis)

    if session is not None:
        _keep_analyses(session, pages, analyses)
    finished = [(page, a) for page, a in zip(pages, analyses) if not isinstance(a, Finding)]
    by_id = {id(a): page for page, a in finished}
    learn([a for _, a in finished], lambda a: rules_by_key[by_id[id(a)].rules_key])
    for page, analysis in finished:
        if analysis.style:
            learned.remember(os.path.realpath(page.path), analysis.style)
    results = []
    for page, analysis in zip(pages, analyses):
        if isinstance(analysis, Finding):  # the file could not be read, or was cut off
            results.append([analysis])
        else:
            rules = rules_by_key[page.rules_key]
            try:  # site checks and suppressions count against the page's limit too
                with limits.time_limit(page.time_limit):
                    style = page.house_style() if analysis.conditional else None
                    results.append(finish(analysis, rules, page.config.universe, style, cap=options.baseline is None))
                    page.outline = analysis.outline
            except limits.TimeLimit:
                results.append([_time_limit_finding(page.display, page.time_limit)])
    # A page from standard input is an editor's buffer, not the file of its name: what it told
    # the index must not be kept as that file's.
    if caching is not None and options.stdin is None:
        cache.put_pages(site.PAGE_INFO)
        cache.save()
    return results


def _kept_analysis(session: Session, page: _Page) -> Analysis | None:
    """The session's analysis of the page, if made from this very text with these rules. Only
    a warm session keeps them: its configs are the same objects from run to run (the rules key
    names layers by id), and it is reset when a file changes."""
    kept = session.analyses.get(os.path.realpath(page.path)) if session.warm else None
    if kept is not None and page.text is not None and kept[0] == page.text and kept[1] == page.rules_key:
        return kept[2]
    return None


def _keep_analyses(session: Session, pages: list[_Page], analyses: list) -> None:
    if not session.warm:
        return
    for page, analysis in zip(pages, analyses):
        if page.text is not None and isinstance(analysis, Analysis):
            session.analyses[os.path.realpath(page.path)] = (page.text, page.rules_key, analysis)


_WORK: dict = {}  # the rules of each task's key, set before worker processes fork


@dataclass(frozen=True)
class _Task:
    """One page to analyse, as sent to a worker: its text, or None to read it from `path`
    there; `signature` (the rules' cache signature) asks for the cache key of the bytes read."""

    display: str
    path: Path
    text: str | None
    rules_key: tuple
    seconds: float
    signature: str | None = None


def _analyse_one(task: _Task) -> tuple[str | None, Analysis | Finding]:
    """The page's analysis (or the finding that it could not be read or linted), with the cache
    key of the bytes it was made from when the task asked for one."""
    display, text, key = task.display, task.text, None
    if text is None:
        source = read_source(task.path, display)
        if isinstance(source, Finding):
            return None, source
        data, text = source
        if task.signature is not None:
            from doclint import cache

            key = cache.entry_key(display, data, task.signature)
    try:
        with limits.time_limit(task.seconds):
            # The site profile (the key's last part) says which Markdown containers the site has.
            doc = Document(display, text, mdx=task.path.suffix.lower() == ".mdx", containers=task.rules_key[-1].containers)
            return key, analyse(doc, _WORK[task.rules_key])
    except limits.TimeLimit:
        return key, _time_limit_finding(display, task.seconds)
    except RecursionError:
        return key, Finding(display, 1, 1, 1, 1, INTERNAL_ERROR, Severity.ERROR, "nested too deeply to parse; not linted")


def _analyse_all(tasks: list[_Task], rules_by_key: dict, jobs: int | None) -> list[tuple[str | None, Analysis | Finding]]:
    _WORK.clear()
    _WORK.update(rules_by_key)
    if jobs is None:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        if len(tasks) < PARALLEL_THRESHOLD:
            jobs = 1
    if jobs <= 1 or len(tasks) < 2:
        return [_analyse_one(task) for task in tasks]
    import multiprocessing  # only a run big enough to share pays for its import

    if "fork" not in multiprocessing.get_all_start_methods():
        return [_analyse_one(task) for task in tasks]
    # fork: workers inherit the rules (pack rules hold closures, which cannot be pickled).
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return pool.map(_analyse_one, tasks, chunksize=max(1, len(tasks) // (jobs * 8)))


def _learn_styles(pages: list[_Page], rules_by_key: dict, options: Options) -> None:
    """Before fixing, learn the house style as a check run does (there, the lint itself measures
    each page): from the cache, else by reading the pages of each site that has no saved style."""
    from doclint import site
    from doclint.style import learned
    from doclint.style.measure import page_counts

    if options.session is None:  # a session's index already holds what the cache and buffers say
        site.PAGE_INFO.clear()
        if options.cache_dir is not None:
            from doclint import cache

            site.PAGE_INFO.update(cache.Cache(options.cache_dir).pages)
    judged = [page for page in pages if any(rule.rule.house_style for rule in rules_by_key[page.rules_key])]
    unknown = [page for page in judged if page.house_style() is None]
    if len(unknown) < learned.MIN_PAGES:
        return
    for page in unknown:
        source = _source(page)
        if not isinstance(source, Finding):
            try:
                with limits.time_limit(page.time_limit):
                    doc = Document(page.display, source[1], mdx=page.path.suffix.lower() == ".mdx", containers=page.rules_key[-1].containers)
                    learned.remember(os.path.realpath(page.path), page_counts(doc))
            except (limits.TimeLimit, RecursionError):
                continue  # its fix reports it


def _fix_file(page: _Page, rules, fix: FixMode, outcome: Outcome, baseline: bool = False) -> list[Finding]:
    """Fix one file (or, with --diff, work out its fixes); return what is left to report. With a
    `baseline`, the page's lines and outline are kept from the text its findings were found in."""
    from doclint import fix as fixing

    display, universe = page.display, page.config.universe
    source = _source(page)
    if isinstance(source, Finding):  # unreadable, or a symlink out of the tree: never written
        return [source]
    data, original = source
    if page.text is not None:
        outcome.stdin_text = original  # unless fixed below
    mdx = page.path.suffix.lower() == ".mdx"
    containers = page.rules_key[-1].containers
    style = page.house_style()

    def lint(doc: Document) -> list[Finding]:
        if baseline:
            page.lines, page.outline = doc.text.split("\n"), outline(doc)
        return lint_document(doc, rules, universe, style)

    try:  # the passes of fixing count against the page's limit, as its lint does
        with limits.time_limit(page.time_limit):
            result = fixing.fix_text(
                original,
                lint,
                lambda text: Document(display, text, mdx=mdx, containers=containers),
                fix.unsafe,
                page.keep,
            )
    except limits.TimeLimit:
        return [_time_limit_finding(display, page.time_limit)]
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
    if page.text is not None and fix.write:  # from standard input: the fixed text goes back there
        outcome.stdin_text = new_text
        return found
    if not fix.write:
        outcome.diff += fixing.unified_diff(display, original, new_text)
        return found
    try:
        fixing.write_atomically(page.path, data, new_text)
        return found
    except (fixing.WriteError, OSError) as error:
        problem = f"not fixed: {error}"
    # The file keeps its old text, so report the findings of that text.
    outcome.fixed -= result.fixed
    outcome.fixed_files -= 1
    unfixed = lint(Document(display, original, mdx=mdx, containers=containers))
    return unfixed + [_file_problem(display, problem)]


def _add_suppressions(page: _Page, found: list[Finding], reason: str, outcome: Outcome) -> list[Finding]:
    """Write a suppression comment for each finding into the page (doclint.add_suppressions);
    return the findings no comment can suppress, or all of them when the page cannot be written."""
    from doclint import add_suppressions, fix as fixing

    left = [finding for finding in found if finding.rule in add_suppressions.UNSUPPRESSIBLE]
    if len(left) == len(found):
        return found
    source = _source(page)
    if isinstance(source, Finding):  # gone or changed since it was linted
        return found
    data, original = source
    if page.text is None and page.path.is_symlink():
        return found + [_file_problem(page.display, "suppressions not added: a symbolic link (edit the file it points to)")]
    doc = Document(page.display, original, mdx=page.path.suffix.lower() == ".mdx", containers=page.rules_key[-1].containers)
    result = add_suppressions.add(doc, found, reason)
    if result.comments == 0:
        return found
    new_text = fixing.restore(original, result.text)
    if page.text is not None:  # from standard input: the new text goes back there
        outcome.stdin_text = new_text
    else:
        try:
            fixing.write_atomically(page.path, data, new_text)
        except (fixing.WriteError, OSError) as error:
            return found + [_file_problem(page.display, f"suppressions not added: {error}")]
    outcome.added += result.comments
    outcome.added_files += 1
    outcome.fallbacks += result.fallback
    return left


def _source(page: _Page) -> tuple[bytes, str] | Finding:
    """The page's bytes and text: as read from standard input, else from its file."""
    if page.text is not None:
        data = page.text.encode("utf-8")
        return too_large(page.display) if len(data) > limits.MAX_FILE_BYTES else (data, page.text)
    return read_source(page.path, page.display)


def _time_limit_finding(display: str, seconds: float) -> Finding:
    return Finding(display, 1, 1, 1, 1, TIME_LIMIT, Severity.ERROR, limits.message(seconds))


def _file_problem(display: str, message: str) -> Finding:
    return Finding(display, 1, 1, 1, 1, FIX_ERROR, Severity.ERROR, message)
