"""MkDocs (Material and plain): `mkdocs.yml` with `docs_dir` (default `docs/`).

`docs/setup/index.md` is served at `/setup/` (or `setup/index.html` without directory URLs);
links name `.md` files relative to the page; ids come from Python-Markdown's `toc` slugify (or
the `slugify` mkdocs.yml configures) and `{ #id }` attribute lists; admonitions (`!!! note`) and
content tabs (`=== "Tab"`) are Markdown extensions when mkdocs.yml enables them; the
mkdocs-redirects plugin's `redirect_maps` are redirects.

mkdocs.yml holds Python tags (`!!python/name:...`) that MkDocs resolves by importing code:
doclint reads the file as data and never resolves them (they read as nothing).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from doclint.site.profile import MARKERS, Profile, sorted_routes

_CONFIGS = MARKERS["mkdocs"]


@cache
def _data_loader():
    """A safe loader that reads every tag it does not know (Python objects, env vars) as the
    tag's name and its arguments, as text: nothing is imported or called. Built on first use:
    YAML costs a one-page run that meets no mkdocs.yml."""
    import yaml

    from doclint import yaml_safe

    class DataLoader(yaml_safe.LOADER):
        pass

    def tagged(loader, suffix: str, node) -> str:
        if isinstance(node, yaml.MappingNode):
            kwds = loader.construct_mapping(node, deep=True).get("kwds") or {}
            arguments = ", ".join(f"{key}={value}" for key, value in kwds.items()) if isinstance(kwds, dict) else ""
            return f"{suffix.rsplit(':', 1)[-1]}({arguments})"
        return suffix.rsplit(":", 1)[-1]

    DataLoader.add_multi_constructor("", tagged)
    return DataLoader


def detect(folder: Path) -> Profile | None:
    config = next((folder / name for name in _CONFIGS if (folder / name).is_file()), None)
    if config is None:
        return None
    import yaml

    from doclint import yaml_safe

    try:
        data = yaml_safe.load(config.read_text(encoding="utf-8"), loader=_data_loader())
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    data = data if isinstance(data, dict) else {}
    pages = folder / str(data.get("docs_dir") or "docs")
    extensions = _names(data.get("markdown_extensions"))
    containers = set()
    if {"admonition", "pymdownx.details"} & set(extensions):
        containers.add("admonitions")
    if "pymdownx.tabbed" in extensions:
        containers.add("tabs")
    toc = extensions.get("toc") or {}
    # A slugify of its own, named as mkdocs.yml names it ("pymdownx.slugs.slugify(case=lower)").
    params = (("slugify", str(toc["slugify"])),) if isinstance(toc, dict) and toc.get("slugify") else ()
    tabbed = extensions.get("pymdownx.tabbed")
    if isinstance(tabbed, dict) and tabbed.get("slugify"):  # tabs get ids from their labels
        params += (("tab_slugify", str(tabbed["slugify"])), ("tab_combine", bool(tabbed.get("combine_header_slug"))))
    if "footnotes" in extensions or "pymdownx.extra" in extensions:
        params += (("footnotes", True),)  # `[^x]` makes the anchors fn:x and fnref:x
    if any(str(hook).endswith("hooks/shortcodes.py") for hook in data.get("hooks") or []):
        params += (("shortcodes", True),)  # Material's own hook rewrites <!-- md:... --> headings
    return Profile(
        "mkdocs",
        folder,
        config.name,
        content=(pages,),
        routes=sorted_routes([("/", pages)]),
        id_rule="python-markdown",
        id_params=params,
        html_sources=True,
        redirects=_redirects(data.get("plugins")),
        containers=frozenset(containers),
        directory_urls=data.get("use_directory_urls", True) is not False,
    )


def _names(entries) -> dict[str, object]:
    """mkdocs.yml lists extensions and plugins as names or one-key mappings of name to options."""
    found: dict[str, object] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, str):
            found[entry] = {}
        elif isinstance(entry, dict):
            found.update((str(key), value) for key, value in entry.items())
    return found


def _redirects(plugins) -> tuple[tuple[str, str], ...]:
    options = _names(plugins).get("redirects")
    maps = options.get("redirect_maps") if isinstance(options, dict) else None
    if not isinstance(maps, dict):
        return ()
    return tuple((str(old), str(new)) for old, new in maps.items())

