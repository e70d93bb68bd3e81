"""Configuration: discovery (closest wins), --config, --isolated, overrides, and the errors a
team sees when its config is wrong."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint.cli import main

TODO_AND_PRICE = "Some text. TODO: finish.\n\nIt costs $5 a month.\n"


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint(root: Path, *args: str):
    result = CliRunner().invoke(main, ["check", "--format", "json", *args, str(root)])
    assert result.exit_code in (0, 1), result.output
    return sorted((Path(f["path"]).relative_to(root).as_posix(), f["rule"], f["severity"]) for f in json.loads(result.stdout))


def errors(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output


def test_pyproject_table_applies_to_files_below_it(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.doclint]\nignore = ["pricing"]\n')
    write(tmp_path, "docs/a.md", TODO_AND_PRICE)
    assert lint(tmp_path) == [("docs/a.md", "leftover-todo", "error")]


def test_closest_config_wins_and_does_not_merge_with_parents(tmp_path):
    write(tmp_path, "doclint.toml", 'ignore = ["pricing"]\n')
    write(tmp_path, "docs/guides/doclint.toml", 'ignore = ["leftover-todo"]\n')
    write(tmp_path, "docs/a.md", TODO_AND_PRICE)
    write(tmp_path, "docs/guides/b.md", TODO_AND_PRICE)
    assert lint(tmp_path) == [
        ("docs/a.md", "leftover-todo", "error"),
        ("docs/guides/b.md", "pricing", "warning"),
    ]


def test_dot_doclint_toml_beats_doclint_toml_beats_pyproject(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.doclint]\nignore = ["leftover-todo", "pricing"]\n')
    write(tmp_path, "doclint.toml", 'ignore = ["leftover-todo"]\n')
    write(tmp_path, ".doclint.toml", 'ignore = ["pricing"]\n')
    write(tmp_path, "a.md", TODO_AND_PRICE)
    assert lint(tmp_path) == [("a.md", "leftover-todo", "error")]


def test_pyproject_without_a_doclint_table_is_passed_over(tmp_path):
    write(tmp_path, "doclint.toml", 'ignore = ["pricing"]\n')
    write(tmp_path, "docs/pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path, "docs/a.md", TODO_AND_PRICE)
    assert lint(tmp_path) == [("docs/a.md", "leftover-todo", "error")]


def test_config_flag_and_isolated(tmp_path):
    write(tmp_path, "doclint.toml", 'ignore = ["pricing"]\n')
    other = write(tmp_path / "elsewhere", "strict.toml", 'ignore = ["leftover-todo"]\n')
    write(tmp_path, "a.md", TODO_AND_PRICE)
    assert lint(tmp_path, "--config", str(other)) == [("a.md", "pricing", "warning")]
    assert lint(tmp_path, "--isolated") == [("a.md", "leftover-todo", "error"), ("a.md", "pricing", "warning")]


def test_cli_flags_override_config(tmp_path):
    write(tmp_path, "doclint.toml", 'select = ["pricing"]\n')
    write(tmp_path, "a.md", TODO_AND_PRICE)
    assert lint(tmp_path) == [("a.md", "pricing", "warning")]
    assert lint(tmp_path, "--select", "leftover-todo") == [("a.md", "leftover-todo", "error")]
    assert lint(tmp_path, "--extend-select", "leftover-todo") == [("a.md", "leftover-todo", "error"), ("a.md", "pricing", "warning")]


def test_rule_severity_options_and_off(tmp_path):
    write(tmp_path, "doclint.toml", '[rules.pricing]\nseverity = "error"\nallowed_phrases = ["a month"]\n[rules.leftover-todo]\nseverity = "off"\n')
    write(tmp_path, "a.md", TODO_AND_PRICE + "\nPlans from €10.\n")
    assert lint(tmp_path) == [("a.md", "pricing", "error")]


def test_overrides_by_path(tmp_path):
    write(
        tmp_path,
        "doclint.toml",
        '[[overrides]]\npaths = ["docs/pricing/**"]\nignore = ["pricing"]\n\n'
        '[[overrides]]\npaths = ["docs/**/api/**"]\nrules.leftover-todo = { severity = "info" }\n',
    )
    write(tmp_path, "docs/pricing/plans.md", TODO_AND_PRICE)
    write(tmp_path, "docs/chat/api/rooms.md", TODO_AND_PRICE)
    assert lint(tmp_path) == [
        ("docs/chat/api/rooms.md", "leftover-todo", "info"),
        ("docs/chat/api/rooms.md", "pricing", "warning"),
        ("docs/pricing/plans.md", "leftover-todo", "error"),
    ]


def test_include_exclude_and_fail_on(tmp_path):
    write(tmp_path, "doclint.toml", 'exclude = ["drafts/"]\ninclude = ["*.md", "*.mdoc"]\nfail-on = "error"\n')
    write(tmp_path, "drafts/a.md", TODO_AND_PRICE)
    write(tmp_path, "b.mdoc", "It costs $5.\n")
    write(tmp_path, "c.mdx", TODO_AND_PRICE)
    assert lint(tmp_path) == [("b.mdoc", "pricing", "warning")]
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 0  # only a warning, and the config fails on errors


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ('selct = ["pricing"]\n', "doclint.toml: selct: unknown key (did you mean 'select'?)"),
        ('select = "pricing"\n', "doclint.toml: select: must be a list, not string"),
        ('select = ["pricng"]\n', "doclint.toml: select: unknown rule or tag 'pricng' (did you mean 'pricing'?)"),
        ('[rules.pricng]\nseverity = "off"\n', "doclint.toml: rules.pricng: unknown rule (did you mean 'pricing'?)"),
        ('[rules.pricing]\nallowed_path = []\n', "doclint.toml: rules.pricing.allowed_path: unknown option (did you mean 'allowed_paths'?)"),
        ('[rules.pricing]\nallowed_paths = "pricing/"\n', "doclint.toml: rules.pricing.allowed_paths: must be a list, not string"),
        ('[rules.unfinished-sentence]\nmin_words = true\n', "rules.unfinished-sentence.min_words: must be a integer, not boolean"),
        ('[rules.pricing]\nseverity = "fatal"\n', "rules.pricing.severity: must be one of error, warning, info, suggestion, off, not 'fatal'"),
        ('fail-on = "never"\n', "fail-on: must be one of error, warning, info, suggestion, not 'never'"),
        ('[[overrides]]\nignore = ["pricing"]\n', "overrides[0]: needs `paths`, a list of globs"),
        ('[[overrides]]\npaths = ["a/"]\nfail-on = "error"\n', "overrides[0].fail-on: unknown key"),
        ('packs = ["ablly"]\n', "packs: ablly: unknown pack"),
        ("select = [\n", "doclint.toml: invalid TOML: "),
        # Globs are checked when the config is read (tests/test_globs.py has the matcher's cases).
        ('exclude = ["drafts/", "[ab"]\n', "doclint.toml: exclude[1]: glob '[ab' has a `[` that is not closed"),
        ("include = ['*.md', 'docs\\']\n", "doclint.toml: include[1]: glob 'docs\\\\' ends a segment with a `\\` that escapes nothing"),
        ('[[overrides]]\npaths = ["[z-a].md"]\nignore = ["pricing"]\n', "doclint.toml: overrides[0].paths[0]: glob '[z-a].md' has a reversed range `z-a`"),
        ('exclude = ["drafts/", "!drafts/keep.md"]\n', "doclint.toml: exclude[1]: glob '!drafts/keep.md' starts with `!`, a negation"),
        ('exclude = ["docs//a.md"]\n', "exclude[0]: glob 'docs//a.md' has an empty segment (`//`)"),
    ],
)
def test_bad_config_names_file_and_key_and_exits_2(tmp_path, config, expected):
    write(tmp_path, "doclint.toml", config)
    write(tmp_path, "a.md", "Fine.\n")
    code, output = errors(str(tmp_path))
    assert code == 2
    assert expected in output
    assert "Traceback" not in output


def test_pyproject_keys_are_named_with_their_table(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.doclint]\nignor = []\n")
    write(tmp_path, "a.md", "Fine.\n")
    code, output = errors(str(tmp_path))
    assert code == 2 and "pyproject.toml: tool.doclint.ignor: unknown key (did you mean 'ignore'?)" in output


def test_init_writes_a_config_that_loads_and_refuses_to_overwrite(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path)]).exit_code == 0
    written = tomllib.loads((tmp_path / "doclint.toml").read_text())
    assert written["overrides"][0]["rules"]["room-attach"] == {"severity": "off"}
    write(tmp_path, "a.md", TODO_AND_PRICE)
    assert lint(tmp_path) == [("a.md", "leftover-todo", "error"), ("a.md", "pricing", "warning")]
    again = runner.invoke(main, ["init", str(tmp_path)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_init_appends_to_pyproject_once_keeping_what_was_there(tmp_path):
    original = '[project]\nname = "docs"\n'
    write(tmp_path, "pyproject.toml", original)
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path)]).exit_code == 0
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(original)
    assert tomllib.loads(text)["tool"]["doclint"]["fail-on"] == "warning"
    again = runner.invoke(main, ["init", str(tmp_path)])
    assert again.exit_code == 2 and "[tool.doclint]" in again.output
    assert (tmp_path / "pyproject.toml").read_text() == text
