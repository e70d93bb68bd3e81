"""Globs written by a stranger's pull request (.gitignore lines, config include/exclude, override
paths) cannot stall a run, mean what git means, and are checked when the config is read."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint.cli import main
from doclint.discovery import discover

# Against a name of 40 `a`s, a backtracking matcher tries every way of placing 20 stars: about
# 10**11 of them. The old matchers (a regex from pathspec or from doclint.paths) never finished.
HOSTILE = "*a" * 20 + "*b"
LONG_PAGE = "a" * 40 + ".md"  # not matched: it does not end in b
MATCHED_FOLDER = "a" * 25 + "b"  # matched, so everything in it is
TODO = "Some text. TODO: finish.\n"
PRICE = "It costs $5 a month.\n"


def write(root: Path, relative: str, text: str = "") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(root: Path, rule: str = "leftover-todo") -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--select", rule, str(root)])
    return result.exit_code, result.output


def linted(root: Path, rule: str = "leftover-todo") -> list[tuple[str, str]]:
    """The findings of a run that selects `rule`, as (page, rule): a page cut off by the time
    limit would show as `time-limit`."""
    code, output = check(root, rule)
    assert code in (0, 1), output
    return sorted((Path(f["path"]).relative_to(root).as_posix(), f["rule"]) for f in json.loads(output))


def hostile_tree(root: Path, text: str = TODO) -> None:
    write(root, LONG_PAGE, text)
    write(root, f"{MATCHED_FOLDER}/page.md", text)


def test_hostile_gitignore_line_finishes_and_matches(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", HOSTILE + "\n")
    hostile_tree(tmp_path)
    assert linted(tmp_path) == [(LONG_PAGE, "leftover-todo")]


def test_hostile_exclude_glob_finishes_and_matches(tmp_path):
    write(tmp_path, "doclint.toml", f'exclude = ["{HOSTILE}"]\n')
    hostile_tree(tmp_path)
    assert linted(tmp_path) == [(LONG_PAGE, "leftover-todo")]


def test_hostile_override_glob_finishes_and_matches(tmp_path):
    write(tmp_path, "doclint.toml", f'[[overrides]]\npaths = ["{HOSTILE}"]\nignore = ["leftover-todo"]\n')
    hostile_tree(tmp_path)
    assert linted(tmp_path) == [(LONG_PAGE, "leftover-todo")]


def test_hostile_glob_in_a_rule_option_finishes_and_matches(tmp_path):
    write(tmp_path, "doclint.toml", f'[rules.pricing]\nallowed_paths = ["{HOSTILE}"]\n')
    hostile_tree(tmp_path, PRICE)
    assert linted(tmp_path, "pricing") == [(LONG_PAGE, "pricing")]


@pytest.mark.parametrize("opening", ["[", "{b = "])
def test_deeply_nested_toml_is_a_config_error(tmp_path, opening):
    write(tmp_path, "doclint.toml", "a = " + opening * 100_000 + "\n")
    write(tmp_path, "a.md", "Fine.\n")
    code, output = check(tmp_path)
    assert code == 2
    assert "doclint.toml: invalid TOML: nested too deeply to read" in output
    assert "Traceback" not in output and "RecursionError" not in output


def test_malformed_glob_in_pyproject_is_named_with_its_table(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.doclint]\nexclude = ["a/", "b/", "[!"]\n')
    write(tmp_path, "a.md", "Fine.\n")
    code, output = check(tmp_path)
    assert code == 2 and "pyproject.toml: tool.doclint.exclude[2]: glob '[!' has a `[` that is not closed" in output


# .gitignore rules, each beside files it should and should not ignore. git itself is the judge.
ROOT_GITIGNORE = """\
# a comment, then a blank line

*.log
build/
!build/keep.md
/top-only.md
docs/**/draft-*.md
!docs/keep/draft-keep.md
\\#hash.md
\\!bang.md
trailing.md   \n\
escaped\\ \n\
*.tmp
!important.tmp
[abc].txt
[!x]y.txt
vendor
sub/**/deep.md
broken[
"""
FILES = [
    "a.log", "x/b.log", "build/a.md", "build/keep.md", "x/build/c.md", "top-only.md", "x/top-only.md",
    "docs/a/draft-1.md", "docs/draft-2.md", "docs/keep/draft-keep.md", "docs/page.md", "#hash.md",
    "!bang.md", "trailing.md", "escaped ", "escaped", "a.tmp", "important.tmp", "a.txt", "d.txt",
    "ay.txt", "xy.txt", "vendor/v.md", "x/vendor/w.md", "sub/deep.md", "sub/a/b/deep.md", "normal.md",
    "nested/only-here.md", "nested/x/only-here.md", "nested/a/b.md", "nested/x/a/b.md", "nested/c.md",
    "nested/keep.log", "broken[",
]
NESTED_GITIGNORE = "/only-here.md\na/b.md\n!keep.log\n"


def test_gitignore_rules_agree_with_git(tmp_path):
    git = shutil.which("git")
    assert git, "these tests need git"
    subprocess.run([git, "init", "-q", str(tmp_path)], check=True)
    write(tmp_path, ".gitignore", ROOT_GITIGNORE)
    write(tmp_path, "nested/.gitignore", NESTED_GITIGNORE)
    write(tmp_path, "docs/.gitignore", "!draft-2.md\n")
    for name in FILES:
        write(tmp_path, name, "x\n")
    listed = subprocess.run(
        [git, "-c", "core.excludesFile=/dev/null", "ls-files", "--others", "--exclude-standard", "-z"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.split("\0")
    expected = sorted(name for name in listed if name)
    found = sorted(path.relative_to(tmp_path).as_posix() for path in discover([tmp_path], accept=lambda path: True))
    assert found == expected
    assert "build/keep.md" not in found  # a `!` cannot rescue a file inside an ignored folder
    assert "docs/draft-2.md" in found  # the deepest .gitignore decides


def test_a_folder_named_inside_an_ignored_folder_is_ignored(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "build/\n!build/docs/\n")
    write(tmp_path, "build/docs/a.md", TODO)
    assert discover([tmp_path / "build" / "docs"]) == []


def test_a_malformed_glob_in_a_rule_option_is_a_config_error(tmp_path):
    (tmp_path / "doclint.toml").write_text('[rules.pricing]\nallowed_paths = ["pricing/", "[z-a]"]\n')
    (tmp_path / "a.md").write_text("# A\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path)])
    assert result.exit_code == 2 and "rules.pricing.allowed_paths[1]" in result.output
    assert "Traceback" not in result.output


def test_a_malformed_glob_in_a_pack_rule_is_a_pack_error(tmp_path):
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "word.yaml").write_text("type: existence\ntokens: [x]\nfiles: ['*.md', 'docs//x']\n")
    (tmp_path / "doclint.toml").write_text('packs = ["./style"]\n')
    (tmp_path / "a.md").write_text("# A\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path)])
    assert result.exit_code == 2 and "style.word" in result.output and "files[1]" in result.output
