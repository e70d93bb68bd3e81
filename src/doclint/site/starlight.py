"""Astro Starlight: `astro.config.*` using the starlight integration; pages in
`src/content/docs/`.

`src/content/docs/guides/i18n.mdx` is served at `/guides/i18n/`; ids are github-slugger slugs of
the heading's text; `:::note` asides are Markdown containers; a page missing in a locale
(`/de/...`) falls back to the default locale's page.
"""

from __future__ import annotations

import re
from pathlib import Path

from doclint import lazy_re
from doclint.site.profile import MARKERS, Profile, config_file, sorted_routes

_CONFIGS = MARKERS["starlight"]
_LOCALES = lazy_re.compile(r"\blocales\s*[:=]\s*\{(.*?)\n\s*\}", re.DOTALL)
_LOCALE_KEY = lazy_re.compile(r"^\s*['\"]?([\w-]+)['\"]?\s*:\s*\{", re.MULTILINE)


def detect(folder: Path) -> Profile | None:
    found = config_file(folder, _CONFIGS)
    if found is None:
        return None
    config, text = found
    if "starlight" not in text:
        return None
    pages = folder / "src" / "content" / "docs"
    match = _LOCALES.search(text)
    locales = tuple(key for key in _LOCALE_KEY.findall(match.group(1)) if key != "root") if match else ()
    return Profile(
        "starlight",
        folder,
        config.name,
        content=(pages,),
        routes=sorted_routes([("/", pages)]),
        id_rule="starlight",
        containers=frozenset({"directives"}),
        locales=locales,
        directory_urls=True,  # trailingSlash: pages are folders
    )
