"""Flags internal links, images and anchors that do not resolve in the docs tree, offline.

"!!!TODO remove this if export chat not merged!!!" sat on a link to a guide that did not exist
yet: a reviewer caught it by eye. A broken link sends the reader to a 404; a missing anchor drops
them at the top of a long page.

- Relative links (`../rooms.md#attach`, `images/flow.png`) resolve against the page's folder;
  `page` also finds `page.md`, `page.mdx` and `page/index.md(x)`.
- Site-absolute links (`/docs/chat/rooms`) resolve through `routes`, URL prefixes mapped to
  folders (`{"/docs" = "src/pages/docs"}`): `/docs/chat/rooms` is `rooms.md(x)` or
  `rooms/index.md(x)` under `src/pages/docs/chat`. A link under no route prefix is not checked
  (it belongs to another part of the site). `external_routes` lists routes served by
  non-Markdown pages (`/docs/sdks`; `/examples*` for a prefix); `external_routes_file` reads them
  from a file, one a line.
- A link to an old URL that a page lists under its `redirect_key` front matter key
  (`redirect_from`) works, through a redirect: it is an info finding naming the page to link
  instead.
- `#anchors` must exist in the target page: heading slugs (GitHub-style, duplicates numbered)
  and explicit ids (`<a id="x"/>`, `id=` on any tag, `{#x}`). Query strings are ignored.
- External links (`https://`, `mailto:`...) are never fetched. `ignore` skips links matching
  any of its globs (`*.png` when images live outside the docs tree).
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from doclint import lazy_re
from doclint import boundary
from doclint.document import Document, Link
from doclint.findings import Problem, Severity
from doclint.rule import Option, Rule, SiteCheck
from doclint.site import Site, SiteConfig, anchors_of, ids, normalise, profile, redirect_list, remember, site_for
from doclint.site.profile import Profile

_EXTERNAL = lazy_re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
# A link definition; `[^note]:` defines a footnote, not a link.
_DEFINITION = lazy_re.compile(r"^ {0,3}\[(?!\^)([^\]\n]+)\]:[ \t]*<?([^\s>]+)>?", re.MULTILINE)
# Template placeholders, filled in when the site is built: {{ url }}, ENGLISH_VERSION_URL.
_PLACEHOLDER = lazy_re.compile(r"\{\{|\}\}|^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")


def _site(options: Mapping[str, Any], site_profile: Profile) -> Site:
    routes = tuple(sorted(((prefix, Path(folder).resolve()) for prefix, folder in options["routes"].items()), key=lambda r: -len(r[0])))
    external = list(options["external_routes"])
    if options["external_routes_file"]:
        path = Path(options["external_routes_file"])
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        external += [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return site_for(
        SiteConfig(
            routes or site_profile.routes,  # the config's routes, else the generator's
            tuple(external) + site_profile.external,
            options["redirect_key"],
            scheme=site_profile.scheme if not routes else "path",
            html_sources=site_profile.html_sources,
            declared=site_profile.redirects,
            unchecked=site_profile.unchecked,
            locales=site_profile.locales,
        )
    )


def collect(doc: Document, options: Mapping[str, Any]) -> dict[str, Any]:
    """What the link check needs from a page: its links (with their lines) and its anchors."""
    destinations = []
    seen: set[tuple[int, str]] = set()
    for href, start, end in _destinations(doc):
        if not href or _EXTERNAL.match(href) or _PLACEHOLDER.search(href):
            continue
        line = doc.position(start)[0]
        if (line, href) not in seen:  # the same destination twice on a line is one problem
            seen.add((line, href))
            destinations.append((href, start, end))
    site_profile = profile.for_page(doc.path)
    return {
        "destinations": destinations,
        "anchors": ids.page_anchors(doc, site_profile.id_rule, **dict(site_profile.id_params)),
        "redirects": redirect_list(doc.frontmatter.get(options["redirect_key"])) if doc.frontmatter_end else (),
    }


def learn(inputs: dict[str, Any], options: Mapping[str, Any], path: str) -> None:
    """Tell the site index this page's anchors and redirects (it would read them again)."""
    rule = profile.for_page(path).id_rule
    remember(os.path.realpath(path), inputs["anchors"], options["redirect_key"], inputs.get("redirects", ()), rule)


def resolve(inputs: dict[str, Any], options: Mapping[str, Any], path: str) -> Iterator[Problem]:
    site_profile = profile.for_page(path)
    site = _site(options, site_profile)
    here = boundary.resolved(Path(path))  # in this checkout: the cached inputs do not say where
    for href, start, end in inputs["destinations"]:
        if options["ignore"] and _ignored(href, tuple(options["ignore"])):
            continue
        path_part, _, fragment = href.partition("#")
        path_part = urllib.parse.unquote(path_part.split("?", 1)[0])
        fragment = urllib.parse.unquote(fragment)
        link = _Link(href, fragment, start, end)
        if not path_part:
            if fragment and options["check_anchors"] and fragment not in inputs["anchors"] and not _generated(site_profile, fragment):
                yield Problem(start, end, f"No anchor #{fragment} on this page" + _closest(fragment, inputs["anchors"], "#"))
        elif path_part.startswith("/"):
            yield from _site_absolute(site, site_profile, path_part, link, options)
        else:
            yield from _relative(site, site_profile, here, path_part, link, options)


def site_of(here: Path) -> Site:
    """The site index of the page at `here`, as the link check builds it with no config."""
    return _site(RULE.default_options(), profile.for_page(here))


def target_page(href: str, here: Path) -> Path | None:
    """The page of this site a link on the page at `here` leads to (through a redirect, too), or
    None: for other rules that follow links (a figure's source)."""
    path_part = urllib.parse.unquote(href.partition("#")[0].split("?", 1)[0])
    if not path_part or _EXTERNAL.match(href):
        return None
    site_profile = profile.for_page(here)
    site = site_of(here)
    if path_part.startswith("/"):
        route = normalise(path_part)
        moved = site.redirect(route) if site.page(route) is None else None
        return site.page(normalise(moved)) if moved else site.page(route)
    target = here.parent / path_part
    if not boundary.allows(target):
        return None
    page = next((c for c in _candidates(target, site_profile.html_sources) if c.is_file()), None)
    if page is None and not Path(path_part).suffix:
        url = _url_from(site, site_profile, here, path_part)
        page = site.page(url) if url is not None else None
    return Path(os.path.realpath(page)) if page is not None else None


@dataclass(frozen=True)
class _Link:
    """One link being judged: its href, the #fragment unquoted, and where it is in the page."""

    href: str
    fragment: str
    start: int
    end: int


def _site_absolute(site: Site, site_profile: Profile, path_part: str, link: _Link, options) -> Iterator[Problem]:
    route = normalise(path_part)
    if site.route_prefix(route) is None or site.is_external(route):
        return
    page = site.page(route)
    if page is None:
        target = site.redirect(route, link.fragment)
        if target is not None:
            target += f"#{link.fragment}" if link.fragment and "#" not in target else ""
            yield Problem(link.start, link.end, f"{link.href} reaches its page through a redirect: link to {target} instead", severity=Severity.INFO)
            return
        if site.folder_file(route) is None and not site.holds_no(route):
            yield Problem(link.start, link.end, f"Broken link {link.href}: no page serves {route}" + _closest(route, site.pages, ""))
        return
    yield from _anchor(site, site_profile, page, route, link, options)


def _relative(site: Site, site_profile: Profile, here: Path, path_part: str, link: _Link, options) -> Iterator[Problem]:
    target = here.parent / path_part
    if not boundary.allows(target):
        return  # it leaves the tree: not ours to judge, and nothing out there is read
    if site_profile.content and not any(_within(target, folder) for folder in site_profile.content):
        return  # it leaves the site (a neighbouring book, the repository's code): not checked
    page = next((c for c in _candidates(target, site_profile.html_sources) if c.is_file()), None)
    if page is None and dict(site_profile.id_params).get("rule_markers"):
        if _rule_shaped(path_part) and path_part not in site.rule_names():
            yield Problem(link.start, link.end, f"Broken link {link.href}: no rule {path_part} in this book")
            return
        if _spec_link(site, path_part):
            return  # mdbook-spec resolves it when the book is built
    if page is None and not Path(path_part).suffix:
        url = _url_from(site, site_profile, here, path_part)  # a URL relative to the page's URL
        if url is not None and (site.page(url) is not None or site.is_external(url)):
            found = site.page(url)
            if found is not None:
                yield from _anchor(site, site_profile, found, link.href.partition("#")[0], link, options)
            return
    if page is None and site.holds_no(path_part):
        return
    moved = _moved(site, target, link.fragment) if page is None else None
    if moved is not None:
        yield Problem(link.start, link.end, f"{link.href} reaches its page through a redirect: link to {moved} instead", severity=Severity.INFO)
        return
    if page is None:
        if os.path.islink(target):
            yield Problem(link.start, link.end, f"Broken link {link.href}: {target.name} is a symbolic link to {os.readlink(target)}, which does not exist")
        elif not target.is_dir():
            yield Problem(link.start, link.end, f"Broken link {link.href}: {target.name} does not exist")
        return
    if page.suffix.lower() in (".md", ".mdx", ".markdown"):
        yield from _anchor(site, site_profile, page, link.href.partition("#")[0], link, options)


# An mdbook-spec rule name used as a link destination: `[closure]: expr.closure`.
_RULE_NAME = lazy_re.compile(r"[a-z][\w-]*(?:\.[\w-]+)+")
_DOC_SUFFIXES = (".md", ".mdx", ".markdown", ".html", ".htm")


def _rule_shaped(path_part: str) -> bool:
    return _RULE_NAME.fullmatch(path_part) is not None and Path(path_part).suffix.lower() not in _DOC_SUFFIXES


def _spec_link(site: Site, path_part: str) -> bool:
    """Whether mdbook-spec turns this destination into a link itself: a rule's name (`expr.closure`,
    checked against the book's `r[...]` markers), or a bare name that is no file (`bool`,
    `proc_macro::Group`, a grammar production), which it links to the standard library's docs or
    the grammar. A dotted lower-case name that no marker defines is still a broken rule link."""
    if path_part in site.rule_names():
        return True
    if "/" in path_part or _rule_shaped(path_part):
        return False
    return Path(path_part).suffix.lower() not in _DOC_SUFFIXES


def _url_from(site: Site, site_profile: Profile, here: Path, path_part: str) -> str | None:
    """The route a relative link without a file name reaches from the page's own URL, as a
    browser resolves it (Docusaurus `configuration` from /docs/cli is /docs/configuration)."""
    route = site.routes.get(here)
    if route is None:
        return None
    base = route.rstrip("/") + "/" if site_profile.directory_urls or route == "/" else route
    return normalise(urllib.parse.urljoin(base, path_part))


def _moved(site: Site, target: Path, fragment: str) -> str | None:
    """Where a redirect sends a relative link's missing page, read as a route (mdBook redirects
    `old.html`, a moved page, to where it went)."""
    absolute = Path(os.path.abspath(target))
    for prefix, folder in site.config.routes:
        if absolute == folder or folder in absolute.parents:
            route = "/".join((prefix.rstrip("/"), *absolute.relative_to(folder).with_suffix("").parts)) or "/"
            found = site.redirect(route, fragment)
            if found is not None:
                return found + (f"#{fragment}" if fragment and "#" not in found else "")
    return None


def _generated(site_profile: Profile, fragment: str) -> bool:
    """An anchor the generator makes from outside the page (mdbook-spec's `#grammar-X`)."""
    return bool(dict(site_profile.id_params).get("rule_markers")) and fragment.startswith("grammar-")


def _within(path: Path, folder: Path) -> bool:
    absolute = Path(os.path.abspath(path))
    return absolute == folder or folder in absolute.parents


def _candidates(target: Path, html_sources: bool) -> list[Path]:
    """The files a relative link may mean: the file, a page without its suffix, a folder's index
    page, and with `.html` links the page it is built from (mdBook's README.md is index.html)."""
    found = [target] + [target.with_name(target.name + suffix) for suffix in (".md", ".mdx")]
    found += [target / "index.md", target / "index.mdx", target / "README.md"]
    if html_sources and target.suffix.lower() in (".html", ".htm"):
        stem = target.with_suffix("")
        found += [stem.with_suffix(".md"), stem.with_suffix(".mdx")]
        if stem.name == "index":
            found += [stem.with_name("README.md"), stem.with_name("index.md")]
    return found


def _anchor(site: Site, site_profile: Profile, page: Path, shown: str, link: _Link, options) -> Iterator[Problem]:
    if not link.fragment or not options["check_anchors"]:
        return
    if _generated(site_profile, link.fragment):
        return
    anchors = anchors_of(page, site_profile.id_rule, site_profile.id_params)
    if link.fragment in anchors:
        return
    route = site.routes.get(page.resolve())
    moved = site.anchor_redirect(route, link.fragment) if route else None
    if moved is not None:  # the generator redirects this one anchor (mdBook)
        yield Problem(link.start, link.end, f"{link.href} reaches its anchor through a redirect: link to {moved} instead", severity=Severity.INFO)
        return
    yield Problem(link.start, link.end, f"No anchor #{link.fragment} in {shown}" + _closest(link.fragment, anchors, "#"))


# A page of links to missing anchors once cost minutes of difflib: each hint compared its name
# with every anchor of the page. Hints are now sought for the first MAX_HINTS problems of a page
# only (past 100 findings of a rule, the engine shows a count instead), and only among candidates
# few and short enough to compare quickly.
MAX_HINTS = 100
MAX_HINT_LENGTH = 200  # characters of a name or a candidate
MAX_HINT_CANDIDATES = 2000  # of a length that could be close; past that, no hint
MAX_HINT_PAIRS = 2_000_000  # characters of the name times characters of the candidates
_hints_left: ContextVar[int] = ContextVar("hints_left", default=MAX_HINTS)


def _with_hints(resolve):
    """`resolve`, with a budget of MAX_HINTS "did you mean" searches for each page it resolves."""

    def resolve_page(*args):
        _hints_left.set(MAX_HINTS)
        yield from resolve(*args)

    return resolve_page


def _closest(name: str, candidates, prefix: str) -> str:
    """The hint ` (did you mean X?)` naming the candidate closest to `name`, or "" (none is
    close, or the page's budget is spent)."""
    left = _hints_left.get()
    if left <= 0 or len(name) > MAX_HINT_LENGTH:
        return ""
    _hints_left.set(left - 1)
    near = _plausible(name, candidates)
    return _suggestion(name, near, prefix) if near is not None else ""


def _plausible(name: str, candidates) -> tuple[str, ...] | None:
    """The candidates whose length lets them reach difflib's 0.75 cutoff (its own first test,
    2 * shorter / total >= 0.75, so from 3/5 to 5/3 of the name's length), or None when
    comparing them would cost too much."""
    shortest, longest = -(-3 * len(name) // 5), min(5 * len(name) // 3, MAX_HINT_LENGTH)
    near = tuple(islice((c for c in candidates if shortest <= len(c) <= longest), MAX_HINT_CANDIDATES + 1))
    if len(near) > MAX_HINT_CANDIDATES or len(name) * sum(map(len, near)) > MAX_HINT_PAIRS:
        return None
    return near


def _ignored(href: str, globs: tuple[str, ...]) -> bool:
    import fnmatch

    return any(fnmatch.fnmatch(href, glob) for glob in globs)


@lru_cache(maxsize=4096)
def _suggestion(name: str, candidates: tuple[str, ...], prefix: str) -> str:
    # Cached: the same broken anchor recurs across pages, and difflib is slow (and slow to import).
    import difflib

    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    return f" (did you mean {prefix}{close[0]}?)" if close else ""


def _destinations(doc: Document) -> Iterator[tuple[str, int, int]]:
    """Each link and image at its use, and each reference definition at its own line."""
    for link in doc.links:
        if _inline_destination(doc, link):
            yield link.href, link.start, link.end
    if "]:" in doc.text:
        for match in _DEFINITION.finditer(doc.text, doc.frontmatter_end):
            if match.group(2) != "#" and not doc.in_code(doc.position(match.start())[0]):
                yield match.group(2), match.start(2), match.end(2)


def _inline_destination(doc: Document, link: Link) -> bool:
    """Links written `[text](dest)` or `![alt](src)`; reference links are checked at their
    definition instead, so a broken definition is one finding however often it is used."""
    if link.image:  # the span is the whole `![alt](src)`
        return "](" in doc.text[link.start : link.end]
    # After the text come its closing emphasis marks, if any, then `](`.
    return doc.text[link.end : link.end + 8].lstrip("*_~").startswith("](")


RULE = Rule(
    name="broken-link",
    summary="Internal links, images and anchors that do not resolve in the docs tree",
    check=None,
    site=SiteCheck(collect, _with_hints(resolve), learn),
    description=__doc__,
    severity=Severity.ERROR,
    tags=("links", "site"),
    options=(
        Option("routes", dict, {}, "URL prefix -> folder of pages (relative to the config file), e.g. {\"/docs\" = \"src/pages/docs\"}.", path=True),
        Option("external_routes", list, [], "Routes served by non-Markdown pages; end one with * for a prefix."),
        Option("external_routes_file", str, "", "A file listing such routes, one a line (# comments).", path=True),
        Option("redirect_key", str, "redirect_from", "Front matter key where pages list their old URLs."),
        Option("check_anchors", bool, True, "Check #anchors in the target page."),
        Option("ignore", list, [], "Globs of link destinations never checked, e.g. \"*.png\"."),
    ),
    bad_examples=(
        ("guide.md", "See the [export guide](export-chat.md) and [attach](#attach-a-room).\n"),
    ),
    good_examples=(
        ("guide.md", "## Attach a room\n\nSee [attach](#attach-a-room), [Ably](https://ably.com) and [mail](mailto:a@b.c).\n"),
    ),
)
