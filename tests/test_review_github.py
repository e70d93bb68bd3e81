"""How `doclint review` behaves towards GitHub: rate limits, retries, a read-only token, the
pull request's comment cap, exit codes, and a dismissal GitHub refuses. Against
tests/github_fake.py, in a real git repository checked out at the pull request's head."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from doclint.cli import main
from doclint.github.client import GitHub
from github_fake import clean_environment, commit, git, serve  # noqa: F401 - clean_environment is an autouse fixture

TOKEN = "secret-token"




@pytest.fixture
def github():
    with serve() as state:
        yield state


def todo_repo(root: Path, monkeypatch, count: int, github=None) -> str:
    """A branch that adds a page of `count` TODOs (lines 1, 3, 5...); the base sha."""
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "index.md").write_text("# Index\n", encoding="utf-8")
    base = commit(root, "base")
    write_todos(root, count)
    monkeypatch.chdir(root)
    if github is not None:
        github.repo, github.base = root, base
    return base


def write_todos(root: Path, count: int, fixed: int = 0) -> None:
    steps = [f"Step {n}. {'Done' if n < fixed else 'TODO: write it'}.\n\n" for n in range(count)]
    (root / "todo.md").write_text("".join(steps), encoding="utf-8")
    commit(root, f"{count} steps, {fixed} done")


def post(github, base: str, *args: str, env: dict | None = None) -> Result:
    return CliRunner().invoke(
        main,
        ["review", "--repo", "o/r", "--pr", "7", "--api-url", github.url, "--base", base, *args],
        env={"GITHUB_TOKEN": TOKEN, **(env or {})},
    )


def inline_lines(github) -> list[int]:
    return sorted(c["line"] for c in github.comments)


@pytest.mark.parametrize("status", [403, 429])
def test_a_secondary_rate_limit_is_waited_out_and_the_batch_posted_once(tmp_path, monkeypatch, github, status):
    base = todo_repo(tmp_path / "many", monkeypatch, 35, github)
    github.rate_window, github.rate_status, github.retry_after = 0.5, status, "1"
    result = post(github, base, "--pause", "0")  # back to back: the second batch is refused once
    assert result.exit_code == 1, result.output
    assert github.limited == 1
    assert [len(r["comments"]) for r in github.reviews] == [30, 5]
    assert inline_lines(github) == [2 * n + 1 for n in range(35)]


def test_the_pause_between_batches_keeps_clear_of_the_rate_limit(tmp_path, monkeypatch, github):
    base = todo_repo(tmp_path / "many", monkeypatch, 35, github)
    github.rate_window, github.retry_after = 0.3, "1"
    assert post(github, base, "--pause", "0.5").exit_code == 1
    assert github.limited == 0 and [len(r["comments"]) for r in github.reviews] == [30, 5]


def test_waiting_is_bounded_a_long_retry_after_is_one_clear_line(tmp_path, monkeypatch, github):
    base = todo_repo(tmp_path / "many", monkeypatch, 35, github)
    github.rate_window, github.retry_after = 600, "3600"  # an hour: doclint does not sleep that long
    result = post(github, base, "--pause", "0")
    assert result.exit_code == 2 and "Traceback" not in result.output
    message = result.stderr.strip()
    assert "\n" not in message and "secondary rate limit" in message and "after 1 of 2 reviews were posted" in message
    assert TOKEN not in result.output


def test_502_and_503_are_retried(tmp_path, monkeypatch, github):
    base = todo_repo(tmp_path / "few", monkeypatch, 2, github)
    github.flaky = [(502, {"message": "Bad Gateway"}, {"Retry-After": "0"}), (503, {"message": "Unavailable"}, {"Retry-After": "0"})]
    result = post(github, base, "--pause", "0")
    assert result.exit_code == 1, result.output
    assert len(github.reviews) == 1 and inline_lines(github) == [1, 3]


def test_the_client_honours_ratelimit_reset_and_pauses_between_writes(github):
    waits: list[float] = []
    client = GitHub(github.url, TOKEN, pause=1.0, sleep=waits.append)
    reset = str(int(time.time()) + 2)
    github.flaky = [(429, {"message": "API rate limit exceeded"}, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset})]
    client.post_review("o/r", 7, {"event": "COMMENT", "body": "one", "comments": []})
    assert len(waits) == 1 and 0 < waits[0] <= 2  # until the reset, not a fixed backoff
    client.post_review("o/r", 7, {"event": "COMMENT", "body": "two", "comments": []})
    assert len(waits) == 2 and 0 < waits[1] <= 1.0  # the pause between two writes
    assert [r["body"] for r in github.reviews] == ["one", "two"]


def test_a_read_only_token_falls_back_to_annotations_and_a_job_summary(tmp_path, monkeypatch, github):
    base = todo_repo(tmp_path / "fork", monkeypatch, 3, github)
    github.read_only = True
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    result = post(github, base, "--pause", "0", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1, result.output  # the findings' exit code, not an error
    assert github.reviews == []
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 3 and all("file=todo.md" in line for line in annotations)
    [note] = result.stderr.strip().splitlines()
    assert "cannot write to o/r#7" in note and "Resource not accessible by integration" in note and "annotations" in note
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n")  # appended, as GitHub's other steps expect
    # The job summary --format github writes (doclint.formats.summary), after what was there.
    assert text.startswith("# Earlier step\n") and "## doclint\n\n3 problems \\(3 errors\\)" in text
    assert "docs/rules/leftover-todo.md) | 3 | error |" in text and "- todo\\.md\\:5 error **leftover\\-todo**" in text

    assert post(github, base, "--pause", "0", "--exit-zero").exit_code == 0


def test_max_comments_caps_the_pull_requests_total_not_each_run(tmp_path, monkeypatch, github):
    base = todo_repo(tmp_path / "cap", monkeypatch, 5, github)
    assert post(github, base, "--pause", "0", "--max-comments", "3").exit_code == 1
    assert inline_lines(github) == [1, 3, 5]
    assert "Beyond the limit of 3 inline comments" in github.reviews[0]["body"]

    write_todos(tmp_path / "cap", 7)  # two more TODOs
    assert post(github, base, "--pause", "0", "--max-comments", "3").exit_code == 1
    assert inline_lines(github) == [1, 3, 5]  # still three in all
    assert len(github.reviews) == 2 and github.reviews[1]["comments"] == []
    assert github.reviews[1]["body"].count("leftover-todo Leftover TODO") == 7  # 4 beyond the cap, 3 already commented

    result = post(github, base, "--pause", "0", "--max-comments", "3")
    assert "No new findings to review." in result.stdout and len(github.reviews) == 2  # all listed already


def test_fail_on_and_exit_zero_decide_the_exit_code(tmp_path, monkeypatch, github):
    root = tmp_path / "warn"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "index.md").write_text("# Index\n", encoding="utf-8")
    base = commit(root, "base")
    (root / "price.md").write_text("It costs $5 per month.\n", encoding="utf-8")  # a warning
    commit(root, "a price")
    monkeypatch.chdir(root)
    assert post(github, base, "--pause", "0").exit_code == 1
    assert post(github, base, "--pause", "0", "--fail-on", "error").exit_code == 0
    assert post(github, base, "--pause", "0", "--exit-zero").exit_code == 0
    assert len(github.reviews) == 1  # the later runs found nothing new to post


def test_a_refused_dismissal_is_followed_by_a_comment_saying_nothing_is_left(tmp_path, monkeypatch, github):
    base = todo_repo(tmp_path / "dismiss", monkeypatch, 1, github)
    assert post(github, base, "--pause", "0", "--event", "REQUEST_CHANGES").exit_code == 1
    assert github.review_objects[0]["state"] == "CHANGES_REQUESTED"
    write_todos(tmp_path / "dismiss", 1, fixed=1)
    github.fail["PUT"] = (403, {"message": "Must have admin rights to Repository."})
    result = post(github, base, "--pause", "0", "--event", "REQUEST_CHANGES")
    assert result.exit_code == 0, result.output
    last = github.reviews[-1]
    assert last["event"] == "COMMENT" and "nothing left to fix" in last["body"]
    assert "<!-- doclint:fixed -->" in github.comments[0]["body"]
