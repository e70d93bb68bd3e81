"""The tree is the boundary: what doclint may read (and write) when it lints a repository.

A repository under review may be a stranger's pull request, checked out in CI beside the job's
credentials. Its pages, links, routes, packs and config therefore reach nothing outside the
project: a committed symlink `docs/cfg.md -> ../.git/config` or `-> /etc/passwd`, a link
`../../../../home/runner/.ssh/id_rsa.md` or a route folder `/` is reported or left unchecked,
never read, so no rule can print what it holds.

The project root of a path is the work tree it belongs to: the nearest folder upward holding
`.git`; outside a repository, the current folder when the path is inside it, else the folder
given (or the folder of the file given). A run reads pages and link targets only inside the roots
of the paths it lints; a config may also name paths inside its own folder (a trusted `--config`
kept beside the tree it lints). Inside a root, nothing under a `.git` folder is part of the tree.
A path is judged by where it really leads: symlinks are resolved before the check.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

# Folders inside a root that are never part of the tree (git's own files hold credentials).
PRIVATE_FOLDERS = frozenset({".git"})


def project_root(path: Path) -> Path:
    """The work tree `path` belongs to (see the module docstring). Absolute, symlinks resolved."""
    absolute = Path(os.path.abspath(path))
    start = absolute if absolute.is_dir() else absolute.parent
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder.resolve()
    cwd = Path.cwd()
    if start == cwd or cwd in start.parents:
        return cwd.resolve()
    return start.resolve()


class Boundary:
    """The roots a run may read inside. `allows(path)` is the one question every reader asks."""

    def __init__(self, roots: Iterable[Path] = ()) -> None:
        self.roots: tuple[Path, ...] = ()
        # Folder as given (and the working folder, for a relative one) -> where it leads. Every
        # page and link target is checked, and resolving a deep path costs an lstat per part:
        # thousands of them per run, for the same few dozen folders.
        self._folders: dict[tuple[str, str], Path] = {}
        self.add(roots)

    def add(self, roots: Iterable[Path]) -> None:
        known = set(self.roots)
        self.roots += tuple(root for root in (Path(r).resolve() for r in roots) if root not in known)

    def allows(self, path: Path) -> bool:
        real = self._real(path)
        if real is None:  # a symlink loop leads nowhere, as in inside()
            return True
        return any(_within(real, root) for root in self.roots)

    def _real(self, path: Path) -> Path | None:
        """`Path(path).resolve()`, with the folder's resolution remembered: only the last part is
        looked at anew (resolved in full when it is a symlink). None for a symlink loop."""
        parent, name = os.path.split(os.fspath(path))
        try:
            if name in ("", ".", ".."):
                return Path(path).resolve()
            key = (parent, "" if os.path.isabs(parent) else os.getcwd())
            folder = self._folders.get(key)
            if folder is None:
                folder = self._folders[key] = Path(parent or ".").resolve()
            joined = folder / name
            return joined.resolve() if joined.is_symlink() else joined
        except (OSError, RuntimeError):
            return None

    def root_for(self, path: Path) -> Path:
        """The root a linted path lies in (the deepest, by its name as given), else its own."""
        # Through the folder memo: each page of a run asks, and realpath costs an lstat per part.
        absolute = self._real(path) or Path(os.path.realpath(path))
        found = [root for root in self.roots if root == absolute or root in absolute.parents]
        return max(found, key=lambda root: len(root.parts)) if found else project_root(path)

    def why_not(self, path: Path) -> str:
        """Why a path is refused, for a message: where it leads, found without reading it."""
        real = Path(path).resolve()
        where = f"a symbolic link to {real}" if Path(path).is_symlink() else str(real)
        if any(real == root or root in real.parents for root in self.roots):
            return f"{where}, inside git's own folder"
        return f"{where}, outside the project"


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, symlinks resolved, lies in `folder` and not in a private folder of it."""
    try:
        real = Path(path).resolve()
        folder = Path(folder).resolve()
    except (OSError, RuntimeError):  # a symlink loop leads nowhere: reading it fails with ELOOP
        return True
    return _within(real, folder)


def _within(real: Path, folder: Path) -> bool:
    """`inside` for paths already resolved."""
    try:
        # Not `folder in real.parents`: that builds a Path per ancestor, for every page a site
        # index lists (a tenth of a one-page run on the Ably site).
        inner = real.relative_to(folder)
    except ValueError:
        return False
    return not PRIVATE_FOLDERS.intersection(inner.parts)


# The run's boundary. A run sets it before reading any page (doclint.run), worker processes
# inherit it by fork; with none set (a library call on one Document), nothing is refused.
_CURRENT: Boundary | None = None


def set_current(boundary: Boundary | None) -> None:
    global _CURRENT
    _CURRENT = boundary


def current() -> Boundary | None:
    return _CURRENT


def resolved(path: Path) -> Path:
    """`Path(path).resolve()`, through the run's memo of folders when a run is on: the site index
    resolves every page it reads or links into, mostly in the same few folders."""
    real = _CURRENT._real(path) if _CURRENT is not None else None
    return real if real is not None else Path(path).resolve()


def allows(path: Path) -> bool:
    """Whether this run may read `path` (always, when no run has set a boundary)."""
    return _CURRENT is None or _CURRENT.allows(path)
