"""Docusaurus: `docusaurus.config.{js,mjs,ts}` (often in `website/`), docs and a blog.

A doc's URL is the docs route (`/docs`) plus its folder and its front matter `id` (else its file
name), numbered prefixes (`01-intro.md`) stripped, or its front matter `slug`; a blog post's is
`/blog/YYYY/MM/DD/name` from its file name (or `slug`). Links may name the `.md` file. Ids are
github-slugger slugs, or `{#id}`; `:::note` admonitions are containers. Routes to versions whose
docs the tree does not hold (`/docs/28.x/...` without `versioned_docs/version-28.x`) are not
checked. The config is JavaScript: doclint reads its plain `path:`/`routeBasePath:` values as
text and never runs it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from doclint import lazy_re
from doclint.site.profile import MARKERS, Profile, config_file, sorted_routes

_CONFIGS = MARKERS["docusaurus"]
_SECTION = r"^([ \t]*){name}\s*:\s*\{{(.*?)\n\1\}}"  # ends at the brace under its own key
_VALUE = r"\b{key}\s*:\s*['\"]([^'\"]*)['\"]"


def detect(folder: Path) -> Profile | None:
    found = config_file(folder, _CONFIGS)
    if found is None:
        return None
    config, text = found
    docs = _section(text, "docs")
    blog = _section(text, "blog")
    docs_folder = Path(os.path.abspath(folder / (_value(docs, "path") or "docs")))
    docs_route = "/" + (_value(docs, "routeBasePath") if _value(docs, "routeBasePath") is not None else "docs").strip("/")
    blog_folder = Path(os.path.abspath(folder / (_value(blog, "path") or "blog")))
    blog_route = "/" + (_value(blog, "routeBasePath") or "blog").strip("/")
    routes = [(docs_route, docs_folder)]
    if blog_folder.is_dir():
        routes.append((blog_route, blog_folder))
    pages = folder / "src" / "pages"
    if pages.is_dir():
        routes.append(("/", pages))
    return Profile(
        "docusaurus",
        folder,
        config.name,
        content=tuple(path for _, path in routes) + ((folder,) if docs_folder.parent != folder else ()),
        routes=sorted_routes(routes),
        scheme="docusaurus",
        id_rule="docusaurus",
        html_sources=re.search(r"fromExtensions\s*:\s*\[[^\]]*['\"]html['\"]", text) is not None,
        redirects=_client_redirects(text),
        containers=frozenset({"directives"}),
        unchecked=_missing_versions(folder, docs_route),
        # Pages the blog plugin makes: the list, its pages, tags and archive.
        external=(blog_route, f"{blog_route}/page/*", f"{blog_route}/tags*", f"{blog_route}/archive") if blog_folder.is_dir() else (),
    )


def _section(text: str, name: str) -> str:
    match = re.search(_SECTION.format(name=name), text, re.DOTALL | re.MULTILINE)
    return match.group(2) if match else ""


def _value(section: str, key: str) -> str | None:
    match = re.search(_VALUE.format(key=key), section)
    return match.group(1) if match else None


def _missing_versions(folder: Path, docs_route: str) -> tuple[str, ...]:
    """A pattern for `/docs/<version>/...` routes of versions the tree holds no docs of (every
    version when it keeps no `versioned_docs/`), told by their shape: `28.x`, `29.7`, `next`."""
    held = sorted(path.name.removeprefix("version-") for path in (folder / "versioned_docs").glob("version-*"))
    kept = "".join(f"(?!{re.escape(version)}(?:/|$))" for version in held)
    return (rf"{re.escape(docs_route.rstrip('/'))}/{kept}(?:next|\d+(?:\.\d+)*(?:\.x)?)(?:/|$)",)


_NUMBER = lazy_re.compile(r"^\d+[-_.]\s*")  # 01-intro.md: the number orders the sidebar, not the URL
_POST = lazy_re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")  # blog/2021-05-25-jest-27.md


def route_parts(relative: Path, fields: tuple[str, ...], prefix: str) -> list[str]:
    """The URL parts of a page at `relative` (no suffix) under its route, from its front matter
    `fields` (("id", value, "slug", value))."""
    values = dict(zip(fields[::2], fields[1::2]))
    folders = [_NUMBER.sub("", part) for part in relative.parts[:-1]]
    name = relative.name
    if "slug" in values:
        slug = values["slug"]
        return [part for part in slug.split("/") if part] if slug.startswith("/") else [*folders, slug]
    post = _POST.match(name) or (_POST.match(relative.parts[-2]) if name == "index" and len(relative.parts) > 1 else None)
    if post:
        return [*post.groups()[:3], post.group(4)]
    if name.lower() in ("index", "readme") and "id" not in values:
        return folders  # a category's index page is the category's URL
    return [*folders, values.get("id", _NUMBER.sub("", name))]


_REDIRECT = lazy_re.compile(r"\{\s*(?:to\s*:\s*['\"]([^'\"]+)['\"]\s*,\s*from\s*:\s*['\"]([^'\"]+)['\"]|from\s*:\s*['\"]([^'\"]+)['\"]\s*,\s*to\s*:\s*['\"]([^'\"]+)['\"])\s*,?\s*\}")


def _client_redirects(text: str) -> tuple[tuple[str, str], ...]:
    """plugin-client-redirects' `redirects: [{from: '/old', to: '/new'}]`, as literal pairs
    (a `from` list or a function is code doclint does not run)."""
    found = []
    for to_first, from_second, from_first, to_second in _REDIRECT.findall(text):
        found.append((from_second, to_first) if to_first else (from_first, to_second))
    return tuple(found)
