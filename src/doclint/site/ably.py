"""The Ably docs site (Gatsby): pages under `src/pages/docs/`, served at `/docs/...`.

`src/pages/docs/chat/rooms/presence.mdx` is `/docs/chat/rooms/presence`, an `index.mdx` its
folder's URL; pages list old URLs under `redirect_from`; ids are GitHub-style slugs of heading
text and explicit `<a id>` tags. Routes served by React page components (any other file under
`src/pages/`) and those the tree lists in `non-markdown-routes.txt` are pages too. Its style guide
asks for a sentence between a heading and a code block, so that check of `heading-structure` is
on here (off elsewhere).
"""

from __future__ import annotations

from pathlib import Path

from doclint.site.profile import Profile, sorted_routes


def detect(folder: Path) -> Profile | None:
    pages = folder / "src" / "pages" / "docs"
    if not pages.is_dir():
        return None
    listed = folder / "non-markdown-routes.txt"
    try:
        text = listed.read_text(encoding="utf-8") if listed.is_file() else ""
    except (OSError, UnicodeDecodeError):
        text = ""
    external = tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    return Profile(
        "ably",
        folder,
        "src/pages/docs",
        content=(folder,),
        routes=sorted_routes([("/docs", pages)]),
        id_rule="ably",
        external=external,
        rule_defaults=(("heading-structure", (("code_after_heading", True),)),),
    )
