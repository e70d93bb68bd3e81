"""The real pre-commit runs this checkout's hooks on staged pages: a leftover TODO fails the
commit, a clean page passes, an unstaged file is not linted, the config's `exclude` holds for the
files pre-commit names (`--force-exclude`), all the files are one run with one summary, and
`doclint-fix` applies the safe fixes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO
from doclint.cli import main

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


def make_docs_repo(tmp_path: Path, source: Path, rev: str, hook: str = "doclint") -> Path:
    run(tmp_path, "git", "init", "-q")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n"
    )
    return tmp_path


def test_hooks_lint_staged_markdown_and_mdx_in_one_run_that_obeys_exclude():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"doclint", "doclint-fix"}
    assert hooks["doclint"]["entry"] == "doclint check --force-exclude"
    assert hooks["doclint-fix"]["entry"] == "doclint check --fix --force-exclude"
    for hook in hooks.values():
        assert hook["language"] == "python" and set(hook["types_or"]) == {"markdown", "mdx"}
        assert hook["require_serial"] is True  # one run, not one per batch of files


def named(tmp_path, monkeypatch, *args: str):
    """`doclint check` on files named one by one, as pre-commit names them, in a repository whose
    config excludes `drafts/**` and whose .gitignore ignores `build/`."""
    run(tmp_path, "git", "init", "-q")
    (tmp_path / "doclint.toml").write_text('exclude = ["drafts/**", "*.generated.md"]\n')
    (tmp_path / ".gitignore").write_text("build/\n")
    pages = ["guide.md", "drafts/idea.md", "api.generated.md", "node_modules/pkg/README.md", "build/out.md"]
    for page in pages:
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("TODO: write this.\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args, *pages])
    assert result.exit_code == 1, result.output
    return sorted({finding["path"] for finding in json.loads(result.stdout)})


def test_force_exclude_skips_named_files_that_config_or_walk_would_skip(tmp_path, monkeypatch):
    assert named(tmp_path, monkeypatch, "--force-exclude") == ["guide.md"]


def test_without_force_exclude_a_named_file_is_always_linted(tmp_path, monkeypatch):
    assert named(tmp_path, monkeypatch) == [
        "api.generated.md", "build/out.md", "drafts/idea.md", "guide.md", "node_modules/pkg/README.md",
    ]


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


def test_hook_obeys_exclude_and_prints_one_summary_for_all_files(hook_repo, tmp_path):
    source, info = hook_repo
    docs = make_docs_repo(tmp_path, source, info["rev"])
    (docs / "doclint.toml").write_text('exclude = ["drafts/**"]\n')
    pages = [f"page-{n}.md" for n in range(8)] + ["drafts/idea.md"]
    for page in pages:
        (docs / page).parent.mkdir(exist_ok=True)
        (docs / page).write_text("# Page\n\nTODO: write this.\n")
    run(docs, "git", "add", "-A")

    failed = run(docs, str(PRE_COMMIT), "run", env=info["env"])
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "drafts/idea.md" not in failed.stdout
    # require_serial: one doclint run for the eight pages, not one per batch of files.
    summaries = re.findall(r"^\d+ problems? \(.*$", failed.stdout, re.MULTILINE)
    assert summaries == ["8 problems (8 errors) in 8 of 8 files."], failed.stdout


def test_fix_hook_applies_safe_fixes_to_staged_pages(hook_repo, tmp_path):
    source, info = hook_repo
    docs = make_docs_repo(tmp_path, source, info["rev"], hook="doclint-fix")
    (docs / "list.md").write_text("# List\n\n- The first step is done.\n- The second step is not done\n")
    run(docs, "git", "add", "-A")

    fixed = run(docs, str(PRE_COMMIT), "run", env=info["env"])
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr  # pre-commit fails a hook that edits
    assert "files were modified by this hook" in fixed.stdout
    assert (docs / "list.md").read_text() == "# List\n\n- The first step is done.\n- The second step is not done.\n"
