"""The few GitHub REST calls `doclint review` makes, and how it behaves towards GitHub.

Kept on `urllib.request` rather than a client library: the calls are five, and what matters here
is policy that libraries do not give as wanted (the token sent to the API's own host only, one
scrubbed line per failure, a read-only token recognised so the caller can fall back, and a bound
on every wait). GitHub's secondary rate limits are respected the way its docs ask: writes are
spaced by `pause` seconds, and a 429, 502, 503 or a 403 naming a secondary rate limit is retried
after `Retry-After` (or until `x-ratelimit-reset`, or with exponential backoff), at most `TRIES`
times and never waiting more than `MAX_WAIT` seconds in all.
"""

from __future__ import annotations

import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

from doclint import __version__

TIMEOUT = 30  # seconds, per HTTP request
MAX_PAGES = 200  # of 100 items each: a guard against a Link header that loops
TRIES = 4  # attempts per request when GitHub says "later"
MAX_WAIT = 120.0  # seconds of waiting for retries in one run, at most
PAUSE = 1.0  # seconds between writes, as GitHub asks of integrations
RETRIED = (429, 502, 503)


class ReviewError(Exception):
    """A review cannot be made or posted; the message is one line, safe to print (no token)."""


class ReadOnlyToken(ReviewError):
    """The token may read but not write the pull request (a fork's pull_request run)."""


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


class _Answer(Exception):
    """An HTTP error answer, read once (status, headers, JSON details)."""

    def __init__(self, code: int, reason: str, headers, details: dict) -> None:
        self.code, self.reason, self.headers, self.details = code, reason, headers, details
        self.message = str(details.get("message") or reason or "").strip()


class GitHub:
    """Reads and writes one pull request's reviews; every failure is one-line ReviewError."""

    def __init__(self, api_url: str, token: str, timeout: float = TIMEOUT, pause: float = PAUSE, sleep=time.sleep) -> None:
        self.api_url = api_url.rstrip("/")
        self._token = token
        self.timeout = timeout
        self.pause = pause
        self._sleep = sleep
        self._waited = 0.0
        self._last_write: float | None = None
        self._opener = urllib.request.build_opener(_SameOriginRedirects())

    # --- the calls ----------------------------------------------------------------------

    def existing_comments(self, repo: str, number: int) -> list[dict]:
        """Every review comment on the pull request, following the Link header's pages."""
        return self._pages(f"/repos/{repo}/pulls/{number}/comments", f"the review comments of {repo}#{number}")

    def existing_reviews(self, repo: str, number: int) -> list[dict]:
        """Every review on the pull request (bodies and states), page by page."""
        return self._pages(f"/repos/{repo}/pulls/{number}/reviews", f"the reviews of {repo}#{number}")

    def post_review(self, repo: str, number: int, payload: dict) -> dict:
        data = self._write("POST", f"/repos/{repo}/pulls/{number}/reviews", payload, f"the review on {repo}#{number}")
        return data if isinstance(data, dict) else {}

    def edit_comment(self, repo: str, comment_id: int, body: str) -> None:
        self._write("PATCH", f"/repos/{repo}/pulls/comments/{comment_id}", {"body": body}, f"review comment {comment_id} of {repo}")

    def dismiss_review(self, repo: str, number: int, review_id: int, message: str) -> None:
        path = f"/repos/{repo}/pulls/{number}/reviews/{review_id}/dismissals"
        self._write("PUT", path, {"message": message, "event": "DISMISS"}, f"the dismissal of review {review_id} on {repo}#{number}")

    # --- the machinery ------------------------------------------------------------------

    def _pages(self, path: str, what: str) -> list[dict]:
        url = f"{self.api_url}{path}?per_page=100"
        items: list[dict] = []
        for _ in range(MAX_PAGES):
            data, headers = self._request("GET", url, None, what)
            if not isinstance(data, list):
                raise ReviewError(f"GitHub answered {what} with something other than a list")
            items.extend(item for item in data if isinstance(item, dict))
            url = _next_link(headers.get("Link") or headers.get("link"))
            if url is None:
                return items
            if _origin(url) != _origin(self.api_url):
                raise ReviewError(f"GitHub's next page is on another host ({_origin(url)[1]}); not sending the token there")
        raise ReviewError(f"more than {MAX_PAGES} pages of {what}")

    def _write(self, method: str, path: str, payload: dict, what: str):
        # Space writes out: GitHub's secondary rate limit punishes bursts of content creation.
        if self._last_write is not None and self.pause > 0:
            gap = self.pause - (time.monotonic() - self._last_write)
            if gap > 0:
                self._sleep(gap)
        try:
            data, _ = self._request(method, f"{self.api_url}{path}", payload, what)
        finally:
            self._last_write = time.monotonic()
        return data

    def _request(self, method: str, url: str, payload: dict | None, what: str) -> tuple[object, dict]:
        for attempt in range(1, TRIES + 1):
            try:
                return self._once(method, url, payload, what)
            except _Answer as answer:
                wait = self._retry_after(answer, attempt)
                if wait is None or attempt == TRIES or self._waited + wait > MAX_WAIT:
                    raise self._error(answer, method, what, attempt) from None
                self._waited += wait
                self._sleep(wait)
        raise AssertionError("unreachable")

    @staticmethod
    def _retry_after(answer: _Answer, attempt: int) -> float | None:
        """Seconds to wait before trying again, or None when trying again cannot help."""
        headers = answer.headers
        secondary = answer.code == 403 and "secondary rate limit" in answer.message.lower()
        used_up = answer.code == 403 and headers.get("x-ratelimit-remaining") == "0"
        if answer.code not in RETRIED and not secondary and not used_up:
            return None
        try:
            return max(0.0, float(headers.get("Retry-After")))
        except (TypeError, ValueError):
            pass
        try:
            if headers.get("x-ratelimit-remaining") == "0":
                return max(0.0, float(headers.get("x-ratelimit-reset")) - time.time())
        except (TypeError, ValueError):
            pass
        return 60.0 if secondary else float(2 ** (attempt - 1))  # GitHub: "at least one minute"

    def _once(self, method: str, url: str, payload: dict | None, what: str) -> tuple[object, dict]:
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
            try:
                details = json.loads(error.read().decode("utf-8", "replace"))
            except (ValueError, OSError):
                details = {}
            raise _Answer(error.code, str(error.reason or ""), error.headers or {}, details if isinstance(details, dict) else {}) from None
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

    def _error(self, answer: _Answer, method: str, what: str, attempt: int) -> ReviewError:
        message = self._describe(answer, method, what)
        if attempt > 1:
            message += f" (after {attempt} tries)"
        message = self._scrub(message)
        if answer.code == 403 and method != "GET" and "not accessible by integration" in answer.message.lower():
            return ReadOnlyToken(message)
        return ReviewError(message)

    @staticmethod
    def _describe(answer: _Answer, method: str, what: str) -> str:
        details, code, message = answer.details, answer.code, answer.message
        said = f": {message}" if message else ""
        if code == 401:
            return f"GitHub rejected the token (401{said}): check GITHUB_TOKEN"
        if code in (403, 429):
            remaining = answer.headers.get("X-RateLimit-Remaining") if answer.headers else None
            if code == 429 or remaining == "0" or "rate limit" in message.lower():
                return f"GitHub refused {method} {what} ({code}{said}): the API rate limit is used up; try again later"
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
