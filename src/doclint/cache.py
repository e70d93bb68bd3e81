"""The lint cache: a page's analysis, kept until its content or its rules change (like ruff's).

An entry's key is a hash of doclint's version, the page's path and bytes, and the signature of
the rules it ran with (names, severities, options, and the text of the pack files that define
them). What is kept is the `Analysis`: the page's own findings before suppressions, the inputs
of site-wide rules, and what is needed to place and suppress findings. Site-wide rules are
resolved again on every run, so a link into a page that changed is judged against the page as
it is now.

The cache is one pickle per cache folder, loaded once, written atomically at the end of a run
(entries unused for `MAX_AGE_RUNS` runs are dropped). A cache that cannot be read is ignored:
it only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Any

from doclint import __version__

DEFAULT_FOLDER = ".doclint_cache"
MAX_AGE_RUNS = 10


def rules_signature(rules) -> str:
    """What about the rules decides a page's findings."""
    parts = []
    for configured in rules:
        rule = configured.rule
        source = rule.extra.get("source")
        source_hash = _file_hash(source) if source else ""
        parts.append(repr((rule.name, int(configured.severity), sorted(configured.options.items()), source_hash)))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _file_hash(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def entry_key(display_path: str, data: bytes, signature: str, report_unused: bool) -> str:
    digest = hashlib.sha256()
    for part in (__version__, display_path, signature, str(report_unused)):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


class Cache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.entries: dict[str, tuple[int, Any]] = {}  # key -> (run number, value)
        self.run = 0
        self.dirty = False
        if folder is not None:
            self._load()

    @property
    def file(self) -> Path:
        return self.folder / f"v{__version__}.pickle"

    def _load(self) -> None:
        try:
            with open(self.file, "rb") as stream:
                self.run, self.entries = pickle.load(stream)
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            self.run, self.entries = 0, {}
        self.run += 1

    def get(self, key: str) -> Any:
        if self.folder is None or key not in self.entries:
            return None
        run, value = self.entries[key]
        # Marked as used this run; written out only if something new is written anyway, so a
        # run that changes nothing writes nothing.
        self.entries[key] = (self.run, value)
        return value

    def put(self, key: str, value: Any) -> None:
        if self.folder is not None and self.entries.get(key, (None, None))[1] != value:
            self.entries[key] = (self.run, value)
            self.dirty = True

    def save(self) -> None:
        if self.folder is None or not self.dirty:
            return
        fresh = {k: v for k, v in self.entries.items() if self.run - v[0] < MAX_AGE_RUNS}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / ".gitignore").write_text("# Created by doclint\n*\n")
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((self.run, fresh), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.file)
        except OSError:
            pass  # a cache that cannot be written only costs time next run


def clean(folder: Path) -> bool:
    """Remove a cache folder; True if there was one."""
    if not folder.is_dir():
        return False
    shutil.rmtree(folder)
    return True
