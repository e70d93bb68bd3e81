"""What a branch changed, from git: the files and, in each, the lines added and the lines the
diff shows (added plus context), for `--changed-since` and `doclint review`.

The diff is read with unidiff rather than by hand: it handles renames, new and deleted files,
paths with spaces and hunks without line counts.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

FILTER_MODES = ("added", "diff_context", "file", "nofilter")


class ChangeError(Exception):
    """git could not say what changed (not a repository, unknown ref); the CLI exits 2."""


@dataclass
class ChangedFile:
    path: Path  # absolute
    added: set[int] = field(default_factory=set)  # 1-based lines added or modified
    in_diff: set[int] = field(default_factory=set)  # added lines plus the diff's context lines


def _git(args: list[str], cwd: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except FileNotFoundError:
        raise ChangeError("git is not installed or not on PATH") from None
    if result.returncode != 0:
        raise ChangeError(result.stderr.strip().splitlines()[0] if result.stderr.strip() else f"git {args[0]} failed")
    return result.stdout


def repository_root(cwd: Path) -> Path:
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except ChangeError:
        raise ChangeError(f"{cwd.resolve()} is not inside a git repository") from None


def merge_base(ref: str, head: str, cwd: Path) -> str:
    """Where `head` branched from `ref`: the commit a pull request's diff starts at. Diffing
    against `ref` itself would blame the branch for every line `ref` changed since the branch
    point. `ref` itself when git finds no common commit (a shallow clone, unrelated histories)."""
    try:
        return _git(["merge-base", ref, head], cwd).strip() or ref
    except ChangeError:
        return ref


def changed_files(ref: str, cwd: Path = Path("."), head: str | None = None) -> dict[Path, ChangedFile]:
    """Files added, modified or renamed since the merge base of `ref` and HEAD (committed,
    staged, unstaged or untracked), keyed by absolute path; deleted files are left out.

    With `head` (a commit), only what that commit changed since its merge base with `ref`:
    what a pull request's diff shows, whatever the working tree holds.
    """
    try:  # one git process answers both where the repository is and whether `ref` names a commit
        shown = _git(["rev-parse", "--show-toplevel", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
        root = Path(shown.rstrip("\n").rsplit("\n", 1)[0])  # the top level, then the commit
        unverified: tuple[str, ...] = (head,) if head else ()
    except ChangeError:  # asked apart, to say which of the two went wrong
        root = repository_root(cwd)
        unverified = (ref, head) if head else (ref,)
    for name in unverified:
        try:
            _git(["rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"], root)
        except ChangeError:
            raise ChangeError(f"unknown git ref {name!r}") from None
    from unidiff import PatchSet  # only runs that look at a diff pay for the import

    # HEAD's merge base with itself is HEAD (a pre-commit hook's `--changed-since HEAD`).
    base = "HEAD" if ref == "HEAD" and head is None else merge_base(ref, head or "HEAD", root)
    diff = _git(["diff", "--no-color", "--no-ext-diff", "-M", "-U3", base, *([head] if head else []), "--"], root)
    changed: dict[Path, ChangedFile] = {}
    for patched in PatchSet(diff):
        if patched.is_removed_file:
            continue
        path = (root / patched.path).resolve()
        entry = changed.setdefault(path, ChangedFile(path))
        for hunk in patched:
            for line in hunk:
                if line.target_line_no is None:
                    continue
                entry.in_diff.add(line.target_line_no)
                if line.is_added:
                    entry.added.add(line.target_line_no)
    untracked = [] if head else _git(["ls-files", "--others", "--exclude-standard", "-z"], root).split("\0")
    for name in untracked:
        if name:
            path = (root / name).resolve()
            lines = _line_count(path)
            changed[path] = ChangedFile(path, set(range(1, lines + 1)), set(range(1, lines + 1)))
    return changed


def _line_count(path: Path) -> int:
    try:
        data = path.read_bytes()
    except OSError:
        return 0
    return data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)


def keeps(changed: ChangedFile | None, line: int, mode: str) -> bool:
    """Whether a finding on `line` survives the filter (reviewdog's filter modes)."""
    if mode == "nofilter":
        return True
    if changed is None:
        return False
    if mode == "file":
        return True
    if mode == "diff_context":
        return line in changed.in_diff
    return line in changed.added
