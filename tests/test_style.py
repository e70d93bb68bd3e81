"""The house style: measured from the tree, saved for review, read by the rules; a page is judged
by its site's style, never a site for having one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
from doclint.cli import main

SHARED = REPO.parent / "shared" / "corpus"
PAGE = (
    "# Setup\n\n- The first step is done.\n- The second one is done.\n\n## Notes\n\n"
    "- This list can end bare\n- It is read as a sentence\n"
)


def findings(root: Path, *args: str) -> list[tuple[int, str]]:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--select", "unfinished-sentence", *args, str(root)])
    assert result.exit_code in (0, 1), result.output
    return [(f["line"], f["message"]) for f in json.loads(result.stdout)]


def shares(path: Path) -> dict[str, int]:
    result = CliRunner().invoke(main, ["style", str(path)])
    assert result.exit_code == 0, result.output
    found = re.findall(r"^\s*(-|\d+%) of\s+\d+\s+(.*)$", result.output, re.MULTILINE)
    return {what: -1 if share == "-" else int(share[:-1]) for share, what in found}


@pytest.mark.parametrize(("tree", "low", "high"), [("ably-docs", 80, 100), ("rust-reference", 80, 100), ("mkdocs-material", 0, 30)])
def test_the_measured_style_matches_what_each_site_does(tree, low, high):
    """The Ably style guide asks for periods (and 89% of its sentence items have them); the Rust
    Reference writes sentences; Material for MkDocs ends its list items bare."""
    measured = shares(SHARED / tree)
    assert low <= measured["list items that read as a sentence end with a period"] <= high
    assert measured["headings are in sentence case"] >= 90


def test_the_same_page_is_judged_by_its_sites_saved_style(tmp_path):
    (tmp_path / "a.md").write_text(PAGE)
    assert findings(tmp_path) == []  # no saved style, and too few lists on the page to tell
    (tmp_path / ".doclint-style.toml").write_text("sentence_items = [87, 100]\n")
    assert findings(tmp_path) == [
        (8, "List item ends without a period, but it reads as a sentence, and 87% of list items like it on this site end with a period"),
        (9, "List item ends without a period, but it reads as a sentence, and 87% of list items like it on this site end with a period"),
    ]
    (tmp_path / ".doclint-style.toml").write_text("sentence_items = [12, 100]\n")
    assert findings(tmp_path) == []


def test_a_saved_style_is_found_from_the_page_upward_and_config_overrides_it(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".doclint-style.toml").write_text("sentence_items = [90, 100]\n")
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    (tmp_path / "docs" / "deep" / "a.md").write_text(PAGE)
    assert [line for line, _ in findings(tmp_path / "docs")] == [8, 9]
    (tmp_path / "doclint.toml").write_text("[rules.unfinished-sentence]\npunctuated_sentences = 10\n")
    assert findings(tmp_path / "docs") == []


def test_style_write_saves_a_reviewable_file_and_never_overwrites_it(tmp_path):
    (tmp_path / "a.md").write_text(PAGE)
    result = CliRunner().invoke(main, ["style", "--write", str(tmp_path)])
    assert result.exit_code == 0, result.output
    saved = (tmp_path / ".doclint-style.toml").read_text()
    assert "# 50%: list items that read as a sentence end with a period\nsentence_items = [2, 4]\n" in saved
    (tmp_path / ".doclint-style.toml").write_text("sentence_items = [1, 2]  # pinned by the team\n")
    again = CliRunner().invoke(main, ["style", "--write", str(tmp_path)])
    assert again.exit_code == 2 and "exists" in again.output
    assert "pinned by the team" in (tmp_path / ".doclint-style.toml").read_text()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sentence_items = [10]\n", "sentence_items: must be [followed, measured]"),
        ("sentence_item = [1, 2]\n", "sentence_item: unknown key (did you mean 'sentence_items'?)"),
        ("sentence_items = [3, 2]\n", "two counts with the first no larger"),
        ("sentence_items = [\n", "invalid TOML"),
    ],
)
def test_a_bad_saved_style_is_a_clear_error(tmp_path, text, message):
    (tmp_path / "a.md").write_text(PAGE)
    (tmp_path / ".doclint-style.toml").write_text(text)
    result = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path)])
    assert result.exit_code == 2 and ".doclint-style.toml" in result.output and message in result.output
    assert "Traceback" not in result.output
