"""`doclint check -`: an editor's buffer, linted under the name of its file without touching it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from doclint.cli import main

PAGE = "# Guide\n\n- The first is done.\n- The second one is done\n- The third is done.\n"


def check(tmp_path, text: str, *args: str):
    return CliRunner().invoke(main, ["check", "--cache-dir", str(tmp_path / "cache"), *args], input=text)


def test_a_page_from_stdin_is_linted_under_its_name_with_its_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "doclint.toml").write_text('[rules.leftover-todo]\nseverity = "info"\n')
    (tmp_path / "docs" / "guide.md").write_text("# On disk\n\nNothing to see.\n")  # the buffer differs
    result = check(tmp_path, PAGE + "\nTODO: finish\n", "-", "--stdin-filename", "docs/guide.md", "--format", "json")
    assert result.exit_code == 1, result.output
    found = [(f["path"], f["line"], f["column"], f["rule"], f["severity"]) for f in json.loads(result.stdout)]
    assert found == [("docs/guide.md", 4, 21, "unfinished-sentence", "warning"), ("docs/guide.md", 7, 1, "leftover-todo", "info")]
    text = check(tmp_path, PAGE, "-", "--stdin-filename", "docs/guide.md")
    assert " 4 | - The second one is done\n" in text.output  # the excerpt is the buffer's line
    # The buffer is not the file: nothing it told the run is cached as the file's.
    assert list((tmp_path / "cache").glob("cache-*.json")) == []
    check(tmp_path, "", "docs")
    assert len(list((tmp_path / "cache").glob("cache-*.json"))) == 1  # a run over files does cache


def test_the_name_decides_mdx(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    comment = "# Page\n\n{/* TODO: write this */}\n"
    as_mdx = check(tmp_path, comment, "-", "--stdin-filename", "page.mdx", "--format", "json", "--select", "leftover-todo")
    assert [f["line"] for f in json.loads(as_mdx.stdout)] == [3]


def test_fix_writes_the_fixed_page_to_stdout_and_leaves_the_file_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "guide.md").write_text("untouched\n")
    result = check(tmp_path, PAGE, "-", "--stdin-filename", "guide.md", "--fix", "--select", "unfinished-sentence")
    assert result.exit_code == 0, result.output
    assert result.stdout == PAGE.replace("one is done\n", "one is done.\n")
    assert "No problems in 1 file." in result.stderr
    assert (tmp_path / "guide.md").read_text() == "untouched\n"
    clean = check(tmp_path, "# Fine\n\nAll good.\n", "-", "--fix-only")
    assert (clean.exit_code, clean.stdout) == (0, "# Fine\n\nAll good.\n")


def test_bad_stdin_use_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("# A\n")
    undecodable = CliRunner().invoke(main, ["check", "--no-cache", "-"], input=b"caf\xe9\n")
    assert undecodable.exit_code == 2 and "standard input: not valid UTF-8 (byte 0xe9 at offset 3)" in undecodable.output
    mixed = CliRunner().invoke(main, ["check", "--no-cache", "-", "a.md"], input="x\n")
    assert mixed.exit_code == 2 and "reads one page from standard input" in mixed.output
    changed = CliRunner().invoke(main, ["check", "--no-cache", "-", "--changed-since", "main"], input="x\n")
    assert changed.exit_code == 2 and "--changed-since" in changed.output
    assert "Traceback" not in undecodable.output + mixed.output + changed.output
