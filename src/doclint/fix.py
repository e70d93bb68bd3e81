"""Applying fixes: `--fix`, `--unsafe-fixes`, `--diff` and `--fix-only`.

Fixes are edits by offset into the text the rules saw. One pass applies every chosen fix that
does not overlap an earlier one (in document order; a fix that overlaps waits for the next pass),
then the page is linted again, until no fix is left or `MAX_PASSES` is reached, when the rules
still offering fixes are named: a rule whose fix never settles is a bug to report.

Writing never loses a word: edits are mapped back onto the file's own text (its BOM and each
line's own line ending kept, so everything outside the fixed spans stays byte for byte), the
new bytes go to a temporary file in the same folder which is then renamed over the original
(so an interrupted run leaves the old file or the new one, never half of one), the original's
permissions are kept, and a file that changed on disk since it was read is not overwritten.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from doclint.document import Document
from doclint.findings import Edit, Finding

MAX_PASSES = 10


@dataclass
class FixResult:
    text: str  # the fixed text, in Document form (no BOM, \n line endings)
    fixed: int = 0  # fixes applied
    findings: list[Finding] = field(default_factory=list)  # what the last lint found
    unstable: list[str] = field(default_factory=list)  # rules still fixing after MAX_PASSES


def wanted(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and bool(finding.fix.edits) and (finding.fix.safe or unsafe)


def apply_fixes(text: str, findings: list[Finding], unsafe: bool) -> tuple[str, int]:
    """Apply the non-overlapping fixes of `findings` to `text`; return the text and the count."""
    chosen: list[list[Edit]] = []
    taken: list[tuple[int, int]] = []
    for finding in sorted((f for f in findings if wanted(f, unsafe)), key=lambda f: min(e.start for e in f.fix.edits)):
        edits = sorted(finding.fix.edits, key=lambda e: (e.start, e.end))
        spans = [(e.start, e.end) for e in edits]
        if any(_overlaps(span, other) for span in spans for other in taken):
            continue  # the later fix waits for the next pass, on the re-linted text
        taken.extend(spans)
        chosen.append(edits)
    for edit in sorted((e for edits in chosen for e in edits), key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text, len(chosen)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # Two insertions at the same point conflict too: their order would be arbitrary.
    return a[0] < b[1] and b[0] < a[1] or a == b or (a[0] == a[1] and b[0] <= a[0] <= b[1]) or (b[0] == b[1] and a[0] <= b[0] <= a[1])


def fix_text(
    text: str,
    lint: Callable[[Document], list[Finding]],
    make_document: Callable[[str], Document],
    unsafe: bool,
    keep: Callable[[Finding], bool] = lambda finding: True,
) -> FixResult:
    """Lint and fix until nothing is left to fix (at most MAX_PASSES passes).

    `text` may be the file's own text; the result is in Document form (see `restore`).
    """
    result = FixResult(text)
    for _ in range(MAX_PASSES):
        doc = make_document(result.text)
        result.text = doc.text  # offsets are into the Document's text: no BOM, \n endings
        result.findings = lint(doc)
        fixable = [f for f in result.findings if wanted(f, unsafe) and keep(f)]
        if not fixable:
            return result
        new_text, count = apply_fixes(result.text, fixable, unsafe)
        if new_text == result.text:
            return result
        result.text, result.fixed = new_text, result.fixed + count
    result.findings = lint(make_document(result.text))
    result.unstable = sorted({f.rule for f in result.findings if wanted(f, unsafe) and keep(f)})
    return result


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split only at \r\n, \r and \n, as the engine counts lines."""
    return _LINE.findall(text)


def restore(original: str, fixed: str) -> str:
    """Put the fixed Document text back into the file's own form: its BOM and line endings.

    A line the fixes kept, or changed in place, keeps its own ending (a file with mixed endings
    stays mixed); a new line takes the file's most common ending.
    """
    bom = "\ufeff" if original.startswith("\ufeff") else ""
    old_lines = split_lines(original.removeprefix("\ufeff"))
    endings = [line[len(line.rstrip("\r\n")) :] for line in old_lines]
    common = max(("\n", "\r\n", "\r"), key=endings.count)
    old = [line.rstrip("\r\n") for line in old_lines]
    new = fixed.split("\n")
    out = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        for index in range(b1 - b0):
            kept = op in ("equal", "replace") and a0 + index < a1
            out.append(new[b0 + index] + ((endings[a0 + index] if kept else "") or common))
    text = "".join(out)
    # `fixed` ends with "\n" exactly when its last split piece is empty; that piece got an ending
    # it must not have, and a last line without a newline must stay without one.
    text = text[: len(text) - len(out[-1]) + len(new[-1])] if out else text
    return bom + text


def unified_diff(display_path: str, before: str, after: str) -> str:
    """A unified diff that `git apply` and `patch -p1` accept (a/ and b/ prefixes)."""
    # A tab after the name lets `patch` read names with spaces (as GNU diff writes them).
    tab = "\t" if any(c.isspace() for c in display_path) else ""
    lines = difflib.unified_diff(split_lines(before), split_lines(after), f"a/{display_path}{tab}", f"b/{display_path}{tab}")
    out = []
    for line in lines:
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


class WriteError(Exception):
    pass


def write_atomically(path: Path, original: bytes | None, new_text: str) -> None:
    """Replace the file's contents with `new_text` (UTF-8) atomically: a temporary file in the same
    folder, then a rename. With `original`, only if the file still holds exactly those bytes;
    `None` writes a file that need not exist yet.

    The new file keeps the old one's permissions and owner. A file that leads out of its project
    (doclint.boundary), is read-only, has other hard links (a rename would split them) or belongs
    to someone doclint cannot give it back to is refused with a WriteError, never replaced.
    """
    from doclint import boundary

    root = boundary.project_root(path.parent)
    if not boundary.inside(path, root):  # a symlink (even a dangling one) out of the tree
        raise WriteError(f"{path} is {boundary.Boundary([root]).why_not(path)}")
    target = path.resolve()
    existing = target.stat() if target.exists() else None
    if existing is not None:
        _check_replaceable(path, existing)
    mode = stat.S_IMODE(existing.st_mode) if existing else 0o644
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".doclint-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(new_text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if existing is not None and (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
            try:
                os.chown(temporary, existing.st_uid, existing.st_gid)
            except OSError:
                raise WriteError(f"{path} belongs to another user") from None
        if original is not None and target.read_bytes() != original:
            raise WriteError(f"{path} changed on disk while doclint was fixing it; not overwritten")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _check_replaceable(path: Path, existing: os.stat_result) -> None:
    # The mode bits, not os.access: as root (CI) every file is "writable".
    if not existing.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError(f"{path} is read-only")
    if existing.st_nlink > 1:
        raise WriteError(f"{path} has {existing.st_nlink} hard links (replacing it would split them)")
