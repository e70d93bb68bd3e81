"""Match a document's path against user-supplied globs, with .gitignore meaning: `pricing/`
matches a folder of that name anywhere, `docs/**/api/**` is anchored, `*.mdx` matches a name at
any depth, and a pattern that matches a folder matches everything in it.

A small translator to regular expressions rather than pathspec: rules match paths on every page,
and importing pathspec costs more than a one-page run can spare (discovery still uses pathspec
for real .gitignore files). tests/test_paths.py checks the two agree.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=512)
def _compile(glob: str) -> tuple[re.Pattern, bool]:
    """A regex for one glob, and whether it only matches folders (a trailing slash)."""
    folder_only = glob.endswith("/")
    glob = glob.strip().rstrip("/")
    anchored = "/" in glob
    glob = glob.lstrip("/")
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("/**", i) and i + 3 == len(glob):
            out.append("/.*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and "]" in glob[i + 1 :]:
            end = glob.index("]", i + 1)
            body = glob[i + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + "".join(out)), folder_only


def _candidates(path: str) -> list[tuple[str, bool]]:
    """The path itself, then each folder it is in, each marked whether it is a folder."""
    parts = path.split("/")
    return [(path, False)] + [("/".join(parts[:n]), True) for n in range(len(parts) - 1, 0, -1)]


def matches(path: str, globs) -> bool:
    if not globs:
        return False
    path = path.replace("\\", "/")
    while path.startswith(("./", "../")):
        path = path.split("/", 1)[1]
    path = path.lstrip("/")
    candidates = _candidates(path)
    for glob in globs:
        pattern, folder_only = _compile(glob)
        for candidate, is_folder in candidates:
            if (is_folder or not folder_only) and pattern.fullmatch(candidate):
                return True
    return False


def display(path) -> str:
    """A path as a user should see it in a message: relative to the current folder when inside."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)
