"""Match a document's path against user-supplied globs (gitignore-style, so `pricing/` and
`**/api/**` mean what they mean in a .gitignore)."""

from __future__ import annotations

from functools import lru_cache

import pathspec


@lru_cache(maxsize=256)
def _spec(globs: tuple[str, ...]) -> pathspec.PathSpec:
    return pathspec.GitIgnoreSpec.from_lines(globs)


def matches(path: str, globs) -> bool:
    if not globs:
        return False
    return _spec(tuple(globs)).match_file(path.replace("\\", "/").lstrip("./") or path)


def display(path) -> str:
    """A path as a user should see it in a message: relative to the current folder when inside."""
    from pathlib import Path

    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)
