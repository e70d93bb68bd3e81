"""Heading ids and page anchors exactly as each docs generator makes them, from parsed tokens.

A link's `#fragment` is right only if the built page has that id, and each generator makes ids
its own way: which text of a heading it slugs (code spans verbatim, tags dropped, image alt kept
or not), how it slugs that text, how it numbers duplicates, which explicit id syntaxes it reads.
Each rule reproduces its generator's own code, named where it is reproduced:

    github           github-slugger 2.0 (Flet/github-slugger) over the heading's text content
    docusaurus       github-slugger over mdast `toString` (docusaurus-mdx-loader remark/headings)
    starlight        github-slugger over the hast text (Astro's rehype-collect-headings)
    mdbook           mdBook 0.5 `id_from_content` and `unique_id` (mdbook-html src/utils.rs)
    python-markdown  Python-Markdown's toc `slugify` and `unique` (MkDocs), or a pymdownx slugify
    ably             the Ably site: doclint's GitHub-style `slug` of old, over the token text

The text comes from a heading's inline tokens, so a code span's `<Image />` is text and a real
`<span>` tag is not. Explicit ids come from tokens too: heading attribute lists, Docusaurus id
comments, `id` (and `<a name>`) in HTML and JSX, mdbook-spec `r[rule]` lines and grammar
productions, Material for MkDocs' shortcodes. Every step is linear in the page: where a
generator's own expression or loop backtracks or rescans, the same answer is worked out in one pass.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache, partial
from typing import Any
from urllib.parse import quote

from markdown_it.token import Token

from doclint import lazy_re
from doclint.document import Document
from doclint.mdx import Tag

RULES = ("github", "docusaurus", "starlight", "mdbook", "python-markdown", "ably")


def page_anchors(doc: Document, rule: str, **params: Any) -> frozenset[str]:
    """Every anchor `doc` offers when `rule`'s generator builds it: each heading's id (its
    explicit id where the generator reads one, else its slug numbered as the generator numbers
    duplicates), every `id` in its HTML and JSX, and the rule's own extras. One pass over tokens.

    Parameters: docusaurus `maintain_case`; starlight `smartypants`; mdbook `smart_punctuation`,
    `rule_markers` (mdbook-spec: `r[...]` lines, grammar productions); python-markdown `slugify`
    (as mkdocs.yml names it, e.g. "pymdownx.slugs.slugify(case=lower)"), `separator` and
    `shortcodes` (Material for MkDocs' own `<!-- md:setting x -->` hook), `tab_slugify` and
    `tab_combine` (pymdownx.tabbed ids), `footnotes` (the footnotes extension's anchors).
    """
    return _scan(doc, rule, params)[0]


def wants_inline(opener: Token, token: Token) -> bool:
    """Whether `page_anchors` reads an inline token's children: a heading's, and any that may
    hold an HTML or JSX `id`, or an `<a name>` (mdBook's rule markers are read from the source
    lines). A page parsed with this (`Document`'s `inline`) offers the same anchors as one
    parsed whole, for about 0.6 of the parse."""
    content = token.content
    return opener.type == "heading_open" or "<" in content and _ID_ATTRIBUTE.search(content) is not None


# An attribute that can name an anchor, as a superset: `id=`, `ID =`, `name=` (and `data-id=`,
# which costs a parse and nothing else).
_ID_ATTRIBUTE = lazy_re.compile(r"(?:id|name)\s*=", re.IGNORECASE)


def heading_anchors(doc: Document, rule: str, **params: Any) -> list[tuple[int, str]]:
    """(1-based line, id) of each heading, as `page_anchors` names them: for an editor going
    to a link's heading, or finding the links into one."""
    return _scan(doc, rule, params)[1]


def _scan(doc: Document, rule: str, params: dict[str, Any]) -> tuple[frozenset[str], list[tuple[int, str]]]:
    spec = _rule(rule, params)
    slug = spec.slugger(params)
    frontmatter = lambda: doc.frontmatter  # loaded only if a heading needs it
    markers = rule == "mdbook" and params.get("rule_markers", True)
    shortcodes = rule == "python-markdown" and params.get("shortcodes", False)
    anchors = set(spec.extra)
    reads: list[_Read] = []
    lines: list[int] = []  # of each heading read
    tabs: list[tuple[int, str]] = []  # (headings before it, label) of each content tab
    opened = ""
    for token in doc.tokens:
        kind = token.type
        if token.nesting == 1:
            opened = kind
            if kind == "container_tab_open" and params.get("tab_slugify"):
                tabs.append((len(reads), token.info.strip().strip('"')))
        elif kind == "inline":
            if "<" in token.content:
                anchors.update(_inline_anchors(token))
                if shortcodes:
                    anchors.update(_shortcode_anchors(token.content))
            if opened == "heading_open":
                reads.append(spec.read(_pieces(token), _Context(token.content, params, frontmatter)))
                lines.append(token.map[0] + 1 if token.map else 0)
            elif markers and opened == "paragraph_open" and "r[" in token.content:
                anchors.update(_rule_markers(doc, token))
        elif kind == "html_block":
            anchors.update(_html_anchors(token.content))
            if shortcodes:
                anchors.update(_shortcode_anchors(token.content))
        elif kind == "fence" and markers and token.info.startswith("grammar"):
            anchors.update(_grammar_productions(token.content))
        elif kind == "mdx_jsx":
            anchors.update(_jsx_anchors(token.meta["tags"]))
    numbered = _numbered(reads, spec, slug)
    anchors.update(id for primary, also in numbered for id in (primary, *also))
    if tabs:
        anchors.update(_tab_ids(tabs, numbered, params))
    if rule == "python-markdown":
        anchors.update(_block_attribute_ids(doc.text, params.get("footnotes", False)))
    anchors.discard("")
    return frozenset(anchors), [(line, primary) for line, (primary, _) in zip(lines, numbered) if primary]


# attr_list ids on blocks other than headings: a fence's `{ .sh #example }` (superfences) and a
# `{ #feedback }` line after a block; and Python-Markdown footnotes' `fn:x`/`fnref:x`.
_FENCE_ID = lazy_re.compile(r"^[ \t]*(?:`{3,}|~{3,})[^\n]*\{[^}\n]*?#([\w:.-]+)[^}\n]*\}[ \t]*$", re.MULTILINE)
_BLOCK_ATTRIBUTES = lazy_re.compile(r"^[ \t]*\{:?[ \t]*([^{}\n]*?#[\w:.-][^{}\n]*?)[ \t]*\}[ \t]*$", re.MULTILINE)
_ATTRIBUTE_ID = lazy_re.compile(r"(?:^|\s)#([\w:.-]+)")
_FOOTNOTE = lazy_re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)


def _block_attribute_ids(text: str, footnotes: bool) -> set[str]:
    found: set[str] = set()
    if "{" in text:
        found.update(_FENCE_ID.findall(text))
        for attributes in _BLOCK_ATTRIBUTES.findall(text):
            found.update(_ATTRIBUTE_ID.findall(attributes))
    if footnotes and "[^" in text:
        for label in _FOOTNOTE.findall(text):
            found.update((f"fn:{label}", f"fnref:{label}"))
    return found


def _tab_ids(tabs: list[tuple[int, str]], numbered: list[tuple[str, list[str]]], params: Mapping[str, Any]) -> list[str]:
    """pymdownx.tabbed's ids, when mkdocs.yml gives it a `slugify`: the tab label slugged, after
    the id of the heading above it and a `-` with `combine_header_slug`."""
    slug = _python_markdown_slugger({"slugify": params["tab_slugify"]})
    found = []
    for before, label in tabs:
        tab = slug(label)
        header = numbered[before - 1][0] if params.get("tab_combine") and before else ""
        found.append(f"{header}-{tab}" if header else tab)
    return found


def heading_text(inline_token: Token, flavour: str, **params: Any) -> str:
    """The text `flavour`'s generator slugs for this heading, explicit id syntax removed.

    `params` are page_anchors' for that rule, plus `frontmatter` (a mapping) for Starlight's
    `{frontmatter.title}` expressions.
    """
    frontmatter = params.pop("frontmatter", None) or {}
    spec = _rule(flavour, params)
    return spec.read(_pieces(inline_token), _Context(inline_token.content, params, lambda: frontmatter)).text


def _numbered(reads: list[_Read], spec: _Rule, slug: Callable[[str], str]) -> list[tuple[str, list[str]]]:
    """Each heading's id in page order, numbered as the generator numbers them, with the extra
    anchors it carries."""
    numbers = spec.numbering()
    if spec.reserve_explicit:  # Python-Markdown's toc first collects the ids already set
        for read in reads:
            if read.explicit is not None:
                numbers.reserve(read.explicit)
    return [(read.explicit if read.explicit is not None else numbers.unique(slug(read.text)), list(read.also)) for read in reads]


# Heading pieces ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """One child of a heading's inline token, as the text readers need it.

    `kind` is text, entity, escape, break, code, tag, comment, expr (an MDX `{...}`, braces
    kept) or alt (an image's alt text). `run` numbers the stretches of plain text that no markup
    interrupts (one mdast text node). `markup` is an entity's source (`&amp;`).
    """

    kind: str
    value: str
    run: int
    markup: str = ""


_PLAIN = frozenset(("text", "entity", "escape"))
_KINDS = {
    "softbreak": "break", "hardbreak": "break", "code_inline": "code", "mdx_jsx_inline": "tag", "mdx_expression_inline": "expr",
}


def _pieces(token: Token) -> list[_Piece]:
    """The heading's children in order; emphasis and link markers only end a run of text."""
    pieces: list[_Piece] = []
    run = 0
    for child in token.children or ():
        kind = child.type
        if kind == "text":
            pieces.append(_Piece("text", child.content, run))
        elif kind == "text_special":
            pieces.append(_Piece("entity" if child.info == "entity" else "escape", child.content, run, child.markup))
        else:
            run += 1
            if kind == "html_inline":
                pieces.append(_Piece("comment" if child.content.startswith("<!--") else "tag", child.content, run))
            elif kind == "image":
                pieces.append(_Piece("alt", _alt(child), run))
            elif kind in _KINDS:
                pieces.append(_Piece(_KINDS[kind], "\n" if kind.endswith("break") else child.content, run))
            run += 1
    return pieces


def _alt(image: Token) -> str:
    """An image's alt text as Markdown makes it: the plain text of its label."""
    parts = []
    for child in image.children or ():
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(_alt(child))
    return "".join(parts)


def _join(pieces: Iterable[_Piece], keep: Mapping[str, Callable[[_Piece], str]]) -> str:
    """The text of the pieces whose kind `keep` maps to a function giving that text."""
    return "".join(keep[p.kind](p) for p in pieces if p.kind in keep)


def _value(piece: _Piece) -> str:
    return piece.value


def _inner(piece: _Piece) -> str:
    """An MDX expression's value as mdast holds it: its source between the braces."""
    return piece.value[1:-1]


def _trailing(pieces: list[_Piece], kinds: frozenset[str]) -> int:
    """Where the heading's last stretch of pieces of `kinds` starts."""
    start = len(pieces)
    while start and pieces[start - 1].kind in kinds:
        start -= 1
    return start


def _cut(pieces: list[_Piece], start: int, length: int, size: Callable[[_Piece], int]) -> list[_Piece]:
    """The pieces with those from `start` on cut to `length` (each piece `size` long)."""
    kept = pieces[:start]
    for piece in pieces[start:]:
        if length <= 0:
            break
        kept.append(piece if size(piece) <= length else replace(piece, value=piece.value[:length]))
        length -= size(piece)
    return kept


@dataclass(frozen=True)
class _Read:
    """What a generator reads from one heading: the text it slugs, the explicit id that replaces
    the slug, and any further anchors the heading offers."""

    text: str
    explicit: str | None = None
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Context:
    """What a reader may need besides the pieces: the heading's source, the rule's parameters,
    and the page's front matter (a callable: few headings need it, and loading it costs YAML)."""

    source: str
    params: Mapping[str, Any]
    frontmatter: Callable[[], Mapping[str, Any]]


# github and ably --------------------------------------------------------------------------------

# The text content of the rendered heading: text and code, no tags and no image alt. GitHub does
# not run MDX: an expression is the literal text it shows.
_TEXT_CONTENT = dict.fromkeys(("text", "entity", "escape", "break", "code", "expr"), _value)


def _read_github(pieces: list[_Piece], context: _Context) -> _Read:
    return _Read(_join(pieces, _TEXT_CONTENT))


_ABLY_ID = lazy_re.compile(r"\{#([\w:.-]+)\}")  # read as doclint always read it: an extra anchor
_ABLY_TEXT = dict.fromkeys(("text", "entity", "escape", "break", "code", "alt"), _value)


def _read_ably(pieces: list[_Piece], context: _Context) -> _Read:
    """The Ably site's heading text as doclint has always read it (link text and image alt
    kept, tags and `{...}` dropped), from tokens: a code span's `<Image />` is text."""
    text = _join(pieces, _ABLY_TEXT)
    return _Read(_ABLY_ID.sub("", text).strip(), None, tuple(_ABLY_ID.findall(text)))


def _ably_slug(text: str) -> str:
    """site.index's `slug`, unchanged: NFC, lower case, `[^\\w\\- ]` dropped, spaces to `-`."""
    text = unicodedata.normalize("NFC", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


class _Counts:
    """Duplicates as doclint always numbered them on the Ably site: `-1`, `-2` per base slug."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def unique(self, slug: str) -> str:
        number = self.counts.get(slug, 0)
        self.counts[slug] = number + 1
        return slug if number == 0 else f"{slug}-{number}"


# github-slugger ---------------------------------------------------------------------------------


def _github_slug(text: str, maintain_case: bool = False) -> str:
    """github-slugger's `slug` (index.js): lower case unless `maintainCase`, every character of
    its Unicode 13 regex dropped, each space to `-`; nothing trimmed."""
    return (text if maintain_case else text.lower()).translate(_SLUGGER_DROP).replace(" ", "-")


class _Slugger:
    """github-slugger's `BananaSlug.slug`: a taken slug gets `-1`, `-2`, ..., counted per slug."""

    def __init__(self) -> None:
        self.occurrences: dict[str, int] = {}

    def unique(self, slug: str) -> str:
        result = slug
        while result in self.occurrences:
            self.occurrences[slug] += 1
            result = f"{slug}-{self.occurrences[slug]}"
        self.occurrences[result] = 0
        return result


# Docusaurus -------------------------------------------------------------------------------------

# mdast `toString`: image alt and expression values kept. The plugin leaves top-level tags out,
# and with MDX (Docusaurus's default, .md included) no tag is text at any depth. An unescaped
# `{#id}` does not compile in MDX: it is read as the id it was meant to be.
_MDAST = dict.fromkeys(("text", "entity", "escape", "break", "code", "alt"), _value)
_MDAST["expr"] = lambda piece: piece.value if piece.value.startswith("{#") else _inner(piece)
# parseMarkdownHeadingId (docusaurus-utils src/markdownHeadingIdUtils.ts) without its leading
# `\s*`: the id is the same, and the search stays linear on a heading of spaces.
_CLASSIC_ID = lazy_re.compile(r"\{#((?:.(?!\{#|\}))*.)\}\Z")
_ONE_COMMENT = lazy_re.compile(r"\s*/\*((?:(?!\*/).)*)\*/\s*", re.DOTALL)
_HTML_COMMENT = lazy_re.compile(r"<!--(.*)-->", re.DOTALL)


def _read_docusaurus(pieces: list[_Piece], context: _Context) -> _Read:
    """docusaurus-mdx-loader's remark/headings: an id comment as the last child (`{/* #id */}`,
    `<!-- #id -->`) wins, then a classic `{#id}` ending the text, else the text's slug."""
    explicit = _comment_id(pieces[-1]) if pieces else None
    if explicit:
        return _Read(_join(pieces[:-1], _MDAST).rstrip(), explicit)
    text = _join(pieces, _MDAST)
    match = _CLASSIC_ID.search(text)
    return _Read(text[: match.start()].rstrip(), match.group(1).strip()) if match else _Read(text)


def _comment_id(piece: _Piece) -> str | None:
    """The id a lone `{/* #id */}` or `<!-- #id -->` gives: its first word, if it starts with
    `#` (getCommentContentHeadingId)."""
    if piece.kind == "expr":
        match = _ONE_COMMENT.fullmatch(_inner(piece))
    elif piece.kind == "comment":
        match = _HTML_COMMENT.fullmatch(piece.value)
    else:
        return None
    first = match.group(1).strip().split(" ")[0] if match else ""
    return (first[1:] or None) if first.startswith("#") else None


# Starlight (Astro) ------------------------------------------------------------------------------

# rehype-collect-headings: the heading's text nodes (code included; images have none) and, in
# MDX, each expression's value or the front matter string it names. Its `{` -> `${` in Markdown
# text changes no slug. remark-smartypants has run before: `--` is an em dash.
_FRONTMATTER_PATH = lazy_re.compile(r"\s*frontmatter((?:\.[A-Za-z_$][\w$]*|\['[^']*'\]|\[\"[^\"]*\"\]|\[\d+\])+)\s*")
_PATH_PART = lazy_re.compile(r"\.([A-Za-z_$][\w$]*)|\['([^']*)'\]|\[\"([^\"]*)\"\]|\[(\d+)\]")
_TWO_DASHES = lazy_re.compile(r"(?<!-)--(?!-)")  # retext-smartypants `dashes: true`, on a text node


def _read_starlight(pieces: list[_Piece], context: _Context) -> _Read:
    smart = context.params.get("smartypants", True)
    parts: list[str] = []
    for index, piece in enumerate(pieces):
        if piece.kind in _PLAIN:
            if index and pieces[index - 1].kind in _PLAIN and pieces[index - 1].run == piece.run:
                continue  # already taken with the first piece of its run
            node = "".join(p.value for p in pieces[index:] if p.kind in _PLAIN and p.run == piece.run)
            parts.append(_TWO_DASHES.sub("\u2014", node) if smart else node)
        elif piece.kind in ("break", "code"):
            parts.append(piece.value)
        elif piece.kind == "expr":
            parts.append(_expression_text(piece, context))
    return _Read("".join(parts))


def _expression_text(piece: _Piece, context: _Context) -> str:
    """An expression's source, or the front matter string a `{frontmatter.a.b}` names."""
    match = _FRONTMATTER_PATH.fullmatch(_inner(piece))
    if not match:
        return _inner(piece)
    value: Any = context.frontmatter()
    for part in _PATH_PART.finditer(match.group(1)):
        key: Any = int(part.group(4)) if part.group(4) else next(g for g in part.groups() if g is not None)
        ok = isinstance(value, dict) and key in value or isinstance(value, list) and isinstance(key, int) and key < len(value)
        value = value[key] if ok else None
    return value if isinstance(value, str) else _inner(piece)


# mdBook -----------------------------------------------------------------------------------------

# pulldown-cmark's smart punctuation turns every run of two or more dashes into en and em dashes,
# which the id then drops; its heading attribute block (firstpass.rs) is a `{...}` ending the
# heading with none of `{}<>\` or a newline inside.
_DASH_RUN = lazy_re.compile(r"-{2,}")
_ATTRIBUTE_BLOCK = lazy_re.compile(r"\{([^{}<>\\\n\r]*)\}[ \t\r\n]*\Z")
_MDBOOK_TEXT = dict.fromkeys(("entity", "escape", "break", "code", "expr"), _value)
# Rust's `char::is_alphanumeric` is Alphabetic or a number (Nd, Nl, No); `is_whitespace` is
# White_Space. Python's own tests differ (combining vowel signs are Alphabetic, not isalpha).
@cache
def _mdbook_patterns():
    """(what an id drops, white space, the white space characters): built on an mdBook site's
    first heading, since `regex` and the table cost a one-page run of another site 15 ms."""
    import regex

    space = regex.compile(r"\p{White_Space}")
    drop = regex.compile(r"[^\p{Alphabetic}\p{Nd}\p{Nl}\p{No}_\-\p{White_Space}]")
    return drop, space, "".join(chr(code) for code in range(0x3001) if space.match(chr(code)))  # all are below U+3001


def _read_mdbook(pieces: list[_Piece], context: _Context) -> _Read:
    """mdBook 0.5's `text_in_node`: text and code, no tags, comments or image alt; a trailing
    `{#id .class}` sets the id."""
    explicit = None
    block = _ATTRIBUTE_BLOCK.search(context.source)
    start = _trailing(pieces, _PLAIN)
    tail = "".join(p.value for p in pieces[start:])
    if block and tail.endswith(block.group(0).rstrip()):
        ids = [word[1:] for word in block.group(1).split() if len(word) > 1 and word[0] == "#"]
        explicit = ids[-1] if ids else None
        pieces = _cut(pieces, start, len(tail) - len(block.group(0).rstrip()), lambda p: len(p.value))
    smart = context.params.get("smart_punctuation", True)
    keep = {**_MDBOOK_TEXT, "text": (lambda p: _DASH_RUN.sub("", p.value)) if smart else _value}
    return _Read(_join(pieces, keep), explicit)


def _mdbook_slug(text: str) -> str:
    """`id_from_content` (mdbook-html src/utils.rs): trim, lower case, keep alphanumerics, `_`
    and `-`, whitespace to `-`, drop the rest; "section" when nothing is left."""
    drop, space, white_space = _mdbook_patterns()
    text = text.strip(white_space).lower()
    return space.sub("-", drop.sub("", text)) or "section"


class _Probe:
    """mdBook's `unique_id`: a taken id gets the first free `-1`, `-2`, ...; each search resumes
    where the last one for that id ended (ids are never freed, so the answer is the same)."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.resume: dict[str, int] = {}

    def unique(self, id: str) -> str:
        if id not in self.used:
            self.used.add(id)
            return id
        counter = self.resume.get(id, 1)
        while f"{id}-{counter}" in self.used:
            counter += 1
        self.resume[id] = counter + 1
        self.used.add(f"{id}-{counter}")
        return f"{id}-{counter}"


# Python-Markdown (MkDocs) -----------------------------------------------------------------------

def _pair(token: str, quote: str) -> tuple[str, str]:
    """A `key=value` attribute, its value's quotes stripped (`id="x"` sets the id too)."""
    key, value = token.split("=", 1)
    return key, value.strip(quote) if quote else value


# attr_list (markdown/extensions/attr_list.py) reads `{ #id .class key=value }` ending the text
# after the heading's last inline element, where raw HTML, entities and escapes are placeholders.
@cache
def _attr_scanner() -> re.Scanner:
    """Built on an MkDocs site's first attribute list (a Scanner compiles its patterns)."""
    return re.Scanner([
        (r'[^ =}]+=".*?"', lambda scanner, token: _pair(token, '"')),
        (r"[^ =}]+='.*?'", lambda scanner, token: _pair(token, "'")),
        (r"[^ =}]+=[^ =}]+", lambda scanner, token: _pair(token, "")),
        (r"[^ =}]+", lambda scanner, token: ("id", token[1:]) if token.startswith("#") else (token, token)),
        (r" ", None),
    ])


_TAIL = frozenset(("text", "entity", "escape", "tag", "comment", "expr"))
_PLACEHOLDER = "\x02"  # Python-Markdown's stash marker: matches no `{`, `}`, `#` or space
_PYTHON_MARKDOWN_TEXT = frozenset(("text", "escape", "break", "code", "expr"))
# Python-Markdown passes any `&name;` in text through as an entity (inlinepatterns ENTITY_RE),
# even one markdown-it leaves as text, and html.unescape then decodes what it can of it.
_ENTITY = lazy_re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);")


def _read_python_markdown(pieces: list[_Piece], context: _Context) -> _Read:
    """The toc extension's heading text, after attr_list took a trailing attribute list off:
    `strip_tags` of the inner HTML (tags and comments gone, whitespace collapsed while entities
    are still escaped), then `html.unescape`."""
    pieces, explicit = _attribute_list(pieces)
    if context.params.get("shortcodes"):
        settings = (args for p in pieces if p.kind == "comment" for kind, args in _shortcodes(p.value) if kind == "setting")
        explicit = next(settings, explicit)
    parts: list[str] = []
    entities: list[str] = []  # each stands as a NUL (no Markdown text holds one) until the end
    for piece in pieces:
        if piece.kind == "entity":
            parts.append("\x00")
            entities.append(html.unescape(piece.markup))
        elif piece.kind == "text":
            parts.append(_ENTITY.sub("\x00", piece.value))
            entities.extend(html.unescape(match.group(0)) for match in _ENTITY.finditer(piece.value))
        elif piece.kind in _PYTHON_MARKDOWN_TEXT:
            parts.append(piece.value)
    text = " ".join("".join(parts).split())
    decoded = iter(entities)
    return _Read(re.sub("\x00", lambda _: next(decoded), text), explicit)


def _attribute_list(pieces: list[_Piece]) -> tuple[list[_Piece], str | None]:
    """The heading without its attribute list, and the list's last `#id` (strict: a list with
    an unmatched `}` is text)."""
    start = _trailing(pieces, _TAIL)
    tail = "".join(p.value if p.kind == "text" else _PLACEHOLDER for p in pieces[start:])
    found = _header_attributes(tail)
    if found is None:
        return pieces, None
    begin, attributes = found
    pairs, remainder = _attr_scanner().scan(attributes)
    if "}" in remainder:
        return pieces, None
    ids = [value for key, value in pairs if key == "id"]
    kept = tail[:begin].rstrip("#").rstrip()
    return _cut(pieces, start, len(kept), _stashed_size), ids[-1] if ids else None


def _stashed_size(piece: _Piece) -> int:
    """A piece's length in the text attr_list reads: anything but text is one placeholder."""
    return len(piece.value) if piece.kind == "text" else 1


def _header_attributes(tail: str) -> tuple[int, str] | None:
    """attr_list's HEADER_RE, `[ ]+\\{\\:?[ ]*([^\\}\\n ][^\\n]*)[ ]*\\}[ ]*$`, searched leftmost
    first: (where the match starts, the attributes). Worked out per `{` in one pass, since the
    expression itself backtracks quadratically over a long run of spaces."""
    body = tail.rstrip(" ")
    if not body.endswith("}"):
        return None
    close = len(body) - 1
    position = tail.find("{", tail.rfind("\n") + 1)
    while 0 <= position < close:
        if position and tail[position - 1] == " ":
            first = _attributes_start(tail, position, close)
            if first is not None:
                return len(tail[:position].rstrip(" ")), tail[first:close]
        position = tail.find("{", position + 1)
    return None


def _attributes_start(tail: str, brace: int, close: int) -> int | None:
    """Where `\\:?[ ]*([^\\}\\n ]` finds the attributes' first character after the `{` at
    `brace`, with the closing `}` at `close` (a `:` not followed by one can be the first)."""
    after = brace + 1
    candidates = [after]
    if tail.startswith(":", after):
        skipped = after + 1
        while skipped < close and tail[skipped] == " ":
            skipped += 1
        candidates.insert(0, skipped)
    else:
        while candidates[0] < close and tail[candidates[0]] == " ":
            candidates[0] += 1
    return next((i for i in candidates if i < close and tail[i] not in "} \n"), None)


def _toc_slugify(value: str, separator: str, unicode: bool = False) -> str:
    """markdown.extensions.toc.slugify (and slugify_unicode, with `unicode`)."""
    if not unicode:
        value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, value)


def _pymdownx_slugify(text: str, sep: str, case: str = "none", percent_encode: bool = False, normalize: str = "NFC") -> str:
    """pymdownx.slugs' `_uslugify`: tags stripped, case per `case`, `[^\\w\\- ]` dropped, each
    space to the separator, percent-encoded if asked."""
    slug = _without_tags(unicodedata.normalize(normalize, text)).strip()
    if case == "lower":
        slug = slug.lower()
    elif case == "lower-ascii":
        slug = re.sub(r"[A-Z]", lambda m: m.group(0).lower(), slug)
    elif case == "fold":
        slug = slug.casefold()
    slug = re.sub(r"[^\w\- ]", "", slug).replace(" ", sep)
    return quote(slug.encode("utf-8")) if percent_encode else slug


def _without_tags(text: str) -> str:
    """pymdownx's RE_TAGS `</?[^>]*>` removed: each `<` up to the next `>`, leftmost first (in
    one pass; the expression rescans the rest of the text from each `<` that has no `>`)."""
    parts, position = [], 0
    while (start := text.find("<", position)) != -1 and (end := text.find(">", start)) != -1:
        parts.append(text[position:start])
        position = end + 1
    return "".join(parts) + text[position:]


_SLUGIFY: dict[str, Callable[..., str]] = {
    "markdown.extensions.toc.slugify": _toc_slugify,
    "markdown.extensions.toc.slugify_unicode": partial(_toc_slugify, unicode=True),
    # pymdownx.slugs' deprecated shorthands, as their code defines them
    "pymdownx.slugs.uslugify": partial(_pymdownx_slugify, case="lower"),
    "pymdownx.slugs.uslugify_encoded": partial(_pymdownx_slugify, case="lower", percent_encode=True),
    "pymdownx.slugs.uslugify_cased": _pymdownx_slugify,
    "pymdownx.slugs.uslugify_cased_encoded": partial(_pymdownx_slugify, percent_encode=True),
    "pymdownx.slugs.gfm": partial(_pymdownx_slugify, case="lower-ascii"),
    "pymdownx.slugs.gfm_encoded": partial(_pymdownx_slugify, case="lower-ascii", percent_encode=True),
}
_CONFIGURED = lazy_re.compile(r"pymdownx\.slugs\.slugify\((.*)\)")
_SLUGIFY_OPTIONS = {"case": ("none", "lower", "lower-ascii", "fold"), "percent_encode": ("True", "False")}
_SLUGIFY_OPTIONS["normalize"] = ("NFC", "NFD", "NFKC", "NFKD")


def _python_markdown_slugger(params: Mapping[str, Any]) -> Callable[[str], str]:
    """The toc `slugify` mkdocs.yml names (Python-Markdown's own by default), with its
    `separator`; a slugify doclint does not know is an error, not a guess."""
    name = str(params.get("slugify") or "markdown.extensions.toc.slugify")
    separator = str(params.get("separator", "-"))
    if name in _SLUGIFY:
        return partial(_SLUGIFY[name], sep=separator) if name.startswith("pymdownx") else partial(_SLUGIFY[name], separator=separator)
    configured = _CONFIGURED.fullmatch(name)
    options = dict(item.strip().split("=", 1) for item in configured.group(1).split(",") if "=" in item) if configured else {}
    if not configured or any(value not in _SLUGIFY_OPTIONS.get(key, ()) for key, value in options.items()):
        raise ValueError(f"python-markdown ids: unknown toc slugify {name!r}")
    if "percent_encode" in options:
        options["percent_encode"] = options["percent_encode"] == "True"
    return partial(_pymdownx_slugify, sep=separator, **options)


# Material for MkDocs' shortcodes hook (material/overrides/hooks/shortcodes.py), which its own
# mkdocs.yml lists: `<!-- md:setting x -->` becomes `` `x` { #x } `` and `<!-- md:option x -->`
# a link with the id `+x`.
_SHORTCODE = lazy_re.compile(r"<!-- md:(\w+)(.*?) -->", re.IGNORECASE)


def _shortcodes(source: str) -> list[tuple[str, str]]:
    """Each shortcode in `source`: (its kind, its argument). Only the part of a line up to its
    last ` -->` can hold one: the search stays linear on a line of unclosed ones."""
    found = []
    for line in source.split("\n"):
        end = line.rfind(" -->")
        if end != -1:
            found.extend((m.group(1).lower(), m.group(2).strip()) for m in _SHORTCODE.finditer(line, 0, end + 4))
    return found


def _shortcode_anchors(source: str) -> list[str]:
    """The ids the shortcodes in `source` make."""
    return [f"+{args}" if kind == "option" else args for kind, args in _shortcodes(source) if kind in ("setting", "option")]


_IDCOUNT = lazy_re.compile(r"^(.*)_([0-9]+)$")


class _TocIds:
    """The toc extension's `unique`: a taken (or empty) id gets `_1`, a taken `x_1` gets `x_2`;
    each search resumes where the last one from that id ended (the set only grows)."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.resume: dict[str, str] = {}

    def reserve(self, id: str) -> None:
        self.used.add(id)

    def unique(self, id: str) -> str:
        start, id = id, self.resume.get(id, id)
        while id in self.used or not id:
            match = _IDCOUNT.match(id)
            id = f"{match.group(1)}_{int(match.group(2)) + 1}" if match else f"{id}_1"
        self.resume[start] = id
        self.used.add(id)
        return id


# Explicit anchors anywhere in the page ------------------------------------------------------------

_HTML_TAG = lazy_re.compile(r"<([A-Za-z][\w:.-]*)(\s[^<>]*)?>")
_HTML_ID = lazy_re.compile(r"""(?:^|\s)(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
_JSX_STRING = lazy_re.compile(r"""\{\s*(?:"([^"]*)"|'([^']*)'|`([^`$]*)`)\s*\}""")
_RULE_MARKER = lazy_re.compile(r"r\[([^\]]+)\]")  # mdbook-spec's RULE_RE, `(?m)^r\[([^]]+)]$`


def _html_anchors(source: str) -> list[str]:
    """The `id` of every HTML element, and the `name` of every `<a>`, outside comments."""
    found = []
    for tag in _HTML_TAG.finditer(_without_comments(source)):
        for match in _HTML_ID.finditer(tag.group(2) or ""):
            if match.group(1).lower() == "id" or tag.group(1).lower() == "a":
                found.append(next(group for group in match.groups()[1:] if group is not None))
    return found


def _without_comments(source: str) -> str:
    """HTML with its comments removed (an unclosed one runs to the end), in one pass."""
    parts, position = [], 0
    while (start := source.find("<!--", position)) != -1:
        parts.append(source[position:start])
        end = source.find("-->", start + 4)
        position = len(source) if end == -1 else end + 3
    return "".join(parts) + source[position:]


def _jsx_anchors(tags: Iterable[Tag]) -> list[str]:
    """The `id` prop of every JSX element (`id="x"`, `id={'x'}`), and the `name` of `<a>`."""
    found = []
    for tag in tags:
        for key in ("id", "name") if tag.name == "a" else ("id",):
            raw = tag.attrs.get(key, "")
            match = _JSX_STRING.fullmatch(raw)
            value = tag.attr(key) if not match else next(group for group in match.groups() if group is not None)
            if value:
                found.append(value)
    return found


def _inline_anchors(token: Token) -> list[str]:
    found = []
    for child in token.children or ():
        if child.type == "html_inline" and not child.content.startswith("<!--"):
            found.extend(_html_anchors(child.content))
        elif child.type == "mdx_jsx_inline":
            found.extend(_jsx_anchors(child.meta["tags"]))
    return found


_PRODUCTION = lazy_re.compile(r"^(?:@root )?([A-Za-z_]\w*) ->", re.MULTILINE)


def _grammar_productions(source: str) -> list[str]:
    """mdbook-spec renders each production `Name -> ...` of a ```grammar block with the id
    `grammar-Name` (grammar/render_markdown.rs `markdown_id`)."""
    return [f"grammar-{name}" for name in _PRODUCTION.findall(source)]


def _rule_markers(doc: Document, token: Token) -> list[str]:
    """mdbook-spec rules: each line of the paragraph that is exactly `r[name]`, as written at
    the start of the source line, is a rule with the anchor `r-name`."""
    first, last = token.map or (0, 0)
    lines = (doc.text[doc.line_starts[line] : doc.line_end(line)] for line in range(first, min(last, len(doc.line_starts))))
    return [f"r-{match.group(1)}" for line in lines if (match := _RULE_MARKER.fullmatch(line))]


# The rules --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    """One generator's ids: how it reads a heading, how it slugs the text (built from the
    parameters), how it numbers duplicates, and the anchors every page of it has."""

    read: Callable[[list[_Piece], _Context], _Read]
    slugger: Callable[[Mapping[str, Any]], Callable[[str], str]]
    numbering: Callable[[], Any]
    params: frozenset[str] = frozenset()
    reserve_explicit: bool = False
    extra: frozenset[str] = frozenset()


def _fixed(slug: Callable[[str], str]) -> Callable[[Mapping[str, Any]], Callable[[str], str]]:
    return lambda params: slug


_RULES = {
    "github": _Rule(_read_github, _fixed(_github_slug), _Slugger),
    "docusaurus": _Rule(
        _read_docusaurus,
        lambda params: partial(_github_slug, maintain_case=bool(params.get("maintain_case"))),
        _Slugger,
        frozenset({"maintain_case"}),
    ),
    # Starlight titles every page with `<h1 id="_top">`.
    "starlight": _Rule(_read_starlight, _fixed(_github_slug), _Slugger, frozenset({"smartypants"}), extra=frozenset({"_top"})),
    "mdbook": _Rule(_read_mdbook, _fixed(_mdbook_slug), _Probe, frozenset({"smart_punctuation", "rule_markers"})),
    "python-markdown": _Rule(
        _read_python_markdown, _python_markdown_slugger, _TocIds, frozenset({"slugify", "separator", "shortcodes", "tab_slugify", "tab_combine", "footnotes"}), reserve_explicit=True
    ),
    "ably": _Rule(_read_ably, _fixed(_ably_slug), _Counts),
}


def _rule(name: str, params: Mapping[str, Any]) -> _Rule:
    """The rule of that name, refusing parameters it does not take (a caller's typo)."""
    rule = _RULES.get(name)
    if rule is None:
        raise ValueError(f"unknown id rule {name!r} (known: {', '.join(RULES)})")
    unknown = sorted(set(params) - rule.params)
    if unknown:
        raise ValueError(f"id rule {name!r} takes no parameter {unknown[0]!r}")
    return rule


# github-slugger's regex.js (2.0.0), generated from Unicode 13.0: every code point it drops, as
# hexadecimal ranges. Generated by walking U+0000..U+10FFFF through the regex in Node and listing
# the runs it removes (surrogates left out: no Python text from UTF-8 holds one). Python's own
# Unicode tables are newer and differ: a letter assigned after 13.0 is dropped by github-slugger.
_SLUGGER_RANGES = (
    "0-1f 21-2c 2e-2f 3a-40 5b-5e 60 7b-a9 ab-b4 b6-b9 bb-bf d7 f7 2c2-2c5 2d2-2df 2e5-2eb 2ed "
    "2ef-2ff 375 378-379 37e 380-385 387 38b 38d 3a2 3f6 482 530 557-558 55a-55f 589-590 5be 5c0 "
    "5c3 5c6 5c8-5cf 5eb-5ee 5f3-60f 61b-61f 66a-66d 6d4 6dd-6de 6e9 6fd-6fe 700-70f 74b-74c "
    "7b2-7bf 7f6-7f9 7fb-7fc 7fe-7ff 82e-83f 85c-85f 86b-89f 8b5 8c8-8d2 8e2 964-965 970 984 "
    "98d-98e 991-992 9a9 9b1 9b3-9b5 9ba-9bb 9c5-9c6 9c9-9ca 9cf-9d6 9d8-9db 9de 9e4-9e5 9f2-9fb "
    "9fd 9ff-a00 a04 a0b-a0e a11-a12 a29 a31 a34 a37 a3a-a3b a3d a43-a46 a49-a4a a4e-a50 a52-a58 "
    "a5d a5f-a65 a76-a80 a84 a8e a92 aa9 ab1 ab4 aba-abb ac6 aca ace-acf ad1-adf ae4-ae5 af0-af8 "
    "b00 b04 b0d-b0e b11-b12 b29 b31 b34 b3a-b3b b45-b46 b49-b4a b4e-b54 b58-b5b b5e b64-b65 b70 "
    "b72-b81 b84 b8b-b8d b91 b96-b98 b9b b9d ba0-ba2 ba5-ba7 bab-bad bba-bbd bc3-bc5 bc9 bce-bcf "
    "bd1-bd6 bd8-be5 bf0-bff c0d c11 c29 c3a-c3c c45 c49 c4e-c54 c57 c5b-c5f c64-c65 c70-c7f c84 "
    "c8d c91 ca9 cb4 cba-cbb cc5 cc9 cce-cd4 cd7-cdd cdf ce4-ce5 cf0 cf3-cff d0d d11 d45 d49 "
    "d4f-d53 d58-d5e d64-d65 d70-d79 d80 d84 d97-d99 db2 dbc dbe-dbf dc7-dc9 dcb-dce dd5 dd7 "
    "de0-de5 df0-df1 df4-e00 e3b-e3f e4f e5a-e80 e83 e85 e8b ea4 ea6 ebe-ebf ec5 ec7 ece-ecf eda- "
    "edb ee0-eff f01-f17 f1a-f1f f2a-f34 f36 f38 f3a-f3d f48 f6d-f70 f85 f98 fbd-fc5 fc7-fff "
    "104a-104f 109e-109f 10c6 10c8-10cc 10ce-10cf 10fb 1249 124e-124f 1257 1259 125e-125f 1289 "
    "128e-128f 12b1 12b6-12b7 12bf 12c1 12c6-12c7 12d7 1311 1316-1317 135b-135c 1360-137f 1390-139f "
    "13f6-13f7 13fe-1400 166d-166e 1680 169b-169f 16eb-16ed 16f9-16ff 170d 1715-171f 1735-173f "
    "1754-175f 176d 1771 1774-177f 17d4-17d6 17d8-17db 17de-17df 17ea-180a 180e-180f 181a-181f "
    "1879-187f 18ab-18af 18f6-18ff 191f 192c-192f 193c-1945 196e-196f 1975-197f 19ac-19af 19ca-19cf "
    "19da-19ff 1a1c-1a1f 1a5f 1a7d-1a7e 1a8a-1a8f 1a9a-1aa6 1aa8-1aaf 1ac1-1aff 1b4c-1b4f 1b5a-1b6a "
    "1b74-1b7f 1bf4-1bff 1c38-1c3f 1c4a-1c4c 1c7e-1c7f 1c89-1c8f 1cbb-1cbc 1cc0-1ccf 1cd3 1cfb-1cff "
    "1dfa 1f16-1f17 1f1e-1f1f 1f46-1f47 1f4e-1f4f 1f58 1f5a 1f5c 1f5e 1f7e-1f7f 1fb5 1fbd 1fbf-1fc1 "
    "1fc5 1fcd-1fcf 1fd4-1fd5 1fdc-1fdf 1fed-1ff1 1ff5 1ffd-203e 2041-2053 2055-2070 2072-207e "
    "2080-208f 209d-20cf 20f1-2101 2103-2106 2108-2109 2114 2116-2118 211e-2123 2125 2127 2129 212e "
    "213a-213b 2140-2144 214a-214d 214f-215f 2189-24b5 24ea-2bff 2c2f 2c5f 2ce5-2cea 2cf4-2cff 2d26 "
    "2d28-2d2c 2d2e-2d2f 2d68-2d6e 2d70-2d7e 2d97-2d9f 2da7 2daf 2db7 2dbf 2dc7 2dcf 2dd7 2ddf "
    "2e00-2e2e 2e30-3004 3008-3020 3030 3036-3037 303d-3040 3097-3098 309b-309c 30a0 30fb 3100-3104 "
    "3130 318f-319f 31c0-31ef 3200-33ff 4dc0-4dff 9ffd-9fff a48d-a4cf a4fe-a4ff a60d-a60f a62c-a63f "
    "a673 a67e a6f2-a716 a720-a721 a789-a78a a7c0-a7c1 a7cb-a7f4 a828-a82b a82d-a83f a874-a87f "
    "a8c6-a8cf a8da-a8df a8f8-a8fa a8fc a92e-a92f a954-a95f a97d-a97f a9c1-a9ce a9da-a9df a9ff "
    "aa37-aa3f aa4e-aa4f aa5a-aa5f aa77-aa79 aac3-aada aade-aadf aaf0-aaf1 aaf7-ab00 ab07-ab08 "
    "ab0f-ab10 ab17-ab1f ab27 ab2f ab5b ab6a-ab6f abeb abee-abef abfa-abff d7a4-d7af d7c7-d7ca "
    "d7fc-d7ff e000-f8ff fa6e-fa6f fada-faff fb07-fb12 fb18-fb1c fb29 fb37 fb3d fb3f fb42 fb45 "
    "fbb2-fbd2 fd3e-fd4f fd90-fd91 fdc8-fdef fdfc-fdff fe10-fe1f fe30-fe32 fe35-fe4c fe50-fe6f fe75 "
    "fefd-ff0f ff1a-ff20 ff3b-ff3e ff40 ff5b-ff65 ffbf-ffc1 ffc8-ffc9 ffd0-ffd1 ffd8-ffd9 ffdd-ffff "
    "1000c 10027 1003b 1003e 1004e-1004f 1005e-1007f 100fb-1013f 10175-101fc 101fe-1027f "
    "1029d-1029f 102d1-102df 102e1-102ff 10320-1032c 1034b-1034f 1037b-1037f 1039e-1039f "
    "103c4-103c7 103d0 103d6-103ff 1049e-1049f 104aa-104af 104d4-104d7 104fc-104ff 10528-1052f "
    "10564-105ff 10737-1073f 10756-1075f 10768-107ff 10806-10807 10809 10836 10839-1083b "
    "1083d-1083e 10856-1085f 10877-1087f 1089f-108df 108f3 108f6-108ff 10916-1091f 1093a-1097f "
    "109b8-109bd 109c0-109ff 10a04 10a07-10a0b 10a14 10a18 10a36-10a37 10a3b-10a3e 10a40-10a5f "
    "10a7d-10a7f 10a9d-10abf 10ac8 10ae7-10aff 10b36-10b3f 10b56-10b5f 10b73-10b7f 10b92-10bff "
    "10c49-10c7f 10cb3-10cbf 10cf3-10cff 10d28-10d2f 10d3a-10e7f 10eaa 10ead-10eaf 10eb2-10eff "
    "10f1d-10f26 10f28-10f2f 10f51-10faf 10fc5-10fdf 10ff7-10fff 11047-11065 11070-1107e "
    "110bb-110cf 110e9-110ef 110fa-110ff 11135 11140-11143 11148-1114f 11174-11175 11177-1117f "
    "111c5-111c8 111cd 111db 111dd-111ff 11212 11238-1123d 1123f-1127f 11287 11289 1128e 1129e "
    "112a9-112af 112eb-112ef 112fa-112ff 11304 1130d-1130e 11311-11312 11329 11331 11334 1133a "
    "11345-11346 11349-1134a 1134e-1134f 11351-11356 11358-1135c 11364-11365 1136d-1136f "
    "11375-113ff 1144b-1144f 1145a-1145d 11462-1147f 114c6 114c8-114cf 114da-1157f 115b6-115b7 "
    "115c1-115d7 115de-115ff 11641-11643 11645-1164f 1165a-1167f 116b9-116bf 116ca-116ff "
    "1171b-1171c 1172c-1172f 1173a-117ff 1183b-1189f 118ea-118fe 11907-11908 1190a-1190b 11914 "
    "11917 11936 11939-1193a 11944-1194f 1195a-1199f 119a8-119a9 119d8-119d9 119e2 119e5-119ff "
    "11a3f-11a46 11a48-11a4f 11a9a-11a9c 11a9e-11abf 11af9-11bff 11c09 11c37 11c41-11c4f "
    "11c5a-11c71 11c90-11c91 11ca8 11cb7-11cff 11d07 11d0a 11d37-11d39 11d3b 11d3e 11d48-11d4f "
    "11d5a-11d5f 11d66 11d69 11d8f 11d92 11d99-11d9f 11daa-11edf 11ef7-11faf 11fb1-11fff "
    "1239a-123ff 1246f-1247f 12544-12fff 1342f-143ff 14647-167ff 16a39-16a3f 16a5f 16a6a-16acf "
    "16aee-16aef 16af5-16aff 16b37-16b3f 16b44-16b4f 16b5a-16b62 16b78-16b7c 16b90-16e3f "
    "16e80-16eff 16f4b-16f4e 16f88-16f8e 16fa0-16fdf 16fe2 16fe5-16fef 16ff2-16fff 187f8-187ff "
    "18cd6-18cff 18d09-1afff 1b11f-1b14f 1b153-1b163 1b168-1b16f 1b2fc-1bbff 1bc6b-1bc6f "
    "1bc7d-1bc7f 1bc89-1bc8f 1bc9a-1bc9c 1bc9f-1d164 1d16a-1d16c 1d173-1d17a 1d183-1d184 "
    "1d18c-1d1a9 1d1ae-1d241 1d245-1d3ff 1d455 1d49d 1d4a0-1d4a1 1d4a3-1d4a4 1d4a7-1d4a8 1d4ad "
    "1d4ba 1d4bc 1d4c4 1d506 1d50b-1d50c 1d515 1d51d 1d53a 1d53f 1d545 1d547-1d549 1d551 "
    "1d6a6-1d6a7 1d6c1 1d6db 1d6fb 1d715 1d735 1d74f 1d76f 1d789 1d7a9 1d7c3 1d7cc-1d7cd "
    "1d800-1d9ff 1da37-1da3a 1da6d-1da74 1da76-1da83 1da85-1da9a 1daa0 1dab0-1dfff 1e007 "
    "1e019-1e01a 1e022 1e025 1e02b-1e0ff 1e12d-1e12f 1e13e-1e13f 1e14a-1e14d 1e14f-1e2bf "
    "1e2fa-1e7ff 1e8c5-1e8cf 1e8d7-1e8ff 1e94c-1e94f 1e95a-1edff 1ee04 1ee20 1ee23 1ee25-1ee26 "
    "1ee28 1ee33 1ee38 1ee3a 1ee3c-1ee41 1ee43-1ee46 1ee48 1ee4a 1ee4c 1ee50 1ee53 1ee55-1ee56 "
    "1ee58 1ee5a 1ee5c 1ee5e 1ee60 1ee63 1ee65-1ee66 1ee6b 1ee73 1ee78 1ee7d 1ee7f 1ee8a "
    "1ee9c-1eea0 1eea4 1eeaa 1eebc-1f12f 1f14a-1f14f 1f16a-1f16f 1f18a-1fbef 1fbfa-1ffff "
    "2a6de-2a6ff 2b735-2b73f 2b81e-2b81f 2cea2-2ceaf 2ebe1-2f7ff 2fa1e-2ffff 3134b-e00ff "
    "e01f0-10ffff ")


class _SluggerTable(dict):
    """A `str.translate` table dropping what github-slugger's regex drops: each code point is
    looked up in the ranges once, the first time a heading holds it (a 736-range character
    class costs more per character than the rest of the page's work)."""

    def __init__(self, ranges: str) -> None:
        super().__init__()
        bounds = [item.partition("-") for item in ranges.split()]
        self.starts = [int(first, 16) for first, _, _ in bounds]
        self.ends = [int(last or first, 16) for first, _, last in bounds]

    def __missing__(self, code: int) -> int | None:
        index = bisect.bisect_right(self.starts, code) - 1
        kept = None if index >= 0 and code <= self.ends[index] else code
        if len(self) < 65_536:  # a page of every code point must not grow it without bound
            self[code] = kept
        return kept


_SLUGGER_DROP = _SluggerTable(_SLUGGER_RANGES)
