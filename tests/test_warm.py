"""A warm run with nothing changed replays the last run's report (doclint.warm); anything it
read that changed (a page, a link's target, a redirect, a deleted page) means a real run, whose
findings are a cold run's."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from doclint import warm

HOUR_AGO = time.time() - 3600


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "guide.md").write_text("# Guide\n\nSee [install](setup.md#install) and [old](moved.md). TODO: check.\n")
    (docs / "setup.md").write_text("# Setup\n\n## Install\n\nRun it.\n")
    (docs / "other.md").write_text("# Other\n\nSee [setup](setup.md).\n")
    _age(tmp_path)
    monkeypatch.chdir(tmp_path)
    # Files made a moment ago are "racy" (doclint.warm.RACY_NS): the tests' files are aged by
    # os.utime, which sets ctime to now, so the guard is moved out of the way here and tested
    # on its own below.
    monkeypatch.setattr(warm, "RACY_NS", -(10**19))
    return tmp_path


def _age(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        os.utime(path, (HOUR_AGO, HOUR_AGO))


def check(monkeypatch, capsys, *args: str, replay_only: bool = False) -> tuple[int, list[tuple]]:
    """`python -m doclint check --format json ARGS docs`, in this process: exit code and
    findings. With `replay_only`, the run must be a replay (the real command would fail)."""
    monkeypatch.setattr(sys, "argv", ["doclint", "check", "--format", "json", *args, "docs"])
    import doclint.cli

    real = doclint.cli.main
    if replay_only:
        doclint.cli.main = lambda: pytest.fail("ran instead of replaying")
    try:
        with pytest.raises(SystemExit) as done:
            warm.main()
    finally:
        doclint.cli.main = real
    out = capsys.readouterr().out
    findings = [(f["path"], f["line"], f["column"], f["rule"], f["message"]) for f in json.loads(out)]
    return done.value.code, findings


def ran(monkeypatch, capsys, *args: str) -> tuple[int, list[tuple]]:
    """A run that must not be a replay: the real command, with replay taken away."""
    monkeypatch.setattr(warm, "_replay", lambda folder, key: None)
    try:
        return check(monkeypatch, capsys, *args)
    finally:
        monkeypatch.setattr(warm, "_replay", REPLAY)


REPLAY = warm._replay


def cold(monkeypatch, capsys) -> list[tuple]:
    return ran(monkeypatch, capsys, "--no-cache")[1]


def test_a_second_run_with_nothing_changed_is_a_replay_of_the_first(tree, monkeypatch, capsys):
    first = check(monkeypatch, capsys, "--cache-dir", ".cache")
    assert (tree / ".cache" / warm.FILE_NAME).is_file()
    assert check(monkeypatch, capsys, "--cache-dir", ".cache", replay_only=True) == first
    assert first[0] == 1 and ("docs/guide.md", 3, 54, "leftover-todo", "Leftover TODO marker: resolve it or remove it before publishing") in first[1]


def test_another_command_line_is_not_replayed(tree, monkeypatch, capsys):
    check(monkeypatch, capsys, "--cache-dir", ".cache")
    with pytest.raises(pytest.fail.Exception):
        check(monkeypatch, capsys, "--cache-dir", ".cache", "--select", "broken-link", replay_only=True)


def _edited(monkeypatch, capsys, tree: Path, edit) -> None:
    """Warm, edit, warm again: the findings are a cold run's, and the run was not a replay."""
    check(monkeypatch, capsys, "--cache-dir", ".cache")
    edit(tree / "docs")
    with pytest.raises(pytest.fail.Exception):
        check(monkeypatch, capsys, "--cache-dir", ".cache", replay_only=True)
    warm_run = check(monkeypatch, capsys, "--cache-dir", ".cache")[1]
    assert warm_run == cold(monkeypatch, capsys)
    return warm_run


def test_renaming_a_heading_another_page_links_to_updates_that_pages_finding(tree, monkeypatch, capsys):
    before = check(monkeypatch, capsys, "--cache-dir", ".cache")[1]
    assert not any(f[3] == "broken-link" and "install" in f[4] for f in before)
    found = _edited(monkeypatch, capsys, tree, lambda docs: (docs / "setup.md").write_text("# Setup\n\n## Installing\n\nRun it.\n"))
    assert any(f[0] == "docs/guide.md" and f[1] == 3 and f[2] == 6 and f[3] == "broken-link" and "#install" in f[4] for f in found)


def test_deleting_a_linked_page_updates_the_pages_linking_to_it(tree, monkeypatch, capsys):
    found = _edited(monkeypatch, capsys, tree, lambda docs: (docs / "setup.md").unlink())
    assert {(f[0], f[1], f[2]) for f in found if f[3] == "broken-link" and "setup.md" in f[4]} == {("docs/guide.md", 3, 6), ("docs/other.md", 3, 6)}


def test_adding_a_page_a_link_was_missing_clears_its_finding(tree, monkeypatch, capsys):
    before = check(monkeypatch, capsys, "--cache-dir", ".cache")[1]
    assert any(f[3] == "broken-link" and "moved.md" in f[4] for f in before)
    found = _edited(monkeypatch, capsys, tree, lambda docs: (docs / "moved.md").write_text("# Moved\n"))
    assert not any(f[3] == "broken-link" and "moved.md" in f[4] for f in found)


def test_adding_a_redirect_is_judged_again(tree, monkeypatch, capsys):
    # A site-absolute link to /docs/old: broken until a page says it is redirected from there.
    (tree / "doclint.toml").write_text('[rules.broken-link]\nroutes = { "/docs" = "docs" }\n')
    (tree / "docs" / "other.md").write_text("# Other\n\nSee [old](/docs/old).\n")
    _age(tree)
    before = check(monkeypatch, capsys, "--cache-dir", ".cache")[1]
    assert ("docs/other.md", 3, 6, "broken-link") in {f[:4] for f in before}
    found = _edited(
        monkeypatch, capsys, tree,
        lambda docs: (docs / "setup.md").write_text("---\nredirect_from:\n  - /docs/old\n---\n# Setup\n\n## Install\n\nRun it.\n"),
    )
    assert [f for f in found if f[0] == "docs/other.md"] == [
        ("docs/other.md", 3, 6, "broken-link", "/docs/old reaches its page through a redirect: link to /docs/setup instead")
    ]


def test_a_fresh_file_is_never_trusted_to_a_stamp(tmp_path, monkeypatch, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("# Page\n")
    monkeypatch.chdir(tmp_path)
    check(monkeypatch, capsys, "--cache-dir", ".cache")
    assert not (tmp_path / ".cache" / warm.FILE_NAME).exists()


@pytest.mark.parametrize("flag", ["--fix", "--diff", "--no-cache", "--changed-since=HEAD"])
def test_a_run_that_writes_or_asks_git_is_never_recorded(flag):
    assert warm._folder(["check", flag, "docs"]) is None


def test_a_record_another_key_signed_is_not_replayed(tree, monkeypatch, capsys):
    check(monkeypatch, capsys, "--cache-dir", ".cache")
    record = tree / ".cache" / warm.FILE_NAME
    mac, _, body = record.read_bytes().partition(b"\n")
    record.write_bytes(b"0" * len(mac) + b"\n" + body.replace(b"TODO", b"T0D0"))
    with pytest.raises(pytest.fail.Exception):
        check(monkeypatch, capsys, "--cache-dir", ".cache", replay_only=True)


def test_a_report_cut_short_by_a_closed_pipe_is_not_recorded(tree, monkeypatch, capsys):
    import io

    class ClosedPipe(io.StringIO):
        def write(self, text):
            if isinstance(text, str) and text:
                raise BrokenPipeError(32, "Broken pipe")
            return super().write(text)

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    monkeypatch.setattr(sys, "argv", ["doclint", "check", "--format", "json", "--cache-dir", ".cache", "docs"])
    with pytest.raises(SystemExit):
        warm.main()
    assert warm._read_records(".cache") == {}


def test_doclint_code_is_part_of_the_key(tree, monkeypatch):
    # A checkout whose code was edited keeps its version number: the key must still change.
    monkeypatch.setattr(sys, "argv", ["doclint", "check", "docs"])
    before = warm._key(["check", "docs"])
    monkeypatch.setattr(warm, "_code", lambda: [("/x/doclint/rules/pricing.py", 1, 2)])
    assert warm._key(["check", "docs"]) != before


def test_a_run_interrupted_while_reporting_is_not_recorded(tree, monkeypatch):
    import doclint.cli

    def interrupted(*args, **kwargs):
        print("[", end="")  # half a report, then Ctrl-C (click exits 1, "Aborted!")
        raise KeyboardInterrupt

    monkeypatch.setattr(doclint.cli, "_report", interrupted)
    monkeypatch.setattr(sys, "argv", ["doclint", "check", "--cache-dir", ".cache", "docs"])
    with pytest.raises(SystemExit):
        warm.main()
    assert warm._read_records(".cache") == {}
