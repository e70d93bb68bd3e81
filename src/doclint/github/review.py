"""`doclint review`: a pull request's findings as one GitHub pull-request review.

Three things make the review worth reading rather than noise:

- Only the lines the pull request changed are commented (GitHub accepts review comments only on
  lines inside the diff, and a reviewer only wants to hear about what the author touched).
  Findings that cannot sit on a line of the diff are listed in the review's body instead.
- A finding with a safe fix becomes a GitHub suggestion block, so the author applies it with
  one click; unsafe fixes are only mentioned, since they need a human to look first.
- Re-running on the same pull request (a new push, a re-run job) converges instead of piling
  up: every comment and every entry of a review body carries a hidden key of its finding (rule,
  path, message and the text of its line, so it survives lines moving), and a finding whose key
  is already on the pull request is not posted again.

Everything that decides what to post is a small pure function (comment bodies, suggestion
text, dedupe, summary, batches); the HTTP side is `doclint.github.client` and the run itself
`doclint.github.flow`, so each can be tested without the others.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from doclint.findings import Edit, Finding, Fix

# GitHub rejects bodies of 65,536 characters or more; stay a little below to be safe.
BODY_LIMIT = 65_000
# Reviews with very many comments fail on GitHub's side: post at most this many per request.
BATCH_SIZE = 30
SUMMARY_MARKER = "<!-- doclint:review -->"
FIXED_MARKER = "<!-- doclint:fixed -->"
_KEY = re.compile(r"<!-- doclint-key:([0-9a-f]{16}) -->")


def marker(rule: str) -> str:
    """The hidden marker each comment carries, so a re-run can recognise its own comments."""
    return f"<!-- doclint:{rule} -->"


def key_marker(key: str) -> str:
    return f"<!-- doclint-key:{key} -->"


def keys_in(body: str | None) -> set[str]:
    """The finding keys a comment or review body carries."""
    return set(_KEY.findall(body or ""))


def finding_key(path: str, finding: Finding, line_text: str, occurrence: int) -> str:
    """A finding's identity across pushes: not its line number (lines move when text is added
    above), but its rule, file, message and the text of its line; `occurrence` tells apart
    the same finding on identical lines."""
    message = " ".join(finding.message.split())
    raw = "\0".join((path, finding.rule, message, " ".join(line_text.split()), str(occurrence)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


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
    """The rule's docs link (doclint.ruledocs.link: a pack rule's `link:`, else the template)."""
    from doclint.ruledocs import link

    return link(rule, template or None)


def comment_body(finding: Finding, docs_url: str, suggestion: str | None, key: str = "", merged_into: str | None = None) -> str:
    """A comment: markers, severity and rule (linked to its docs), message, and the fix.

    `merged_into` names the rule of the comment on the same lines whose suggestion carries
    this finding's fix too (one suggestion per line range: two would undo each other)."""
    link = docs_link(finding.rule, docs_url)
    rule = f"[`{finding.rule}`]({link})" if link else f"`{finding.rule}`"
    head = f"{marker(finding.rule)}{key_marker(key) if key else ''}\n**{str(finding.severity).capitalize()}** ({rule}): "
    message = " ".join(finding.message.split())
    fix = finding.fix
    if merged_into is not None and fix is not None:
        tail = f"\n\nIts fix is part of the suggestion in the `{merged_into}` comment on the same line.\n"
    elif suggestion is not None and fix is not None:
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
    key: str = ""

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
    key: str = ""


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
    seen: Counter = Counter()
    for finding in sorted(findings):
        path = repository_path(finding.path, cwd, root)
        lines = lines_of(finding)
        text = lines[finding.line - 1] if lines is not None and 1 <= finding.line <= len(lines) else ""
        identity = (path or finding.path, finding.rule, " ".join(finding.message.split()), " ".join(text.split()))
        key = finding_key(path or finding.path, finding, text, seen[identity])
        seen[identity] += 1
        span = comment_lines(finding, allowed.get(path, set())) if path is not None else None
        if span is None:
            unplaced.append(Unplaced(path or finding.path, finding, key))
            continue
        start, end = span
        suggestion = None
        if finding.fix is not None and finding.fix.safe:
            lines = lines_of(finding)
            if lines is not None:
                suggestion = suggestion_text(finding, lines, start, end)
        comments.append(Comment(path, end, start, comment_body(finding, docs_url, suggestion, key), finding, key))
    return comments, unplaced


def merge_suggestions(comments: list[Comment], lines_of, docs_url: str) -> list[Comment]:
    """One suggestion per line range: GitHub applies each suggestion to the original lines, so
    two on the same lines undo each other. The first fixable comment of a range gets every safe
    fix of the range applied in order (a fix overlapping an earlier one is left out and only
    mentioned); the others say their fix is in it. `lines_of(path)` gives a file's lines."""
    groups: dict[tuple[str, int, int], list[int]] = {}
    for index, comment in enumerate(comments):
        if comment.finding.fix is not None and comment.finding.fix.safe:
            groups.setdefault((comment.path, comment.start_line, comment.line), []).append(index)
    result = list(comments)
    for (path, start, end), indexes in groups.items():
        if len(indexes) < 2 or (lines := lines_of(path)) is None:
            continue
        merged, carrier, taken = _merged_text([comments[i].finding for i in indexes], lines, start, end)
        if carrier is None:
            continue
        first = comments[indexes[carrier]]
        for position, index in enumerate(indexes):
            comment = comments[index]
            if position == carrier:
                body = comment_body(comment.finding, docs_url, merged, comment.key)
            elif position in taken:
                body = comment_body(comment.finding, docs_url, None, comment.key, merged_into=first.finding.rule)
            else:
                body = comment_body(comment.finding, docs_url, None, comment.key)
            result[index] = replace(comment, body=body)
    return result


def _with_edits(finding: Finding, edits: list[tuple[tuple[int, int, int, int], str]]) -> Finding:
    """`finding` with its safe fix made of `edits` (positions and new text)."""
    fix = Fix(tuple(Edit(0, 0, content) for _, content in edits), True, finding.fix.description if finding.fix else "")
    return replace(finding, fix=fix, fix_positions=tuple(position for position, _ in edits))


def _merged_text(findings: list[Finding], lines: list[str], start: int, end: int) -> tuple[str | None, int | None, set[int]]:
    """The lines' text with every finding's fix applied (in order, skipping one that overlaps
    a fix already taken or reaches outside the lines), the first taken position, and all taken."""
    combined: list[tuple[tuple[int, int, int, int], str]] = []
    taken: set[int] = set()
    for position, finding in enumerate(findings):
        edits = list(zip(finding.fix_positions, (edit.content for edit in finding.fix.edits)))
        if len(edits) != len(finding.fix.edits) or suggestion_text(_with_edits(finding, combined + edits), lines, start, end) is None:
            continue
        combined += edits
        taken.add(position)
    if not taken:
        return None, None, taken
    return suggestion_text(_with_edits(findings[min(taken)], combined), lines, start, end), min(taken), taken


# --- existing comments ------------------------------------------------------------------------


def is_doclint(comment: dict) -> bool:
    """Whether a review comment (or review) was written by doclint: it carries a marker."""
    return "<!-- doclint:" in (comment.get("body") or "")


def is_fixed(comment: dict) -> bool:
    return FIXED_MARKER in (comment.get("body") or "")


def is_posted(comment: Comment, existing: list[dict]) -> bool:
    """Whether an open (not marked fixed) doclint comment already says this: it carries the
    finding's key, wherever the line has moved to; or, for comments of doclint versions
    without keys, it sits on the same path and line with the same rule marker and message."""
    tag = marker(comment.finding.rule)
    message = " ".join(comment.finding.message.split())
    for old in existing:
        body = old.get("body") or ""
        if FIXED_MARKER in body:
            continue
        if comment.key and comment.key in keys_in(body):
            return True
        if not keys_in(body) and old.get("path") == comment.path and old.get("line") == comment.line and tag in body and message in body:
            return True
    return False


def dedupe(comments: list[Comment], existing: list[dict]) -> tuple[list[Comment], list[Comment]]:
    """Split comments into (new, already posted)."""
    new, posted = [], []
    for comment in comments:
        (posted if is_posted(comment, existing) else new).append(comment)
    return new, posted


def fixed_body(body: str, sha: str) -> str:
    """An old comment whose finding is gone, struck through and marked fixed (REST can edit a
    comment, while resolving its thread needs GraphQL): its markers stay, so it is still known
    as doclint's, and its suggestion goes, so nobody applies a stale one."""
    first, _, rest = body.partition("\n")
    said = " ".join(rest.split("\n\n", 1)[0].split())
    return f"{first}{FIXED_MARKER}\n~~{said}~~\n\nFixed in {sha[:12]}: doclint no longer reports this on the pull request's changed lines.\n"


def stale_comments(existing: list[dict], current: set[str], paths_in_scope: set[str]) -> list[dict]:
    """Open doclint comments whose finding is no longer found: none of their keys is among the
    `current` findings' keys, in a file this run linted (a file outside the run says nothing)."""
    stale = []
    for old in existing:
        keys = keys_in(old.get("body"))
        if keys and isinstance(old.get("id"), int) and not is_fixed(old) and old.get("path") in paths_in_scope and not keys & current:
            stale.append(old)
    return stale


# --- the review's body and the requests -------------------------------------------------------


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _item(path: str, finding: Finding, key: str = "") -> str:
    message = " ".join(finding.message.split())
    if len(message) > 300:
        message = message[:299] + "…"
    # The hidden key lets a later run see this finding is already on the pull request.
    return f"- `{path}:{finding.line}` {finding.rule} {message}" + (f" {key_marker(key)}" if key else "")


@dataclass
class Plan:
    """What one run posts: inline comments, plus the findings only listed in the body."""

    findings: list[Finding]  # every finding on the changed lines, for the counts
    comments: list[Comment]  # new, to post inline (at most --max-comments)
    beyond_limit: list[Comment] = field(default_factory=list)
    already_posted: list[Comment] = field(default_factory=list)
    outside_diff: list[Unplaced] = field(default_factory=list)
    listed: set[str] = field(default_factory=set)  # keys already in an earlier review's body

    @property
    def has_news(self) -> bool:
        """Whether there is anything not already on the pull request, inline or in a body."""
        unlisted = [item for item in self.beyond_limit + self.outside_diff if not item.key or item.key not in self.listed]
        return bool(self.comments or unlisted)


def plan(
    comments: list[Comment],
    unplaced: list[Unplaced],
    existing: list[dict],
    max_comments: int,
    reviews: list[dict] = (),
) -> Plan:
    """What to post, given the pull request's `existing` review comments and `reviews`.
    `max_comments` caps the pull request's doclint comments in all, those already there
    counted, so later pushes do not post the rest of a long list."""
    new, posted = dedupe(comments, existing)
    room = max(0, max_comments - sum(1 for old in existing if is_doclint(old)))
    listed = set().union(*(keys_in(r.get("body")) for r in reviews if SUMMARY_MARKER in (r.get("body") or "")))
    findings = [c.finding for c in comments] + [u.finding for u in unplaced]
    return Plan(sorted(findings), new[:room], new[room:], posted, unplaced, listed)


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
        (f"Beyond the limit of {max_comments} inline comments on this pull request (`--max-comments`):", review.beyond_limit),
        ("Already commented on this pull request:", review.already_posted),
        ("Not on a line of the diff (GitHub takes comments only there):", review.outside_diff),
    ]
    items = [(title, _item(item.path, item.finding, item.key)) for title, entries in sections for item in entries]
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
