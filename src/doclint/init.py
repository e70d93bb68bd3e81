"""`doclint init`: write a commented starter configuration.

Into `pyproject.toml` as a `[tool.doclint]` section when the folder has one, else into a new
`doclint.toml`. It never overwrites: an existing `doclint.toml` or `[tool.doclint]` is an error.
The file is written atomically (a temporary file in the same folder, then a rename), so an
interrupted run leaves the user's `pyproject.toml` as it was.
"""

from __future__ import annotations

from pathlib import Path

from doclint.fix import WriteError, write_atomically

STARTER = """\
# doclint configuration: every key is optional. See the README's "Configuration" section.

# Rules or tags to run (default: every rule that is on by default), to add, and to skip.
# select = ["ALL"]
# extend-select = []
ignore = []

# Lowest severity that fails the run: "error", "warning" or "info".
fail-on = "warning"

# Files to lint, and files to skip: gitignore-style globs relative to this file.
include = ["*.md", "*.mdx", "*.markdown"]
exclude = []

# Per-rule settings: `severity` ("error", "warning", "info" or "off") and the rule's options
# (`doclint rule NAME` lists them).
[{prefix}rules.pricing]
allowed_paths = ["pricing/", "pricing.md", "pricing.mdx"]

[{prefix}rules.room-attach]
flow_paths = ["guides/", "getting-started/", "tutorials/"]

# Settings for some paths only. For example, API reference pages show calls in isolation:
[[{prefix}overrides]]
paths = ["**/api/**"]
rules.room-attach = {{ severity = "off" }}
"""


class InitError(Exception):
    pass


def starter(pyproject: bool) -> str:
    text = STARTER.format(prefix="tool.doclint." if pyproject else "")
    if pyproject:
        text = text.replace("# doclint configuration", "[tool.doclint]\n# doclint configuration", 1)
    return text


def init(folder: Path) -> Path:
    """Write the starter config in `folder`; return the file written."""
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        current = pyproject.read_text(encoding="utf-8")
        if "[tool.doclint" in current:
            raise InitError(f"{pyproject} already has a [tool.doclint] section; not overwriting it")
        separator = "" if not current or current.endswith("\n\n") else ("\n" if current.endswith("\n") else "\n\n")
        _write(pyproject, current.encode("utf-8"), current + separator + starter(pyproject=True))
        return pyproject
    target = folder / "doclint.toml"
    if target.exists() or target.is_symlink():
        raise InitError(f"{target} already exists; not overwriting it")
    _write(target, None, starter(pyproject=False))
    return target


def _write(path: Path, original: bytes | None, text: str) -> None:
    try:
        write_atomically(path, original, text)
    except WriteError as error:
        raise InitError(f"{error}; nothing written") from None
