"""`doclint review`: a pull request's findings as one GitHub pull-request review.

Three things make the review worth reading rather than noise:

- Only the lines the pull request changed are commented (GitHub accepts review comments only on
  lines inside the diff, and a reviewer only wants to hear about what the author touched).
  Findings that cannot sit on a line of the diff are listed in the review's body instead.
- A finding with a safe fix becomes a GitHub suggestion block, so the author applies it with
  one click; unsafe fixes are only mentioned, since they need a human to look first.
- Re-running on the same pull request (a new push, a re-run job) posts no duplicates: existing
  review comments are read first, and a finding already commented on the same path and line
  with the same hidden rule marker and message is left out.

Everything that decides what to post is a small pure function (comment bodies, suggestion
text, dedupe, summary, batches), and the HTTP side is the small `GitHub` client, so both can be
tested without the command line. Only `urllib.request` is used: no new dependency.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from doclint import __version__
from doclint.findings import Finding

# GitHub rejects bodies of 65,536 characters or more; stay a little below to be safe.
BODY_LIMIT = 65_000
# Reviews with very many comments fail on GitHub's side: post at most this many per request.
BATCH_SIZE = 30
SUMMARY_MARKER = "<!-- doclint:review -->"
TIMEOUT = 30  # seconds, per HTTP request
MAX_PAGES = 200  # of 100 existing comments each: a guard against a Link header that loops


class ReviewError(Exception):
    """A review cannot be made or posted; the message is one line, safe to print (no token)."""


def marker(rule: str) -> str:
    """The hidden marker each comment carries, so a re-run can recognise its own comments."""
    return f"<!-- doclint:{rule} -->"


# --- where a finding is commented -------------------------------------------------------------


def comment_lines(finding: Finding, allowed: set[int]) -> tuple[int, int] | None:
    """The first and last line of the comment for `finding`, or None if it cannot be commented.

    `allowed` are the lines GitHub accepts comments on (the added lines, or every line shown in
    the diff). The comment spans the finding's lines when all of them are allowed; otherwise it
    is a one-line comment on the finding's first line.
    """
    if finding.line not in allowed:
        return None
    end = finding.end_line
    if end > finding.line and finding.end_column == 1:
        end -= 1  # ends at the very start of a line: that line is not part of it
    if end > finding.line and all(line in allowed for line in range(finding.line, end + 1)):
        return finding.line, end
    return finding.line, finding.line


def normalised_lines(text: str) -> list[str]:
    """A file's lines as `Document` numbers them: BOM removed, any line ending counts."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def suggestion_text(finding: Finding, lines: list[str], start: int, end: int) -> str | None:
    """The full new text of lines `start`..`end` after applying the finding's safe fix, or None
    when there is no safe fix or one of its edits reaches outside those lines.

    Edits are applied by their positions (1-based lines, columns in characters), last first. An
    edit may end at column 1 of the line after `end`: that is the end of the last line's newline.
    """
    fix = finding.fix
    if fix is None or not fix.safe or not fix.edits or len(fix.edits) != len(finding.fix_positions):
        return None
    if start < 1 or end > len(lines) or start > end:
        return None
    segment = "".join(line + "\n" for line in lines[start - 1 : end])
    starts = [0]
    for line in lines[start - 1 : end]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(line: int, column: int) -> int | None:
        if line == end + 1 and column == 1:
            return len(segment)
        if not start <= line <= end or not 1 <= column <= len(lines[line - 1]) + 1:
            return None
        return starts[line - start] + column - 1

    spans = []
    for edit, (line, column, end_line, end_column) in zip(fix.edits, finding.fix_positions):
        first, last = offset(line, column), offset(end_line, end_column)
        if first is None or last is None or first > last:
            return None
        spans.append((first, last, edit.content))
    spans.sort(key=lambda span: (span[0], span[1]))
    if any(later[0] < earlier[1] for earlier, later in zip(spans, spans[1:])):
        return None  # overlapping edits: no single answer
    for first, last, content in reversed(spans):
        segment = segment[:first] + content + segment[last:]
    return segment.removesuffix("\n")


def fence_for(text: str) -> str:
    """A backtick fence longer than any run of backticks in `text` (at least three)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def docs_link(rule: str, template: str) -> str | None:
    return template.replace("{rule}", rule) if template else None


def comment_body(finding: Finding, docs_url: str, suggestion: str | None) -> str:
    """A comment: marker, severity and rule (linked to its docs), message, and the fix."""
    link = docs_link(finding.rule, docs_url)
    rule = f"[`{finding.rule}`]({link})" if link else f"`{finding.rule}`"
    head = f"{marker(finding.rule)}\n**{str(finding.severity).capitalize()}** ({rule}): "
    message = " ".join(finding.message.split())
    fix = finding.fix
    if suggestion is not None and fix is not None:
        fence = fence_for(suggestion)
        description = f"Suggested fix: {fix.description.rstrip('.')}." if fix.description else "Suggested fix:"
        tail = f"\n\n{description}\n\n{fence}suggestion\n{suggestion}\n{fence}\n"
    elif fix is not None and fix.safe:
        tail = "\n\nA fix is available: `doclint check --fix`.\n"
    elif fix is not None:
        tail = "\n\nA fix is available; review it before applying: `doclint check --fix --unsafe-fixes`.\n"
    else:
        tail = "\n"
    body = head + message + tail
    if len(body) < BODY_LIMIT:
        return body
    # Too long with the suggestion: say a fix exists instead; then shorten the message.
    tail = "\n\nA fix is available: `doclint check --fix`.\n" if fix is not None else "\n"
    room = BODY_LIMIT - len(head) - len(tail) - 1
    if len(message) > room:
        message = message[: room - 1] + "…"
    return head + message + tail


@dataclass(frozen=True)
class Comment:
    """One inline review comment, on lines `start_line`..`line` of `path` (relative to the
    repository root, forward slashes)."""

    path: str
    line: int
    start_line: int
    body: str
    finding: Finding

    def to_dict(self) -> dict:
        data = {"path": self.path, "line": self.line, "side": "RIGHT", "body": self.body}
        if self.start_line != self.line:
            data["start_line"] = self.start_line
            data["start_side"] = "RIGHT"
        return data


@dataclass(frozen=True)
class Unplaced:
    """A finding listed in the review body instead of commented inline, and why."""

    path: str
    finding: Finding


def repository_path(display_path: str, cwd: Path, root: Path) -> str | None:
    """A finding's path (as displayed, relative to `cwd`) relative to the repository root."""
    try:
        return (cwd / display_path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def place(
    findings: list[Finding],
    cwd: Path,
    root: Path,
    allowed: dict[str, set[int]],
    docs_url: str,
    read_lines=None,
) -> tuple[list[Comment], list[Unplaced]]:
    """Comments for the findings that sit on allowed lines; the rest are unplaced.

    `allowed` maps a repository path to the lines GitHub accepts comments on. `read_lines(path)`
    returns a file's lines (for suggestions); it defaults to reading `cwd / display path`.
    """
    cache: dict[str, list[str] | None] = {}

    def lines_of(finding: Finding) -> list[str] | None:
        if finding.path not in cache:
            if read_lines is not None:
                cache[finding.path] = read_lines(finding.path)
            else:
                try:
                    cache[finding.path] = normalised_lines((cwd / finding.path).read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError):
                    cache[finding.path] = None
        return cache[finding.path]

    comments: list[Comment] = []
    unplaced: list[Unplaced] = []
    for finding in sorted(findings):
        path = repository_path(finding.path, cwd, root)
        span = comment_lines(finding, allowed.get(path, set())) if path is not None else None
        if span is None:
            unplaced.append(Unplaced(path or finding.path, finding))
            continue
        start, end = span
        suggestion = None
        if finding.fix is not None and finding.fix.safe:
            lines = lines_of(finding)
            if lines is not None:
                suggestion = suggestion_text(finding, lines, start, end)
        comments.append(Comment(path, end, start, comment_body(finding, docs_url, suggestion), finding))
    return comments, unplaced


# --- existing comments ------------------------------------------------------------------------


def is_posted(comment: Comment, existing: list[dict]) -> bool:
    """Whether an existing review comment already says this: same path, same line, and a body
    with the same rule marker and the same message."""
    tag = marker(comment.finding.rule)
    message = " ".join(comment.finding.message.split())
    for old in existing:
        body = old.get("body") or ""
        if old.get("path") == comment.path and old.get("line") == comment.line and tag in body and message in body:
            return True
    return False


def dedupe(comments: list[Comment], existing: list[dict]) -> tuple[list[Comment], list[Comment]]:
    """Split comments into (new, already posted)."""
    new, posted = [], []
    for comment in comments:
        (posted if is_posted(comment, existing) else new).append(comment)
    return new, posted


# --- the review's body and the requests -------------------------------------------------------


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _item(path: str, finding: Finding) -> str:
    message = " ".join(finding.message.split())
    if len(message) > 300:
        message = message[:299] + "…"
    return f"- `{path}:{finding.line}` {finding.rule} {message}"


@dataclass
class Plan:
    """What one run posts: inline comments, plus the findings only listed in the body."""

    findings: list[Finding]  # every finding on the changed lines, for the counts
    comments: list[Comment]  # new, to post inline (at most --max-comments)
    beyond_limit: list[Comment] = field(default_factory=list)
    already_posted: list[Comment] = field(default_factory=list)
    outside_diff: list[Unplaced] = field(default_factory=list)

    @property
    def has_news(self) -> bool:
        """Whether there is anything not already on the pull request."""
        return bool(self.comments or self.beyond_limit or self.outside_diff)


def plan(
    comments: list[Comment], unplaced: list[Unplaced], existing: list[dict], max_comments: int
) -> Plan:
    new, posted = dedupe(comments, existing)
    findings = [c.finding for c in comments] + [u.finding for u in unplaced]
    return Plan(sorted(findings), new[:max_comments], new[max_comments:], posted, unplaced)


def summary_body(review: Plan, docs_url: str, max_comments: int, limit: int = BODY_LIMIT) -> str:
    """The review's body: counts per severity and per rule, how many comments are posted, and
    the findings not commented inline, listed (and cut with "... and N more" to fit `limit`)."""
    findings = review.findings
    severities = Counter(finding.severity for finding in findings)
    rules = Counter(finding.rule for finding in findings)
    parts = [
        SUMMARY_MARKER,
        f"## doclint: {_plural(len(findings), 'finding')} on the changed lines",
        "",
        ", ".join(_plural(severities[s], str(s)) for s in sorted(severities, reverse=True)) + "."
        if findings
        else "No findings.",
        "",
        "| Rule | Findings |",
        "| --- | --- |",
    ]
    for rule, count in sorted(rules.items(), key=lambda item: (-item[1], item[0])):
        link = docs_link(rule, docs_url)
        parts.append(f"| [`{rule}`]({link}) | {count} |" if link else f"| `{rule}` | {count} |")
    parts += ["", f"Posted {_plural(len(review.comments), 'inline comment')}."]
    head = "\n".join(parts) + "\n"

    sections = [
        (f"Beyond the limit of {max_comments} inline comments (`--max-comments`):", [(c.path, c.finding) for c in review.beyond_limit]),
        ("Already commented on this pull request:", [(c.path, c.finding) for c in review.already_posted]),
        ("Not on a line of the diff (GitHub takes comments only there):", [(u.path, u.finding) for u in review.outside_diff]),
    ]
    items = [(title, _item(path, finding)) for title, entries in sections for path, finding in entries]
    if not items:
        return head
    body = head + "\n### Not commented inline\n"
    total = len(items)
    title_done = None
    for index, (title, line) in enumerate(items):
        chunk = ("\n" + title + "\n\n" if title != title_done else "") + line + "\n"
        more = f"\n... and {total - index} more\n"
        # Keep room for the "... and N more" line should a later item not fit.
        if len(body) + len(chunk) + len(f"\n... and {total} more\n") >= limit:
            return body + more
        body += chunk
        title_done = title
    return body


def payloads(
    review: Plan,
    event: str,
    commit_id: str | None,
    docs_url: str,
    max_comments: int,
    batch_size: int = BATCH_SIZE,
) -> list[dict]:
    """The request bodies to POST, in order; empty when there is nothing new to say.

    At most `batch_size` comments go in one review; the first carries the summary and the
    chosen event, later ones say "continued (2/3)" and are plain comments.
    """
    if not review.has_news:
        return []
    comments = [comment.to_dict() for comment in review.comments]
    batches = [comments[i : i + batch_size] for i in range(0, len(comments), batch_size)] or [[]]
    result = []
    for number, batch in enumerate(batches, start=1):
        body = (
            summary_body(review, docs_url, max_comments)
            if number == 1
            else f"{SUMMARY_MARKER}\ndoclint: continued ({number}/{len(batches)})."
        )
        payload: dict = {}
        if commit_id:
            payload["commit_id"] = commit_id
        payload["event"] = event if number == 1 else "COMMENT"
        payload["body"] = body
        payload["comments"] = batch
        result.append(payload)
    return result


# --- git: what the pull request changed ------------------------------------------------------


def diff_base(ref: str, cwd: Path = Path(".")) -> str:
    """The commit to compare with: the merge base of `ref` and HEAD, which is what GitHub's
    pull-request diff shows (the same as `ref` when HEAD is GitHub's merge commit), or `ref`
    itself when git cannot tell (a shallow clone, an unknown ref: reported later)."""
    from doclint.changes import ChangeError, _git

    try:
        return _git(["merge-base", ref, "HEAD"], cwd).strip() or ref
    except ChangeError:
        return ref


def _resolves(ref: str, cwd: Path) -> bool:
    from doclint.changes import ChangeError, _git

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
    pull = data.get("pull_request") if isinstance(data.get("pull_request"), dict) else {}
    base = pull.get("base") if isinstance(pull.get("base"), dict) else {}
    head = pull.get("head") if isinstance(pull.get("head"), dict) else {}
    repository = data.get("repository") if isinstance(data.get("repository"), dict) else {}
    number = pull.get("number")

    def text(value):
        return value if isinstance(value, str) and value else None

    return Event(
        number if isinstance(number, int) and not isinstance(number, bool) else None,
        text(base.get("sha")),
        text(base.get("ref")),
        text(head.get("sha")),
        text(repository.get("full_name")),
    )


# --- the GitHub client ------------------------------------------------------------------------


def _origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects of GETs on the API's own host only: the token must go nowhere else."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if req.get_method() != "GET" or _origin(newurl) != _origin(req.full_url):
            return None  # urllib then raises the 3xx as an HTTPError
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _next_link(header: str | None) -> str | None:
    """The rel="next" URL of a Link header."""
    for part in (header or "").split(","):
        match = re.match(r'\s*<([^>]*)>\s*;(.*)', part)
        if match and re.search(r'rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?', match.group(2)):
            return match.group(1)
    return None


class GitHub:
    """The two calls `doclint review` needs, with errors turned into one-line ReviewErrors."""

    def __init__(self, api_url: str, token: str, timeout: float = TIMEOUT) -> None:
        self.api_url = api_url.rstrip("/")
        self._token = token
        self.timeout = timeout
        self._opener = urllib.request.build_opener(_SameOriginRedirects())

    def existing_comments(self, repo: str, number: int) -> list[dict]:
        """Every review comment on the pull request, following the Link header's pages."""
        url = f"{self.api_url}/repos/{repo}/pulls/{number}/comments?per_page=100"
        comments: list[dict] = []
        for _ in range(MAX_PAGES):
            data, headers = self._request("GET", url, what=f"the review comments of {repo}#{number}")
            if not isinstance(data, list):
                raise ReviewError(f"GitHub answered the review comments of {repo}#{number} with something other than a list")
            comments.extend(item for item in data if isinstance(item, dict))
            url = _next_link(headers.get("Link"))
            if url is None:
                return comments
            if _origin(url) != _origin(self.api_url):
                raise ReviewError(f"GitHub's next page is on another host ({_origin(url)[1]}); not sending the token there")
        raise ReviewError(f"more than {MAX_PAGES} pages of review comments on {repo}#{number}")

    def post_review(self, repo: str, number: int, payload: dict) -> dict:
        data, _ = self._request(
            "POST", f"{self.api_url}/repos/{repo}/pulls/{number}/reviews", payload, what=f"the review on {repo}#{number}"
        )
        return data if isinstance(data, dict) else {}

    def _request(self, method: str, url: str, payload: dict | None = None, what: str = "") -> tuple[object, dict]:
        data = json.dumps(payload).encode("utf-8") if payload is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self._token}")
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        request.add_header("User-Agent", f"doclint/{__version__}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                raw = response.read()
                headers = dict(response.headers.items())
        except urllib.error.HTTPError as error:
            raise ReviewError(self._scrub(self._http_error(error, method, what))) from None
        except (TimeoutError, socket.timeout):
            raise ReviewError(f"GitHub at {self.api_url} did not answer within {self.timeout:g}s ({method} {what}); try again") from None
        except urllib.error.URLError as error:
            reason = error.reason.strerror if isinstance(error.reason, OSError) and error.reason.strerror else error.reason
            raise ReviewError(self._scrub(f"cannot reach GitHub at {self.api_url}: {reason}")) from None
        except OSError as error:
            raise ReviewError(self._scrub(f"cannot reach GitHub at {self.api_url}: {error}")) from None
        try:
            return (json.loads(raw.decode("utf-8")) if raw.strip() else None), headers
        except ValueError:
            raise ReviewError(f"GitHub answered {method} {what} with something that is not JSON") from None

    def _scrub(self, message: str) -> str:
        message = " ".join(message.split())
        return message.replace(self._token, "***") if self._token else message

    @staticmethod
    def _http_error(error: urllib.error.HTTPError, method: str, what: str) -> str:
        try:
            details = json.loads(error.read().decode("utf-8", "replace"))
        except (ValueError, OSError):
            details = {}
        if not isinstance(details, dict):
            details = {}
        message = str(details.get("message") or error.reason or "").strip()
        said = f": {message}" if message else ""
        code = error.code
        if code == 401:
            return f"GitHub rejected the token (401{said}): check GITHUB_TOKEN"
        if code == 403:
            remaining = error.headers.get("X-RateLimit-Remaining") if error.headers else None
            if remaining == "0" or "rate limit" in message.lower():
                return f"GitHub refused {method} {what} (403{said}): the API rate limit is used up; try again later"
            return f"GitHub refused {method} {what} (403{said}): the token needs permission to write pull requests"
        if code == 404:
            return f"GitHub answered 404 Not Found for {what}: the repository or pull request does not exist, or the token cannot see it"
        if code == 422:
            errors = details.get("errors")
            listed = []
            for item in errors if isinstance(errors, list) else []:
                if isinstance(item, dict):
                    listed.append(str(item.get("message") or ", ".join(f"{k}={v}" for k, v in item.items())))
                else:
                    listed.append(str(item))
            extra = f" ({'; '.join(listed)})" if listed else ""
            return f"GitHub rejected {what} (422{said}){extra}"
        if 300 <= code < 400:
            return f"GitHub redirected {method} {what} ({code}) to another place; not following it with the token"
        if code >= 500:
            return f"GitHub failed on {method} {what} ({code}{said}); try again later"
        return f"GitHub answered {method} {what} with {code}{said}"
