"""Find the Markdown and MDX files under the paths a user gave.

Directories are walked; `.git`, `node_modules` and whatever the repository's `.gitignore` files
ignore are skipped (pathspec implements git's matching, negation and anchoring included). A file
named explicitly is always linted, as ruff and markdownlint do.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

SUFFIXES = {".md", ".mdx", ".markdown"}
ALWAYS_SKIPPED = {".git", "node_modules", ".hg", ".svn", ".doclint_cache", ".venv", "__pycache__"}


class _Ignores:
    """The .gitignore files that apply to a directory, each with the folder it sits in."""

    def __init__(self, specs: list) -> None:  # (folder, pathspec.PathSpec) pairs
        self.specs = specs

    def with_folder(self, folder: Path) -> _Ignores:
        spec = _load(folder / ".gitignore")
        return _Ignores(self.specs + [(folder, spec)]) if spec else self

    def ignored(self, path: Path, is_dir: bool) -> bool:
        # As in git, the deepest .gitignore with a matching pattern decides, so a nested
        # `!keep.md` re-includes what a parent's `*.md` ignores.
        for base, spec in reversed(self.specs):
            relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            decision = spec.check_file(relative).include
            if decision is not None:
                return decision
        return False


def _load(path: Path):
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec  # only when there is a .gitignore to read

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _ancestors_ignores(folder: Path) -> _Ignores:
    """The .gitignore files from the repository root (the folder holding .git) down to `folder`."""
    chain = [folder, *folder.parents]
    root_index = next((i for i, p in enumerate(chain) if (p / ".git").exists()), None)
    ignores = _Ignores([])
    if root_index is None:
        return ignores
    for ancestor in reversed(chain[1 : root_index + 1]):
        ignores = ignores.with_folder(ancestor)
    return ignores


def has_markdown_suffix(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def discover(paths: list[Path], accept: Callable[[Path], bool] = has_markdown_suffix) -> list[Path]:
    """The files to lint, each once, in a stable order; `accept` decides for walked files."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            _walk(path, _ancestors_ignores(root).with_folder(root), found, root, accept)
        else:
            found[path] = None
    return sorted(found, key=lambda p: p.as_posix())


def _is_file_or_broken(entry: os.DirEntry) -> bool:
    """A page to lint: a file, or a link that points nowhere (a loop, a missing target), so that
    the run reports it by name instead of skipping it without a word."""
    try:
        return entry.is_file() or entry.is_symlink() and not entry.is_dir()
    except OSError:
        return True


def _walk(folder: Path, ignores: _Ignores, found: dict[Path, None], resolved: Path, accept) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        is_dir = entry.is_dir(follow_symlinks=False)
        if entry.name in ALWAYS_SKIPPED or ignores.ignored(resolved / entry.name, is_dir):
            continue
        if is_dir:
            child = resolved / entry.name
            _walk(Path(entry.path), ignores.with_folder(child), found, child, accept)
        elif accept(Path(entry.path)) and _is_file_or_broken(entry):
            found[Path(entry.path)] = None
