"""--fix, --unsafe-fixes, --diff and --fix-only: fixes that never lose a word."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint.cli import main
from doclint.document import Document
from doclint.findings import Edit, Finding, Fix, Problem, Severity
from doclint.fix import MAX_PASSES, WriteError, apply_fixes, fix_text, write_atomically
from doclint.engine import ConfiguredRule, lint_document
from doclint.rule import Rule

LIST = "Steps:\n\n- The first step is done.\n- The second step is not done\n"
FIXED_LIST = "Steps:\n\n- The first step is done.\n- The second step is not done.\n"


def check(*args: str, cwd: Path | None = None):
    return CliRunner().invoke(main, ["check", "--isolated", *args])


@pytest.mark.parametrize("name", ["page.md", "page.mdx"])
def test_fix_adds_the_period_and_a_second_run_changes_nothing(tmp_path, name):
    page = tmp_path / name
    page.write_text(LIST)
    first = check("--fix", str(page))
    assert first.exit_code == 0, first.output
    assert page.read_text() == FIXED_LIST
    assert "Fixed 1 problem in 1 file." in first.stderr
    second = check("--fix", str(page))
    assert page.read_text() == FIXED_LIST and "No fixes to apply." in second.stderr


@pytest.mark.parametrize("name", ["page.md", "page.mdx"])
def test_pack_substitutions_are_fixed(tmp_path, name):
    (tmp_path / "doclint.toml").write_text('packs = ["ably"]\nselect = ["ably.whilst", "ably.latin-abbreviations"]\n')
    page = tmp_path / name
    page.write_text("Whilst connected, use a channel, e.g. `chat`, and `whilst` in code stays.\n")
    result = CliRunner().invoke(main, ["check", "--fix", str(page)])
    assert result.exit_code == 0, result.output
    assert page.read_text() == "While connected, use a channel, for example, `chat`, and `whilst` in code stays.\n"


def test_unsafe_fixes_only_when_asked(tmp_path):
    (tmp_path / "doclint.toml").write_text('packs = ["ably"]\nselect = ["ably.sentence-case-headings"]\n')
    page = tmp_path / "page.md"
    page.write_text("## Subscribe To Events\n\nText.\n")
    CliRunner().invoke(main, ["check", "--fix", str(page)])
    assert page.read_text().startswith("## Subscribe To Events")
    CliRunner().invoke(main, ["check", "--fix", "--unsafe-fixes", str(page)])
    assert page.read_text().startswith("## Subscribe to events")


def test_crlf_bom_mixed_endings_and_no_final_newline_round_trip_byte_for_byte(tmp_path):
    page = tmp_path / "page.md"
    original = "\ufeffSteps:\r\n\r\n- The first step is done.\n- The second step is not done\r\n\r\nLast line"
    page.write_bytes(original.encode("utf-8"))
    check("--fix", str(page))
    expected = original.replace("not done\r\n", "not done.\r\n")
    assert page.read_bytes() == expected.encode("utf-8")


def test_permissions_are_kept_and_no_temporary_file_is_left(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(LIST)
    page.chmod(0o640)
    check("--fix", str(page))
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.md"]


def test_a_file_changed_on_disk_since_it_was_read_is_not_overwritten(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("edited meanwhile\n")
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomically(page, b"what doclint read\n", "fixed\n")
    assert page.read_text() == "edited meanwhile\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.md"]


@pytest.mark.parametrize("tool", ["git", "patch"])
def test_diff_applies_cleanly_and_writes_nothing(tmp_path, tool, monkeypatch):
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "page one.md"
    page.write_bytes(("Steps:\r\n\r\n- The first step is done.\r\n- The second step is not done\r\n").encode())
    before = page.read_bytes()
    monkeypatch.chdir(tmp_path)
    result = check("--diff", "docs")
    assert result.exit_code == 1
    assert page.read_bytes() == before
    patch = tmp_path / "fix.patch"
    patch.write_bytes(result.stdout_bytes)
    if tool == "git":
        subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
        applied = subprocess.run(["git", "apply", "--whitespace=nowarn", str(patch)], cwd=tmp_path, capture_output=True, text=True)
    else:
        applied = subprocess.run(["patch", "-p1", "-i", str(patch)], cwd=tmp_path, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert page.read_bytes() == before.replace(b"not done\r\n", b"not done.\r\n")
    assert check("--diff", "docs").exit_code == 0  # nothing left to fix


def test_fix_only_reports_nothing_else(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(LIST + "\nTODO: this stays.\n")
    result = check("--fix-only", str(page))
    assert result.exit_code == 0 and result.stdout == ""
    assert "Fixed 1 problem in 1 file." in result.stderr
    assert page.read_text() == FIXED_LIST + "\nTODO: this stays.\n"


def test_fix_reports_what_is_left_and_fails_on_it(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(LIST + "\nTODO: this stays.\n")
    result = check("--fix", "--format", "json", str(page))
    assert result.exit_code == 1
    assert '"rule": "leftover-todo"' in result.stdout and "unfinished-sentence" not in result.stdout


def _finding(start: int, end: int, content: str, rule: str = "r") -> Finding:
    return Finding("p", 1, 1, 1, 1, rule, Severity.WARNING, "m", Fix((Edit(start, end, content),)))


def test_overlapping_fixes_wait_for_the_next_pass_in_document_order():
    text = "abcdef"
    new, count = apply_fixes(text, [_finding(1, 3, "X"), _finding(2, 4, "Y"), _finding(5, 5, "!"), _finding(5, 5, "?")], unsafe=False)
    assert (new, count) == ("aXde!f", 2)


def test_unsafe_fixes_are_skipped_unless_asked():
    unsafe = Finding("p", 1, 1, 1, 1, "r", Severity.WARNING, "m", Fix((Edit(0, 1, "Z"),), safe=False))
    assert apply_fixes("abc", [unsafe], unsafe=False) == ("abc", 0)
    assert apply_fixes("abc", [unsafe], unsafe=True) == ("Zbc", 1)


def test_a_rule_that_never_settles_is_named_after_the_pass_limit():
    def check(doc, options):
        yield Problem(0, 0, "always", Fix((Edit(0, 0, "x"),)))

    restless = ConfiguredRule.default(Rule(name="restless", summary="s", check=check))
    result = fix_text("text\n", lambda doc: lint_document(doc, [restless]), lambda t: Document("p.md", t), unsafe=False)
    assert result.unstable == ["restless"]
    assert result.text == "x" * MAX_PASSES + "text\n"


def test_symlink_out_of_the_tree_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "page.md"
    target.write_text(LIST)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.md").symlink_to(target)
    result = check("--fix", "--format", "json", str(tree))
    assert target.read_text() == LIST
    assert "outside the project" in result.stdout


def _fixable_rules():
    from pathlib import Path as _Path

    from doclint.packs import load_pack
    from doclint.registry import all_rules

    rules = list(all_rules().values()) + list(load_pack("ably", _Path(".")).rules)
    return [rule for rule in rules if rule.fixable]


@pytest.mark.parametrize("suffix", [".md", ".mdx"])
@pytest.mark.parametrize("rule", _fixable_rules(), ids=lambda rule: rule.name)
def test_every_fixable_rule_fixes_its_own_bad_examples(rule, suffix):
    configured = ConfiguredRule.default(rule)
    for _, text in rule.bad_examples:
        result = fix_text(text, lambda doc: lint_document(doc, [configured]), lambda t: Document("page" + suffix, t), unsafe=True)
        assert result.fixed >= 1, (rule.name, text)
        assert result.findings == [] and result.unstable == [], (rule.name, text, result.text)
