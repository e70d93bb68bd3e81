"""`doclint review` from start to end: which commit to lint, what to post, what to withdraw.

Lines must match what GitHub shows. In a `pull_request` job, actions/checkout checks out GitHub's
merge commit, whose line numbers are not the head's: a comment placed by them lands on the wrong
line (or is refused with 422). So the head commit (`pull_request.head.sha`) is what is linted and
diffed: in place when the working tree already is that commit and clean, else in a temporary
worktree of it (git hooks off, so nothing of the repository runs), removed afterwards. This works
with any checkout that has the head commit and the merge base (`fetch-depth: 0`), which is more
robust than asking every workflow for one exact `ref:` and refusing the others.

A run converges on one current review: findings already on the pull request (inline or listed
in a doclint review body) are not posted again, comments whose finding is gone are struck
through as fixed, and doclint's own request for changes is dismissed once nothing blocks. A
token that may not write (a fork's pull request) is not a failure: the findings go out as
workflow annotations and a job summary instead. The exit code is the findings' (`--fail-on`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import click

from doclint.github import review
from doclint.changes import ChangeError, _git, changed_files, merge_base, repository_root
from doclint.github.client import GitHub, ReadOnlyToken, ReviewError


# --- the GitHub event -------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """What a GitHub Actions pull_request event says about the pull request."""

    number: int | None = None
    base_sha: str | None = None
    base_ref: str | None = None
    head_sha: str | None = None
    repository: str | None = None


def read_event(path: str | None) -> Event:
    """The event at $GITHUB_EVENT_PATH (an empty Event when there is none)."""
    if not path:
        return Event()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ReviewError(f"cannot read the GitHub event file {path}: {error.strerror}") from None
    except ValueError as error:
        raise ReviewError(f"the GitHub event file {path} is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        return Event()

    def part(holder: dict, name: str) -> dict:
        return holder.get(name) if isinstance(holder.get(name), dict) else {}

    def text(value):
        return value if isinstance(value, str) and value else None

    pull = part(data, "pull_request")
    number = pull.get("number")
    return Event(
        number if isinstance(number, int) and not isinstance(number, bool) else None,
        text(part(pull, "base").get("sha")),
        text(part(pull, "base").get("ref")),
        text(part(pull, "head").get("sha")),
        text(part(data, "repository").get("full_name")),
    )


def _resolves(ref: str, cwd: Path) -> bool:
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    except ChangeError:
        return False
    return True


def event_base(event: Event, cwd: Path = Path(".")) -> str | None:
    """The base from the event: its base sha if git has it, else origin/<base branch>."""
    candidates = [ref for ref in (event.base_sha, f"origin/{event.base_ref}" if event.base_ref else None) if ref]
    for ref in candidates:
        if _resolves(ref, cwd):
            return ref
    return candidates[0] if candidates else None


def commentable_lines(changes: dict, root: Path, filter_mode: str) -> dict[str, set[int]]:
    """Lines GitHub takes comments on, per repository path: added lines, or every diff line."""
    root = root.resolve()
    lines = {}
    for path, changed in changes.items():
        try:
            relative = Path(path).relative_to(root).as_posix()
        except ValueError:
            continue
        lines[relative] = set(changed.added if filter_mode == "added" else changed.in_diff)
    return lines


# --- the head commit's files ------------------------------------------------------------------


def head_commit(event: Event, cwd: Path) -> str:
    """The pull request's head commit: the event's, else HEAD."""
    head = event.head_sha or "HEAD"
    if not _resolves(head, cwd):
        raise ReviewError(
            f"the pull request's head commit {head[:12]} is not in this clone: check it out with "
            "actions/checkout's `fetch-depth: 0` (or `ref: ${{ github.event.pull_request.head.sha }}`)"
        )
    return _git(["rev-parse", f"{head}^{{commit}}"], cwd).strip()


@contextlib.contextmanager
def head_tree(head: str, root: Path, cwd: Path):
    """Yields (root, cwd) of a tree holding exactly the head commit's files: this one when it is
    clean and at `head`, else a temporary worktree (the current folder's counterpart in it)."""
    at_head = _git(["rev-parse", "HEAD"], root).strip() == head
    if at_head and not _git(["status", "--porcelain"], root).strip():
        yield root, cwd
        return
    folder = Path(tempfile.mkdtemp(prefix="doclint-head-"))
    tree = folder / "tree"
    previous = Path.cwd()
    try:
        _git(["-c", "core.hooksPath=/dev/null", "worktree", "add", "--detach", "--quiet", str(tree), head], root)
        inner = tree / cwd.resolve().relative_to(root.resolve())
        inner.mkdir(parents=True, exist_ok=True)
        os.chdir(inner)
        yield tree, inner
    finally:
        os.chdir(previous)
        with contextlib.suppress(ChangeError):
            _git(["worktree", "remove", "--force", str(tree)], root)
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(ChangeError):
            _git(["worktree", "prune"], root)


# --- the run ----------------------------------------------------------------------------------


@dataclass
class Request:
    """What the command line asked for."""

    repo: str | None
    number: int | None
    api_url: str
    token: str
    filter_mode: str
    review_event: str
    max_comments: int
    docs_url: str
    dry_run: bool
    pause: float
    exit_zero: bool


@dataclass
class Findings:
    """The head's findings placed on the diff, and what is needed to post them."""

    outcome: object  # doclint.run.Outcome
    comments: list
    unplaced: list
    lines_of: object  # repository path -> its lines at the head, or None
    in_scope: set[str]  # repository paths this run linted
    head: str


def collect(lint, base: str, event: Event, filter_mode: str, docs_url: str) -> Findings:
    """Lint the head commit's changed files and place the findings on the head's diff."""
    cwd = Path.cwd()
    root = repository_root(cwd)
    head = head_commit(event, root)
    if not _resolves(base, root):
        raise ChangeError(f"unknown git ref {base!r}")
    start = merge_base(base, head, root)
    with head_tree(head, root, cwd) as (tree, here):
        outcome = lint(start)
        allowed = commentable_lines(changed_files(start, here, head=head), tree, filter_mode)
        texts: dict[str, list[str] | None] = {}

        def lines_of(path: str):
            if path not in texts:
                try:
                    texts[path] = review.normalised_lines((tree / path).read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError):
                    texts[path] = None
            return texts[path]

        comments, unplaced = review.place(
            outcome.findings, here, tree, allowed, docs_url,
            lambda display: lines_of(review.repository_path(display, here, tree) or display),
        )
        for path in allowed:
            lines_of(path)  # read while the tree exists: suggestions are merged after it is gone
        in_scope = {p for p in (review.repository_path(f, here, tree) for f in outcome.files) if p}
    return Findings(outcome, comments, unplaced, lambda path: texts.get(path), in_scope, head)


def exit_code(found: Findings, request: Request) -> int:
    return 1 if found.outcome.failing and not request.exit_zero else 0


def dry_run(found: Findings, request: Request) -> int:
    from doclint.formats.safe import dumps

    plan = review.plan(found.comments, found.unplaced, [], request.max_comments)
    plan.comments = review.merge_suggestions(plan.comments, found.lines_of, request.docs_url)
    event = request.review_event if found.outcome.failing else "COMMENT"
    requests = review.payloads(plan, event, found.head, request.docs_url, request.max_comments)
    click.echo(dumps(requests, indent=2))
    if not requests:
        click.echo("No new findings to review.", err=True)
    return exit_code(found, request)


def post(found: Findings, request: Request) -> int:
    """Bring the pull request's doclint review up to date; the exit code."""
    github = GitHub(request.api_url, request.token, pause=request.pause)
    repo, number = request.repo, request.number
    existing = github.existing_comments(repo, number)
    reviews = github.existing_reviews(repo, number)
    plan = review.plan(found.comments, found.unplaced, existing, request.max_comments, reviews)
    plan.comments = review.merge_suggestions(plan.comments, found.lines_of, request.docs_url)
    blocking = found.outcome.failing
    event = request.review_event if blocking else "COMMENT"
    requests = review.payloads(plan, event, found.head, request.docs_url, request.max_comments)
    current = {c.key for c in found.comments} | {u.key for u in found.unplaced}
    stale = review.stale_comments(existing, current, found.in_scope)
    done: list[str] = []
    try:
        for index, payload in enumerate(requests):
            try:
                github.post_review(repo, number, payload)
            except ReviewError as error:
                if index and not isinstance(error, ReadOnlyToken):  # a re-run posts only the rest
                    raise ReviewError(f"{error} (after {index} of {len(requests)} reviews were posted; run again to post the rest)") from None
                raise
        if requests:
            done.append(
                f"posted a review on {repo}#{number} with {len(plan.comments)} inline comment{'' if len(plan.comments) == 1 else 's'}"
                f" ({len(requests)} request{'' if len(requests) == 1 else 's'})"
            )
        for old in stale:
            github.edit_comment(repo, old["id"], review.fixed_body(old.get("body") or "", found.head))
        if stale:
            done.append(f"marked {len(stale)} comment{'' if len(stale) == 1 else 's'} fixed")
        if not blocking:
            done += withdraw(github, repo, number, reviews, found.head)
    except ReadOnlyToken as error:
        return fall_back(found, request, str(error))
    if done:
        listed = len(plan.beyond_limit) + len(plan.already_posted) + len(plan.outside_diff)
        line = "; ".join(done) + (f"; {listed} more listed in its body." if requests and listed else ".")
        click.echo(f"{line[0].upper()}{line[1:]}" if requests else f"On {repo}#{number}: {line}")
    else:
        count = len(plan.already_posted)
        already = f" {count} finding{' is' if count == 1 else 's are'} already commented on the pull request." if count else ""
        click.echo(f"No new findings to review.{already}")
    return exit_code(found, request)


def withdraw(github: GitHub, repo: str, number: int, reviews: list[dict], head: str) -> list[str]:
    """Dismiss doclint's requests for changes once nothing blocks; where GitHub refuses the
    dismissal (the token may not dismiss), say so in a comment review instead."""
    blocking = [
        r for r in reviews
        if r.get("state") == "CHANGES_REQUESTED" and isinstance(r.get("id"), int) and review.SUMMARY_MARKER in (r.get("body") or "")
    ]
    message = f"doclint: nothing left to fix as of {head[:12]}."
    dismissed = 0
    for old in blocking:
        try:
            github.dismiss_review(repo, number, old["id"], message)
            dismissed += 1
        except ReadOnlyToken:
            raise
        except ReviewError:
            github.post_review(repo, number, {"commit_id": head, "event": "COMMENT", "body": f"{review.SUMMARY_MARKER}\n{message} The earlier request for changes no longer applies."})
            return [f"said the request for changes is resolved ({dismissed} dismissed)"]
    return [f"dismissed {dismissed} request{'' if dismissed == 1 else 's'} for changes"] if dismissed else []


def fall_back(found: Findings, request: Request, reason: str) -> int:
    """A read-only token: the findings as annotations on stdout and a job summary instead."""
    from doclint import formats
    from doclint.formats.safe import plain
    from doclint.formats.summary import ENVIRONMENT, write_step_summary

    findings = found.outcome.findings
    report = formats.Report(findings, found.outcome.files, rules=found.outcome.rules, docs_url=request.docs_url or None)
    sys.stdout.write(formats.get("github").render(report))
    warning = write_step_summary(report)
    if warning:
        click.echo(plain(f"doclint: warning: {warning}"), err=True)
    where = " and the job summary" if os.environ.get(ENVIRONMENT) and not warning else ""
    click.echo(plain(f"doclint: the token cannot write to {request.repo}#{request.number} ({reason}): reported {len(findings)} finding{'' if len(findings) == 1 else 's'} as annotations{where} instead."), err=True)
    return exit_code(found, request)


