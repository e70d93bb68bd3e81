"""Links as an editor feature, from the site index the link check uses: completion of pages and
`#anchors` in a link's destination, go to a link's page and heading, and the links into a
heading. The site profile makes them right on every generator (routes, `.html` names, ids)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from doclint.document import Document, Link
from doclint.site import ids, profile

# A link destination being typed, up to the cursor: `[text](` then the destination so far.
_TYPING = re.compile(r"\]\(<?([^()\s<>]*)$")
_ID = re.compile(r"""\bid=["']([^"'\s]+)["']""")


def _document(path: Path, text: str) -> Document:
    return Document(str(path), text, mdx=path.suffix.lower() == ".mdx", containers=profile.for_page(path).containers)


def _headings(path: Path, text: str | None = None) -> list[tuple[int, str]]:
    site = profile.for_page(path)
    if text is None:
        from doclint import boundary

        if not boundary.allows(path):
            return []
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
    found = ids.heading_anchors(_document(path, text), site.id_rule, **dict(site.id_params))
    # A heading may carry its own anchors too (`## Subscribe <a id="subscribe"/>`, Ably's way).
    rows = text.split("\n")
    found += [(line, named) for line, _ in list(found) if 0 < line <= len(rows) for named in _ID.findall(rows[line - 1])]
    return sorted(found)


def _pages(here: Path) -> set[Path]:
    """The site's pages: its routes' pages, or for plain Markdown (no routes) every page of the
    project, found as `doclint check` finds them."""
    from doclint.discovery import discover
    from doclint.rules.broken_link import site_of

    pages = {Path(page) for page in site_of(here).pages.values()}
    return pages or {Path(os.path.realpath(page)) for page in discover([profile.for_page(here).root])}


def link_at(doc: Document, offset: int) -> Link | None:
    """The link whose text or destination holds `offset`."""
    for link in doc.links:
        end = link.end
        if doc.text.startswith("](", end):  # an inline link: its destination runs to `)`
            close = doc.text.find(")", end)
            end = close if close >= 0 else end
        if link.start - 1 <= offset <= end:
            return link
    return None


def definition(path: Path, text: str, offset: int) -> tuple[Path, int] | None:
    """Where the link at `offset` leads: its page and the 1-based line of its heading (1 when
    it names no heading, or one the page does not have)."""
    from doclint.rules.broken_link import target_page

    link = link_at(_document(path, text), offset)
    if link is None or link.image:
        return None
    page_part, _, fragment = link.href.partition("#")
    here = Path(os.path.realpath(path))
    target = here if not page_part else target_page(link.href, here)
    if target is None:
        return None
    headings = _headings(target, text if target == here else None)
    return target, next((line for line, anchor in headings if anchor == fragment), 1)


def references(path: Path, text: str, line: int) -> list[tuple[Path, int, int]]:
    """The links into the heading on 1-based `line` of the page: (page, start, end offsets)."""
    from doclint.rules.broken_link import target_page

    anchors = {a for l, a in _headings(path, text) if l == line}
    if not anchors:
        return []
    here = Path(os.path.realpath(path))
    found = []
    for page in sorted(_pages(here) | {here}):
        if page == here:
            source = text
        else:
            try:
                source = page.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
        if not any("#" + anchor in source for anchor in anchors):
            continue  # cheap: only pages that could link here are parsed
        for link in _document(page, source).links:
            page_part, _, fragment = link.href.partition("#")
            if fragment in anchors and (here if not page_part and page == here else target_page(link.href, page)) == here:
                found.append((page, link.start, link.end))
    return found


def completions(path: Path, text: str, before: str) -> list[str]:
    """What may complete the destination typed before the cursor (`before`: the line's text up
    to it): `#anchors` of the page it names, else the site's routes (`/...`) or relative pages."""
    from doclint.rules.broken_link import site_of, target_page

    typing = _TYPING.search(before)
    if typing is None:
        return []
    typed = typing.group(1)
    here = Path(os.path.realpath(path))
    if "#" in typed:
        page_part = typed.partition("#")[0]
        target = here if not page_part else target_page(page_part, here)
        if target is None:
            return []
        return [f"{page_part}#{anchor}" for _, anchor in _headings(target, text if target == here else None)]
    site = site_of(here)
    if typed.startswith("/"):
        return sorted(route for route in site.pages if route.startswith(typed))
    relative = sorted(os.path.relpath(page, here.parent) for page in _pages(here) if page != here)
    return [name for name in relative if name.startswith(typed)]
