"""The docs site as links see it: which page serves each URL, which anchors each page has, and
which old URLs redirect where.

One `Site` is built per run and configuration and shared by every page. It is cheap: routes come
from listing the route folders, anchors from a line scan of a page when a link first points into
it (headings and explicit ids, outside code fences), redirects from the front matter of the pages
that have the redirect key. No page is parsed twice with markdown-it for a link check.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from doclint import boundary
from doclint.discovery import SUFFIXES

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_EXPLICIT_ID = re.compile(r"""\b(?:id|name)=(?:"([^"]+)"|'([^']+)'|\{["'`]([^"'`]+)["'`]\})""")
_ATTRIBUTE_ID = re.compile(r"\{#([\w:.-]+)\}")
_TAG = re.compile(r"<[^>]*>|\{[^}]*\}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|!?\[([^\]]*)\]\[[^\]]*\]")
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def slug(text: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    text = unicodedata.normalize("NFC", text).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def heading_text(raw: str) -> str:
    """The readable text of a heading's source: no tags, ids, link destinations or markup."""
    raw = _ATTRIBUTE_ID.sub("", raw)
    raw = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), raw)
    raw = _TAG.sub("", raw)
    return re.sub(r"[`*_~]|\\(?=\W)", "", raw).strip()


def scan_anchors(text: str) -> frozenset[str]:
    """Every anchor a page offers: heading slugs (duplicates numbered, as GitHub does) and
    explicit ids (`<a id="x"/>`, `id=` on any tag, `{#x}`), outside code fences."""
    anchors: set[str] = set()
    counts: dict[str, int] = {}
    fence = None
    for line in text.splitlines():
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) and not line.strip()[len(opening.group(1)):].strip():
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        for match in _EXPLICIT_ID.finditer(line):
            anchors.add(next(group for group in match.groups() if group))
        heading = _HEADING.match(line)
        if heading and heading.group(2) is not None:
            anchors.update(_ATTRIBUTE_ID.findall(heading.group(2)))
            base = slug(heading_text(heading.group(2)))
            number = counts.get(base, 0)
            counts[base] = number + 1
            anchors.add(base if number == 0 else f"{base}-{number}")
    return frozenset(anchors)


@dataclass(frozen=True)
class SiteConfig:
    routes: tuple[tuple[str, Path], ...]  # URL prefix -> folder of pages, longest prefix first
    external: tuple[str, ...] = ()  # routes served by non-Markdown pages; "PREFIX*" for prefixes
    redirect_key: str = "redirect_from"


class Site:
    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.pages: dict[str, Path] = {}
        for prefix, folder in config.routes:
            for path in _files_under(folder):
                if path.suffix.lower() in SUFFIXES and path.is_file() and boundary.allows(path):
                    relative = path.relative_to(folder).with_suffix("")
                    parts = relative.parts[:-1] if relative.name == "index" else relative.parts
                    self.pages.setdefault("/".join((prefix.rstrip("/"), *parts)) or "/", path.resolve())
        self.redirects = self._redirects()

    def _redirects(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for route, path in self.pages.items():
            for url in _page_info(path, "redirects", self.config.redirect_key):
                found.setdefault(normalise(url), route)
        return found

    def route_prefix(self, route: str) -> str | None:
        for prefix, _ in self.config.routes:
            if route == prefix.rstrip("/") or route.startswith(prefix.rstrip("/") + "/"):
                return prefix
        return None

    def is_external(self, route: str) -> bool:
        for entry in self.config.external:
            if entry.endswith("*") and route.startswith(entry[:-1]) or normalise(entry) == route:
                return True
        return False

    def folder_file(self, route: str) -> Path | None:
        """A non-page file under a route folder (an image, a download)."""
        prefix = self.route_prefix(route)
        if prefix is None:
            return None
        folder = dict(self.config.routes)[prefix]
        candidate = folder / route[len(prefix.rstrip("/")) :].lstrip("/")
        return candidate if candidate.is_file() and boundary.allows(candidate) else None


def _files_under(folder: Path) -> list[Path]:
    """Every file below `folder`, in a stable order; symlinked folders are not walked (a loop, or a
    way out of the tree), as in discovery."""
    found = []
    for parent, folders, files in os.walk(folder):
        folders.sort()
        found.extend(Path(parent) / name for name in files)
    return sorted(found)


def normalise(route: str) -> str:
    route = route.split("#", 1)[0].split("?", 1)[0]
    return route.rstrip("/") or "/"


def anchors_of(path: Path) -> frozenset[str]:
    return _page_info(path.resolve(), "anchors")


# What the site index knows of each page, with the (mtime, size) it was read at: kept across
# runs in the lint cache, so a warm run reads no page it has seen unchanged.
PAGE_INFO: dict[str, dict] = {}


def _page_info(path: Path, what: str, redirect_key: str = "redirect_from"):
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (0, 0)
    info = PAGE_INFO.get(str(path))
    if info is None or info["stamp"] != stamp:
        info = PAGE_INFO[str(path)] = {"stamp": stamp}
    key = what if what == "anchors" else f"redirects:{redirect_key}"
    if key not in info:
        text = _read(path)
        info[key] = scan_anchors(text) if what == "anchors" else _redirects_in(text, redirect_key)
    return info[key]


def remember(path: str, anchors: frozenset[str], redirect_key: str, redirects: tuple[str, ...]) -> None:
    """What a linted page told us about itself, so the index does not read it again."""
    try:
        stat = os.stat(path)
    except OSError:
        return
    PAGE_INFO[path] = {"stamp": (stat.st_mtime_ns, stat.st_size), "anchors": anchors, f"redirects:{redirect_key}": redirects}


def _redirects_in(text: str, key: str) -> tuple[str, ...]:
    match = _FRONT_MATTER.match(text)
    if not key or not match or key not in (match.group(1) or ""):
        return ()
    import yaml  # only pages that list redirects need a YAML parser

    from doclint import yaml_safe

    try:
        data = yaml_safe.load(match.group(1) or "")
    except yaml.YAMLError:
        return ()  # the frontmatter rule reports it
    return redirect_list(data.get(key) if isinstance(data, dict) else None)


def redirect_list(value) -> tuple[str, ...]:
    """A front matter redirect value (one URL or a list) as a tuple of URLs."""
    urls = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return tuple(url for url in urls if isinstance(url, str))


def _read(path: Path) -> str:
    if not boundary.allows(path):  # a symlink out of the tree: its anchors are not read
        return ""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


_SITES: dict[SiteConfig, Site] = {}


def new_run() -> None:
    """Forget the sites of an earlier run in this process (pages may have been added since)."""
    _SITES.clear()


def site_for(config: SiteConfig) -> Site:
    """The one Site of a run for this configuration."""
    if config not in _SITES:
        _SITES[config] = Site(config)
    return _SITES[config]
