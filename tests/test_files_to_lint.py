"""Which files a run lints: `check --show-files` prints them, and a folder given that holds no
page is a warning naming it (an error when no path given holds any)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from test_config import TODO_AND_PRICE, write

from doclint.cli import main


def check(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def tree(root: Path) -> Path:
    (root / ".git").mkdir(parents=True)
    write(root, "doclint.toml", 'exclude = ["drafts/"]\ninclude = ["*.md", "*.mdoc"]\n')
    write(root, ".gitignore", "build/\n")
    for page in ("a.md", "b.mdoc", "c.mdx", "drafts/d.md", "build/e.md", "notes.txt", "sub/f.md"):
        write(root, page, TODO_AND_PRICE)
    return root


def test_show_files_prints_what_check_would_lint_one_a_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tree(tmp_path))
    result = check("--show-files")
    assert (result.exit_code, result.stdout) == (0, "a.md\nb.mdoc\nsub/f.md\n")
    # A file named is linted whatever include and exclude say, unless --force-exclude.
    assert check("--show-files", "drafts/d.md", "sub").stdout == "drafts/d.md\nsub/f.md\n"
    assert check("--show-files", "--force-exclude", "drafts/d.md", "build/e.md", "a.md").stdout == "a.md\n"
    # The same files as the lint itself.
    linted = check("--format", "concise", "--select", "leftover-todo").stdout
    assert sorted({line.split(":")[0] for line in linted.splitlines()}) == ["a.md", "b.mdoc", "sub/f.md"]


def test_a_folder_with_no_page_is_a_warning_naming_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tree(tmp_path))
    write(tmp_path, "empty/notes.txt", "not a page\n")
    result = check("--format", "concise", "--select", "leftover-todo", "empty", "sub")
    assert result.exit_code == 1 and result.stdout.startswith("sub/f.md:1:12: leftover-todo")
    assert "doclint: warning: empty holds no page to lint\n" in result.stderr
    assert "sub holds" not in result.stderr
    # Excluded pages do not count: drafts/ holds only an excluded one.
    assert "doclint: warning: drafts holds no page to lint" in check("drafts", "a.md").stderr


def test_no_page_in_any_path_given_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tree(tmp_path))
    write(tmp_path, "empty/notes.txt", "not a page\n")
    for args in (["empty"], ["empty", "drafts"], ["--show-files", "empty"]):
        result = check(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "Error: no page to lint in the paths given" in result.stderr and "Traceback" not in result.output
        assert "doclint: warning: empty holds no page to lint" in result.stderr


def test_the_default_folder_with_no_page_only_warns(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    result = check()
    assert result.exit_code == 0 and "No problems in 0 files." in result.stdout
    assert "doclint: warning: . holds no page to lint" in result.stderr
