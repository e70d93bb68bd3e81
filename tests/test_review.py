"""`doclint review`: findings on a pull request's changed lines become one GitHub review.

Asserted the way a pull-request author meets it: which lines get a comment and what it says
(suggestion, docs link, marker), what reaches GitHub (against a local fake of its API on
127.0.0.1), that a re-run posts nothing twice, and that every failure is one clear line with
exit code 2 and never the token.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import doclint
from doclint.cli import main
from github_fake import clean_environment, commit, FakeGitHub, git, serve  # noqa: F401 - clean_environment is an autouse fixture
from doclint.findings import Edit, Finding, Fix, Severity
from doclint.github.review import (
    BATCH_SIZE,
    Comment,
    Plan,
    comment_body,
    dedupe,
    fixed_body,
    merge_suggestions,
    payloads,
    place,
)

TOKEN = "secret-token"
GITHUB_LIMIT = 65_536
BASE_PAGE = "# Guide\n\nIntro paragraph. TODO: old problem.\n\nClean paragraph.\n"
ADDED = (
    "\n- First item is done.\n- Second item is done.\n- Third item is not done\n"  # lines 7-9
    "\nIt costs $5 per month.\n"  # line 11
    "\nNew text. TODO: write this.\n"  # line 13
)
# What the branch adds gets these comments; the old TODO on line 3 gets none.
EXPECTED = [
    ("docs/guide.md", 9, "unfinished-sentence"),
    ("docs/guide.md", 11, "pricing"),
    ("docs/guide.md", 13, "leftover-todo"),
    ("docs/new page.md", 1, "leftover-todo"),
]
DOCS = "https://github.com/doclint/doclint/blob/main/docs/rules/{rule}.md"


# --- helpers ---------------------------------------------------------------------------------




@pytest.fixture
def repo(tmp_path: Path):
    """A pull request: the base has a clean page with one old TODO; the branch adds a list item
    without its period, a price, a new TODO, and a new file whose name has a space.
    Returns (repo, base sha, head sha)."""
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "docs/guide.md").write_text(BASE_PAGE, encoding="utf-8")
    base = commit(root, "base")
    (root / "docs/guide.md").write_text(BASE_PAGE + ADDED, encoding="utf-8")
    (root / "docs/new page.md").write_text("A brand new page. TODO: finish it.\n", encoding="utf-8")
    head = commit(root, "branch")
    return root, base, head


def review(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["review", *args], env=env)


def dry_run(*args: str) -> list[dict]:
    result = review("--dry-run", *args)
    assert result.exit_code in (0, 1), result.output  # 1: findings remain, as for `check`
    return json.loads(result.stdout)  # the JSON and nothing else


def placed(comments: list[dict]) -> list[tuple[str, int, str]]:
    """(path, line, rule) of each comment, the rule read from its hidden marker."""
    found = []
    for comment in comments:
        rule = comment["body"].split("<!-- doclint:", 1)[1].split(" -->", 1)[0]
        found.append((comment["path"], comment["line"], rule))
    return sorted(found)


def assert_one_line_error(result: Result, *expected: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert TOKEN not in result.output
    message = result.stderr.strip()
    assert "\n" not in message, message
    for text in expected:
        assert text in message, message


# --- a fake GitHub API on 127.0.0.1 (tests/github_fake.py) -----------------------------------


@pytest.fixture
def github():
    with serve() as state:
        yield state


def post(github: FakeGitHub, base: str, *args: str) -> Result:
    """A real (not dry) run against the fake API."""
    return review("--repo", "o/r", "--pr", "7", "--api-url", github.url, "--base", base, "--pause", "0", *args, env={"GITHUB_TOKEN": TOKEN})


# --- what the review says ----------------------------------------------------------------------


def test_dry_run_comments_exactly_the_changed_lines(repo, monkeypatch):
    root, base, _ = repo
    monkeypatch.chdir(root)
    [request] = dry_run("--base", base)

    assert placed(request["comments"]) == EXPECTED  # not the old TODO on line 3
    assert request["event"] == "COMMENT"
    assert request["commit_id"] == git(root, "rev-parse", "HEAD")  # no event file: HEAD is the head
    for comment in request["comments"]:
        assert comment["side"] == "RIGHT"
        assert "start_line" not in comment
        rule = placed([comment])[0][2]
        assert f"<!-- doclint:{rule} -->" in comment["body"]
        assert DOCS.format(rule=rule) in comment["body"]

    by_rule = {placed([c])[0][1:]: c["body"] for c in request["comments"] if c["path"] == "docs/guide.md"}
    sentence = by_rule[(9, "unfinished-sentence")]
    assert "**Warning**" in sentence
    assert "List item ends without a period" in sentence
    assert "```suggestion\n- Third item is not done.\n```" in sentence
    assert "suggestion" not in by_rule[(11, "pricing")]
    assert "**Error**" in by_rule[(13, "leftover-todo")]

    body = request["body"]
    assert "4 findings on the changed lines" in body
    assert "2 errors, 2 warnings." in body
    assert f"| [`leftover-todo`]({DOCS.format(rule='leftover-todo')}) | 2 |" in body
    assert "| 1 |" in body.split("`pricing`", 1)[1].splitlines()[0]
    assert "Posted 4 inline comments." in body
    assert "Not commented inline" not in body


def test_paths_are_relative_to_the_repository_root_even_with_spaces(repo, monkeypatch):
    root, base, _ = repo
    monkeypatch.chdir(root / "docs")  # findings are displayed as "guide.md", "new page.md"
    [request] = dry_run("--base", base)
    assert placed(request["comments"]) == EXPECTED

    [request] = dry_run("--base", base, "new page.md")
    assert placed(request["comments"]) == [("docs/new page.md", 1, "leftover-todo")]


def test_a_base_branch_that_moved_on_is_compared_from_the_fork_point(repo, monkeypatch):
    root, base, _ = repo
    monkeypatch.chdir(root)
    # After the branch forked, the base branch resolved the old TODO. Against its tip the old
    # line would look added by the pull request; GitHub's diff starts at the fork point.
    git(root, "checkout", "-q", "-b", "trunk", base)
    (root / "docs/guide.md").write_text(BASE_PAGE.replace(" TODO: old problem.", ""), encoding="utf-8")
    commit(root, "resolve the old TODO on the base branch")
    git(root, "checkout", "-q", "main")
    [request] = dry_run("--base", "trunk")
    assert placed(request["comments"]) == EXPECTED
    assert not any("Old" in c["body"] for c in request["comments"])


def test_selection_docs_template_and_event_options(repo, monkeypatch):
    root, base, _ = repo
    monkeypatch.chdir(root)
    [request] = dry_run(
        "--base", base, "--select", "pricing", "--docs-url", "https://docs.example/{rule}", "--event", "REQUEST_CHANGES"
    )
    assert placed(request["comments"]) == [("docs/guide.md", 11, "pricing")]
    assert request["event"] == "REQUEST_CHANGES"
    assert "(https://docs.example/pricing)" in request["comments"][0]["body"]


def test_diff_context_mode_comments_on_context_lines_too(repo, monkeypatch):
    root, _, head = repo
    monkeypatch.chdir(root)
    # A branch that only adds a line below the old TODO: in diff_context mode the TODO, shown
    # as context, is commented; in added mode it is not.
    (root / "docs/guide.md").write_text(BASE_PAGE + ADDED + "Last line.\n", encoding="utf-8")
    commit(root, "one more line")
    (root / "docs/guide.md").write_text(BASE_PAGE + ADDED.replace("TODO: write this", "Done") + "Last line.\n", encoding="utf-8")
    commit(root, "resolve the new TODO")
    assert dry_run("--base", head) == []
    [request] = dry_run("--base", head, "--filter-mode", "diff_context")
    assert ("docs/guide.md", 11, "pricing") in placed(request["comments"])


def test_nothing_to_review_prints_an_empty_list_in_dry_run(repo, monkeypatch):
    root, _, head = repo
    monkeypatch.chdir(root)
    result = review("--dry-run", "--base", head)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "No new findings to review." in result.stderr


def test_huge_number_of_findings_keeps_the_body_under_githubs_limit(tmp_path, monkeypatch):
    root = tmp_path / "big"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "index.md").write_text("# Index\n", encoding="utf-8")
    base = commit(root, "base")
    # 15 pages of 100 TODOs (doclint shows at most 100 findings of one rule per page).
    for page in range(15):
        (root / f"many{page:02}.md").write_text("".join(f"Step {n}. TODO: write it.\n\n" for n in range(100)), encoding="utf-8")
    commit(root, "many TODOs")
    monkeypatch.chdir(root)

    [request] = dry_run("--base", base, "--max-comments", "5")
    body = request["body"]
    assert len(body) < GITHUB_LIMIT
    assert len(request["comments"]) == 5
    assert "1500 findings on the changed lines" in body
    assert "Beyond the limit of 5 inline comments" in body
    listed = [line for line in body.splitlines() if line.startswith("- `many")]
    last = body.rstrip().splitlines()[-1]
    assert last.startswith("... and ") and last.endswith(" more")
    assert 5 + len(listed) + int(last.split()[2]) == 1500
    assert listed[0].startswith("- `many00.md:11` leftover-todo Leftover TODO marker: resolve it or remove it before publishing <!-- doclint-key:")


# --- comments and suggestions, without the command line --------------------------------------


def finding(line=2, end_line=None, end_column=5, edits=(), safe=True, message="Something is off", path="page.md"):
    """A finding whose fix has `edits` given as ((line, column, end_line, end_column), content)."""
    fix = Fix(tuple(Edit(0, 0, content) for _, content in edits), safe, "Fix it") if edits else None
    return Finding(
        path, line, 1, end_line or line, end_column, "some-rule", Severity.WARNING, message,
        fix, tuple(position for position, _ in edits),
    )


def place_one(item: Finding, lines: list[str], allowed: set[int]) -> list[Comment]:
    comments, unplaced = place([item], Path("/r"), Path("/r"), {"page.md": allowed}, DOCS, lambda _: lines)
    return comments


LINES = ["intro", "first half", "second half", "outro", ""]


def test_a_multi_line_finding_gets_a_multi_line_suggestion():
    item = finding(2, 3, edits=[((2, 11, 3, 1), " and "), ((3, 12, 3, 12), ".")])
    [comment] = place_one(item, LINES, {1, 2, 3, 4})
    data = comment.to_dict()
    assert (data["start_line"], data["start_side"], data["line"], data["side"]) == (2, "RIGHT", 3, "RIGHT")
    assert "```suggestion\nfirst half and second half.\n```" in data["body"]


def test_a_finding_reaching_outside_the_diff_is_a_one_line_comment_without_suggestion():
    item = finding(2, 3, edits=[((3, 12, 3, 12), ".")])
    [comment] = place_one(item, LINES, {2})
    data = comment.to_dict()
    assert data["line"] == 2 and "start_line" not in data
    assert "suggestion" not in data["body"]
    assert "doclint check --fix" in data["body"]
    assert place_one(finding(4), LINES, {2}) == []  # its line is not in the diff at all


def test_unsafe_fixes_are_mentioned_not_suggested():
    [comment] = place_one(finding(2, edits=[((2, 1, 2, 6), "whole")], safe=False), LINES, {2})
    assert "suggestion" not in comment.body
    assert "`doclint check --fix --unsafe-fixes`" in comment.body


def test_the_suggestion_fence_outgrows_backticks_in_the_text():
    lines = ["Run ```` this ```", ""]
    [comment] = place_one(finding(1, edits=[((1, 18, 1, 18), ".")]), lines, {1})
    assert "`````suggestion\nRun ```` this ```.\n`````\n" in comment.body


def test_deleting_a_whole_line_suggests_an_empty_block():
    [comment] = place_one(finding(2, 3, end_column=1, edits=[((2, 1, 3, 1), "")]), LINES, {2, 3})
    assert (comment.start_line, comment.line) == (2, 2)
    assert "```suggestion\n\n```" in comment.body


def test_a_comment_body_stays_under_the_limit_with_a_huge_message():
    body = comment_body(finding(message="word " * 20_000), DOCS, None)
    assert len(body) < GITHUB_LIMIT
    assert body.startswith("<!-- doclint:some-rule -->")


def test_dedupe_knows_a_finding_by_its_key_wherever_its_line_moved():
    [comment] = place_one(finding(2), LINES, {2})
    body = comment.body
    assert dedupe([comment], [{"path": "page.md", "line": 2, "body": body}]) == ([], [comment])
    # Text added above moved it (GitHub moves the comment, or nulls `line` when outdated).
    for moved in ({"path": "page.md", "line": 3, "body": body}, {"path": "page.md", "line": None, "body": body}):
        assert dedupe([comment], [moved]) == ([], [comment]), moved
    for other in (
        {"path": "page.md", "line": 2, "body": "Something is off"},  # a human, no marker
        {"path": "page.md", "line": 2, "body": "<!-- doclint:some-rule -->\nAnother message"},
        {"path": "page.md", "line": 2, "body": body.replace(comment.key, "0" * 16)},  # another finding
        {"path": "page.md", "line": 2, "body": fixed_body(body, "abc")},  # marked fixed: it came back
    ):
        assert dedupe([comment], [other]) == ([comment], []), other
    # A comment of a doclint without keys: same path, line, marker and message.
    legacy = "<!-- doclint:some-rule -->\n**Warning** (`some-rule`): Something is off\n"
    assert dedupe([comment], [{"path": "page.md", "line": 2, "body": legacy}]) == ([], [comment])
    assert dedupe([comment], [{"path": "other.md", "line": 2, "body": legacy}]) == ([comment], [])


def test_batches_of_thirty_with_the_summary_first():
    comments = [Comment("page.md", n, n, f"comment {n}", finding(n)) for n in range(1, 66)]
    requests = payloads(Plan([c.finding for c in comments], comments), "REQUEST_CHANGES", "abc", DOCS, 100)
    assert [len(r["comments"]) for r in requests] == [BATCH_SIZE, BATCH_SIZE, 5]
    assert "65 findings" in requests[0]["body"] and requests[0]["event"] == "REQUEST_CHANGES"
    assert requests[1]["body"].endswith("continued (2/3).") and requests[2]["body"].endswith("continued (3/3).")
    assert {r["commit_id"] for r in requests} == {"abc"}


# --- posting to GitHub --------------------------------------------------------------------------


def test_posts_one_review_then_nothing_new_on_a_rerun(repo, monkeypatch, github):
    root, base, _ = repo
    monkeypatch.chdir(root)
    result = post(github, base)
    assert result.exit_code == 1, result.output  # findings remain, as `check` would say
    assert TOKEN not in result.output
    assert "Posted a review on o/r#7 with 4 inline comments" in result.stdout

    [posted] = github.reviews
    assert placed(posted["comments"]) == EXPECTED
    assert "```suggestion\n- Third item is not done.\n```" in posted["comments"][0]["body"]
    method, path, headers = github.requests[-1]
    assert (method, path) == ("POST", "/repos/o/r/pulls/7/reviews")
    assert headers["authorization"] == f"Bearer {TOKEN}"
    assert headers["accept"] == "application/vnd.github+json"
    assert headers["x-github-api-version"] == "2022-11-28"
    assert headers["user-agent"] == f"doclint/{doclint.__version__}"

    # The re-run reads both pages of the four stored comments and posts nothing.
    github.requests.clear()
    result = post(github, base)
    assert result.exit_code == 1, result.output
    assert "No new findings to review." in result.stdout
    assert len(github.reviews) == 1
    assert len(github.gets) == 2 and "page=2" in github.gets[1]


def test_a_rerun_posts_only_the_new_finding_and_lists_the_old_ones(repo, monkeypatch, github):
    root, base, _ = repo
    monkeypatch.chdir(root)
    assert post(github, base).exit_code == 1
    with (root / "docs/guide.md").open("a", encoding="utf-8") as page:
        page.write("\nAnother FIXME: here.\n")  # line 15
    commit(root, "another")

    result = post(github, base)
    assert result.exit_code == 1, result.output
    assert len(github.reviews) == 2
    second = github.reviews[1]
    assert placed(second["comments"]) == [("docs/guide.md", 15, "leftover-todo")]
    assert "Already commented on this pull request:" in second["body"]
    assert "- `docs/new page.md:1` leftover-todo Leftover TODO marker" in second["body"]


def todo_repo(root: Path, count: int) -> str:
    """A repository whose branch adds a page with `count` TODOs (on lines 1, 3, 5...); the base sha."""
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "index.md").write_text("# Index\n", encoding="utf-8")
    base = commit(root, "base")
    (root / "todo.md").write_text("".join(f"Step {n}. TODO: write it.\n\n" for n in range(count)), encoding="utf-8")
    commit(root, "TODOs")
    return base


def test_many_comments_go_in_several_reviews_each_once(tmp_path, monkeypatch, github):
    base = todo_repo(tmp_path / "many", 35)
    monkeypatch.chdir(tmp_path / "many")

    result = post(github, base)
    assert result.exit_code == 1, result.output
    assert [len(r["comments"]) for r in github.reviews] == [30, 5]
    assert "35 findings" in github.reviews[0]["body"]
    assert "continued (2/2)" in github.reviews[1]["body"]
    lines = [c["line"] for r in github.reviews for c in r["comments"]]
    assert sorted(lines) == [2 * n + 1 for n in range(35)]  # every TODO once

    github.requests.clear()
    assert "No new findings to review." in post(github, base).stdout
    assert len(github.reviews) == 2
    assert len(github.gets) == 18  # 35 stored comments, 2 a page: every page was read


def test_a_failed_later_batch_is_reported_and_a_rerun_posts_the_rest(tmp_path, monkeypatch, github):
    base = todo_repo(tmp_path / "many", 35)
    monkeypatch.chdir(tmp_path / "many")
    github.posts_allowed = 1
    result = post(github, base)
    assert_one_line_error(result, "502", "after 1 of 2 reviews were posted", "run again")
    assert [len(r["comments"]) for r in github.reviews] == [30]

    github.posts_allowed = None
    result = post(github, base)
    assert result.exit_code == 1, result.output
    assert [len(r["comments"]) for r in github.reviews] == [30, 5]
    assert "Already commented on this pull request:" in github.reviews[1]["body"]
    lines = [c["line"] for r in github.reviews for c in r["comments"]]
    assert sorted(lines) == [2 * n + 1 for n in range(35)]


def test_the_event_file_gives_base_pull_request_head_and_repository(repo, monkeypatch, github, tmp_path):
    root, base, head = repo
    monkeypatch.chdir(root)
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "base": {"sha": base, "ref": "main"}, "head": {"sha": head}}}))
    env = {"GITHUB_EVENT_PATH": str(event), "GITHUB_REPOSITORY": "o/r", "GITHUB_API_URL": github.url, "GITHUB_TOKEN": TOKEN}
    result = review(env=env)
    assert result.exit_code == 1, result.output
    [posted] = github.reviews
    assert posted["commit_id"] == head
    assert placed(posted["comments"]) == EXPECTED


def test_the_event_base_falls_back_to_the_origin_branch(repo, monkeypatch, tmp_path):
    root, base, _ = repo
    monkeypatch.chdir(root)
    git(root, "update-ref", "refs/remotes/origin/trunk", base)
    event = tmp_path / "event.json"
    # A base sha this clone does not have (a shallow checkout): origin/<base ref> is used.
    event.write_text(json.dumps({"pull_request": {"number": 7, "base": {"sha": "f" * 40, "ref": "trunk"}}}))
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    [request] = dry_run()
    assert placed(request["comments"]) == EXPECTED


# --- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, status, answer, expected",
    [
        ("GET", 401, {"message": f"Bad credentials {TOKEN}"}, ["401", "Bad credentials", "GITHUB_TOKEN"]),
        ("GET", 403, {"message": "Resource not accessible by integration"}, ["403", "Resource not accessible by integration"]),
        ("GET", 403, {"message": "API rate limit exceeded for installation"}, ["403", "rate limit"]),
        ("GET", 404, {"message": "Not Found"}, ["404", "o/r#7", "cannot see it"]),
        (
            "POST",
            422,
            {"message": "Validation Failed", "errors": [{"resource": "PullRequestReviewComment", "code": "custom", "message": "Line could not be resolved"}]},
            ["422", "Validation Failed", "Line could not be resolved"],
        ),
        ("GET", 500, {"message": "Server Error"}, ["500", "try again"]),
        ("POST", 502, {"message": "Bad Gateway"}, ["502", "try again"]),
    ],
)
def test_github_errors_are_one_clear_line(repo, monkeypatch, github, method, status, answer, expected):
    root, base, _ = repo
    monkeypatch.chdir(root)
    github.fail[method] = (status, answer)
    result = post(github, base)
    assert_one_line_error(result, *expected)
    assert result.stderr.startswith("Error: ")
    if method == "GET":
        assert github.reviews == []  # nothing posted after a failed read


def test_an_unreachable_api_is_one_clear_line(repo, monkeypatch):
    root, base, _ = repo
    monkeypatch.chdir(root)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = review("--repo", "o/r", "--pr", "7", "--api-url", f"http://127.0.0.1:{port}", "--base", base, env={"GITHUB_TOKEN": TOKEN})
    assert_one_line_error(result, "cannot reach GitHub", f"127.0.0.1:{port}")


@pytest.mark.parametrize(
    "args, env, expected",
    [
        (["--repo", "o/r", "--pr", "7"], {}, "GITHUB_TOKEN is not set"),
        (["--pr", "7"], {"GITHUB_TOKEN": TOKEN}, "no repository"),
        (["--repo", "o/r"], {"GITHUB_TOKEN": TOKEN}, "no pull request number"),
        (["--repo", "not-a-repo", "--pr", "7"], {"GITHUB_TOKEN": TOKEN}, "OWNER/NAME"),
    ],
)
def test_missing_token_repository_or_number(repo, monkeypatch, args, env, expected):
    root, base, _ = repo
    monkeypatch.chdir(root)
    result = review("--base", base, "--api-url", "http://127.0.0.1:9", *args, env=env)
    assert_one_line_error(result, expected)


def test_an_unknown_base_or_no_base_is_an_error(repo, monkeypatch):
    root, _, _ = repo
    monkeypatch.chdir(root)
    assert_one_line_error(review("--dry-run", "--base", "no-such-branch"), "unknown git ref", "no-such-branch")
    assert_one_line_error(review("--dry-run"), "no base", "--base")


def test_fixes_on_one_line_become_one_suggestion_skipping_an_overlapping_one():
    lines = ["Whilst you optimise it", ""]
    first = finding(1, edits=[((1, 1, 1, 7), "While")], message="whilst")
    second = finding(1, edits=[((1, 12, 1, 20), "optimize")], message="optimise")
    overlapping = finding(1, edits=[((1, 1, 1, 12), "When ")], message="overlaps the first")
    ending = finding(1, edits=[((1, 23, 1, 23), ".")], message="period")
    comments, _ = place([first, second, overlapping, ending], Path("/r"), Path("/r"), {"page.md": {1}}, DOCS, lambda _: lines)
    merged = {c.finding.message: c.body for c in merge_suggestions(comments, lambda _: lines, DOCS)}
    suggestions = [body for body in merged.values() if "```suggestion" in body]
    assert suggestions == [merged["whilst"]]  # the first of the line carries the one suggestion
    assert "```suggestion\nWhile you optimize it.\n```" in merged["whilst"]
    assert "part of the suggestion in the `some-rule` comment" in merged["optimise"]
    assert "part of the suggestion" in merged["period"]
    assert "A fix is available: `doclint check --fix`." in merged["overlaps the first"]  # left out, not undone


def test_nofilter_lists_the_findings_off_the_diff_in_the_body(repo, monkeypatch):
    root, _, head = repo
    monkeypatch.chdir(root)
    (root / "docs/guide.md").write_text(BASE_PAGE + ADDED + "Last line.\n", encoding="utf-8")
    commit(root, "one more line")
    [request] = dry_run("--base", head, "--filter-mode", "nofilter")
    assert ("docs/guide.md", 13, "leftover-todo") in placed(request["comments"])  # context of the diff
    assert "- `docs/guide.md:3` leftover-todo" in request["body"]  # far from the diff
    assert "- `docs/new page.md:1` leftover-todo" in request["body"]  # a file the push did not touch
    [in_changed_files] = dry_run("--base", head, "--filter-mode", "file")
    assert "- `docs/guide.md:3` leftover-todo" in in_changed_files["body"]
    assert "new page.md" not in json.dumps(in_changed_files)  # only files the push changed
