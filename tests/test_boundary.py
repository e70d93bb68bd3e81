"""The tree is the boundary: pages, links, routes, packs and config read nothing outside the
project, and --fix writes nothing outside it or over what it must not replace."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint.cli import main

SECRET = "AUTHORIZATION: basic c2VjcmV0LXRva2Vu"
LIST = "- First item ends with a period.\n- Second item does not\n"


def run(*args: str, cwd: Path | None = None):
    if cwd is not None:
        old = os.getcwd()
        os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        if cwd is not None:
            os.chdir(old)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A checkout whose git config holds a credential, beside a folder outside it."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "config").write_text(f'[http "https://github.com/"]\n\textraheader = {SECRET}\n')
    (root / "docs").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notes.md").write_text(f"# Notes\n\nTODO: {SECRET}\n")
    # A pack from the same pull request that quotes whatever it finds.
    (root / "doclint.toml").write_text('packs = ["./leak"]\n')
    (root / "leak").mkdir()
    (root / "leak" / "quote.yaml").write_text("type: existence\npatterns: ['AUTHORIZATION.*']\nmessage: 'found {match}'\nscope: prose\nraw: true\n")
    return root


def test_symlinked_pages_out_of_the_tree_are_reported_and_never_printed(repo):
    (repo / "docs" / "cfg.md").symlink_to("../.git/config")
    (repo / "docs" / "notes.md").symlink_to(repo.parent / "outside" / "notes.md")
    (repo / "docs" / "fine.md").write_text("# Fine\n\nTODO: fix this.\n")
    for output in ("text", "json", "github", "sarif", "junit"):
        result = run("check", "--no-cache", "--format", output, "docs", cwd=repo)
        assert result.exit_code == 1, result.output
        assert "c2VjcmV0" not in result.output, output
        assert "AUTHORIZATION" not in result.output, output
    findings = json.loads(run("check", "--no-cache", "--format", "json", "docs", cwd=repo).stdout)
    by_page = {(Path(f["path"]).name, f["rule"]): f["message"] for f in findings}
    assert by_page[("cfg.md", "read-error")].startswith("not read: a symbolic link to ")
    assert "inside git's own folder" in by_page[("cfg.md", "read-error")]
    assert "outside the project" in by_page[("notes.md", "read-error")]
    assert ("fine.md", "leftover-todo") in by_page  # the rest of the tree is linted as usual


def test_links_that_leave_the_tree_are_not_followed(repo):
    (repo / "docs" / "page.md").write_text(
        "# Page\n\n[notes](../../outside/notes.md#notes) and [missing](../../outside/nothing.md) "
        "and [git](../.git/config.md#x) and [here](other.md#nowhere).\n"
    )
    (repo / "docs" / "other.md").write_text("# Other\n")
    (repo / ".git" / "config.md").write_text("# Secret\n")
    findings = json.loads(run("check", "--no-cache", "--format", "json", "--select", "broken-link", "docs", cwd=repo).stdout)
    # Only the link inside the tree is judged: nothing outside is stat'ed or read for anchors.
    assert [(f["line"], f["message"]) for f in findings] == [(3, "No anchor #nowhere in other.md")]


@pytest.mark.parametrize(
    "setting",
    [
        'packs = ["../outside"]',
        '[rules.broken-link]\nroutes = { "/docs" = "/" }',
        '[rules.broken-link]\nexternal_routes_file = "../outside/notes.md"',
        '[rules.broken-link]\nroutes = { "/docs" = ".git" }',
    ],
)
def test_a_config_cannot_name_paths_outside_the_tree(repo, setting):
    (repo / "doclint.toml").write_text(setting + "\n")
    (repo / "docs" / "page.md").write_text("# Page\n")
    result = run("check", "--no-cache", "docs", cwd=repo)
    assert result.exit_code == 2, result.output
    assert "doclint.toml" in result.output and "doclint reads nothing outside the tree" in result.output
    assert "Traceback" not in result.output


def test_a_pack_file_that_is_a_symlink_out_of_the_tree_is_refused(repo):
    (repo / "leak" / "stolen.yaml").symlink_to(repo.parent / "outside" / "notes.md")
    (repo / "docs" / "page.md").write_text("# Page\n")
    result = run("check", "--no-cache", "docs", cwd=repo)
    assert result.exit_code == 2 and "stolen.yaml" in result.output and "outside the project" in result.output
    assert "c2VjcmV0" not in result.output


def test_a_trusted_config_beside_the_tree_may_name_the_linted_tree(tmp_path):
    """examples/ably-docs.toml's shape: a config outside the tree whose routes point into it."""
    docs = tmp_path / "site" / "docs"
    docs.mkdir(parents=True)
    (docs / "a.md").write_text("# A\n\n[b](/docs/b) and [c](/docs/c).\n")
    (docs / "b.md").write_text("# B\n")
    config = tmp_path / "configs" / "site.toml"
    config.parent.mkdir()
    config.write_text('[rules.broken-link]\nroutes = { "/docs" = "../site/docs" }\n')
    result = run("check", "--no-cache", "--format", "json", "--select", "broken-link", "--config", str(config), str(tmp_path / "site"))
    assert [f["message"] for f in json.loads(result.stdout)] == ["Broken link /docs/c: no page serves /docs/c (did you mean /docs/b?)"]


def test_fix_never_writes_through_a_symlink_named_on_the_command_line(repo):
    target = repo.parent / "outside" / "list.md"
    target.write_text(LIST)
    (repo / "docs" / "list.md").symlink_to(target)
    result = run("check", "--fix", "--format", "json", "docs/list.md", cwd=repo)
    assert target.read_text() == LIST
    assert "outside the project" in result.stdout


def test_fix_refuses_read_only_files_and_hard_links(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    locked = docs / "locked.md"
    locked.write_text(LIST)
    locked.chmod(0o444)
    linked = docs / "linked.md"
    linked.write_text(LIST)
    os.link(linked, tmp_path / "elsewhere.md")
    result = run("check", "--isolated", "--no-cache", "--fix", "--format", "json", str(docs))
    messages = {Path(f["path"]).name: f["message"] for f in json.loads(result.stdout) if f["rule"] == "fix-error"}
    assert messages["locked.md"].endswith("is read-only")
    assert "has 2 hard links" in messages["linked.md"]
    assert locked.read_text() == LIST and linked.read_text() == LIST
    assert os.stat(linked).st_nlink == 2 and (tmp_path / "elsewhere.md").read_text() == LIST


def test_fix_keeps_the_owner_and_mode_of_the_file(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(LIST)
    page.chmod(0o640)
    if os.geteuid() == 0:  # as root (CI), give the page to another user: the fix must keep it theirs
        os.chown(page, 4242, 4243)
    result = run("check", "--isolated", "--no-cache", "--fix", str(page))
    assert result.exit_code == 0, result.output
    assert page.read_text() == LIST.replace("does not\n", "does not.\n")
    info = page.stat()
    assert oct(info.st_mode & 0o777) == oct(0o640)
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (4242, 4243)


def test_init_never_writes_through_a_dangling_symlink(tmp_path):
    target = tmp_path / "outside" / "autostart.sh"
    target.parent.mkdir()
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "doclint.toml").symlink_to(target)
    result = run("init", str(tree))
    assert result.exit_code == 2 and "already exists" in result.output
    assert not target.exists()


def test_a_nul_byte_anywhere_is_a_read_error_on_its_line(tmp_path):
    page = tmp_path / "page.md"
    page.write_bytes(b"# Page\n\n" + b"Words. " * 2000 + b"\n\n- A list item\x00 TODO: here\n")
    findings = json.loads(run("check", "--isolated", "--no-cache", "--format", "json", str(page)).stdout)
    assert [(f["rule"], f["line"], f["message"]) for f in findings] == [
        ("read-error", 5, "holds a NUL byte on line 5: not linted (remove it)")
    ]


TOKEN = "ghs_" + "A1b2C3d4" * 4


def test_the_token_is_never_printed_when_it_ends_in_a_newline(tmp_path, monkeypatch):
    """`Invalid header value b'Bearer ghs_...\\n'`: the token must not reach the log, with or
    without --debug; a trailing newline (a secret pasted with it) is simply stripped."""
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    (tmp_path / "a.md").write_text("# A\n")
    subprocess.run(["git", "add", "."], check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "a"], check=True)
    env = {**os.environ, "GITHUB_TOKEN": f"{TOKEN}\n\x01"}
    for debug in ([], ["--debug"]):
        result = subprocess.run(
            [sys.executable, "-P", "-m", "doclint", *debug, "review", "--base", "HEAD", "--repo", "o/r", "--pr", "1", "--api-url", "http://127.0.0.1:9"],
            capture_output=True, text=True, env=env,
        )
        assert result.returncode == 2
        assert TOKEN not in result.stdout + result.stderr and "A1b2C3d4" not in result.stderr
        assert "GITHUB_TOKEN holds a space or control character" in result.stderr


def test_an_internal_error_quoting_the_token_is_scrubbed(monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN + "\n")
    from doclint import cli

    text = f"Invalid header value {('Bearer ' + TOKEN + chr(10)).encode()!r} and {TOKEN}"
    assert TOKEN not in cli._without_secrets(text) and "***" in cli._without_secrets(text)


def test_the_actions_install_step_never_imports_from_the_checkout(tmp_path):
    """`python -m pip` run in the workspace imports a `pip/` folder of the pull request first."""
    import yaml

    from conftest import REPO

    action = yaml.safe_load((REPO / "action.yml").read_text())
    [install] = [step for step in action["runs"]["steps"] if step.get("name") == "Install doclint"]
    checkout = tmp_path / "checkout"
    (checkout / "pip").mkdir(parents=True)
    marker = tmp_path / "pwned"
    (checkout / "pip" / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (checkout / "pip" / "__main__.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    # The step's python, but pip told to do nothing (no network): only what it imports matters.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec {sys.executable} "$@" --dry-run --no-deps --no-build-isolation --no-index\n')
    (bin_dir / "python").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "ACTION_PATH": str(REPO)}
    subprocess.run(["bash", "-c", install["run"]], cwd=checkout, env=env, capture_output=True, text=True)
    assert not marker.exists()


def test_the_console_script_never_imports_doclint_from_the_checkout(tmp_path):
    (tmp_path / "doclint").mkdir()
    marker = tmp_path / "pwned"
    (tmp_path / "doclint" / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    script = Path(sys.executable).with_name("doclint")
    result = subprocess.run([str(script), "--version"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0 and "doclint" in result.stdout
    assert not marker.exists()


def test_a_run_remembers_folders_but_judges_each_files_own_symlink(tmp_path):
    """The boundary resolves a folder once per run (issue 18's lstat counts); a symlink out of
    the tree beside an ordinary page is still refused, and a symlinked folder into git's own
    files still leads there."""
    from doclint.boundary import Boundary

    tree, outside = tmp_path / "tree", tmp_path / "outside"
    (tree / "docs").mkdir(parents=True)
    (tree / ".git").mkdir()
    outside.mkdir()
    (outside / "secret.md").write_text(SECRET)
    (tree / "docs" / "page.md").write_text(LIST)
    (tree / "docs" / "leak.md").symlink_to(outside / "secret.md")
    (tree / "docs" / "git").symlink_to(tree / ".git")
    boundary = Boundary([tree])
    assert boundary.allows(tree / "docs" / "page.md")
    assert not boundary.allows(tree / "docs" / "leak.md")
    assert not boundary.allows(tree / "docs" / "git" / "config")
    assert boundary.allows(tree / "docs" / "new.md")  # not there yet: judged by its folder
    assert not boundary.allows(tree / "docs" / ".." / ".." / "outside" / "secret.md")
