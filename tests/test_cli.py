"""Tests for the command line: `doclint check`, `doclint rules`, `doclint rule NAME`.

Everything here is asserted the way a user meets it: exit codes, what is printed (or written to
the report file), and which files get linted.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import doclint
from doclint.cli import main
from doclint.document import Document
from doclint.engine import ConfiguredRule, lint_document
from doclint.findings import Severity
from doclint.registry import all_rules
from doclint.rule import Rule

# Pages that each trigger exactly one built-in rule (and a clean one).
CLEAN = "A short paragraph that is finished.\n"
TODO_PAGE = "# Title\n\nSome text. TODO: fix this.\n"  # leftover-todo (error) at 3:12
PRICING_PAGE = "It costs $5 per month.\n"  # pricing (warning)
LIST_PAGE = "- First item is done.\n- Second item is done.\n- Third item is not done\n"  # fixable

JSON_KEYS = {"path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "fix"}
ANSI = re.compile(r"\x1b\[")
# Terminal-related variables of the outer environment must not leak into the tests.
PLAIN_ENV = {"NO_COLOR": None, "FORCE_COLOR": None, "TTY_COMPATIBLE": None}


# --- helpers ---------------------------------------------------------------------------------


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    """Invoke the CLI in-process, with terminal variables cleared unless `env` sets them."""
    return CliRunner().invoke(main, list(args), env={**PLAIN_ENV, **(env or {})})


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def findings(result: Result) -> list[dict]:
    """The findings of a `--format json` run."""
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def rules_found(result: Result) -> set[str]:
    return {finding["rule"] for finding in findings(result)}


def paths_found(result: Result) -> set[str]:
    return {finding["path"] for finding in findings(result)}


def assert_no_crash(result: Result) -> None:
    """The run ended through sys.exit, not an uncaught exception."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output


def git_init(folder: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder (the current directory) with one page per rule and a clean page."""
    write(tmp_path, "clean.md", CLEAN)
    write(tmp_path, "list.md", LIST_PAGE)
    write(tmp_path, "price.md", PRICING_PAGE)
    write(tmp_path, "todo.md", TODO_PAGE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- exit codes ------------------------------------------------------------------------------


def test_clean_page_exits_0_and_says_no_problems(tmp_path):
    page = write(tmp_path, "clean.md", CLEAN)
    result = run("check", str(page))
    assert result.exit_code == 0, result.output
    assert "No problems in 1 file." in result.stdout


def test_leftover_todo_is_an_error_and_exits_1(tmp_path):
    page = write(tmp_path, "page.md", TODO_PAGE)
    result = run("check", "--format", "json", str(page))
    assert result.exit_code == 1
    [finding] = findings(result)
    assert (finding["rule"], finding["severity"]) == ("leftover-todo", "error")


def test_exit_zero_exits_0_but_still_reports(tmp_path):
    page = write(tmp_path, "page.md", TODO_PAGE)
    result = run("check", "--exit-zero", str(page))
    assert result.exit_code == 0
    assert "leftover-todo" in result.stdout


def test_warning_fails_by_default_but_not_with_fail_on_error(tmp_path):
    page = write(tmp_path, "page.md", PRICING_PAGE)
    default = run("check", "--format", "json", str(page))
    assert [(f["rule"], f["severity"]) for f in findings(default)] == [("pricing", "warning")]
    assert default.exit_code == 1
    assert run("check", "--fail-on", "error", str(page)).exit_code == 0
    assert run("check", "--fail-on", "warning", str(page)).exit_code == 1


def test_fail_on_error_still_fails_on_an_error(tmp_path):
    page = write(tmp_path, "page.md", TODO_PAGE + "\n" + PRICING_PAGE)
    assert run("check", "--fail-on", "error", str(page)).exit_code == 1


def test_nonexistent_path_exits_2_naming_the_path(tmp_path):
    missing = tmp_path / "no-such-page.md"
    result = run("check", str(missing))
    assert result.exit_code == 2
    assert "no-such-page.md" in result.output
    assert "no such file or folder" in result.output


def test_unknown_rule_exits_2_and_suggests_the_close_name(tmp_path):
    page = write(tmp_path, "page.md", CLEAN)
    result = run("check", "--select", "leftover-tod", str(page))
    assert result.exit_code == 2
    assert "unknown rule or tag 'leftover-tod'" in result.output
    assert "did you mean 'leftover-todo'?" in result.output


def test_unknown_rule_far_from_any_name_exits_2_without_a_suggestion(tmp_path):
    page = write(tmp_path, "page.md", CLEAN)
    result = run("check", "--ignore", "no-such-rule", str(page))
    assert result.exit_code == 2
    assert "'no-such-rule'" in result.output
    assert "did you mean" not in result.output


def test_unwritable_output_file_exits_2_not_1(tmp_path):
    # 1 means "there are findings"; failing to write the report is an error of the run itself.
    page = write(tmp_path, "page.md", CLEAN)
    result = run("check", "--output-file", str(tmp_path / "missing-folder" / "report.txt"), str(page))
    assert result.exit_code == 2
    assert "report.txt" in result.output


# --- JSON format -----------------------------------------------------------------------------


def test_json_finding_has_exact_keys_and_points_at_the_todo(tmp_path):
    text = TODO_PAGE
    page = write(tmp_path, "page.md", text)
    result = run("check", "--format", "json", str(page))
    [finding] = findings(result)
    assert set(finding) == JSON_KEYS
    assert finding["path"] == page.as_posix()
    # 1-based line and column of "TODO", computed from the text we wrote.
    line_index = next(i for i, line in enumerate(text.splitlines()) if "TODO" in line)
    line_text = text.splitlines()[line_index]
    assert (finding["line"], finding["column"]) == (line_index + 1, line_text.index("TODO") + 1) == (3, 12)
    assert (finding["end_line"], finding["end_column"]) == (3, 12 + len("TODO"))
    assert finding["fix"] is None
    assert "TODO" in finding["message"]


def test_json_fix_adds_a_period_at_the_end_of_the_unfinished_item(tmp_path):
    page = write(tmp_path, "list.md", LIST_PAGE)
    result = run("check", "--format", "json", str(page))
    [finding] = findings(result)
    assert set(finding) == JSON_KEYS
    assert (finding["rule"], finding["line"]) == ("unfinished-sentence", 3)
    fix = finding["fix"]
    assert fix["applicability"] == "safe"
    end_of_line_3 = len(LIST_PAGE.splitlines()[2]) + 1
    assert fix["edits"] == [
        {"line": 3, "column": end_of_line_3, "end_line": 3, "end_column": end_of_line_3, "content": "."}
    ]
    # Applying the edit as a user's tool would gives the finished sentence.
    lines = LIST_PAGE.splitlines()
    edit = fix["edits"][0]
    line = lines[edit["line"] - 1]
    lines[edit["line"] - 1] = line[: edit["column"] - 1] + edit["content"] + line[edit["end_column"] - 1 :]
    assert lines[2] == "- Third item is not done."


def test_json_with_no_findings_is_an_empty_list(tmp_path):
    page = write(tmp_path, "clean.md", CLEAN)
    result = run("check", "--format", "json", str(page))
    assert result.exit_code == 0
    assert findings(result) == []


def test_json_lists_findings_of_every_file_in_path_order(mixed):
    result = run("check", "--format", "json")
    data = findings(result)
    assert [(f["path"], f["rule"]) for f in data] == [
        ("list.md", "unfinished-sentence"),
        ("price.md", "pricing"),
        ("todo.md", "leftover-todo"),
    ]


# --- --select / --ignore -----------------------------------------------------------------------


def test_select_one_rule_by_name(mixed):
    assert rules_found(run("check", "--format", "json", "--select", "pricing")) == {"pricing"}


def test_select_comma_separated_and_repeated(mixed):
    both = run("check", "--format", "json", "--select", "pricing,leftover-todo")
    assert rules_found(both) == {"pricing", "leftover-todo"}
    repeated = run("check", "--format", "json", "--select", "pricing", "--select", "unfinished-sentence")
    assert rules_found(repeated) == {"pricing", "unfinished-sentence"}


def test_ignore_by_name_comma_separated(mixed):
    result = run("check", "--format", "json", "--ignore", "pricing, unfinished-sentence")
    assert rules_found(result) == {"leftover-todo"}


def test_select_and_ignore_by_tag(mixed):
    tags = {rule["name"]: set(rule["tags"]) for rule in json.loads(run("rules", "--format", "json").stdout)}
    # The tags these assertions rely on, as `doclint rules` shows them.
    assert "content" in tags["leftover-todo"] & tags["pricing"]
    assert "content" not in tags["unfinished-sentence"]
    assert "style" in tags["unfinished-sentence"]

    assert rules_found(run("check", "--format", "json", "--select", "content")) == {"leftover-todo", "pricing"}
    assert rules_found(run("check", "--format", "json", "--ignore", "content")) == {"unfinished-sentence"}
    assert rules_found(run("check", "--format", "json", "--select", "review", "--ignore", "style")) == {
        "leftover-todo",
        "pricing",
    }


def test_ignoring_the_only_failing_rule_makes_the_run_pass(mixed):
    result = run("check", "--ignore", "leftover-todo,pricing,unfinished-sentence")
    assert result.exit_code == 0
    assert "No problems in 4 files." in result.stdout


# --- --output-file ---------------------------------------------------------------------------


def test_output_file_gets_the_json_report_and_stdout_stays_empty(mixed):
    result = run("check", "--format", "json", "--output-file", "report.json")
    assert result.exit_code == 1
    assert result.stdout == ""
    report = json.loads((mixed / "report.json").read_text(encoding="utf-8"))
    assert {f["rule"] for f in report} == {"leftover-todo", "pricing", "unfinished-sentence"}


def test_output_file_text_report_has_no_ansi_even_when_colour_is_forced(mixed):
    # FORCE_COLOR is common in CI; a report file must still be plain text.
    result = run("check", "-o", "report.txt", env={"FORCE_COLOR": "1"})
    assert result.exit_code == 1
    assert result.stdout == ""
    report = (mixed / "report.txt").read_text(encoding="utf-8")
    assert "todo.md:3:12: error leftover-todo" in report
    assert "3 problems" in report
    assert not ANSI.search(report)


# --- text format -----------------------------------------------------------------------------


def test_text_finding_shows_location_severity_rule_source_and_marker(tmp_path, monkeypatch):
    write(tmp_path, "page.md", TODO_PAGE)
    monkeypatch.chdir(tmp_path)
    result = run("check", "page.md")
    lines = result.stdout.splitlines()
    head = next(line for line in lines if line.startswith("page.md:"))
    assert head.startswith("page.md:3:12: error leftover-todo ")
    source_index = next(i for i, line in enumerate(lines) if line.endswith("Some text. TODO: fix this."))
    source, marker = lines[source_index], lines[source_index + 1]
    assert source.lstrip().startswith("3 |")
    # The marker sits exactly under "TODO", as wide as it.
    assert marker.index("^") == source.index("TODO")
    assert marker.strip(" |") == "^^^^"


def test_text_marker_follows_the_column_of_a_later_finding(tmp_path):
    page = write(tmp_path, "page.md", PRICING_PAGE)
    lines = run("check", str(page)).stdout.splitlines()
    source_index = next(i for i, line in enumerate(lines) if line.endswith(PRICING_PAGE.strip()))
    source, marker = lines[source_index], lines[source_index + 1]
    assert marker.index("^") == source.index("$5")
    assert marker.count("^") == len("$5 per month")


def test_text_shows_the_safe_fix(tmp_path):
    page = write(tmp_path, "list.md", LIST_PAGE)
    result = run("check", str(page))
    assert "warning unfinished-sentence" in result.stdout
    assert "= safe fix:" in result.stdout


def test_text_summary_counts_problems_severities_files_and_fixes(mixed):
    result = run("check")
    last = result.stdout.rstrip("\n").splitlines()[-1]
    assert last == "3 problems (1 error, 2 warnings) in 3 of 4 files, 1 fixable with --fix."


def test_text_summary_singular(tmp_path):
    page = write(tmp_path, "page.md", TODO_PAGE)
    last = run("check", str(page)).stdout.rstrip("\n").splitlines()[-1]
    assert last == "1 problem (1 error) in 1 of 1 file."


def test_quiet_drops_the_summary_but_keeps_findings(mixed):
    result = run("check", "--quiet")
    assert result.exit_code == 1
    assert "todo.md:3:12: error leftover-todo" in result.stdout
    assert "problems" not in result.stdout
    assert "of 4 files" not in result.stdout
    assert run("check", "-q", "clean.md").stdout == ""


def test_statistics_prints_a_count_per_rule_and_marks_fixable_rules(mixed):
    write(mixed, "todo2.md", "TODO: one.\n\nTODO: two.\n")
    result = run("check", "--statistics")
    counts = dict(
        (match.group(2), int(match.group(1)))
        for match in re.finditer(r"^\s*(\d+)  (\S+(?: \[\*\])?)$", result.stdout, re.M)
    )
    assert counts == {"leftover-todo": 3, "pricing": 1, "unfinished-sentence [*]": 1}
    assert result.stdout.rstrip("\n").splitlines()[-1].startswith("5 problems")


def test_statistics_with_json_formats_are_the_counts_as_data(mixed):
    write(mixed, "todo2.md", "TODO: one.\n\nTODO: two.\n")
    expected = [
        {"rule": "leftover-todo", "count": 3, "fixable": 0},
        {"rule": "pricing", "count": 1, "fixable": 0},
        {"rule": "unfinished-sentence", "count": 1, "fixable": 1},
    ]
    result = run("check", "--statistics", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"statistics": expected, "total": 5, "files": 5}
    lines = run("check", "--statistics", "--format", "json-lines").stdout.splitlines()
    assert [json.loads(line) for line in lines] == expected
    concise = run("check", "--statistics", "--format", "concise").stdout
    assert concise.endswith("\n\n     3  leftover-todo\n     1  pricing\n     1  unfinished-sentence [*]\n")


@pytest.mark.parametrize("output_format", ["github", "sarif", "rdjson", "rdjsonl", "junit"])
def test_statistics_with_a_format_that_has_no_place_for_counts_is_refused(mixed, output_format):
    result = run("check", "--statistics", "--format", output_format)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"--statistics works with --format text, concise, json, json-lines: {output_format} has no place for counts" in result.stderr


def test_suggestion_is_info_in_config_packs_and_fail_on(tmp_path):
    write(tmp_path, "doclint.toml", '[rules.leftover-todo]\nseverity = "suggestion"\n')
    write(tmp_path, "page.md", TODO_PAGE)
    result = run("check", "--format", "json", str(tmp_path))
    assert result.exit_code == 0 and [f["severity"] for f in findings(result)] == ["info"]
    assert run("check", "--fail-on", "suggestion", str(tmp_path)).exit_code == 1
    assert run("check", "--fail-on", "info", str(tmp_path)).exit_code == 1
    write(tmp_path, "doclint.toml", 'fail-on = "suggestion"\n[rules.leftover-todo]\nseverity = "info"\n')
    assert run("check", str(tmp_path)).exit_code == 1


def test_text_is_coloured_on_a_terminal(mixed):
    # FORCE_COLOR makes the output count as a terminal; this shows the checks below can fail.
    result = run("check", env={"FORCE_COLOR": "1"})
    assert ANSI.search(result.stdout)


def test_no_color_means_no_ansi_escapes_even_on_a_terminal(mixed):
    result = run("check", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "todo.md:3:12: error leftover-todo" in result.stdout
    assert not ANSI.search(result.stdout)


def test_output_that_is_not_a_terminal_has_no_ansi_escapes(mixed):
    result = run("check")
    assert "todo.md:3:12: error leftover-todo" in result.stdout
    assert not ANSI.search(result.stdout)


# --- discovery -------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository (the current directory) where every page has a TODO, so every linted
    page shows up in the findings."""
    git_init(tmp_path)
    page = "TODO: write this page.\n"
    write(tmp_path, ".gitignore", "build/\ndrafts/*.md\n")
    for name in [
        "index.md",
        "guide.mdx",
        "notes.markdown",
        "readme.txt",
        "build/out.md",
        "drafts/wip.md",
        "drafts/nested/deep.md",  # `drafts/*.md` does not reach into subfolders, as in git
        "node_modules/pkg/README.md",
        "docs/node_modules/pkg/README.md",
        ".git/notes.md",
        "sub/kept.md",
        "sub/secret.md",
        "sub/sub2/secret.md",
    ]:
        write(tmp_path, name, page)
    write(tmp_path, "sub/.gitignore", "secret.md\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_default_path_is_the_current_folder_and_honours_gitignore(repo):
    result = run("check", "--format", "json")
    assert result.exit_code == 1
    assert paths_found(result) == {
        "index.md",
        "guide.mdx",
        "notes.markdown",
        "drafts/nested/deep.md",
        "sub/kept.md",
    }


def test_summary_counts_only_discovered_files(repo):
    result = run("check")
    assert result.stdout.rstrip("\n").splitlines()[-1] == "5 problems (5 errors) in 5 of 5 files."


def test_discovery_matches_git_own_view_of_ignored_files(repo):
    # git is the reference for .gitignore semantics (node_modules is skipped by doclint on top).
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"], capture_output=True, text=True, check=True
    ).stdout.split()
    expected = {
        name for name in listed
        if Path(name).suffix in {".md", ".mdx", ".markdown"} and "node_modules" not in name
    }
    assert paths_found(run("check", "--format", "json")) == expected


def test_nested_gitignore_negation_re_includes_a_file(repo):
    write(repo, "drafts/.gitignore", "!ready.md\n")
    write(repo, "drafts/ready.md", "TODO: ship it.\n")
    found = paths_found(run("check", "--format", "json"))
    assert "drafts/ready.md" in found
    assert "drafts/wip.md" not in found


def test_gitignore_of_the_repository_applies_when_linting_a_subfolder(repo):
    write(repo, "sub/build/out.md", "TODO: generated.\n")  # `build/` in the root .gitignore
    assert paths_found(run("check", "--format", "json", "sub")) == {"sub/kept.md"}


def test_file_named_explicitly_is_linted_even_if_ignored(repo):
    result = run("check", "--format", "json", "build/out.md", "sub/secret.md")
    assert result.exit_code == 1
    assert paths_found(result) == {"build/out.md", "sub/secret.md"}


def test_file_named_twice_is_linted_once(repo):
    result = run("check", "--format", "json", "index.md", ".")
    assert [f["path"] for f in findings(result)].count("index.md") == 1


def test_folder_without_git_still_finds_pages_by_suffix(tmp_path, monkeypatch):
    write(tmp_path, "a.md", "TODO: a.\n")
    write(tmp_path, "b/c.MDX", "TODO: c.\n")
    write(tmp_path, "d.txt", "TODO: d.\n")
    monkeypatch.chdir(tmp_path)
    assert paths_found(run("check", "--format", "json")) == {"a.md", "b/c.MDX"}


# --- unreadable files ------------------------------------------------------------------------


def test_invalid_utf8_is_one_read_error_and_the_run_goes_on(tmp_path, monkeypatch):
    write(tmp_path, "bad.md", b"caf\xe9 TODO\n")
    write(tmp_path, "good.md", TODO_PAGE)
    monkeypatch.chdir(tmp_path)
    result = run("check", "--format", "json")
    assert_no_crash(result)
    assert result.exit_code == 1
    data = findings(result)
    bad = [f for f in data if f["path"] == "bad.md"]
    assert [(f["rule"], f["severity"]) for f in bad] == [("read-error", "error")]
    assert "UTF-8" in bad[0]["message"]
    assert [f["rule"] for f in data if f["path"] == "good.md"] == ["leftover-todo"]


def test_invalid_utf8_in_text_format_names_the_file_without_a_traceback(tmp_path, monkeypatch):
    write(tmp_path, "bad.md", b"caf\xe9 TODO\n")
    write(tmp_path, "good.md", CLEAN)
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert_no_crash(result)
    assert result.exit_code == 1
    assert "bad.md:1:1: error read-error" in result.stdout
    assert result.stdout.rstrip("\n").splitlines()[-1] == "1 problem (1 error) in 1 of 2 files."


# --- a rule that raises ----------------------------------------------------------------------


def test_rule_that_raises_becomes_one_internal_error_and_other_rules_still_report():
    def explode(doc, options):
        raise ValueError("boom")

    broken = Rule(name="exploding-rule", summary="Always fails.", check=explode)
    doc = Document("page.md", TODO_PAGE)
    result = lint_document(doc, [ConfiguredRule.default(broken), ConfiguredRule.default(all_rules()["leftover-todo"])])

    internal = [f for f in result if f.rule == "internal-error"]
    assert len(internal) == 1
    assert internal[0].path == "page.md"
    assert internal[0].severity is Severity.ERROR
    assert "exploding-rule" in internal[0].message
    assert "ValueError" in internal[0].message and "boom" in internal[0].message
    assert [(f.rule, f.line, f.column) for f in result if f.rule == "leftover-todo"] == [("leftover-todo", 3, 12)]


def test_rule_that_raises_midway_through_a_generator_reports_internal_error_only():
    def half_done(doc, options):
        from doclint.findings import Problem

        yield Problem(0, 1, "first")
        raise RuntimeError("gave up")

    rule = Rule(name="half-done", summary="Yields then fails.", check=half_done)
    result = lint_document(Document("page.md", CLEAN), [ConfiguredRule.default(rule)])
    assert [f.rule for f in result] == ["internal-error"]
    assert "half-done" in result[0].message


# --- rules and rule NAME ---------------------------------------------------------------------

BUILTIN_RULES = {"unfinished-sentence", "leftover-todo", "pricing", "room-attach"}


def test_rules_lists_the_built_in_rules():
    result = run("rules")
    assert result.exit_code == 0
    for name in BUILTIN_RULES:
        assert name in result.stdout


def test_rules_json_describes_each_rule():
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    rules = {rule["name"]: rule for rule in json.loads(result.stdout)}
    assert BUILTIN_RULES <= set(rules)
    for rule in rules.values():
        assert {"name", "summary", "severity", "tags", "fixable", "options"} <= set(rule)
        assert rule["severity"] in {"error", "warning", "info"}
        assert rule["summary"]
    assert rules["leftover-todo"]["severity"] == "error"
    assert rules["unfinished-sentence"]["fixable"] is True
    assert rules["pricing"]["fixable"] is False
    options = {option["name"]: option for option in rules["pricing"]["options"]}
    assert options["allowed_paths"]["type"] == "list"
    assert "pricing.md" in options["allowed_paths"]["default"]


def test_rule_pricing_prints_docs_options_and_examples():
    result = run("rule", "pricing")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("# pricing\n")
    assert "Default severity: warning." in out
    assert "Flags prices and billing detail" in out
    assert "## Options" in out
    assert "`allowed_paths`" in out and "`allowed_phrases`" in out
    assert "## Flagged (guide.md)" in out
    assert "## Not flagged (sla.md)" in out
    assert "Choose MAU-based pricing or per-minute pricing" in out


def test_rule_unknown_exits_2():
    result = run("rule", "nope")
    assert result.exit_code == 2
    assert "unknown rule 'nope'" in result.output


def test_rule_misspelt_suggests_the_name():
    result = run("rule", "pricin")
    assert result.exit_code == 2
    assert "did you mean 'pricing'?" in result.output


# --- entry points ----------------------------------------------------------------------------


def _subprocess_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in PLAIN_ENV}


def test_python_dash_m_doclint_version():
    completed = subprocess.run(
        [sys.executable, "-m", "doclint", "--version"], capture_output=True, text=True, env=_subprocess_env()
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == f"doclint, version {doclint.__version__}"


def test_console_script_lints_a_page(tmp_path):
    script = Path(sys.executable).parent / "doclint"
    assert script.exists(), "the doclint console script is not installed next to this Python"
    page = write(tmp_path, "page.md", TODO_PAGE)
    completed = subprocess.run(
        [str(script), "check", str(page)], capture_output=True, text=True, env=_subprocess_env()
    )
    assert completed.returncode == 1, completed.stderr
    assert f"{page.as_posix()}:3:12: error leftover-todo" in completed.stdout
    assert "1 problem (1 error) in 1 of 1 file." in completed.stdout
    version = subprocess.run([str(script), "--version"], capture_output=True, text=True, env=_subprocess_env())
    assert version.stdout.strip() == f"doclint, version {doclint.__version__}"
