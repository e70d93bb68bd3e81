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


# A one-item list: nothing on its page says how the site ends its list items.
LONE = "# Lone\n\nIntro.\n\n- The value can be changed later\n"


def _site(root: Path, punctuated: bool, pages: int = 12) -> Path:
    """A tree of `pages` pages whose sentence items do (or do not) end with periods."""
    root.mkdir(parents=True, exist_ok=True)
    end = "." if punctuated else ""
    for n in range(pages):
        (root / f"page{n}.md").write_text(
            f"# Page {n}\n\nText.\n\n- The client can connect{end}\n- The server will answer{end}\n- You can retry later{end}\n"
        )
    (root / "lone.md").write_text(LONE)
    return root


def check_json(*args: str, env: dict | None = None) -> list[dict]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--select", "unfinished-sentence", *args], env=env)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_a_run_over_the_tree_learns_its_style_and_judges_each_page_by_it(tmp_path):
    punctuating = _site(tmp_path / "a", punctuated=True)
    [found] = check_json("--no-cache", str(punctuating))
    assert (found["path"].endswith("lone.md"), found["line"], found["column"]) == (True, 5, 28)
    assert found["message"] == (
        "List item ends without a period, but it reads as a sentence, and 97% of list items like it on this site end with a period"
    )
    # The same page on a site whose lists end bare: its style, not a mistake.
    assert check_json("--no-cache", str(_site(tmp_path / "b", punctuated=False))) == []


def test_a_one_page_run_uses_the_style_its_cache_learned_else_its_own_page(tmp_path):
    site = _site(tmp_path / "site", punctuated=True)
    cache = tmp_path / "cache"
    alone = lambda *args: [f["message"] for f in check_json(*args, str(site / "lone.md"))]
    # One page is too few to learn from: the Microsoft style guide's rule for a list with no
    # majority decides (a full sentence gets its period), and a cold cache knows no more.
    by_itself = ["List item ends without a period, but it reads as a sentence"]
    assert alone("--no-cache") == alone("--cache-dir", str(cache)) == by_itself
    check_json("--cache-dir", str(cache), str(site))  # a run over the tree fills it
    [found] = alone("--cache-dir", str(cache))
    assert "97% of list items like it on this site" in found  # 36 of 37, the page itself too
    # Once the tree changes its style, the cache's measurements of the changed pages are stale.
    for page in site.glob("page*.md"):
        page.write_text(page.read_text().replace(".\n", "\n"))
    check_json("--cache-dir", str(cache), str(site))
    assert alone("--cache-dir", str(cache)) == []


def test_each_item_shape_is_judged_by_its_own_convention(tmp_path):
    """Jest ends 89% of its sentence items with a period but only 40% of its numbered steps:
    a bare step there is the site's style, a bare sentence is not."""
    for n in range(12):
        (tmp_path / f"page{n}.md").write_text(
            f"# Page {n}\n\n- The client can connect.\n- The server will answer.\n- You can retry later.\n\n"
            "Steps:\n\n1. Create a project\n2. Install the package\n3. Run the tests\n"
        )
    (tmp_path / "lone.md").write_text(LONE + "\nThen:\n\n1. Configure the client\n")
    [found] = check_json("--no-cache", str(tmp_path))
    assert (found["line"], "like it on this site" in found["message"]) == (5, True)


@pytest.mark.parametrize(("punctuated", "fixed"), [(True, LONE.replace("later\n", "later.\n")), (False, LONE)])
def test_fix_judges_by_the_learned_style_as_check_does(tmp_path, punctuated, fixed):
    site = _site(tmp_path, punctuated=punctuated)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--fix", "--select", "unfinished-sentence", str(site)])
    assert result.exit_code == 0, result.output
    assert (site / "lone.md").read_text() == fixed


def test_a_saved_style_wins_over_the_learned_one(tmp_path):
    site = _site(tmp_path, punctuated=True)
    (site / ".doclint-style.toml").write_text("sentence_items = [5, 100]\n")
    assert check_json("--no-cache", str(site)) == []


def test_a_list_with_a_style_of_its_own_keeps_it_on_a_punctuating_site():
    """Jest's Jest 26 post lists its breaking changes bare, as its changelog does; the site ends
    89% of its sentence items with a period, but not this list's."""
    found = check_json("--no-cache", str(SHARED / "jest"))
    paths = {f["path"].split("corpus/")[-1] for f in found}
    assert "jest/website/blog/2020-05-05-jest-26.md" not in paths
    messages = {(f["path"].split("corpus/")[-1], f["line"]): f["message"] for f in found}
    # A two-item list is not a style of its own: the site's decides.
    assert "89% of list items like it on this site" in messages[("jest/website/blog/2022-08-25-jest-29.md", 12)]


def show_settings(*args: str) -> dict:
    result = CliRunner().invoke(main, ["check", "--show-settings", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_show_settings_says_which_style_a_page_is_judged_by(tmp_path):
    site = _site(tmp_path / "site", punctuated=True)
    cache = str(tmp_path / "cache")
    page = str(site / "lone.md")
    assert show_settings("--cache-dir", cache, page)["house-style"]["source"].startswith("none: the page is judged by its own lists")
    check_json("--cache-dir", cache, str(site))
    learned = show_settings("--cache-dir", cache, page)["house-style"]
    assert learned["source"] == f"learned from 13 pages of the site at {site}"
    assert learned["conventions"]["sentence_items"] == [36, 37]
    (site / ".doclint-style.toml").write_text("sentence_items = [5, 100]\n")
    saved = show_settings("--cache-dir", cache, page)["house-style"]
    assert (saved["source"], saved["conventions"]["sentence_items"]) == (f"saved in {site / '.doclint-style.toml'}", [5, 100])


def test_show_settings_prints_the_config_overrides_and_rules_of_one_page(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "doclint.toml").write_text(
        'fail-on = "error"\n[rules.pricing]\nseverity = "error"\n'
        '[[overrides]]\npaths = ["api/**"]\n[overrides.rules.unfinished-sentence]\nmin_words = 5\n'
    )
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "a.md").write_text("# A\n")
    shown = show_settings(str(tmp_path / "api" / "a.md"))
    assert shown["config"].endswith("doclint.toml") and shown["fail-on"] == "error"
    assert shown["overrides"] == [{"paths": ["api/**"], "file": shown["config"]}] and shown["extends"] == []
    assert shown["rules"]["pricing"]["severity"] == "error"
    assert shown["rules"]["unfinished-sentence"]["options"]["min_words"] == 5
    assert shown["site"]["generator"] == "github"
    text = CliRunner().invoke(main, ["check", "--show-settings", "--ignore", "pricing", str(tmp_path / "api" / "a.md")])
    assert text.exit_code == 0 and "doclint.toml\n" in text.output and "\n  pricing " not in text.output
    assert "unfinished-sentence  warning  min_words=5" in text.output


@pytest.mark.parametrize("args", [["."], ["a.md", "b.md"], ["--format", "sarif", "a.md"]])
def test_show_settings_takes_one_page_and_says_so(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("# A\n")
    (tmp_path / "b.md").write_text("# B\n")
    result = CliRunner().invoke(main, ["check", "--show-settings", *args])
    assert result.exit_code == 2 and "--show-settings" in result.output and "Traceback" not in result.output


def test_show_settings_prints_what_a_repository_wrote_inert(tmp_path):
    """Paths come from the linted repository: a terminal escape in a folder's name is shown
    spelled out, never sent to the terminal."""
    root = tmp_path / "docs\x1b]52;c;aGk=\x07"
    (root / ".git").mkdir(parents=True)
    (root / "doclint.toml").write_text('fail-on = "error"\n')
    (root / "a.md").write_text("# A\n")
    for fmt in ("text", "json"):
        result = CliRunner().invoke(main, ["check", "--show-settings", "--format", fmt, str(root / "a.md")])
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output and "52;c;aGk=" in result.output
