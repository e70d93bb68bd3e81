"""A warm run that finds nothing changed prints what the last run printed, and stops there.

`doclint check` with a cache keeps, beside the lint cache, a replay record of each of its
recent command lines: what the run printed, its exit code, and a stamp of everything it looked
at: every file it opened (mode, inode, size, mtime, ctime), every folder it listed (the names
in it), every path it asked about (a config that is not there, a link's target). A later run
of the same command line, from the same folder, with the same environment and doclint code,
whose every stamp is unchanged, cannot come out differently: it prints the record and exits,
having imported nothing but the standard library, read one file and stat'ed the paths. Anything
else (a page edited, added or deleted, a config or pack changed, another terminal width) is a
miss, and the run is the ordinary one, which writes a new record.

What the run looked at is traced, not declared: an audit hook sees every `open`, `listdir` and
`scandir`, and `os.stat` / `os.lstat` are wrapped while the run lasts, so no module has to
remember to report what it read. (Worker processes parse pages only; what a page's own lint
reads is the lint cache's business, keyed by the page's bytes.)

Trust is the cache's: the record is signed with this user's cache key (doclint.cache_key), so
a committed `.doclint_cache/` cannot replay a clean run. A record is written only when every
stamp is older than the run by `RACY_NS` (a file edited twice in one clock tick, with the same
size, would otherwise look unchanged), only for runs that write nothing but their report (no
--fix, no suppressions, no --output-file or job summary), read no standard input and ask git
nothing (--changed-since: git's state is not a file stamp), only once the report is whole, and
only when no page ran out of time (that depends on the machine's load).
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time

FORMAT = 1
FILE_NAME = f"replay-v{FORMAT}.json"
DEFAULT_FOLDER = ".doclint_cache"  # cli.DEFAULT_CACHE
MAX_RECORDS = 8  # command lines remembered per cache folder
RACY_NS = 2_000_000_000
# The environment a run's output can depend on: colour and terminal, where the cache key lives,
# which Python and doclint, locale. Other variables (OLDPWD, SHLVL) change without mattering.
_ENV_PREFIXES = ("DOCLINT_", "PYTHON", "XDG_", "GITHUB_", "RUNNER_", "LC_", "TTY_")
_ENV_NAMES = {"HOME", "PATH", "LANG", "TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "CI", "VIRTUAL_ENV"}
# Never a run's input, and some change under it (a terminal's device, the cache's own files).
_UNTRACKED = ("/dev/", "/proc/", "/sys/")
_MODULE_SUFFIXES = (".py", ".pyc", ".so", ".pth")
# Options that mean the run writes something, reads standard input or asks git: never replayed.
_NEVER = {"-", "--", "--fix", "--fix-only", "--diff", "--add-suppressions", "--changed-since", "--stdin-filename",
          "--output-file", "-o", "--no-cache", "--show-settings", "--show-files", "--help", "-h", "--version"}


def main() -> None:
    """`python -m doclint` and the `doclint` script: replay when nothing changed, else run
    (recording, when the command line can be replayed)."""
    argv = sys.argv[1:]
    folder = _folder(argv)
    recorder = None
    if folder is not None:
        key = _key(argv)
        _replay(folder, key)
        recorder = Recorder(key)
        recorder.start()
    from doclint.cli import main as cli_main

    code: object = "interrupted"  # not a code: an exception other than an exit is never recorded
    try:
        cli_main()
        code = 0
    except SystemExit as done:
        code = done.code
        raise
    finally:
        if recorder is not None:
            recorder.stop(code)


def _folder(argv: list[str]) -> str | None:
    """The cache folder a `check` command line uses, or None when it cannot be replayed."""
    if not argv or argv[0] != "check" or any(arg in _NEVER or arg.startswith(("--changed-since=", "--output-file=", "--format=github")) for arg in argv):
        return None
    folder = os.environ.get("DOCLINT_CACHE_DIR") or DEFAULT_FOLDER
    for index, arg in enumerate(argv):
        if arg == "--format" and argv[index + 1 : index + 2] == ["github"]:
            return None  # it also writes the job summary
        if arg == "--cache-dir" and index + 1 < len(argv):
            folder = argv[index + 1]
        elif arg.startswith("--cache-dir="):
            folder = arg.split("=", 1)[1]
    return folder


def _key(argv: list[str]) -> str:
    """Everything besides files that decides what a run prints."""
    streams = []
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        try:
            streams.append(stream.isatty())
        except (AttributeError, ValueError):
            streams.append(None)
    try:
        size = tuple(os.get_terminal_size(sys.stdout.fileno())) if streams[1] else None
    except (OSError, ValueError):
        size = None
    import hashlib  # here, not at the top: a run that cannot be replayed never hashes

    from doclint import __version__

    env = sorted((name, value) for name, value in os.environ.items() if name in _ENV_NAMES or name.startswith(_ENV_PREFIXES))
    parts = [FORMAT, __version__, _code(), sys.executable, os.getcwd(), argv, env, streams, size]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


_real_stat = os.stat  # a Recorder wraps os.stat while a run lasts


def _code() -> list:
    """doclint's own modules, each with its size and mtime: a checkout whose code was edited
    (the version stays 0.1.0 between releases) must not replay what the old code printed."""
    package = os.path.dirname(os.path.abspath(__file__))
    found, pending = [package], [package]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    pending.append(entry.path)
            elif entry.name.endswith((".py", ".yaml", ".yml")):
                try:
                    info = entry.stat()
                except OSError:
                    continue
                found.append((entry.path, info.st_size, info.st_mtime_ns))
    return sorted(found[1:])


# How a run looked at a path: lstat, stat, or listed (a folder's entries).
LSTAT, STAT, LISTED = 0, 1, 2


def _stamp(path: str, how: int) -> list[int] | None:
    """What the run could have learnt of `path`, or None for no such path: a file's stamp, a
    listed folder's names (a hash of them). A folder that was only stat'ed (realpath's walk up
    to /, a config's folder) says only that it is a folder: its times change with every file
    made in it, as /tmp's do all day."""
    try:
        info = _real_stat(path, follow_symlinks=how != LSTAT)
    except (OSError, ValueError):
        return None
    if how == LISTED:  # what a listing tells is the names in it (mtimes move with any write)
        import hashlib

        try:
            names = "\0".join(sorted(os.listdir(path)))
        except OSError:
            return None
        return [info.st_mode, info.st_ino, 0, int(hashlib.sha256(names.encode("utf-8", "surrogateescape")).hexdigest()[:15], 16), 0]
    if stat.S_ISDIR(info.st_mode):
        return [info.st_mode, info.st_ino, 0, 0, 0]
    return [info.st_mode, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def _read_records(folder: str) -> dict:
    """The folder's records, if this user's key signed them; {} for anything else."""
    from doclint.cache_key import machine_key, unseal

    try:
        if os.path.islink(folder):
            return {}
        handle = os.open(os.path.join(folder, FILE_NAME), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(handle, "rb") as stream:
            body = unseal(machine_key(), stream.read())
        stored = json.loads(body) if body is not None else None
    except (OSError, ValueError, RecursionError):
        return {}
    if type(stored) is not dict or stored.get("format") != FORMAT or type(stored.get("records")) is not dict:
        return {}
    return stored["records"]


def _replay(folder: str, key: str) -> None:
    """Print the record of this run and exit, if every file it looked at is as it was."""
    record = _read_records(folder).get(key)
    if not _well_formed(record) or not all(_stamp(path, how) == stamp for path, how, stamp in record["deps"]):
        return
    try:
        sys.stdout.write(record["stdout"])
        sys.stdout.flush()
        sys.stderr.write(record["stderr"])
        sys.stderr.flush()
    except BrokenPipeError:  # `doclint check | head`, as cli does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(1) from None
    raise SystemExit(record["code"])


def _well_formed(record) -> bool:
    return (
        type(record) is dict
        and type(record.get("stdout")) is str
        and type(record.get("stderr")) is str
        and record.get("code") in (0, 1)
        and type(record.get("deps")) is list
        and all(
            type(dep) is list and len(dep) == 3 and type(dep[0]) is str and dep[1] in (LSTAT, STAT, LISTED)
            and (dep[2] is None or (type(dep[2]) is list and len(dep[2]) == 5 and all(type(n) is int for n in dep[2])))
            for dep in record["deps"]
        )
    )


class _Tee:
    """A text stream that also keeps what is written to it."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self.text: list[str] = []
        self.bypassed = False  # something wrote past it (to the bytes underneath), or failed

    def write(self, text):
        if isinstance(text, str):
            try:
                written = self._stream.write(text)
            except BaseException:  # a closed pipe (`| head`): the record would be cut short
                self.bypassed = True
                raise
            self.text.append(text)
            return written
        return self._stream.write(text)  # click probes with bytes, which must fail as they would

    def flush(self):
        try:
            return self._stream.flush()
        except BaseException:
            self.bypassed = True
            raise

    @property
    def buffer(self):
        self.bypassed = True
        return self._stream.buffer

    def __getattr__(self, name):
        return getattr(self._stream, name)


_ACTIVE: list[Recorder] = []  # the recorder of this process's run, if one is recording


class Recorder:
    """Traces what a run looks at and what it prints; `stop` writes the record if the run
    said it may be replayed (`allow`)."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.deps: dict[tuple[str, int], list[int] | None] = {}
        self._seen: set = set()  # (path as given, how): looked at already
        self.folder: str | None = None  # set by `allow`: the run's cache folder
        self.started = time.time_ns()
        self._saved = None

    def start(self) -> None:
        self._saved = (os.stat, os.lstat, sys.stdout, sys.stderr)

        def traced_stat(path, *, dir_fd=None, follow_symlinks=True):
            self._note(path, STAT if follow_symlinks else LSTAT, dir_fd)
            return _real_stat(path, dir_fd=dir_fd, follow_symlinks=follow_symlinks)

        def traced_lstat(path, *, dir_fd=None):
            self._note(path, LSTAT, dir_fd)
            return _real_stat(path, dir_fd=dir_fd, follow_symlinks=False)

        os.stat, os.lstat = traced_stat, traced_lstat
        sys.stdout, sys.stderr = _Tee(sys.stdout), _Tee(sys.stderr)
        if not _ACTIVE:
            sys.addaudithook(_audit)  # hooks cannot be removed: it does nothing once stopped
        _ACTIVE[:] = [self]

    def _note(self, path, how: int, dir_fd=None) -> None:
        if dir_fd is not None or isinstance(path, int):
            return  # relative to a descriptor: not a path a later run can stat
        try:
            if (path, how) in self._seen:  # most looks are second looks: realpath's walks
                return
            self._seen.add((path, how))
        except TypeError:  # unhashable: a bytearray
            pass
        try:
            path = os.fsdecode(os.fspath(path))
        except TypeError:
            return
        path = os.path.abspath(path)
        if (path, how) not in self.deps:  # the first look is the one the run acted on
            self.deps[(path, how)] = _stamp(path, how)

    def allow(self, folder) -> None:
        """The run may be replayed; its cache folder (where the record goes) is `folder`."""
        self.folder = os.path.abspath(os.fspath(folder))

    def stop(self, code: object) -> None:
        os.stat, os.lstat, out, err = self._saved
        stdout, stderr = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        _ACTIVE.clear()
        if self.folder is None or code not in (0, 1, None) or stdout.bypassed or stderr.bypassed:
            return
        deps = self._dependencies()
        if deps is None:
            return
        record = {"stdout": "".join(stdout.text), "stderr": "".join(stderr.text), "code": code or 0, "deps": deps}
        try:
            _write(self.folder, self.key, record)
        except Exception:  # noqa: BLE001 - a record only saves time: it never fails the run
            pass

    def _dependencies(self) -> list | None:
        """The stamps to compare next time, or None when one is too recent to be trusted."""
        from doclint.cache_key import key_file

        skip = (self.folder + os.sep, str(key_file().parent) + os.sep, *_UNTRACKED)
        deps = []
        for (path, how), stamp in sorted(self.deps.items()):
            if path.startswith(skip) or path == self.folder or path.endswith(_MODULE_SUFFIXES):
                continue
            if stamp is not None and how != LISTED and max(stamp[3], stamp[4]) >= self.started - RACY_NS:
                return None
            deps.append([path, how, stamp])
        return deps


def _audit(event: str, args: tuple) -> None:
    if not _ACTIVE:
        return
    if event == "open" and args and args[0] is not None:
        _ACTIVE[0]._note(args[0], STAT)
    elif event in ("os.listdir", "os.scandir") and args:
        _ACTIVE[0]._note(args[0] if args[0] is not None else ".", LISTED)


def allow(folder) -> None:
    """Called by `check` when this run may be replayed, with its cache folder."""
    if _ACTIVE:
        _ACTIVE[0].allow(folder)


def _write(folder: str, key: str, record: dict) -> None:
    """Add the record to the folder's file (the newest MAX_RECORDS kept), as the cache writes."""
    from pathlib import Path

    from doclint import cache

    try:
        key_bytes = cache.machine_key()
    except OSError:
        return  # no key, no cache: the run already said so
    records = _read_records(folder)
    records.pop(key, None)
    records[key] = record
    kept = dict(list(records.items())[-MAX_RECORDS:])
    body = json.dumps({"format": FORMAT, "records": kept}, separators=(",", ":")).encode()
    try:
        cache._make_folder(Path(folder))
        cache._write_atomically(Path(folder) / FILE_NAME, cache.seal(key_bytes, body))
    except OSError:
        pass  # a record that cannot be written only costs time next run
