"""Site profiles: which generator builds the tree, and what that means for links and ids.

A profile is detected from the generator's own files, with no config: walking up from a page's
folder to its project root (doclint.boundary), the first folder that holds (or whose `website/`
or `docs/` child holds) a generator's config decides. Each generator is one module of this
package with a `detect(folder) -> Profile | None`; plain Markdown (GitHub rendering) is what is
left. A config's `site` key overrides the generator or any part (README, "Site profiles").
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

GENERATORS = ("mdbook", "mkdocs", "docusaurus", "starlight", "ably", "github")
ID_RULES = ("github", "mdbook", "python-markdown", "docusaurus", "starlight", "ably")
CONTAINERS = ("admonitions", "tabs", "directives")


@dataclass(frozen=True)
class Profile:
    """What a site's generator decides about its pages (hashable: runs key their index by it)."""

    generator: str  # mdbook, mkdocs, docusaurus, starlight, ably, github
    root: Path  # the folder of the generator's config (for github: the project root)
    source: str  # the file it was detected from, or "(no generator found)" / "config"
    # Folders whose pages the site serves; a relative link that leaves all of them leaves the
    # site (into a neighbouring book, the repository's code) and is not checked.
    content: tuple[Path, ...] = ()
    routes: tuple[tuple[str, Path], ...] = ()  # URL prefix -> folder of pages, longest first
    scheme: str = "path"  # how a page's URL is made: "path" or "docusaurus" (front matter ids)
    id_rule: str = "github"  # see doclint.site.ids
    id_params: tuple[tuple[str, Any], ...] = ()
    html_sources: bool = False  # a link naming x.html means the page built from x.md
    redirects: tuple[tuple[str, str], ...] = ()  # declared in the generator's config: old -> new
    containers: frozenset[str] = frozenset()  # Markdown extensions the generator adds
    # Routes the tree does not hold the pages of (another version's docs), as regular
    # expressions matched at the start of a route: not checked.
    unchecked: tuple[str, ...] = ()
    # Locale prefixes whose missing pages fall back to the default locale's (Starlight).
    locales: tuple[str, ...] = ()
    # Whether a page's URL is a folder (`/guides/i18n/`): a relative link is a URL from there.
    directory_urls: bool = False
    # Routes the tree does not hold pages for (served by code), as `external_routes` takes them.
    external: tuple[str, ...] = ()
    rule_defaults: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()  # rule -> option defaults

    @property
    def folders(self) -> tuple[str, ...]:
        """The folders whose pages make the site (its content, else its root), as site-wide
        rules sum what its pages told the index (doclint.site.current_facts)."""
        return tuple(str(folder) for folder in self.content or (self.root,))

    def defaults_for(self, rule: str) -> dict[str, Any]:
        return dict(dict(self.rule_defaults).get(rule, ()))

    def with_routes(self, routes: dict[str, Path]) -> Profile:
        return replace(self, routes=sorted_routes(routes.items()))


def sorted_routes(routes) -> tuple[tuple[str, Path], ...]:
    """Routes longest prefix first, folders absolute, so the most specific route wins."""
    return tuple(sorted(((prefix, Path(os.path.abspath(folder))) for prefix, folder in routes), key=lambda r: -len(r[0])))


def config_file(folder: Path, names: tuple[str, ...]) -> tuple[Path, str] | None:
    """The first of `names` in `folder` that exists, with its text (read as data, never run)."""
    config = next((folder / name for name in names if (folder / name).is_file()), None)
    if config is None:
        return None
    try:
        return config, config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def github(root: Path) -> Profile:
    """Plain Markdown as GitHub renders it: relative links (the whole tree is the site),
    github-slugger ids."""
    return Profile("github", root, "(no generator found)")


# Each generator, in the order detection asks them, with the files (or folder) one of which its
# `detect` needs: a folder is asked only by the generators whose marker it holds, so a run imports
# just the one module that builds its site (issue 18, "one page is instant").
MARKERS: dict[str, tuple[str, ...]] = {
    "mdbook": ("book.toml",),
    "mkdocs": ("mkdocs.yml", "mkdocs.yaml"),
    "docusaurus": tuple(f"docusaurus.config.{ext}" for ext in ("js", "mjs", "ts", "cjs", "mts")),
    "starlight": tuple(f"astro.config.{ext}" for ext in ("mjs", "js", "ts", "mts", "cjs")),
    "ably": ("src/pages/docs",),
}


def _generator(name: str):
    """The module of a generator named in MARKERS, imported on first use."""
    import importlib

    return importlib.import_module(f"doclint.site.{name}")


_BY_FOLDER: dict[tuple[str, str], Profile] = {}
_AT_FOLDER: dict[str, Profile | None] = {}  # a folder -> the generator found right there (_at)
_ASSIGNED: dict[str, Profile] = {}  # linted page (absolute path) -> the profile its run chose


def new_run() -> None:
    """Forget what earlier runs detected (a generator's config may have changed since)."""
    _BY_FOLDER.clear()
    _AT_FOLDER.clear()
    _ASSIGNED.clear()


def assign(path: Path, profile: Profile) -> None:
    """Record the profile a run lints `path` with (detected, then the config's `site` applied),
    so every rule judges the page by the same one."""
    _ASSIGNED[os.path.abspath(path)] = profile


def for_page(path: Path | str) -> Profile:
    """The profile of a page: the one its run chose, else detected up to its project root."""
    chosen = _ASSIGNED.get(os.path.abspath(path))
    if chosen is not None:
        return chosen
    from doclint import boundary

    run = boundary.current()
    folder = Path(os.path.abspath(path)).parent
    # With no run (a library call), the generator's files may be anywhere above the page.
    root = run.root_for(Path(path)) if run is not None else Path(folder.anchor)
    return detect(folder, root)


def configured(detected: Profile, overrides: tuple[tuple[str, Any], ...], config_root: Path) -> Profile:
    """The detected profile with a config's `site` settings applied."""
    settings = dict(overrides)
    found = detected
    generator = settings.get("generator")
    if generator is not None and generator != detected.generator:
        module = _generator(generator) if generator in MARKERS else None
        found = (module.detect(config_root) if module else None) or Profile(
            generator, config_root, "config", content=(config_root,), id_rule=_ID_OF.get(generator, "github"),
            html_sources=generator in ("mdbook", "mkdocs"),
        )
    if "routes" in settings:
        found = replace(found, routes=sorted_routes((prefix, Path(folder)) for prefix, folder in settings["routes"]), scheme="path")
    if "id-rule" in settings:
        found = replace(found, id_rule=settings["id-rule"], id_params=())
    if "containers" in settings:
        found = replace(found, containers=frozenset(settings["containers"]))
    return found


_ID_OF = {"mdbook": "mdbook", "mkdocs": "python-markdown", "docusaurus": "docusaurus", "starlight": "starlight", "ably": "ably"}


def detect(folder: Path, root: Path) -> Profile:
    """The profile of the pages in `folder`, looking upward no further than `root`."""
    folder, root = Path(os.path.abspath(folder)), Path(os.path.abspath(root))
    key = (str(folder), str(root))
    if key not in _BY_FOLDER:
        _BY_FOLDER[key] = _detect(folder, root)
    return _BY_FOLDER[key]


def _detect(folder: Path, root: Path) -> Profile:
    chain = [folder, *folder.parents]
    if root in chain:
        chain = chain[: chain.index(root) + 1]
    else:
        chain = chain[:1]
    for candidate in chain:
        found = _at(candidate)
        if found is not None:
            return found
    return github(root)


def _at(candidate: Path) -> Profile | None:
    """The generator whose files sit in `candidate` (or its website/ or docs/), if any: asked once
    per folder a run meets, since every page's walk upward passes the same parents."""
    key = str(candidate)
    if key not in _AT_FOLDER:
        _AT_FOLDER[key] = _detect_at(candidate)
    return _AT_FOLDER[key]


def _detect_at(candidate: Path) -> Profile | None:
    for place in (candidate, candidate / "website", candidate / "docs"):
        if not place.is_dir():
            continue
        for name, markers in MARKERS.items():
            if any(os.path.exists(place / marker) for marker in markers):
                found = _generator(name).detect(place)
                if found is not None:
                    return found
    return None
