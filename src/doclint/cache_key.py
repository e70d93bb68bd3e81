"""The secret that signs this user's caches, and sealing a file with it.

Apart from doclint.cache so that a warm run's replay (doclint.warm) can check a file's MAC
without importing the engine: only the standard library here.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import os
import secrets
import stat
import tempfile
from pathlib import Path

KEY_BYTES = 32
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def key_file() -> Path:
    """Where this user's cache key lives: outside any tree doclint lints."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "doclint" / "key"


def machine_key() -> bytes:
    """The secret that signs this user's caches, created on first use. Raises OSError when it
    cannot be read or created safely (a symlink, someone else's, readable by others)."""
    path = key_file()
    path.parent.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkdir(path.parent, 0o700)
    except FileExistsError:
        pass
    if not stat.S_ISDIR(os.lstat(path.parent).st_mode):
        raise OSError(errno.ENOTDIR, "not a folder (or a symbolic link)", str(path.parent))
    try:
        return _read_key(path)
    except FileNotFoundError:
        _create_key(path)
        return _read_key(path)


def _read_key(path: Path) -> bytes:
    handle = os.open(path, os.O_RDONLY | _NOFOLLOW)
    try:
        info = os.fstat(handle)
        # A key others can read (or a checkout wrote: git makes files 0644) could sign forgeries.
        private = not hasattr(os, "geteuid") or (info.st_uid == os.geteuid() and not info.st_mode & 0o077)
        if not stat.S_ISREG(info.st_mode) or not private or info.st_size != KEY_BYTES:
            raise OSError(errno.EPERM, "not a private key file of this user", str(path))
        return os.read(handle, KEY_BYTES)
    finally:
        os.close(handle)


def _create_key(path: Path) -> None:
    """A new key, complete or not there at all: written aside, then linked into place (a link
    never replaces a key another run made meanwhile)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # mode 0600
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(secrets.token_bytes(KEY_BYTES))
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another run was first: use its key
    finally:
        os.unlink(temporary)


def seal(key: bytes, body: bytes) -> bytes:
    """A cache file: the body's MAC under this machine's key, a newline, the body."""
    return hmac.new(key, body, hashlib.sha256).hexdigest().encode() + b"\n" + body


def unseal(key: bytes, data: bytes) -> bytes | None:
    """The body of a cache file, or None if this machine's key did not sign it."""
    mac, _, body = data.partition(b"\n")
    return body if hmac.compare_digest(mac, hmac.new(key, body, hashlib.sha256).hexdigest().encode()) else None
