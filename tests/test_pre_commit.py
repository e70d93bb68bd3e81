"""The real pre-commit runs this checkout's hook on staged pages: a leftover TODO fails the
commit, a clean page passes, and an unstaged file is not linted."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def run(cwd: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, dict]:
    """A copy of this checkout committed as it is now, so pre-commit can clone it at a rev."""
    assert PRE_COMMIT.exists(), "pre-commit is part of the test extra: pip install -e '.[test]'"
    source = tmp_path_factory.mktemp("hook-source")
    shutil.copytree(
        REPO, source, dirs_exist_ok=True,
        ignore=shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", ".pytest_cache"),
    )
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    run(source, "git", "init", "-q")
    run(source, "git", "add", "-A")
    assert run(source, *git, "commit", "-q", "-m", "doclint").returncode == 0
    rev = run(source, "git", "rev-parse", "HEAD").stdout.strip()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    return source, {"rev": rev, "env": env}


def make_docs_repo(tmp_path: Path, source: Path, rev: str) -> Path:
    run(tmp_path, "git", "init", "-q")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: doclint\n"
    )
    return tmp_path


def test_hook_fails_on_a_staged_todo_and_passes_on_a_clean_page(hook_repo, tmp_path):
    source, info = hook_repo
    docs = make_docs_repo(tmp_path, source, info["rev"])
    (docs / "guide.mdx").write_text("# Guide\n\nTODO: write the intro.\n")
    (docs / "unstaged.md").write_text("FIXME: not staged, not linted.\n")
    run(docs, "git", "add", "guide.mdx", ".pre-commit-config.yaml")

    failed = run(docs, str(PRE_COMMIT), "run", env=info["env"])
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "guide.mdx:3:1" in failed.stdout and "leftover-todo" in failed.stdout
    assert "unstaged.md" not in failed.stdout

    (docs / "guide.mdx").write_text("# Guide\n\nThis guide is finished.\n")
    run(docs, "git", "add", "guide.mdx")
    passed = run(docs, str(PRE_COMMIT), "run", env=info["env"])
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "doclint" in passed.stdout and "Passed" in passed.stdout
