"""The baseline (`doclint baseline`, `check --baseline`): accepted findings stay hidden through
unrelated edits, new ones fail the run, and the record only shrinks unless told to grow."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint import baseline
from doclint.baseline import Key, fingerprints, line_hash, match, section_of
from doclint.cli import main
from doclint.findings import Finding, Severity

from conftest import CORPUS

PLAIN_ENV = {"NO_COLOR": None, "FORCE_COLOR": None, "TTY_COMPATIBLE": None}


def run(*args: str):
    return CliRunner().invoke(main, list(args), env=PLAIN_ENV)


def finding(line: int, column: int = 1, rule: str = "leftover-todo", path: str = "a.md") -> Finding:
    return Finding(path, line, column, line, column + 4, rule, Severity.ERROR, "m")


# --- fingerprints and matching ---------------------------------------------------------------


OUTLINE = [(1, 1, "Guide"), (3, 2, "Setup"), (6, 3, "Linux"), (9, 2, "Usage")]


def test_a_section_is_the_open_headings_above_the_line():
    assert section_of(OUTLINE, 2) == ("Guide",)
    assert section_of(OUTLINE, 7) == ("Guide", "Setup", "Linux")
    assert section_of(OUTLINE, 9) == ("Guide", "Usage")  # a heading's own line is in its section
    assert section_of([], 5) == ()


def test_the_fingerprint_has_no_line_number_and_ignores_whitespace():
    lines = ["# Guide", "", "TODO: one", "", "", "   TODO:    one  "]
    first, second = fingerprints([finding(3), finding(6, 4)], "a.md", lines, [(1, 1, "Guide")])
    assert first == second == Key("a.md", "leftover-todo", ("Guide",), line_hash("TODO: one"), 0)
    assert line_hash("TODO: one") != line_hash("TODO: two")


def test_findings_on_one_line_are_ranked_by_column_whatever_their_order():
    keys = fingerprints([finding(1, 20), finding(1, 3)], "a.md", ["TODO x TODO"], [])
    assert [key.occurrence for key in keys] == [1, 0]


def key(path="a.md", section=("Guide",), text="TODO: one", occurrence=0, rule="leftover-todo") -> Key:
    return Key(path, rule, section, line_hash(text), occurrence)


def test_matching_consumes_each_entry_count_once_and_leaves_the_rest_stale():
    entries = Counter({key(): 2, key(text="TODO: gone"): 1})
    found = [(key(), finding(3)), (key(), finding(9)), (key(), finding(12))]
    result = match(entries, found, lambda k: True, {"a.md"})
    assert [f.line for _, f in result.accepted] == [3, 9]
    assert [f.line for _, f in result.new] == [12]
    assert result.stale == Counter({key(text="TODO: gone"): 1})


def test_a_finding_moved_to_another_section_or_page_still_matches():
    entries = Counter({key(section=("Guide", "Setup")): 1, key(path="b.md", section=("B", "Setup"), text="TODO: moved"): 1})
    found = [
        (key(section=("Guide", "Renamed")), finding(3)),  # same page, another section
        (key(section=("A", "Setup"), text="TODO: moved"), finding(20)),  # from b.md, same innermost heading
    ]
    result = match(entries, found, lambda k: True, {"a.md", "b.md"})
    assert len(result.accepted) == 2 and not result.new and not result.stale


def test_a_page_not_linted_lends_no_entry_and_keeps_its_entries():
    entries = Counter({key(path="b.md", section=("B", "Setup")): 1})
    result = match(entries, [(key(section=("A", "Setup")), finding(3))], lambda k: k.path == "a.md", {"a.md"})
    assert len(result.new) == 1 and not result.stale
    assert result.untouched == entries


def test_the_file_is_stable_sorted_and_round_trips(tmp_path):
    entries = Counter({key(path="z.md"): 1, key(path="a.md", occurrence=1): 3, key(path="a.md"): 1})
    text = baseline.dumps(entries)
    assert text == baseline.dumps(Counter(dict(reversed(list(entries.items())))))
    lines = text.splitlines()
    assert '"path": "a.md"' in lines[2] and '"occurrence": 0' in lines[2] and '"path": "z.md"' in lines[4]
    file = tmp_path / "b.json"
    baseline.write(file, entries)
    assert baseline.load(file) == entries
    assert not list(tmp_path.glob(".*doclint-tmp"))


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", ":1:2: the baseline is not valid JSON"),
        ('{"version": 1}', 'not a doclint baseline'),
        ('[]', 'not a doclint baseline'),
        ('{"version": 1, "entries": [{"path": "a.md"}]}', "entry 1 is not a baseline entry"),
        ('{"version": 1, "entries": [{"path": "a.md", "rule": "r", "section": [], "hash": "h", "occurrence": 0, "count": 0}]}', "entry 1"),
    ],
)
def test_a_bad_baseline_is_exit_2_naming_the_file(tmp_path, monkeypatch, content, says):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text("TODO: one\n")
    (tmp_path / ".doclint-baseline.json").write_text(content)
    result = run("check", "page.md")
    assert result.exit_code == 2
    assert ".doclint-baseline.json" in result.stderr and says in result.stderr
    assert "Traceback" not in result.output


# --- the commands ----------------------------------------------------------------------------


PAGE = "# Guide\n\nSome text.\n\n## Setup\n\nTODO: write this.\n\n## Usage\n\nFIXME: and this.\n"


def test_baseline_then_check_passes_and_says_what_it_hid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(PAGE)
    written = run("baseline")
    assert written.exit_code == 0, written.output
    assert "Wrote .doclint-baseline.json: 2 entries for 2 findings in 1 file" in written.stderr
    data = json.loads((tmp_path / ".doclint-baseline.json").read_text())
    assert data["version"] == 1
    assert {(e["path"], e["rule"], tuple(e["section"]), e["count"]) for e in data["entries"]} == {
        ("page.md", "leftover-todo", ("Guide", "Setup"), 1),
        ("page.md", "leftover-todo", ("Guide", "Usage"), 1),
    }
    checked = run("check", "--format", "json")
    assert checked.exit_code == 0
    assert json.loads(checked.stdout) == []  # the note goes to stderr, never into the report
    assert "2 findings accepted by .doclint-baseline.json not shown" in checked.stderr
    every = run("check", "--no-baseline", "--format", "json")
    assert every.exit_code == 1 and len(json.loads(every.stdout)) == 2


def test_a_new_finding_fails_and_baseline_adds_it_only_with_update(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    page.write_text(PAGE)
    run("baseline")
    before = (tmp_path / ".doclint-baseline.json").read_text()
    page.write_text(PAGE + "\nTODO: a new one.\n")
    checked = run("check", "--format", "json")
    assert checked.exit_code == 1
    assert [(f["line"], f["column"], f["rule"]) for f in json.loads(checked.stdout)] == [(13, 1, "leftover-todo")]
    again = run("baseline")
    assert again.exit_code == 1
    assert "page.md:13:1" in again.stdout and "1 finding not in .doclint-baseline.json" in again.stderr
    assert (tmp_path / ".doclint-baseline.json").read_text() == before  # nothing added silently
    updated = run("baseline", "--update")
    assert updated.exit_code == 0 and "(1 added, 0 stale removed)" in updated.stderr
    assert run("check").exit_code == 0


def test_editing_the_flagged_line_makes_it_new_and_its_entry_stale(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    page.write_text(PAGE)
    run("baseline")
    page.write_text(PAGE.replace("TODO: write this.", "TODO: write this soon."))
    checked = run("check", "--format", "json")
    assert checked.exit_code == 1
    assert [(f["line"], f["column"]) for f in json.loads(checked.stdout)] == [(7, 1)]
    assert "1 baseline entry matches no finding any more: `doclint baseline --prune` removes them" in checked.stderr


def test_prune_drops_only_stale_entries(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    page.write_text(PAGE)
    run("baseline")
    page.write_text(PAGE.replace("FIXME: and this.", "Done.") + "\nTODO: new.\n")
    pruned = run("baseline", "--prune")
    assert pruned.exit_code == 0
    assert "1 entry for 1 finding in 1 file (0 added, 1 stale removed)" in pruned.stderr
    assert "1 finding not in the baseline were not added" in pruned.stderr
    checked = run("check", "--format", "json")
    assert [f["line"] for f in json.loads(checked.stdout)] == [13]  # the new one still fails
    assert "no finding any more" not in checked.stderr


def test_the_per_file_cap_counts_only_the_findings_shown(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    todos = "".join(f"TODO: item {n}.\n\n" for n in range(150))
    page.write_text(todos)
    run("baseline")
    assert run("check").exit_code == 0  # no "50 more findings" left over from the cap
    page.write_text(todos + "TODO: one more.\n")
    checked = run("check", "--format", "json")
    assert [f["line"] for f in json.loads(checked.stdout)] == [301]


def test_a_narrowed_run_judges_only_the_rules_it_ran(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(PAGE + "\nIt costs $5 per month.\n")
    run("baseline")
    checked = run("check", "--select", "pricing")
    assert checked.exit_code == 0
    assert "1 finding accepted" in checked.stderr and "no finding any more" not in checked.stderr


def test_baseline_option_names_another_file_and_paths_are_relative_to_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(PAGE)
    assert run("baseline", "--baseline", "ci/accepted.json", "docs").exit_code == 2  # no such folder
    (tmp_path / "ci").mkdir()
    assert run("baseline", "--baseline", "ci/accepted.json", "docs").exit_code == 0
    paths = {e["path"] for e in json.loads((tmp_path / "ci" / "accepted.json").read_text())["entries"]}
    assert paths == {"../docs/page.md"}
    assert run("check", "docs").exit_code == 1  # no default baseline in this folder
    assert run("check", "--baseline", "ci/accepted.json", "docs").exit_code == 0
    assert run("check", "--baseline", "ci/accepted.json", "--no-baseline", "docs").exit_code == 2


def test_a_default_baseline_linking_out_of_the_tree_is_not_read(tmp_path, monkeypatch):
    outside = tmp_path / "outside.json"
    outside.write_text('{"version": 1, "entries": []}')
    tree = tmp_path / "tree"
    tree.mkdir()
    subprocess.run(["git", "init", "-q", str(tree)], check=True)
    (tree / ".doclint-baseline.json").symlink_to(outside)
    (tree / "page.md").write_text(PAGE)
    monkeypatch.chdir(tree)
    result = run("check")
    assert result.exit_code == 2 and "outside the project" in result.stderr


def test_fix_still_fixes_accepted_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "page.md"
    page.write_text("# Guide\n\n- First item is done.\n- Second item is done.\n- Third item is not done\n")
    run("baseline")
    fixed = run("check", "--fix")
    assert fixed.exit_code == 0
    assert page.read_text().endswith("- Third item is not done.\n")
    assert "1 baseline entry matches no finding any more" in fixed.stderr


def test_review_honours_the_baseline_committed_at_the_head(tmp_path, monkeypatch):
    from github_fake import commit, git

    for name in ("GITHUB_TOKEN", "GITHUB_EVENT_PATH", "GITHUB_REPOSITORY", "GITHUB_API_URL"):
        monkeypatch.delenv(name, raising=False)
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "docs/guide.md").write_text("# Guide\n\nIntro.\n")
    base = commit(root, "base")
    (root / "docs/guide.md").write_text("# Guide\n\nIntro.\n\nIt costs $5 per month.\n\nTODO: write this.\n")
    monkeypatch.chdir(root)
    assert run("baseline", "--select", "pricing").exit_code == 0  # the price is accepted, the TODO is not
    commit(root, "a price, a TODO, and a baseline accepting the price")

    def commented() -> list[tuple[str, int]]:
        result = run("review", "--dry-run", "--base", base)
        assert result.exit_code == 1, result.output
        return [(c["path"], c["line"]) for c in json.loads(result.stdout)[0]["comments"]]

    assert commented() == [("docs/guide.md", 7)]
    # A baseline in the working tree but not committed is not the head's: the head has the one above.
    run("baseline", "--update")
    assert commented() == [("docs/guide.md", 7)]
    everything = run("review", "--dry-run", "--no-baseline", "--base", base)
    assert len(json.loads(everything.stdout)[0]["comments"]) == 2


# --- the issue's scenario, on 50 Ably pages --------------------------------------------------


def _git(tree: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args], cwd=tree, check=True, capture_output=True)


def _findings(*args: str) -> list[dict]:
    result = run("check", "--format", "json", "--config", "../ably.toml", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _body_start(lines: list[str]) -> int:
    """The index of the first line after the front matter."""
    if lines and lines[0] == "---":
        return lines.index("---", 1) + 1
    return 0


@pytest.fixture
def ably_copy(tmp_path, monkeypatch) -> Path:
    """50 Ably chat pages in a git repository, with the pack config beside it."""
    tree = tmp_path / "docs"
    pages = sorted((CORPUS / "src" / "pages" / "docs" / "chat").rglob("*.mdx"))[:50]
    for page in pages:
        target = tree / page.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    shutil.copyfile(CORPUS / "non-markdown-routes.txt", tree / "non-markdown-routes.txt")
    config = (Path(__file__).parents[1] / "examples" / "ably-docs.toml").read_text()
    (tmp_path / "ably.toml").write_text(config.replace("../../shared/corpus/ably-docs/", "docs/"))
    _git(tree, "init", "-q")
    _git(tree, "add", "-A")
    _git(tree, "commit", "-qm", "pages")
    monkeypatch.chdir(tree)
    return tree


def test_the_issue_scenario_on_a_copy_of_ably_pages(ably_copy):
    tree = ably_copy
    accepted = _findings("--no-baseline")
    assert len(accepted) > 40  # enough to mean something
    written = run("baseline", "--config", "../ably.toml")
    assert written.exit_code == 0, written.output
    assert _findings() == []

    # A new TODO anywhere fails with only that finding.
    page = sorted(tree.rglob("*.mdx"))[7]
    original = page.read_text()
    page.write_text(original + "\nTODO: check the limits.\n")
    new = _findings()
    where = page.relative_to(tree).as_posix(), original.count("\n") + 2
    assert [(f["path"], f["line"], f["column"], f["rule"]) for f in new] == [(*where, 1, "leftover-todo")]
    page.write_text(original)

    # 20 lines at the top of every page, and a section moved from one page to another: all matched.
    source, target, (start, end) = _movable_section(accepted, tree)
    assert any(f["path"] == source.relative_to(tree).as_posix() and start < f["line"] <= end for f in accepted)
    for path in tree.rglob("*.mdx"):
        lines = path.read_text().split("\n")
        top = _body_start(lines)
        added = [f"Added line {n} of a new introduction" for n in range(20)]
        path.write_text("\n".join(lines[:top] + added + [""] + lines[top:]))
    lines = source.read_text().split("\n")
    start, end = start + 21, end + 21  # below the 20 lines and the blank line added above it
    source.write_text("\n".join(lines[:start] + lines[end:]))
    target.write_text(target.read_text().rstrip("\n") + "\n\n" + "\n".join(lines[start:end]) + "\n")
    result = run("check", "--config", "../ably.toml", "--format", "json")
    assert json.loads(result.stdout) == []
    assert f"{len(accepted)} findings accepted" in result.stderr
    assert "no finding any more" not in result.stderr
    _git(tree, "checkout", "-q", "--", ".")

    # Fixing 10 findings makes exactly 10 entries stale; --prune removes them.
    fixed = _fix_ten(accepted, tree)
    result = run("check", "--config", "../ably.toml", "--format", "json")
    assert json.loads(result.stdout) == []
    assert f"{len(accepted) - 10} findings accepted" in result.stderr
    assert "10 baseline entries match no finding any more" in result.stderr
    pruned = run("baseline", "--prune", "--config", "../ably.toml")
    assert pruned.exit_code == 0 and "(0 added, 10 stale removed)" in pruned.stderr
    result = run("check", "--config", "../ably.toml")
    assert result.exit_code == 0 and "no finding any more" not in result.stderr
    assert fixed == 10


# Rules that flag words, which stay findings wherever their section goes.
WORD_RULES = {"pricing", "leftover-todo", "ably.we", "ably.realtime", "ably.latin-abbreviations", "ably.product-names", "ably.subjective", "ably.whilst", "ably.us-spelling", "ably.em-dash"}


def _movable_section(findings: list[dict], tree: Path) -> tuple[Path, Path, tuple[int, int]]:
    """A `##` section of an MDX page holding a finding that stays a finding wherever it is (a
    word), with no links, as (its page, another page, its line range), from the page's parse."""
    from doclint.document import Document
    from doclint.engine import outline

    for found in findings:
        if found["rule"] not in WORD_RULES or not found["path"].endswith(".mdx"):
            continue
        source = tree / found["path"]
        text = source.read_text()
        lines = text.split("\n")
        heads = [(line - 1, level) for line, level, _ in outline(Document(found["path"], text)) if level <= 2]
        before = [(i, level) for i, level in heads if i < found["line"] - 1 and level == 2]
        if not before:
            continue
        start = before[-1][0]
        end = next((i for i, _ in heads if i > start), len(lines))
        if "](" in "\n".join(lines[start:end]):
            continue  # its links into its own page would break: new findings of the move itself
        target = next(p for p in sorted(tree.rglob("*.mdx")) if p != source)
        return source, target, (start, end)
    raise AssertionError("no movable section among the findings")


def _fix_ten(findings: list[dict], tree: Path) -> int:
    """Apply the safe fixes of 10 findings that are alone on their line; how many were fixed."""
    per_line = Counter((f["path"], f["line"]) for f in findings)
    chosen = [f for f in findings if f["fix"] and f["fix"]["applicability"] == "safe" and per_line[(f["path"], f["line"])] == 1]
    chosen = chosen[:10]
    by_page: dict[str, list[dict]] = {}
    for found in chosen:
        by_page.setdefault(found["path"], []).append(found)
    for path, page_findings in by_page.items():
        lines = (tree / path).read_text().split("\n")
        for found in page_findings:
            for edit in sorted(found["fix"]["edits"], key=lambda e: e["column"], reverse=True):
                assert edit["line"] == edit["end_line"] == found["line"]
                line = lines[edit["line"] - 1]
                lines[edit["line"] - 1] = line[: edit["column"] - 1] + edit["content"] + line[edit["end_column"] - 1 :]
        (tree / path).write_text("\n".join(lines))
    return len(chosen)
