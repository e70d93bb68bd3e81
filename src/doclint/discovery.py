"""Find the Markdown and MDX files under the paths a user gave.

Directories are walked; `.git`, `node_modules` and whatever the repository's `.gitignore` files
ignore are skipped, by git's rules (negation, anchoring, folder patterns, nested files), with the
globs of doclint.paths, which cannot backtrack: a .gitignore is written by whoever opens the pull
request. An ignored folder is not entered, so nothing inside it is linted. A file named
explicitly is always linted, as ruff and markdownlint do, unless the caller asks otherwise
(`--force-exclude`, for pre-commit, which names every staged file): then `skipped_by_walk` and
the config's `exclude` judge it as if the walk had found it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from doclint.paths import Glob, compile_glob

SUFFIXES = {".md", ".mdx", ".markdown"}
ALWAYS_SKIPPED = {".git", "node_modules", ".hg", ".svn", ".doclint_cache", ".venv", "__pycache__"}


class _Ignores:
    """The .gitignore files that apply to a directory, each with the folder it sits in."""

    def __init__(self, specs: list[tuple[Path, list[tuple[Glob, bool]]]]) -> None:
        self.specs = specs

    def with_folder(self, folder: Path) -> _Ignores:
        spec = _load(folder / ".gitignore")
        return _Ignores(self.specs + [(folder, spec)]) if spec else self

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Whether git ignores this entry of a folder that is not itself ignored. As in git, the
        deepest .gitignore with a matching pattern decides (a nested `!keep.md` re-includes what
        a parent's `*.md` ignores), and within one file the last matching pattern."""
        for base, spec in reversed(self.specs):
            parts = list(path.relative_to(base).parts)
            for glob, negated in reversed(spec):
                if glob.match(parts, is_dir, parents=False):
                    return not negated
        return False


def _load(path: Path) -> list[tuple[Glob, bool]] | None:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return _parse_gitignore(text.splitlines())


def _parse_gitignore(lines: list[str]) -> list[tuple[Glob, bool]]:
    """A .gitignore's patterns in order, each with whether it re-includes (`!`). Blank lines,
    `#` comments and malformed patterns (git discards those too) are left out; trailing spaces
    are dropped unless escaped (`\\ `), and `\\#`, `\\!` start a pattern with a literal # or !."""
    patterns = []
    for line in lines:
        line = _without_trailing_spaces(line)
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        try:
            patterns.append((compile_glob(line[negated:]), negated))
        except ValueError:
            continue
    return patterns


def _without_trailing_spaces(line: str) -> str:
    stripped = line.rstrip(" ")
    backslashes = len(stripped) - len(stripped.rstrip("\\"))
    if backslashes % 2 and stripped != line:
        return stripped + " "  # the last space was escaped
    return stripped


def _ignores_for(root: Path) -> _Ignores | None:
    """The .gitignore files that apply inside `root`, from the repository's root (the folder
    holding .git) down; None when root is in a folder git ignores, where git lists nothing, and
    a `!` pattern cannot rescue a file inside an ignored folder."""
    chain = [root, *root.parents]
    top = next((i for i, p in enumerate(chain) if (p / ".git").exists()), 0)
    ignores = _Ignores([])
    for folder in reversed(chain[: top + 1]):
        if ignores.ignored(folder, is_dir=True):
            return None
        ignores = ignores.with_folder(folder)
    return ignores


def has_markdown_suffix(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def discover(
    paths: list[Path],
    accept: Callable[[Path], bool] = has_markdown_suffix,
    excluded: Callable[[Path], bool] | None = None,
) -> list[Path]:
    """The files to lint, each once, in a stable order; `accept` decides for walked files, and
    `excluded`, when given, skips files named explicitly (which are otherwise always linted)."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            found.update((file, None) for file, _ in walked(path) if accept(file))
        elif excluded is None or not excluded(path):
            found[path] = None
    return sorted(found, key=lambda p: p.as_posix())


def walked(folder: Path) -> Iterator[tuple[Path, Path | None]]:
    """Every file the walk of `folder` reaches, before `accept` judges it, in walk order: as
    named from `folder`, with its real path (None for a symbolic link, which leads elsewhere)."""
    root = folder.resolve()
    ignores = _ignores_for(root)
    if ignores is not None:
        yield from _walk(folder, ignores, root)


def skipped_by_walk(path: Path) -> bool:
    """Whether walking its repository would skip this file: it sits in an always-skipped folder
    (`.git`, `node_modules`, `.venv`...) below the repository's root, or git ignores it or a
    folder above it."""
    file = path.resolve()
    folders = list(file.parents)
    top = next((i for i, folder in enumerate(folders) if (folder / ".git").exists()), None)
    root = folders[top] if top is not None else Path.cwd().resolve()
    if file.is_relative_to(root) and ALWAYS_SKIPPED.intersection(file.relative_to(root).parts[:-1]):
        return True
    ignores = _ignores_for(file.parent)
    return ignores is None or ignores.ignored(file, is_dir=False)


def _is_file_or_broken(entry: os.DirEntry) -> bool:
    """A page to lint: a file, or a link that points nowhere (a loop, a missing target), so that
    the run reports it by name instead of skipping it without a word."""
    try:
        return entry.is_file() or entry.is_symlink() and not entry.is_dir()
    except OSError:
        return True


def _walk(folder: Path, ignores: _Ignores, resolved: Path) -> Iterator[tuple[Path, Path | None]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name in ALWAYS_SKIPPED:
            continue
        is_dir = entry.is_dir(follow_symlinks=False)
        # `resolved` is the folder's real path, so an entry that is no link is at resolved/name.
        child = resolved / entry.name
        if ignores.specs and ignores.ignored(child, is_dir):
            continue
        if is_dir:
            yield from _walk(Path(entry.path), ignores.with_folder(child), child)
        elif _is_file_or_broken(entry):
            yield Path(entry.path), None if entry.is_symlink() else child
