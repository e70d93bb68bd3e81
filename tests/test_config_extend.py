"""`extend`: a config building on a shared one, and the order selections are layered in
(top levels, extended first; then the command line; then the overrides matching the file)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from test_config import TODO_AND_PRICE, errors, lint, write

from doclint.cli import main


def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir(parents=True)
    return tmp_path


def test_extended_settings_come_first_and_the_extending_file_goes_on_top(tmp_path):
    root = repo(tmp_path)
    write(root, "doclint.toml", '[rules.pricing]\nseverity = "error"\nallowed_phrases = ["a month"]\n[rules.leftover-todo]\nseverity = "info"\n')
    write(root, "docs/doclint.toml", 'extend = "../doclint.toml"\n[rules.leftover-todo]\nseverity = "warning"\n')
    write(root, "docs/a.md", TODO_AND_PRICE + "\nPlans from €10.\n")
    # pricing's severity and option come from the shared file; leftover-todo's severity is the
    # closer file's.
    assert lint(root / "docs") == [("a.md", "leftover-todo", "warning"), ("a.md", "pricing", "error")]


def test_a_chain_of_extends_layers_every_file_in_order(tmp_path):
    root = repo(tmp_path)
    write(root, "base.toml", 'select = ["pricing", "leftover-todo"]\n')
    write(root, "team/doclint.toml", 'extend = "../base.toml"\nignore = ["pricing"]\n')
    write(root, "team/docs/pyproject.toml", '[tool.doclint]\nextend = "../doclint.toml"\nextend-select = ["unfinished-sentence"]\n')
    write(root, "team/docs/a.md", TODO_AND_PRICE + "\n- One item here.\n- Another item here\n")
    assert lint(root / "team/docs") == [("a.md", "leftover-todo", "error"), ("a.md", "unfinished-sentence", "warning")]


def test_globs_stay_relative_to_the_file_that_wrote_them(tmp_path):
    root = repo(tmp_path)
    write(
        root,
        "doclint.toml",
        'exclude = ["docs/drafts/"]\n[[overrides]]\npaths = ["docs/api/**"]\nignore = ["pricing"]\n',
    )
    write(root, "docs/doclint.toml", 'extend = "../doclint.toml"\n[[overrides]]\npaths = ["guides/**"]\nignore = ["leftover-todo"]\n')
    for page in ("drafts/a.md", "api/b.md", "guides/c.md", "d.md"):
        write(root, "docs/" + page, TODO_AND_PRICE)
    assert lint(root / "docs") == [
        ("api/b.md", "leftover-todo", "error"),
        ("d.md", "leftover-todo", "error"),
        ("d.md", "pricing", "warning"),
        ("guides/c.md", "pricing", "warning"),
    ]


def test_packs_of_both_files_are_loaded_once(tmp_path):
    root = repo(tmp_path)
    write(root, "doclint.toml", 'packs = ["ably"]\n')
    write(root, "docs/doclint.toml", 'extend = "../doclint.toml"\npacks = ["ably"]\n[rules."ably.bold-prefix"]\nseverity = "error"\n')
    write(root, "docs/a.md", "# A\n")
    code, output = errors(str(root / "docs"))
    assert code == 0, output


def test_extend_must_stay_in_the_project(tmp_path):
    outside = write(tmp_path, "shared/doclint.toml", 'select = ["ALL"]\n')
    root = repo(tmp_path / "project")
    write(root, "doclint.toml", f'extend = "{Path("..") / outside.relative_to(tmp_path)}"\n')
    write(root, "a.md", "Fine.\n")
    code, output = errors(str(root))
    assert code == 2 and "doclint.toml: extend: ../shared/doclint.toml is " in output
    assert "outside the project: doclint reads nothing outside the tree" in output and "Traceback" not in output


def test_extend_into_git_or_through_a_symlink_out_is_refused(tmp_path):
    write(tmp_path, "secret.toml", "")
    root = repo(tmp_path / "project")
    (root / "shared.toml").symlink_to(tmp_path / "secret.toml")
    write(root, "doclint.toml", 'extend = "shared.toml"\n')
    write(root, "a.md", "Fine.\n")
    code, output = errors(str(root))
    assert code == 2 and "extend: shared.toml is a symbolic link to" in output


def test_a_cycle_is_an_error_listing_the_chain(tmp_path):
    root = repo(tmp_path)
    write(root, "doclint.toml", 'extend = "docs/doclint.toml"\n')
    write(root, "docs/doclint.toml", 'extend = "../doclint.toml"\n')
    write(root, "docs/a.md", "Fine.\n")
    code, output = errors(str(root / "docs"))
    assert code == 2 and "extend: extends itself in a cycle: " in output
    chain = output.split("cycle: ")[1].strip().split(" -> ")
    assert [Path(p).relative_to(root).as_posix() for p in chain] == ["docs/doclint.toml", "doclint.toml", "docs/doclint.toml"]


def test_a_chain_deeper_than_the_bound_is_an_error(tmp_path):
    from doclint.config import MAX_EXTENDS

    root = repo(tmp_path)
    for index in range(MAX_EXTENDS + 1):
        write(root, f"c{index}.toml", f'extend = "c{index + 1}.toml"\n')
    write(root, f"c{MAX_EXTENDS + 1}.toml", "")
    write(root, "doclint.toml", 'extend = "c0.toml"\n')
    write(root, "a.md", "Fine.\n")
    code, output = errors(str(root))
    assert code == 2 and f"extend: extends more than {MAX_EXTENDS} files deep" in output


def test_bad_extend_values_name_the_file_and_key(tmp_path):
    root = repo(tmp_path)
    write(root, "a.md", "Fine.\n")
    for value, expected in (
        ('"base.yaml"', "doclint.toml: extend: must name a .toml config file (doclint.toml or pyproject.toml), not 'base.yaml'"),
        ('"missing.toml"', "doclint.toml: extend: missing.toml: no such file"),
        ("3", "doclint.toml: extend: must name a .toml config file (doclint.toml or pyproject.toml), not 3"),
    ):
        write(root, "doclint.toml", f"extend = {value}\n")
        code, output = errors(str(root))
        assert (code, expected in output) == (2, True), output
    # An error in the extended file names that file.
    write(root, "base.toml", 'selectt = ["pricing"]\n')
    write(root, "doclint.toml", 'extend = "base.toml"\n')
    code, output = errors(str(root))
    assert code == 2 and "base.toml: selectt: unknown key (did you mean 'select'?)" in output


def test_select_on_the_command_line_re_enables_what_the_config_ignores(tmp_path):
    root = repo(tmp_path)
    write(root, "doclint.toml", 'ignore = ["pricing"]\n')
    write(root, "a.md", TODO_AND_PRICE)
    assert lint(root) == [("a.md", "leftover-todo", "error")]
    assert lint(root, "--select", "pricing") == [("a.md", "pricing", "warning")]
    assert lint(root, "--extend-select", "pricing") == [("a.md", "leftover-todo", "error"), ("a.md", "pricing", "warning")]


def test_an_overrides_ignore_still_holds_under_select(tmp_path):
    """Like ruff's per-file-ignores: the overrides matching a file come after the command line."""
    root = repo(tmp_path)
    write(root, "doclint.toml", '[[overrides]]\npaths = ["pricing/**"]\nignore = ["pricing"]\n')
    write(root, "pricing/plans.md", TODO_AND_PRICE)
    write(root, "guide.md", TODO_AND_PRICE)
    assert lint(root, "--select", "pricing,leftover-todo") == [
        ("guide.md", "leftover-todo", "error"),
        ("guide.md", "pricing", "warning"),
        ("pricing/plans.md", "leftover-todo", "error"),
    ]


def test_show_settings_names_the_chain_and_where_each_override_came_from(tmp_path):
    root = repo(tmp_path)
    write(root, "doclint.toml", 'packs = ["ably"]\n[[overrides]]\npaths = ["docs/api/**"]\nignore = ["pricing"]\n')
    write(root, "docs/doclint.toml", 'extend = "../doclint.toml"\n[[overrides]]\npaths = ["api/**"]\n[overrides.rules.leftover-todo]\nseverity = "suggestion"\n')
    page = write(root, "docs/api/a.md", "# A\n")
    result = CliRunner().invoke(main, ["check", "--show-settings", "--format", "json", str(page)])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert Path(shown["config"]) == root / "docs/doclint.toml" and [Path(p) for p in shown["extends"]] == [root / "doclint.toml"]
    assert [(o["paths"], Path(o["file"])) for o in shown["overrides"]] == [(["docs/api/**"], root / "doclint.toml"), (["api/**"], root / "docs/doclint.toml")]
    assert shown["packs"] == ["ably"] and "pricing" not in shown["rules"]
    assert shown["rules"]["leftover-todo"]["severity"] == "info"  # suggestion is info
    text = CliRunner().invoke(main, ["check", "--show-settings", str(page)]).output
    assert f"extends:      {root / 'doclint.toml'}\n" in text
    assert f"overrides:    docs/api/** (from {root / 'doclint.toml'}); api/** (from {root / 'docs/doclint.toml'})\n" in text
