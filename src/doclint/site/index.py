"""The docs site as links see it: which page serves each URL, which anchors each page has, and
which old URLs redirect where.

One `Site` is built per run and configuration and shared by every page. It is cheap: routes come
from listing the route folders (and, on Docusaurus, the `id`/`slug` of their front matter),
redirects from the generator's config and the front matter of the pages that have the redirect
key. A linted page tells the index its anchors (doclint.site.ids over its own parse); a page the
run does not lint is parsed once, when a link first points into it, and kept by (mtime, size).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from doclint import boundary
from doclint.discovery import SUFFIXES

_RULE_MARKER = re.compile(r"^r\[([^\]\s]+)\][ \t]*$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


# Pages made by code (Gatsby and Docusaurus `src/pages/*.tsx`, Astro `.astro`): they serve a route.
PAGE_COMPONENTS = {".js", ".jsx", ".ts", ".tsx", ".astro"}


@dataclass(frozen=True)
class SiteConfig:
    """How a site maps URLs to pages (from its profile): what the index needs to build itself."""

    routes: tuple[tuple[str, Path], ...]  # URL prefix -> folder of pages, longest prefix first
    external: tuple[str, ...] = ()  # routes served by non-Markdown pages; "PREFIX*" for prefixes
    redirect_key: str = "redirect_from"
    scheme: str = "path"  # how a page's URL is made (see doclint.site.profile.Profile)
    html_sources: bool = False  # x.html names the page built from x.md
    declared: tuple[tuple[str, str], ...] = ()  # redirects the generator's config declares
    unchecked: tuple[str, ...] = ()  # patterns of routes whose pages the tree does not hold
    locales: tuple[str, ...] = ()  # locale prefixes that fall back to the default locale
    id_rule: str = "github"


class Site:
    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.pages: dict[str, Path] = {}
        self.suffixes: set[str] = set()  # of every file under the routes: what the tree holds
        allowed: dict[str, bool] = {}  # folder -> whether the run may read its plain files
        for prefix, folder in config.routes:
            for path, plain in _files_under(folder):
                suffix = path.suffix.lower()
                self.suffixes.add(suffix)
                if plain:  # a regular file, no link, in a real folder: it is where it says
                    if suffix not in SUFFIXES and suffix not in PAGE_COMPONENTS:
                        continue
                    if suffix in SUFFIXES:
                        parent = os.path.dirname(path)  # a string key: hashing Paths was a cost
                        if parent not in allowed:
                            allowed[parent] = boundary.allows(path.parent)
                        if not allowed[parent]:
                            continue
                    real = path
                elif suffix in SUFFIXES and path.is_file() and boundary.allows(path) or suffix in PAGE_COMPONENTS:
                    real = boundary.resolved(path)
                else:
                    continue
                if suffix in SUFFIXES:
                    for route in _routes_of(config.scheme, prefix, folder, path):
                        self.pages.setdefault(route, real)
                else:  # a page the generator builds from code
                    self.pages.setdefault(_routes_of("path", prefix, folder, path)[0], real)
        self.routes = {page: route for route, page in reversed(self.pages.items())}  # page -> its URL
        self._rule_names: frozenset[str] | None = None

    @functools.cached_property
    def redirects(self) -> dict[str, str]:
        """Old URL -> route. Built when a link first needs it (one that reaches no page, or an
        anchor its page lacks): reading every page's front matter for it is most of the cost of
        a run that lints a few pages whose links all resolve."""
        found: dict[str, str] = {}
        for old, new in self.config.declared:
            found.setdefault(self._declared_key(old), new)
        for route, path in self.pages.items():
            for url in _page_info(path, "redirects", self.config.redirect_key):
                found.setdefault(normalise(url), route)
        return found

    def _declared_key(self, url: str) -> str:
        """A declared redirect's source as routes are looked up, its #fragment kept (mdBook
        redirects single anchors of a page that moved)."""
        route, _, fragment = url.partition("#")
        route = self._without_html(normalise(route))
        return f"{route}#{fragment}" if fragment else route

    def _without_html(self, route: str) -> str:
        if self.config.html_sources and route.endswith((".html", ".htm")):
            route = route.rsplit(".", 1)[0]
            route = route.removesuffix("/index") if route != "/index" else "/"
        return route or "/"

    def page(self, route: str) -> Path | None:
        """The page serving `route` (a `.html` name, and a locale's missing page falling back to
        the default locale's, as the generator serves them), or None."""
        route = self._without_html(route)
        found = self.pages.get(route)
        if found is None and self.config.locales:
            first, _, rest = route.lstrip("/").partition("/")
            if first in self.config.locales:
                found = self.pages.get("/" + rest if rest else "/")
        return found

    def redirect(self, route: str, fragment: str = "") -> str | None:
        """Where a redirect sends `route` (with its #fragment, if one was redirected alone)."""
        route = self._without_html(route)
        if fragment and f"{route}#{fragment}" in self.redirects:
            return self.redirects[f"{route}#{fragment}"]
        return self.redirects.get(route)

    def anchor_redirect(self, route: str, fragment: str) -> str | None:
        """Where the generator's config redirects one anchor of `route` (`/old#a` -> `/new#b`),
        or None. `redirect` would say the same: only a declared redirect can name an anchor
        (pages list old URLs, whose fragments are dropped), and declared ones come first; so the
        pages' front matter is not read."""
        route = self._without_html(route)
        declared = self._declared
        found = declared.get(f"{route}#{fragment}") if fragment else None
        found = found if found is not None else declared.get(route)
        return found if found is not None and "#" in found else None

    @functools.cached_property
    def _declared(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for old, new in self.config.declared:
            found.setdefault(self._declared_key(old), new)
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
        return any(re.match(pattern, route) for pattern in self.config.unchecked)

    def rule_names(self) -> frozenset[str]:
        """The rule names mdbook-spec markers (`r[items.fn]` lines) define across the site."""
        if self._rule_names is None:
            names: set[str] = set()
            for page in set(self.pages.values()):
                if page.suffix.lower() in SUFFIXES:
                    names.update(_RULE_MARKER.findall(_read(page)))
            self._rule_names = frozenset(names)
        return self._rule_names

    def holds_no(self, route: str) -> bool:
        """Whether `route` names a file of a kind the tree holds none of (images kept outside the
        docs tree, say): such a link cannot be judged here."""
        suffix = Path(route).suffix.lower()
        if not self.suffixes or not suffix or suffix in SUFFIXES or suffix in (".html", ".htm"):
            return False  # no index of the tree's files to judge by, or a page
        return suffix not in self.suffixes

    def folder_file(self, route: str) -> Path | None:
        """A non-page file under a route folder (an image, a download)."""
        prefix = self.route_prefix(route)
        if prefix is None:
            return None
        folder = dict(self.config.routes)[prefix]
        candidate = folder / route[len(prefix.rstrip("/")) :].lstrip("/")
        return candidate if candidate.is_file() and boundary.allows(candidate) else None


def _routes_of(scheme: str, prefix: str, folder: Path, path: Path) -> list[str]:
    """The URLs a page is served at under a route `prefix` -> `folder`."""
    if scheme != "docusaurus":
        return [_path_route(prefix, os.fspath(folder), os.fspath(path))]
    from doclint.site import docusaurus

    relative = path.relative_to(folder).with_suffix("")
    parts = docusaurus.route_parts(relative, _page_info(path, "route-fields"), prefix)
    return ["/".join((prefix.rstrip("/"), *parts)) or "/"]


def _path_route(prefix: str, folder: str, path: str) -> str:
    """`_routes_of`'s URL on the path scheme, in string operations: the site index makes one
    for every page under the routes, and pathlib's relative_to and with_suffix were most of the
    index's cost on a run that lints a few pages. A name loses its suffix as
    Path.with_suffix("") drops it; `index` names its folder."""
    start = folder.rstrip(os.sep) + os.sep
    relative = path[len(start) :] if path.startswith(start) else Path(path).relative_to(folder).as_posix()
    parts = relative.split("/")
    name = parts[-1]
    dot = name.rfind(".")
    parts[-1] = name[:dot] if 0 < dot < len(name) - 1 else name
    if parts[-1] == "index":
        parts.pop()
    return "/".join((prefix.rstrip("/"), *parts)) or "/"


def _files_under(folder: Path) -> list[tuple[Path, bool]]:
    """Every file below `folder`, in a stable order, each with whether it is `plain`: a regular
    file, no symlink, in a folder that is its real path, so that it needs no resolving (the
    boundary is asked once per folder). Symlinked folders are not walked (a loop, or a way out
    of the tree), as in discovery."""
    real = os.path.realpath(folder) == os.fspath(folder)
    found = []
    pending = [os.fspath(folder)]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir():  # as os.walk: a link to a folder is listed as one, not walked
                    if not entry.is_symlink():
                        pending.append(entry.path)
                    continue
                plain = real and entry.is_file(follow_symlinks=False)
            except OSError:
                plain = False
            found.append((entry.path, plain))
    # Sorted as Paths compare (part by part), without building a Path to compare each time.
    return [(Path(path), plain) for path, plain in sorted(found, key=lambda item: item[0].split(os.sep))]


def normalise(route: str) -> str:
    route = route.split("#", 1)[0].split("?", 1)[0]
    return route.rstrip("/") or "/"


def anchors_of(path: Path, id_rule: str = "github", params: tuple = ()) -> frozenset[str]:
    """Every anchor a page offers, by the site's id rule (the page is parsed as when linted)."""
    return _page_info(boundary.resolved(path), f"anchors:{id_rule}", params=params)


# What the site index knows of each page, with the (mtime, size) it was read at: kept across
# runs in the lint cache, so a warm run reads no page it has seen unchanged.
PAGE_INFO: dict[str, dict] = {}


def _page_info(path: Path, what: str, redirect_key: str = "redirect_from", params: tuple = ()):
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (0, 0)
    info = PAGE_INFO.get(str(path))
    if info is None or info["stamp"] != stamp:
        info = PAGE_INFO[str(path)] = {"stamp": stamp}
    key = f"redirects:{redirect_key}" if what == "redirects" else what
    if key not in info:
        text = _read(path)
        if what.startswith("anchors:"):
            info[key] = _anchors_in(path, text, what.removeprefix("anchors:"), params)
        elif what == "route-fields":
            info[key] = _route_fields(text)
        else:
            info[key] = _redirects_in(text, redirect_key)
    return info[key]


def _anchors_in(path: Path, text: str, id_rule: str, params: tuple) -> frozenset[str]:
    """A page's anchors, parsed as the run parses pages of its site (its profile's containers)."""
    from doclint.document import Document
    from doclint.site import ids, profile

    try:
        doc = Document(str(path), text, containers=profile.for_page(path).containers, inline=ids.wants_inline)
        return ids.page_anchors(doc, id_rule, **dict(params))
    except RecursionError:
        return frozenset()  # nested too deeply to parse: its own lint says so


def _current_info(path: str) -> dict | None:
    """The index's entry for the page at `path` as the file is now (emptied if it changed
    since), or None when there is no such file."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    info = PAGE_INFO.get(path)
    if info is None or info["stamp"] != stamp:
        info = PAGE_INFO[path] = {"stamp": stamp}
    return info


def remember(path: str, anchors: frozenset[str], redirect_key: str, redirects: tuple[str, ...], id_rule: str = "github") -> None:
    """What a linted page told us about itself, so the index does not read it again."""
    info = _current_info(path)
    if info is not None:
        info[f"anchors:{id_rule}"] = anchors
        info[f"redirects:{redirect_key}"] = redirects


def remember_text(path: str, text: str) -> None:
    """The anchors and redirects of an editor's buffer of the page at `path` (absolute), kept as
    the file's while the file is unchanged: other pages' links are judged against the buffer."""
    from doclint.site import profile

    site = profile.for_page(path)
    remember(path, _anchors_in(Path(path), text, site.id_rule, site.id_params), "redirect_from", _redirects_in(text, "redirect_from"), site.id_rule)


def forget(path: str) -> None:
    """Drop what the index knows of a page (an editor closed its buffer)."""
    PAGE_INFO.pop(path, None)


def remember_fact(path: str, key: str, value) -> None:
    """Something a linted page (`path` absolute) told a site-wide rule about itself (its house
    style measurements, the figures it states), kept with the page's stamp so later runs know
    it while the page is unchanged."""
    info = _current_info(path)
    if info is not None:
        info[key] = value


def current_facts(key: str, folders: tuple[str, ...]) -> list[tuple[str, object]]:
    """(path, value) of every page under `folders` that told `key` and is unchanged since,
    in path order: deleted and edited pages are left out (their own lint tells it again)."""
    inside = tuple(os.path.realpath(folder).rstrip(os.sep) + os.sep for folder in folders)
    found = []
    for path, info in PAGE_INFO.items():
        if key not in info or not path.startswith(inside):
            continue
        try:
            stat = os.stat(path)
        except OSError:
            continue
        if (stat.st_mtime_ns, stat.st_size) == info["stamp"]:
            found.append((path, info[key]))
    return sorted(found)


def _route_fields(text: str) -> tuple[str, ...]:
    """A page's front matter `id` and `slug` (Docusaurus routes), as ("id", value, "slug", value)."""
    data = _front_matter(text, ("id:", "slug:"))
    if not isinstance(data, dict):
        return ()
    return tuple(item for key in ("id", "slug") if isinstance(data.get(key), (str, int)) for item in (key, str(data[key])))


def _front_matter(text: str, hints: tuple[str, ...]):
    """The front matter's value when it mentions one of `hints`, else None (no YAML parse)."""
    match = _FRONT_MATTER.match(text)
    if not match or not any(hint in (match.group(1) or "") for hint in hints):
        return None
    from doclint import simple_yaml

    simple = simple_yaml.load(match.group(1) or "")
    if simple is not None:
        return simple
    import yaml

    from doclint import yaml_safe

    try:
        return yaml_safe.load(match.group(1) or "")
    except yaml.YAMLError:
        return None  # the frontmatter rule reports it


def _redirects_in(text: str, key: str) -> tuple[str, ...]:
    data = _front_matter(text, (key,)) if key else None
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
