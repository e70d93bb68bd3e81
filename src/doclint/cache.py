"""The lint cache: a page's analysis, kept until its content or its rules change (like ruff's).

An entry's key is a hash of doclint's version, the page's path as the run names it (relative
when the user gave a relative path), its bytes, and the signature of the rules it ran with
(names, severities, options, and the text of the pack files that define them). What is kept is
the `Analysis`: the page's own findings before suppressions, the inputs of site-wide rules, and
what is needed to place and suppress findings; none of it depends on where the checkout is, so
two checkouts sharing a cache folder each get their own results. Site-wide rules are resolved
again on every run, against the page's location in this checkout, so a link into a page that
changed (or that this checkout lacks) is judged against the site as it is now. The site index's
page info (anchors and redirects by absolute path, with the mtime and size they were read at)
is kept too: two checkouts have different absolute paths, so they never share it.

Threat model. doclint lints pull requests written by strangers, often in CI with a token in the
environment, so the tree it lints (cache folder included) is untrusted: a pull request can commit
`.doclint_cache/` with any content. Hence:

- The cache is data: JSON read by `doclint.cache_codec`, which builds only the types an
  Analysis holds and checks every field. Nothing in it can run code; anything unexpected is a
  miss (the file, or that entry), never an error.
- An entry is used only if this machine wrote it. Its key is made of public inputs, so a pull
  request could compute it and commit an entry saying its pages are clean; therefore the file
  carries an HMAC-SHA256 of its body under a secret key kept outside the tree, in the user's own
  cache folder (`$XDG_CACHE_HOME/doclint/key`, by default `~/.cache/doclint/key`; a relative
  XDG_CACHE_HOME is ignored, as the XDG spec says, which also keeps the key out of the tree). The
  key is created on first use (0600 in a 0700 folder, atomically, never through a symlink). A
  file whose MAC does not verify (committed, copied from another machine, edited) is a miss. A key
  that cannot be read or created safely means a run without a cache: the cache only saves time.
  What is trusted is therefore this user account: anything that runs as it can read the key.
- doclint writes and deletes only in a folder of its own: one that does not exist yet, is empty,
  or carries doclint's CACHEDIR.TAG. It marks a folder with that tag and a `.gitignore` holding
  `*`, each created only if absent and never through a symlink. A folder holding other files
  and no tag, a symlinked folder, tag or cache file is not used (one warning; the run goes on).
  The file is written atomically (temporary file, fsync, rename) and `clean` removes only what
  doclint writes, never following a symlink.

The cache is one file per folder, loaded once and written at the end of a run that added
something (entries unused for `MAX_AGE_RUNS` runs are dropped).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

from doclint import __version__, cache_codec
from doclint.cache_key import KEY_BYTES, key_file, machine_key, seal, unseal  # noqa: F401 - the cache's API

FORMAT = 1  # of the file; in its name, so that doclint versions with other formats never meet
FILE_NAME = f"cache-v{FORMAT}.json"
MAX_AGE_RUNS = 10
TAG_NAME = "CACHEDIR.TAG"
TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by doclint.\n"
    b"# For information about cache directory tags, see https://bford.info/cachedir/\n"
)
GITIGNORE = b"# Created by doclint\n*\n"
# What doclint writes in its folder, besides the tag and .gitignore: cache files of any format
# (v0.1.0.pickle and the like before the format had its own version) and temporary files.
_WRITTEN = re.compile(r"(?:cache|replay)-v\d+\.json|v[\w.+-]+\.pickle|(?:\.doclint-|tmp)\w+\.tmp")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class CacheError(Exception):
    """A folder `clean` will not touch; the message names it and says why."""


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


def entry_key(display_path: str, data: bytes, signature: str) -> str:
    digest = hashlib.sha256()
    for part in (__version__, display_path, signature):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


class Cache:
    """One cache folder, for one run: `get` and `put` analyses, `pages` and `put_pages` for the
    site index, `save` at the end. A folder doclint may not use gives an empty cache that saves
    nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.entries: dict[str, list] = {}  # key -> [run last used, encoded Analysis]
        self.pages: dict[str, dict] = {}
        self._stored_pages: Any = None  # as encoded in the file
        self.run = 0
        self.dirty = False
        self.key = b""
        if folder is not None:
            self._open(folder)

    def _open(self, folder: Path) -> None:
        problem = _folder_problem(folder)
        if problem is None:
            try:
                self.key = machine_key()
            except OSError as error:
                problem = f"cannot use the cache key {error.filename or key_file()}: {error.strerror or error}"
        if problem is not None:
            _warn(f"not using the cache folder {folder}: {problem}; running without a cache")
            self.folder = None
            return
        self._load(folder / FILE_NAME)
        self.run += 1

    def _load(self, file: Path) -> None:
        """Read the file if this machine signed it; anything unexpected leaves the cache empty."""
        try:
            body = unseal(self.key, _read_no_symlink(file))
            stored = json.loads(body) if body is not None else None
            if not _well_formed(stored):
                return
            self.pages = cache_codec.decode_pages(stored["pages"]) if stored["pages"] is not None else {}
        except (OSError, ValueError, RecursionError):  # cache_codec.Invalid is a ValueError
            return
        self.run, self.entries, self._stored_pages = stored["run"], stored["entries"], stored["pages"]

    def get(self, key: str) -> Any:
        """The cached Analysis for `key`, or None; an entry of the wrong shape is a miss."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            value = cache_codec.decode_analysis(entry[1])
        except (ValueError, RecursionError):
            del self.entries[key]
            return None
        # Marked as used this run; written out only if something new is written anyway, so a
        # run that changes nothing writes nothing.
        entry[0] = self.run
        return value

    def put(self, key: str, value: Any) -> None:
        if self.folder is None:
            return
        try:
            encoded = cache_codec.encode(value)
        except cache_codec.Invalid:  # site inputs of a type the cache cannot hold: not cached
            return
        if self.entries.get(key, (None, None))[1] != encoded:
            self.entries[key] = [self.run, encoded]
            self.dirty = True

    def put_pages(self, pages: dict[str, dict]) -> None:
        """The site index's page info as it is at the end of the run."""
        if self.folder is None:
            return
        encoded = cache_codec.encode(pages)
        if encoded != self._stored_pages:
            self._stored_pages, self.dirty = encoded, True

    def save(self) -> None:
        if self.folder is None or not self.dirty:
            return
        fresh = {key: entry for key, entry in self.entries.items() if self.run - entry[0] < MAX_AGE_RUNS}
        body = json.dumps({"format": FORMAT, "run": self.run, "entries": fresh, "pages": self._stored_pages}, separators=(",", ":"))
        try:
            _make_folder(self.folder)
            _write_atomically(self.folder / FILE_NAME, seal(self.key, body.encode()))
        except OSError:
            pass  # a cache that cannot be written only costs time next run


def _well_formed(stored: Any) -> bool:
    """The file's outline: its format, a run number, entries as key -> [run, data]."""
    if type(stored) is not dict or stored.get("format") != FORMAT or type(stored.get("run")) is not int:
        return False
    entries = stored.get("entries")
    return type(entries) is dict and "pages" in stored and all(
        type(entry) is list and len(entry) == 2 and type(entry[0]) is int for entry in entries.values()
    )


def _folder_problem(folder: Path) -> str | None:
    """Why doclint may not use this folder as its cache, or None if it may."""
    try:
        info = os.lstat(folder)
        if stat.S_ISLNK(info.st_mode):
            return "it is a symbolic link"
        if not stat.S_ISDIR(info.st_mode):
            return "it is not a folder"
        if not os.listdir(folder):
            return None
    except FileNotFoundError:
        return None
    except OSError as error:
        return error.strerror or str(error)
    if os.path.islink(folder / FILE_NAME):
        return f"its {FILE_NAME} is a symbolic link"
    return _tag_problem(folder)


def _tag_problem(folder: Path) -> str | None:
    """Why a folder with files in it is not doclint's, or None if it carries doclint's tag."""
    try:
        tag = _read_no_symlink(folder / TAG_NAME)
    except FileNotFoundError:
        if _only_doclint_files(folder):  # doclint 0.1 wrote no tag: its folder is still ours
            return None
        return f"it holds files and no {TAG_NAME} (doclint uses only a new or empty folder, or one it tagged)"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return f"its {TAG_NAME} is a symbolic link"
        return f"cannot read its {TAG_NAME}: {error.strerror or error}"
    return None if tag == TAG else f"its {TAG_NAME} was not written by doclint"


def _read_no_symlink(path: Path) -> bytes:
    """A file's bytes; a symbolic link raises OSError (ELOOP) instead of being followed."""
    handle = os.open(path, os.O_RDONLY | _NOFOLLOW)
    with os.fdopen(handle, "rb") as stream:
        return stream.read()


def _make_folder(folder: Path) -> None:
    """Create the folder if needed and mark it as doclint's; raise OSError if it is not ours
    (checked again: it may have changed since the run began)."""
    folder.mkdir(parents=True, exist_ok=True)
    problem = _folder_problem(folder)
    if problem is not None:
        raise OSError(problem)
    _create_once(folder / TAG_NAME, TAG)  # the tag first: a folder with our files is then ours
    _create_once(folder / ".gitignore", GITIGNORE)


def _create_once(path: Path, data: bytes) -> None:
    """Write a new file; an existing one (even a dangling symlink) is left as it is."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o644)
    except FileExistsError:
        return
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` (never following it) with `data`: readers see the old file or the new one.

    Not fix.write_atomically: a cache file needs none of its rules for users' pages (keeping
    mode and owner, the project boundary, comparing the old bytes)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".doclint-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _warn(message: str) -> None:
    from doclint.formats.safe import plain

    print(plain(f"warning: {message}"), file=sys.stderr)


def clean(folder: Path) -> list[str] | None:
    """Remove what doclint wrote in its cache folder, then the folder if that leaves it empty.

    Returns None if there is no cache, else the names of the entries kept (doclint did not write
    them). Raises CacheError, removing nothing, for a folder that is not doclint's: a symlink, or
    one without doclint's CACHEDIR.TAG (`DOCLINT_CACHE_DIR=.` must not delete a repository).
    """
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        raise CacheError(f"{folder} is a symbolic link; doclint clean does not follow it (nothing removed)")
    problem = _tag_problem(folder) if stat.S_ISDIR(info.st_mode) else "it is not a folder"
    if problem is not None:
        raise CacheError(f"{folder} is not a doclint cache: {problem}; nothing removed")
    kept = []
    for name in sorted(os.listdir(folder)):
        if name != TAG_NAME:
            if _written_by_doclint(folder / name):
                os.unlink(folder / name)
            else:
                kept.append(name)
    # Last: until then, an interrupted clean can be run again (doclint 0.1's folders had none).
    Path(folder / TAG_NAME).unlink(missing_ok=True)
    if not kept:
        os.rmdir(folder)
    return kept


def _only_doclint_files(folder: Path) -> bool:
    try:
        return all(_written_by_doclint(folder / name) for name in os.listdir(folder))
    except OSError:
        return False


def _written_by_doclint(path: Path) -> bool:
    """A regular file (never a symlink) of a name doclint writes; `.gitignore` only if it still
    holds exactly what doclint wrote."""
    if not stat.S_ISREG(os.lstat(path).st_mode):
        return False
    if path.name == ".gitignore":
        return _read_no_symlink(path) == GITIGNORE
    return _WRITTEN.fullmatch(path.name) is not None
