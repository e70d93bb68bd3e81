"""A local imitation of the GitHub REST API for `doclint review`, on 127.0.0.1 in a thread.

It enforces what GitHub enforces, so a test fails where GitHub would refuse or misapply:

- a review comment's `line` (and `start_line`) must be in the diff of its path between the
  merge base of the base and the review's `commit_id`, and that commit (422 otherwise, and the
  whole review is refused, as GitHub does);
- a suggestion replaces exactly the commented lines: every suggestion is recorded with its
  path, commit and line range so a test can apply it to the head's text (`apply`);
- secondary rate limit: with `rate_window` set, a write within that many seconds of the last
  accepted one is refused (403 or 429, with `Retry-After`);
- transient failures (`flaky`: 502, 503, 429 with rate-limit headers) for the next writes;
- a read-only token (`read_only`): every write answers 403 "Resource not accessible by
  integration", as for a fork's pull request;
- comment and review lists come in pages of `page_size` with `Link` headers;
- reviews can be dismissed (only a request for changes or an approval), comments edited.

One simplification: a stored comment keeps the `line` it was posted on (GitHub moves it along
with later pushes, or nulls it when its line changed); `commit_id` says which commit that is.
"""

from __future__ import annotations

import json
import re
import subprocess
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from urllib.parse import parse_qs, urlsplit

SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
SUGGESTION = re.compile(r"(?ms)^(`{3,})suggestion\n(.*?)^\1$")


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def diff_lines(repo: Path, base: str, commit: str) -> dict[str, set[int]]:
    """Lines of each file that GitHub's pull-request diff shows on its right side."""
    from unidiff import PatchSet

    start = _git(repo, "merge-base", base, commit).strip()
    lines: dict[str, set[int]] = {}
    for patched in PatchSet(_git(repo, "diff", "--no-color", "-M", "-U3", start, commit, "--")):
        shown = lines.setdefault(patched.path, set())
        for hunk in patched:
            shown.update(line.target_line_no for line in hunk if line.target_line_no is not None)
    return lines


def apply(text: str, start: int, end: int, replacement: str) -> str:
    """`text` with lines `start`..`end` (1-based) replaced by a suggestion's text."""
    lines = text.split("\n")
    return "\n".join(lines[: start - 1] + replacement.split("\n") + lines[end:])


class FakeGitHub:
    """What the fake has seen and stores, and how it is set to behave."""

    def __init__(self) -> None:
        self.url = ""
        self.requests: list[tuple[str, str, dict[str, str]]] = []  # method, path, headers
        self.reviews: list[dict] = []  # JSON of each accepted review POST
        self.review_objects: list[dict] = []  # as GET .../reviews returns them
        self.comments: list[dict] = []  # review comments, as GET .../comments returns them
        self.suggestions: list[dict] = []  # path, commit_id, start, end, text of each
        self.dismissed: list[int] = []
        self.edits: list[tuple[int, str]] = []
        self.rejected: list[str] = []  # why each refused review was refused
        self.fail: dict[str, tuple[int, dict]] = {}  # method -> (status, JSON body), always
        self.flaky: list[tuple[int, dict, dict]] = []  # (status, body, headers) for the next writes
        self.posts_allowed: int | None = None  # later review POSTs answer 502
        self.page_size = 2
        self.repo: Path | None = None  # with `base`: review lines are checked against the diff
        self.base: str | None = None
        self.read_only = False
        self.rate_window = 0.0
        self.rate_status = 403
        self.retry_after = "1"
        self.limited = 0  # writes refused by the secondary rate limit
        self._last_write: float | None = None
        self.lock = threading.Lock()

    @property
    def gets(self) -> list[str]:
        return [path for method, path, _ in self.requests if method == "GET" and "/comments" in path]

    def inline(self) -> list[dict]:
        """Every stored review comment."""
        return list(self.comments)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass

    @property
    def state(self) -> FakeGitHub:
        return self.server.state

    def _answer(self, status: int, data, headers: dict[str, str] | None = None) -> None:
        raw = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(raw)

    def _payload(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length)) if length else {}

    def _admit(self, method: str) -> bool:
        """Record the request; answer a configured failure, a read-only token or a rate limit."""
        state = self.state
        state.requests.append((method, self.path, {k.lower(): v for k, v in self.headers.items()}))
        if method in state.fail:
            status, body = state.fail[method]
            self._answer(status, body, {"Retry-After": "0"})
            return False
        if method == "GET":
            return True
        if state.flaky:
            status, body, headers = state.flaky.pop(0)
            self._answer(status, body, headers)
            return False
        if state.read_only:
            self._answer(403, {"message": "Resource not accessible by integration"})
            return False
        now = time.monotonic()
        if state.rate_window and state._last_write is not None and now - state._last_write < state.rate_window:
            state.limited += 1
            self._answer(state.rate_status, {"message": SECONDARY}, {"Retry-After": state.retry_after})
            return False
        if method == "POST" and state.posts_allowed is not None and len(state.reviews) >= state.posts_allowed:
            self._answer(502, {"message": "Bad Gateway"}, {"Retry-After": "0"})
            return False
        return True

    def _wrote(self) -> None:
        self.state._last_write = time.monotonic()

    def _page(self, items: list[dict], base_path: str) -> None:
        page = int(parse_qs(urlsplit(self.path).query).get("page", ["1"])[0])
        size = self.state.page_size
        headers = {}
        if page * size < len(items):
            last = (len(items) + size - 1) // size
            link = f"{self.state.url}{base_path}?per_page=100&page="
            headers["Link"] = f'<{link}{page + 1}>; rel="next", <{link}{last}>; rel="last"'
        self._answer(200, items[(page - 1) * size : page * size], headers)

    def do_GET(self) -> None:
        with self.state.lock:
            if not self._admit("GET"):
                return
            path = urlsplit(self.path).path
            if path == "/repos/o/r/pulls/7/comments":
                self._page(self.state.comments, path)
            elif path == "/repos/o/r/pulls/7/reviews":
                self._page(self.state.review_objects, path)
            else:
                self._answer(404, {"message": "Not Found"})

    def do_POST(self) -> None:
        with self.state.lock:
            if not self._admit("POST"):
                return
            if urlsplit(self.path).path != "/repos/o/r/pulls/7/reviews":
                self._answer(404, {"message": "Not Found"})
                return
            self._review(self._payload())

    def _review(self, payload: dict) -> None:
        state = self.state
        commit = payload.get("commit_id")
        comments = payload.get("comments", [])
        if state.repo is not None and comments:
            shown = diff_lines(state.repo, state.base, commit or "HEAD")
            for comment in comments:
                lines = shown.get(comment["path"], set())
                start = comment.get("start_line", comment["line"])
                if start > comment["line"] or not all(n in lines for n in range(start, comment["line"] + 1)):
                    why = f"{comment['path']}:{start}-{comment['line']} is not part of the diff of {commit}"
                    state.rejected.append(why)
                    self._answer(422, {"message": "Validation Failed", "errors": ["pull_request_review_thread.line must be part of the diff", why]})
                    return
        self._wrote()
        state.reviews.append(payload)
        number = len(state.review_objects) + 1
        event = payload.get("event", "COMMENT")
        state.review_objects.append({
            "id": number, "body": payload.get("body", ""), "commit_id": commit,
            "state": {"REQUEST_CHANGES": "CHANGES_REQUESTED", "APPROVE": "APPROVED"}.get(event, "COMMENTED"),
            "user": {"login": "github-actions[bot]"},
        })
        for comment in comments:
            stored = {"id": 1000 + len(state.comments), "pull_request_review_id": number, "commit_id": commit,
                      "original_line": comment["line"], **comment}
            state.comments.append(stored)
            for match in SUGGESTION.finditer(comment["body"]):
                state.suggestions.append({
                    "path": comment["path"], "commit_id": commit, "start": comment.get("start_line", comment["line"]),
                    "end": comment["line"], "text": match.group(2).removesuffix("\n"), "comment_id": stored["id"],
                })
        self._answer(200, {"id": number})

    def do_PUT(self) -> None:
        with self.state.lock:
            if not self._admit("PUT"):
                return
            match = re.fullmatch(r"/repos/o/r/pulls/7/reviews/(\d+)/dismissals", urlsplit(self.path).path)
            found = [r for r in self.state.review_objects if match and r["id"] == int(match.group(1))]
            if not found:
                self._answer(404, {"message": "Not Found"})
                return
            if found[0]["state"] not in ("CHANGES_REQUESTED", "APPROVED"):
                self._answer(422, {"message": "Can not dismiss a commented pull request review"})
                return
            self._payload()
            self._wrote()
            found[0]["state"] = "DISMISSED"
            self.state.dismissed.append(found[0]["id"])
            self._answer(200, found[0])

    def do_PATCH(self) -> None:
        with self.state.lock:
            if not self._admit("PATCH"):
                return
            match = re.fullmatch(r"/repos/o/r/pulls/comments/(\d+)", urlsplit(self.path).path)
            found = [c for c in self.state.comments if match and c["id"] == int(match.group(1))]
            if not found:
                self._answer(404, {"message": "Not Found"})
                return
            body = self._payload()["body"]
            self._wrote()
            found[0]["body"] = body
            self.state.edits.append((found[0]["id"], body))
            self._answer(200, found[0])


@contextmanager
def serve():
    """A running fake; yields its state (its `url` is the API URL)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.state = FakeGitHub()
    host, port = server.server_address[:2]
    server.state.url = f"http://{host}:{port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- shared by the review tests: a real git repository, and no GitHub variables from outside ---


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@e", "-c", "commit.gpgsign=false", *args],
        cwd=repo, check=True, capture_output=True, text=True,
    ).stdout.strip()


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """No GitHub variables of the outer environment, and no proxy between us and 127.0.0.1."""
    for name in ("GITHUB_TOKEN", "GITHUB_EVENT_PATH", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
