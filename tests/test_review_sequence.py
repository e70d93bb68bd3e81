"""`doclint review` through a pull request's life, against tests/github_fake.py.

The checkout is what actions/checkout gives a `pull_request` job: GitHub's merge commit of the
head into a base branch that moved on after the branch point (both sides changed the same page,
at different lines), so the merge commit's line numbers are not the head's. The fake refuses
comments off the head's diff and records suggestions; the tests check every comment against an
independent lint of the commit it was posted on, and apply every suggestion to that text.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from doclint.cli import main
from github_fake import apply, clean_environment, commit, git, serve  # noqa: F401 - clean_environment is an autouse fixture

TOKEN = "secret-token"
CONFIG = 'packs = ["ably"]\n'
BASE_PAGE = "# Guide\n\nIntro text.\n\n## Setup\n\nSetup text.\n\n## Usage\n\nUsage text.\n"
# Push 1: a list item with four safe fixes on one line, a TODO and a price.
PUSH_1 = BASE_PAGE + (
    "\n- Whilst connected, you optimise the colour of things\n- Second item is done.\n- Third item is done.\n"
    "\nNew text. TODO: write this.\n\nIt costs $5 per month.\n"
)
# Push 2: the TODO resolved, a paragraph above the list moves it down, a new FIXME at the end.
PUSH_2 = PUSH_1.replace("Usage text.\n", "Usage text.\n\nA paragraph that moves the list.\n").replace(
    "New text. TODO: write this.", "New text, written."
) + "\nAnother FIXME: here.\n"
# Push 3: everything fixed.
PUSH_3 = (
    PUSH_2.replace("- Whilst connected, you optimise the colour of things", "- While connected, you optimize the color of things.")
    .replace("It costs $5 per month.", "See the pricing page.")
    .replace("Another FIXME: here.", "Another line, done.")
)
MAIN_MOVED = BASE_PAGE.replace("Intro text.\n", "Intro text, rewritten on main.\n\nA second paragraph from main.\n")




class PullRequest:
    """A repository with `main` and a `feature` branch; pushes go to feature, and each run
    checks out GitHub's merge commit of feature into main's tip, as a pull_request job does."""

    def __init__(self, root: Path, github) -> None:
        self.root, self.github = root, github
        root.mkdir()
        git(root, "init", "-q", "-b", "main")
        (root / "doclint.toml").write_text(CONFIG, encoding="utf-8")
        (root / "docs").mkdir()
        (root / "docs/guide.md").write_text(BASE_PAGE, encoding="utf-8")
        commit(root, "base")
        git(root, "checkout", "-q", "-b", "feature")
        # main moves on after the branch point: same page, other lines.
        git(root, "checkout", "-q", "main")
        (root / "docs/guide.md").write_text(MAIN_MOVED, encoding="utf-8")
        self.base = commit(root, "main moves on")
        git(root, "checkout", "-q", "feature")
        github.repo, github.base = root, self.base
        self.runs: list[tuple[str, Result, int, int]] = []  # label, result, reviews before, edits before

    def push(self, text: str, message: str) -> str:
        git(self.root, "checkout", "-q", "feature")
        (self.root / "docs/guide.md").write_text(text, encoding="utf-8")
        return commit(self.root, message)

    def run(self, label: str, *args: str, env: dict[str, str] | None = None) -> Result:
        head = git(self.root, "rev-parse", "feature")
        git(self.root, "checkout", "-q", "--detach", self.base)
        git(self.root, "merge", "-q", "--no-ff", "--no-edit", "feature")  # refs/pull/7/merge
        event = self.root.parent / "event.json"
        event.write_text(json.dumps({
            "pull_request": {"number": 7, "base": {"sha": self.base, "ref": "main"}, "head": {"sha": head}},
            "repository": {"full_name": "o/r"},
        }))
        before = (len(self.github.reviews), len(self.github.edits))
        environment = {"GITHUB_EVENT_PATH": str(event), "GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": self.github.url, **(env or {})}
        previous = os.getcwd()
        os.chdir(self.root)
        try:
            result = CliRunner().invoke(main, ["review", "--pause", "0", *args], env=environment)
        finally:
            os.chdir(previous)
        git(self.root, "checkout", "-q", "feature")
        self.runs.append((label, result, *before))
        return result

    def text_at(self, commit_id: str, path: str) -> str:
        return git(self.root, "show", f"{commit_id}:{path}") + "\n"


_LINTED: dict[str, list[dict]] = {}


def lint(folder: Path, text: str) -> list[dict]:
    """An independent lint of a page's text, with the repository's config."""
    if text in _LINTED:
        return _LINTED[text]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "doclint.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "docs/guide.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", str(folder / "docs/guide.md")])
    assert result.exit_code in (0, 1), result.output
    _LINTED[text] = json.loads(result.stdout)
    return _LINTED[text]


def rule_of(body: str) -> str:
    return re.search(r"<!-- doclint:([\w.-]+) -->", body).group(1)


def assert_every_comment_is_on_its_findings_line(pr: PullRequest, tmp_path: Path) -> None:
    """Each comment's line, at the commit it was posted on, holds a finding of its rule; and
    each suggestion, applied there, removes the findings it claims to fix and nothing else."""
    for number, comment in enumerate(pr.github.comments):
        text = pr.text_at(comment["commit_id"], comment["path"])
        found = lint(tmp_path / f"check-{number}", text)
        rule = rule_of(comment["body"])
        assert any(f["rule"] == rule and f["line"] <= comment["line"] <= f["end_line"] for f in found), (comment, text)
    for number, suggestion in enumerate(pr.github.suggestions):
        text = pr.text_at(suggestion["commit_id"], suggestion["path"])
        before = lint(tmp_path / f"before-{number}", text)
        after = lint(tmp_path / f"after-{number}", apply(text, suggestion["start"], suggestion["end"], suggestion["text"]))
        on_line = [f for f in before if f["line"] == suggestion["start"]]
        assert len(after) < len(before) and all(f["fix"] for f in on_line if f not in after)
        assert {(f["line"], f["rule"]) for f in after} <= {(f["line"], f["rule"]) for f in before}


def show(pr: PullRequest) -> str:
    """The sequence as a reader of the pull request sees it (printed by the sequence test)."""
    out = []
    for index, (label, result, reviews_before, edits_before) in enumerate(pr.runs):
        reviews_after = pr.runs[index + 1][2] if index + 1 < len(pr.runs) else len(pr.github.reviews)
        edits_after = pr.runs[index + 1][3] if index + 1 < len(pr.runs) else len(pr.github.edits)
        out.append(f"=== {label}: exit {result.exit_code}; {result.stdout.strip()}")
        for payload in pr.github.reviews[reviews_before:reviews_after]:
            out.append(f"  review ({payload['event']}) at {payload['commit_id'][:7]}:")
            out += [f"    | {line}" for line in payload["body"].splitlines() if line and "doclint:review" not in line]
            for comment in payload["comments"]:
                body = re.sub(r"<!--.*?-->", "", comment["body"]).strip().replace("\n", "\n      ")
                out.append(f"    {comment['path']}:{comment['line']}: {body}")
        for comment_id, body in pr.github.edits[edits_before:edits_after]:
            out.append(f"  edited comment {comment_id}: {re.sub(r'<!--.*?-->', '', body).strip()}".replace("\n", " "))
    dismissed = ", ".join(map(str, pr.github.dismissed)) or "none"
    out.append(f"=== dismissed reviews: {dismissed}")
    return re.sub(r"\[(`[^`]+`)\]\([^)]*\)", r"\1", "\n".join(out))  # rule links shown as names


@pytest.fixture
def github():
    with serve() as state:
        yield state


def test_comments_land_on_the_heads_lines_when_the_checkout_is_the_merge_commit(tmp_path, github):
    pr = PullRequest(tmp_path / "repo", github)
    pr.push(PUSH_1, "push 1")
    result = pr.run("first review")
    assert result.exit_code == 1, result.output
    assert github.rejected == []  # GitHub would have answered 422
    [posted] = github.reviews
    lines = sorted((c["line"], rule_of(c["body"])) for c in posted["comments"])
    assert (17, "leftover-todo") in lines and (19, "pricing") in lines  # the head's numbers, not the merge's
    assert {line for line, rule in lines if rule.startswith("ably.") or rule == "unfinished-sentence"} == {13}
    assert_every_comment_is_on_its_findings_line(pr, tmp_path)
    # Four safe fixes on one line: one suggestion carrying them all, the others point to it.
    [merged] = [s for s in github.suggestions if s["start"] == 13]
    assert merged["text"] == "- While connected, you optimize the color of things."
    assert sum("suggestion" in c["body"] and "```" in c["body"] for c in posted["comments"] if c["line"] == 13) == 1
    assert git(tmp_path / "repo", "worktree", "list").count("\n") == 0  # the temporary worktree is gone


def test_a_head_missing_from_the_clone_is_one_clear_line(tmp_path, github, monkeypatch):
    pr = PullRequest(tmp_path / "repo", github)
    pr.push(PUSH_1, "push 1")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "base": {"sha": pr.base}, "head": {"sha": "e" * 40}}}))
    monkeypatch.chdir(pr.root)
    result = CliRunner().invoke(main, ["review", "--dry-run"], env={"GITHUB_EVENT_PATH": str(event)})
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "is not in this clone" in result.stderr and "fetch-depth: 0" in result.stderr


def test_a_pull_request_converges_over_its_pushes(tmp_path, github, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pr = PullRequest(tmp_path / "repo", github)
    github.page_size = 3  # every list read comes in pages

    pr.push(PUSH_1, "push 1: findings")
    assert pr.run("push 1, first review", "--event", "REQUEST_CHANGES").exit_code == 1
    first = list(github.comments)
    assert github.review_objects[0]["state"] == "CHANGES_REQUESTED"

    pr.push(PUSH_2, "push 2: fix the TODO, move the list, add a FIXME")
    assert pr.run("push 2", "--event", "REQUEST_CHANGES").exit_code == 1
    second = github.reviews[-1]
    assert [(c["line"], rule_of(c["body"])) for c in second["comments"]] == [(23, "leftover-todo")]  # only the FIXME
    [(edited, body)] = github.edits
    assert edited == next(c["id"] for c in first if c["line"] == 17) and "~~" in body and "Fixed in" in body
    assert "suggestion" not in body

    reviews, edits = len(github.reviews), len(github.edits)
    result = pr.run("re-run, nothing new", "--event", "REQUEST_CHANGES")
    assert result.exit_code == 1 and "No new findings to review." in result.stdout
    assert (len(github.reviews), len(github.edits)) == (reviews, edits)  # posted nothing, edited nothing

    pr.push(PUSH_3, "push 3: fix everything")
    result = pr.run("push 3, everything fixed", "--event", "REQUEST_CHANGES")
    assert result.exit_code == 0, result.output
    assert len(github.reviews) == reviews  # nothing to say but the withdrawals
    assert all(r["state"] != "CHANGES_REQUESTED" for r in github.review_objects)  # nothing blocks the merge
    assert sorted(github.dismissed) == [n for n, r in enumerate(github.reviews, 1) if r["event"] == "REQUEST_CHANGES"] == [1, 2]
    assert all("<!-- doclint:fixed -->" in c["body"] for c in github.comments)  # every comment marked fixed

    # After the sequence: each finding commented once, on the right line, nothing refused.
    keys = [re.search(r"doclint-key:(\w+)", c["body"]).group(1) for c in github.comments]
    assert len(keys) == len(set(keys))
    assert github.rejected == []
    assert_every_comment_is_on_its_findings_line(pr, tmp_path / "checks")
    print("\n" + show(pr))
