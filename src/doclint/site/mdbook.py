"""mdBook: `book.toml` beside a `src/` folder (or `[book] src`), chapters listed in SUMMARY.md.

`src/items/functions.md` is served at `items/functions.html`; links name the `.md` file (mdBook
rewrites it) or the `.html` page; ids follow mdBook's own rule; `[output.html.redirect]` maps old
pages to new ones. A link out of `src/` leaves the book (`../std/...` into the standard library's
docs, which ship beside it) and is not this book's to check.
"""

from __future__ import annotations

from pathlib import Path

from doclint.site.profile import Profile, sorted_routes


def detect(folder: Path) -> Profile | None:
    config = folder / "book.toml"
    if not config.is_file():
        return None
    data = _read(config)
    book = data.get("book") if isinstance(data.get("book"), dict) else {}
    source = folder / str(book.get("src", "src"))
    html = data.get("output", {}).get("html", {}) if isinstance(data.get("output"), dict) else {}
    redirect = html.get("redirect", {}) if isinstance(html, dict) else {}
    redirects = tuple((str(old), str(new)) for old, new in redirect.items()) if isinstance(redirect, dict) else ()
    spec = "spec" in (data.get("preprocessor") or {})
    return Profile(
        "mdbook",
        folder,
        "book.toml",
        content=(source,),
        routes=sorted_routes([("/", source)]),
        id_rule="mdbook",
        id_params=(("rule_markers", spec),),
        html_sources=True,
        redirects=redirects,
    )


def _read(config: Path) -> dict:
    import tomllib  # only a book pays for it

    try:
        return tomllib.loads(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return {}  # a book.toml mdBook itself cannot read: the defaults
