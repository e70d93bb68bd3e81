"""`--changed-since` and `--filter-mode`: only what a branch changed is judged."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint.cli import main


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo, check=True, capture_output=True, text=True,
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "a.md").write_text("# A\n\nOld. TODO here.\n\nStable text.\n\nMore stable text.\n")
    (tmp_path / "gone.md").write_text("TODO in a file the branch deletes.\n")
    (tmp_path / "move.md").write_text("# Move\n\nText that moves.\n")
    (tmp_path / "stable.md").write_text("# Stable\n\nUntouched. TODO here.\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "tag", "base")
    # The branch: edit a.md (a new TODO two lines below the old one), delete gone.md, rename
    # move.md with an edit, add a file whose name has a space, and leave one file untracked.
    (tmp_path / "a.md").write_text("# A\n\nOld. TODO here.\n\nNew. TODO here.\n\nStable text.\n\nMore stable text.\n")
    (tmp_path / "gone.md").unlink()
    (tmp_path / "docs").mkdir()
    git(tmp_path, "mv", "move.md", "docs/moved.md")
    (tmp_path / "docs/moved.md").write_text("# Move\n\nText that moves.\n\nIt costs $5.\n")
    (tmp_path / "docs/new page.md").write_text("Brand new. TODO.\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "branch")
    (tmp_path / "untracked.mdx").write_text("Untracked. TODO.\n")
    return tmp_path


def findings(repo: Path, monkeypatch, *args: str) -> list[tuple[str, int, str]]:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--changed-since", "base", *args])
    assert result.exit_code in (0, 1), result.output
    return sorted((f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout))


def test_added_lines_only_by_default(repo, monkeypatch):
    assert findings(repo, monkeypatch) == [
        ("a.md", 5, "leftover-todo"),
        ("docs/moved.md", 5, "pricing"),
        ("docs/new page.md", 1, "leftover-todo"),
        ("untracked.mdx", 1, "leftover-todo"),
    ]


def test_diff_context_keeps_findings_on_nearby_unchanged_lines(repo, monkeypatch):
    found = findings(repo, monkeypatch, "--filter-mode", "diff_context")
    assert ("a.md", 3, "leftover-todo") in found and ("a.md", 5, "leftover-todo") in found


def test_file_keeps_everything_in_changed_files(repo, monkeypatch):
    found = findings(repo, monkeypatch, "--filter-mode", "file")
    assert ("a.md", 3, "leftover-todo") in found
    assert not any(path in ("gone.md", "stable.md") for path, _, _ in found)


def test_nofilter_keeps_findings_in_every_linted_file_changed_or_not(repo, monkeypatch):
    found = findings(repo, monkeypatch, "--filter-mode", "nofilter")
    assert ("a.md", 3, "leftover-todo") in found
    assert ("stable.md", 3, "leftover-todo") in found  # a file the branch never touched
    assert not any(path == "gone.md" for path, _, _ in found)


def test_a_base_that_moved_on_is_diffed_from_the_merge_base(repo, monkeypatch):
    """main fixes the old TODOs after the branch point: diffed against main itself, the branch
    would be blamed for the TODO lines it never touched (they differ from main's)."""
    git(repo, "branch", "-q", "feature")
    git(repo, "checkout", "-q", "base")
    git(repo, "checkout", "-q", "-b", "later-main")
    (repo / "a.md").write_text("# A\n\nOld. Done here.\n\nStable text.\n\nMore stable text.\n")
    (repo / "stable.md").write_text("# Stable\n\nUntouched. Done.\n")
    git(repo, "commit", "-q", "-am", "main moves on")
    git(repo, "checkout", "-q", "feature")
    assert findings(repo, monkeypatch, "--changed-since", "later-main") == [
        ("a.md", 5, "leftover-todo"),
        ("docs/moved.md", 5, "pricing"),
        ("docs/new page.md", 1, "leftover-todo"),
        ("untracked.mdx", 1, "leftover-todo"),
    ]


def test_paths_narrow_the_changed_files(repo, monkeypatch):
    assert findings(repo, monkeypatch, "docs") == [("docs/moved.md", 5, "pricing"), ("docs/new page.md", 1, "leftover-todo")]


def test_unknown_ref_and_outside_a_repository_exit_2(repo, tmp_path_factory, monkeypatch):
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["check", "--changed-since", "no-such-ref"])
    assert result.exit_code == 2 and "unknown git ref 'no-such-ref'" in result.output
    outside = tmp_path_factory.mktemp("plain")
    (outside / "a.md").write_text("TODO.\n")
    monkeypatch.chdir(outside)
    result = CliRunner().invoke(main, ["check", "--changed-since", "HEAD"])
    assert result.exit_code == 2 and "not inside a git repository" in result.output
    assert "Traceback" not in result.output


def test_a_folder_of_unchanged_pages_is_not_called_empty(repo, monkeypatch):
    # The walk is narrowed to the changed files; a folder given still holds its unchanged pages.
    (repo / "guides").mkdir()
    (repo / "guides" / "steady.md").write_text("# Steady\n\nUnchanged. TODO.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "guides")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--changed-since", "HEAD", "guides"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "holds no page" not in result.stderr


def test_a_selector_known_only_to_an_unchanged_folders_config_is_accepted(repo, monkeypatch):
    (repo / "packed").mkdir()
    (repo / "packed" / "doclint.toml").write_text('packs = ["ably"]\n')
    (repo / "packed" / "page.md").write_text("# Page\n\nText.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "packed")
    (repo / "a.md").write_text("# A\n\nChanged. TODO.\n")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--changed-since", "HEAD", "--select", "ably.bold-prefix"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["check", "--changed-since", "HEAD", "--select", "ably.no-such-rule"])
    assert result.exit_code == 2 and "ably.no-such-rule" in result.output


@pytest.mark.parametrize("mode", ["added", "diff_context", "file", "nofilter"])
def test_narrowing_to_changed_files_matches_linting_every_file_then_filtering(repo, monkeypatch, mode):
    from doclint import run as running

    narrowed = findings(repo, monkeypatch, "--filter-mode", mode)
    # The run without the narrowed walk: every page found, then filtered by what changed.
    monkeypatch.setattr(
        running, "_changed_pages",
        lambda paths, resolver, options, changes: (
            files := running.files_to_lint(paths, resolver, options), running.without_pages(paths, files), list(map(resolver.for_path, files)),
        ),
    )
    assert findings(repo, monkeypatch, "--filter-mode", mode) == narrowed
