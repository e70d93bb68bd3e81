"""A parsed page: its text, front matter, token stream, and the views rules read.

A file is read and parsed once; every rule gets the same `Document` and never re-parses. Views
(headings, paragraphs, list items, code blocks, links, comments, prose with source positions) are
built on first use and cached, so a run pays only for what its selected rules look at.

A generator's container syntaxes (admonitions, content tabs, `:::` directives) are read when the
page's profile names them: their content is then Markdown like the rest of the page, with
`container_<kind>` among an `Inline`'s enclosing blocks.

All offsets are into `Document.text`, the file's text with a BOM removed and line endings
normalised to `\\n`; lines and columns therefore match what an editor shows for the file.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from doclint import lazy_re
from doclint.containers import containers_plugin
from doclint.mdx import Tag, mdx_plugin

MDX_SUFFIXES = {".mdx"}
_FRONT_MATTER = lazy_re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HTML_COMMENT = lazy_re.compile(r"<!--(.*?)-->", re.DOTALL)
# The Markdown comment idiom: a link definition to `#`, `<>` or `<#>` renders nothing, so its
# title and any wordy label are comments, whatever the label (`[//]: # (text)`,
# `[comment]: <> (text)`, `[TODO]: #`), in a list or a quote too. A line that goes on a paragraph
# is that paragraph's text, not a definition.
_DEFINITION_COMMENT = lazy_re.compile(
    r"^[ \t>]*\[([^\]\n]+)\]:[ \t]*(?:#|<#?>)(?:[ \t]+(?:\((.*)\)|\"(.*)\"|'(.*)'))?[ \t]*$", re.MULTILINE
)
# Stands in the prose for a construct that is not prose (inline code, JSX, HTML, images), so that
# no pattern matches across it or inside it.
OBJECT = "\ufffc"


# Which inline tokens to parse the content of, given the token before it (its block's opener)
# and the token: for a reader that needs only some (`doclint.site.ids.wants_inline`).
InlineWanted = Callable[[Token, Token], bool]


def _parser(mdx: bool, containers: frozenset[str] = frozenset(), inline: InlineWanted | None = None) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # Keep escapes and entities as their own tokens, so every text token is a verbatim slice of
    # the source and can be located exactly.
    md.core.ruler.disable("text_join")
    if mdx:
        md.use(mdx_plugin)
    if containers:
        md.use(containers_plugin, containers)
    if inline is not None:
        md.core.ruler.at("inline", partial(_some_inline, inline))
    return md


def _some_inline(wanted: InlineWanted, state) -> None:
    """markdown-it's core `inline` rule, for the inline tokens `wanted` accepts only; the others
    keep no children. Inline parsing is most of a parse, and each token's is its own (link
    references are collected by the block rules), so those parsed come out as in a full parse."""
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type == "inline":
            token.children = []
            if i and wanted(tokens[i - 1], token):
                state.md.inline.parse(token.content, state.md, state.env, token.children)


@cache
def parser(mdx: bool, containers: frozenset[str] = frozenset(), inline: InlineWanted | None = None) -> MarkdownIt:
    """One parser per kind, set of container syntaxes and inline selection, built on first use
    (building one costs a few milliseconds)."""
    return _parser(mdx, containers, inline)


@dataclass(frozen=True)
class Prose:
    """The readable text of an inline run, and where each piece of it is in the source.

    Code spans, inline HTML/JSX, expressions and images appear as one `OBJECT` character; line
    breaks inside a paragraph appear as a space. Link text is prose, link destinations are not.
    The text is kept as pieces (a verbatim slice of the source, or one character standing for a
    longer construct), so building it costs per token, not per character.
    """

    text: str
    offsets: tuple[int, ...] = ()  # where each piece starts in `text`
    sources: tuple[tuple[int, int], ...] = ()  # each piece's (start, end) in the source
    exact: tuple[bool, ...] = ()  # whether the piece is the source verbatim
    links: tuple[tuple[int, int, str], ...] = ()  # (start, end) in `text` and href of each link
    images: tuple[tuple[int, str], ...] = ()  # index in `text` of each image's OBJECT, and its src

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Source offsets (start, end) of `text[i:j]`."""
        first = bisect.bisect_right(self.offsets, i) - 1
        source_start, _ = self.sources[first]
        start = source_start + (i - self.offsets[first]) if self.exact[first] else source_start
        last_char = max(i, j - 1)
        last = bisect.bisect_right(self.offsets, last_char) - 1
        source_start, source_end = self.sources[last]
        end = source_start + (last_char - self.offsets[last]) + 1 if self.exact[last] else source_end
        return start, end


@dataclass
class Inline:
    """A run of inline content: a paragraph, a heading or a table cell."""

    token: Token
    kind: str  # "paragraph", "heading" or "table_cell"
    containers: tuple[str, ...]  # enclosing block types, outermost first ("list_item", ...)
    jsx: JsxStack  # enclosing MDX elements, outermost first
    start: int  # offset of the first line of the block
    end: int  # offset of the end of its last line

    @property
    def line(self) -> int:
        return self.token.map[0] + 1 if self.token.map else 1


@dataclass
class Heading:
    """A heading: its level (1 to 6) and its text."""

    level: int
    inline: Inline


@dataclass
class ListItem:
    """A list item, with what a rule needs to compare it to its siblings."""

    line: int
    depth: int  # 1 for a top-level list
    ordered: bool
    paragraph: Inline | None  # the item's own text, if it starts with a paragraph
    has_nested: bool = False  # blocks (a nested list, code, HTML) follow the paragraph
    siblings: list[ListItem] = field(default_factory=list, repr=False)  # the whole list


@dataclass
class CodeBlock:
    """A fenced or indented code block."""

    lang: str  # first word of the info string, lower case ("" when none)
    info: str
    text: str
    line: int  # 1-based line of the opening fence (of the first line for indented code)
    first_line: int  # 1-based line of the first line of code
    start: int  # offset of the first character of code
    fenced: bool
    jsx: JsxStack


@dataclass(frozen=True)
class Link:
    """A link or image: its destination and the source span of its text (or of the image)."""

    href: str
    start: int
    end: int
    inline: Inline
    image: bool = False


@dataclass
class Comment:
    """An HTML comment or an MDX `{/* */}` comment; `start` is the offset of its text."""

    text: str
    start: int


class Document:
    """One page, parsed once, shared by every rule."""

    def __init__(
        self,
        path: str,
        text: str,
        *,
        mdx: bool | None = None,
        containers: frozenset[str] = frozenset(),
        inline: InlineWanted | None = None,
    ) -> None:
        """`containers` names the container syntaxes the page's generator adds (see
        `doclint.containers`): none by default, so a page reads as CommonMark (or MDX).

        With `inline`, only the inline tokens it accepts are parsed to their children: a page
        read for one purpose (the anchors a linked page offers), whose other views are partial."""
        self.path = path
        had_bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.had_bom = had_bom
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.is_mdx = Path(path).suffix.lower() in MDX_SUFFIXES if mdx is None else mdx
        match = _FRONT_MATTER.match(self.text)
        self.frontmatter_end = match.end() if match else 0  # offset past the closing delimiter
        self._frontmatter_source = (match.group(1) or "") if match else None
        # The body is parsed with the front matter blanked out, so token line maps are the
        # file's own line numbers.
        body = "\n" * self.text.count("\n", 0, self.frontmatter_end)
        body += self.text[self.frontmatter_end :]
        self.container_syntaxes = frozenset(containers)
        self.tokens: list[Token] = parser(self.is_mdx, self.container_syntaxes, inline).parse(body)

    @classmethod
    def load(cls, path: str | Path, *, containers: frozenset[str] = frozenset()) -> Document:
        """Read a file as UTF-8 (a BOM and any line endings are fine)."""
        data = Path(path).read_bytes()
        return cls(str(path), data.decode("utf-8"), containers=containers)

    @property
    def frontmatter(self) -> dict[str, Any]:
        """The front matter's keys and values ({} when there is none or it does not load)."""
        return self._frontmatter[0]

    @property
    def frontmatter_error(self) -> tuple[int, str] | None:
        """Why the front matter did not load: (1-based line, the YAML parser's message)."""
        return self._frontmatter[1]

    @cached_property
    def _frontmatter(self) -> tuple[dict[str, Any], tuple[int, str] | None]:
        # Loaded on first use: most rules never read it, and importing YAML costs a one-page run.
        # A stranger writes it: the bounded loader refuses alias bombs as invalid YAML.
        if self._frontmatter_source is None:
            return {}, None
        from doclint import simple_yaml

        simple = simple_yaml.load(self._frontmatter_source)
        if simple is not None:
            return simple, None
        import yaml

        from doclint import yaml_safe

        try:
            loaded = yaml_safe.load(self._frontmatter_source)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = 2 + (mark.line if mark else 0)
            return {}, (line, getattr(error, "problem", None) or str(error))
        if isinstance(loaded, dict):
            return loaded, None
        if loaded is None:
            return {}, None
        return {}, (2, "front matter is not a mapping of keys to values")

    # Positions -------------------------------------------------------------------------------

    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count characters."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_end(self, line0: int) -> int:
        """Offset of the end (before the newline) of a 0-based line."""
        if line0 + 1 < len(self.line_starts):
            return self.line_starts[line0 + 1] - 1
        return len(self.text)

    def _span_of_lines(self, line_map: list[int] | None) -> tuple[int, int]:
        if not line_map:
            return 0, len(self.text)
        first, last = line_map[0], max(line_map[0], line_map[1] - 1)
        return self.line_starts[min(first, len(self.line_starts) - 1)], self.line_end(last)

    # Block views -----------------------------------------------------------------------------

    @cached_property
    def _blocks(self) -> _Blocks:
        return _Blocks.build(self)

    @property
    def inlines(self) -> list[Inline]:
        """Every paragraph, heading and table cell, in document order."""
        return self._blocks.inlines

    @property
    def headings(self) -> list[Heading]:
        return self._blocks.headings

    @property
    def list_items(self) -> list[ListItem]:
        return self._blocks.list_items

    @property
    def code_blocks(self) -> list[CodeBlock]:
        return self._blocks.code_blocks

    def in_code(self, line: int) -> bool:
        """Whether a 1-based line belongs to a code block (its fences included)."""
        return _in_code(self._code_lines, line)

    @cached_property
    def _code_lines(self) -> list[tuple[int, int]]:
        return _code_line_ranges(self.code_blocks)

    def code_offset(self, block: CodeBlock, line: int, column: int) -> int:
        """The document offset of a 0-based (line, column) in a code block's text.

        Code inside a list item is indented in the page and not in `block.text`: the indent is
        added back.
        """
        line0 = min(block.first_line - 1 + line, len(self.line_starts) - 1)
        start = self.line_starts[line0]
        indent = len(self.text[start : self.line_end(line0)]) - len(block.text.split("\n")[line])
        return start + max(indent, 0) + column

    @property
    def comments(self) -> list[Comment]:
        return self._blocks.comments

    # Inline views ----------------------------------------------------------------------------

    def prose(self, inline: Inline) -> Prose:
        """The readable text of an inline run, with source offsets (cached per run)."""
        cached = self._prose_cache.get(id(inline.token))
        if cached is None:
            cached = _prose(self.text, inline)
            self._prose_cache[id(inline.token)] = cached
        return cached

    @cached_property
    def links(self) -> list[Link]:
        """Every link (inline, reference-style, autolink) and image, in document order."""
        found = []
        for inline in self.inlines:
            raw = self.text[inline.start : inline.end + 1]
            if "[" not in raw and "<" not in raw:
                continue  # no link can be here: skip building the prose
            prose = self.prose(inline)
            for start, end, href in prose.links:
                if end > start:
                    found.append(Link(href, *prose.span(start, end), inline))
                else:  # empty link text: point at the start of the block
                    found.append(Link(href, inline.start, inline.start, inline))
            for index, src in prose.images:
                found.append(Link(src, *prose.span(index, index + 1), inline, image=True))
        return sorted(found, key=lambda link: link.start)

    @cached_property
    def _prose_cache(self) -> dict[int, Prose]:
        return {}


@dataclass
class _Blocks:
    """The views one walk of the token stream builds, so each rule's view costs no walk of its own."""

    inlines: list[Inline] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    list_items: list[ListItem] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Document) -> _Blocks:
        """Walk the token stream once, tracking enclosing blocks and MDX elements."""
        blocks = cls()
        open_blocks: list[Token] = []
        open_items: list[ListItem] = []
        lists: list[list[ListItem]] = []
        jsx = OpenJsx()
        for token in doc.tokens:
            kind = token.type
            if token.nesting == 1:
                if open_blocks and open_blocks[-1].type == "list_item_open" and open_items:
                    item = open_items[-1]
                    if item.paragraph is not None or kind != "paragraph_open":
                        item.has_nested = True
                if kind == "list_item_open":
                    item = ListItem(
                        line=token.map[0] + 1 if token.map else 1,
                        depth=len(lists),
                        ordered=open_blocks[-1].type == "ordered_list_open",
                        paragraph=None,
                    )
                    lists[-1].append(item)
                    item.siblings = lists[-1]
                    blocks.list_items.append(item)
                    open_items.append(item)
                elif kind in ("bullet_list_open", "ordered_list_open"):
                    lists.append([])
                open_blocks.append(token)
            elif token.nesting == -1:
                if open_blocks:
                    open_blocks.pop()
                if kind == "list_item_close" and open_items:
                    open_items.pop()
                elif kind in ("bullet_list_close", "ordered_list_close") and lists:
                    lists.pop()
            elif kind == "inline":
                blocks._add_inline(doc, token, open_blocks, open_items, jsx.stack)
            elif kind in ("fence", "code_block"):
                blocks._add_code(doc, token, jsx.stack)
                if open_blocks and open_blocks[-1].type == "list_item_open" and open_items:
                    open_items[-1].has_nested = True
            elif kind == "mdx_jsx":
                jsx.track(token.meta["tags"])
            elif kind == "html_block":
                start, _ = doc._span_of_lines(token.map)
                blocks._add_html_comments(doc, token.content, start)
                if open_blocks and open_blocks[-1].type == "list_item_open" and open_items:
                    open_items[-1].has_nested = True  # HTML after the item's text ends its paragraph
            elif kind == "mdx_expression" and token.meta.get("comment") is not None:
                start, _ = doc._span_of_lines(token.map)
                offset = doc.text.find("/*", start) + 2
                blocks.comments.append(Comment(token.meta["comment"], offset))
        blocks._add_definition_comments(doc)
        blocks.comments.sort(key=lambda comment: comment.start)
        return blocks

    def _add_definition_comments(self, doc: Document) -> None:
        if "]:" not in doc.text:
            return
        code_lines = _code_line_ranges(self.code_blocks)
        inline_starts = [inline.start for inline in self.inlines]  # in source order
        for match in _DEFINITION_COMMENT.finditer(doc.text, doc.frontmatter_end):
            before = bisect.bisect_right(inline_starts, match.start()) - 1
            if before >= 0 and self.inlines[before].end >= match.start():
                continue  # a paragraph's line
            if _in_code(code_lines, doc.position(match.start())[0]):
                continue
            if re.search(r"\w", match.group(1)):  # `[TODO]: #`; a `[//]` label holds nothing to read
                self.comments.append(Comment(match.group(1), match.start(1)))
            title = next((i for i in (2, 3, 4) if match.group(i) is not None), None)
            if title is not None:
                self.comments.append(Comment(match.group(title), match.start(title)))

    def _add_inline(self, doc, token, open_blocks, open_items, jsx) -> None:
        parent = open_blocks[-1].type if open_blocks else ""
        kind = {"paragraph_open": "paragraph", "heading_open": "heading"}.get(parent, "table_cell")
        start, end = doc._span_of_lines(token.map)
        containers = tuple(t.type.removesuffix("_open") for t in open_blocks[:-1])
        inline = Inline(token, kind, containers, jsx, start, end)
        self.inlines.append(inline)
        if kind == "heading":
            self.headings.append(Heading(int(open_blocks[-1].tag[1:]), inline))
        if (
            kind == "paragraph"
            and len(open_blocks) >= 2
            and open_blocks[-2].type == "list_item_open"
            and open_items
            and open_items[-1].paragraph is None
            and not open_items[-1].has_nested
        ):
            open_items[-1].paragraph = inline
        content = token.content
        if "<!--" not in content and "{" not in content:
            return  # no comment can be here: every child is a slice of this source
        for child in token.children or ():
            if child.type == "html_inline" and child.content.startswith("<!--"):
                offset = doc.text.find(child.content, start, end + 1)
                if offset >= 0:
                    self._add_html_comments(doc, child.content, offset)
            elif child.type == "mdx_expression_inline":
                inner = child.content[1:-1].strip()
                offset = doc.text.find(child.content, start, end + 1)
                if inner.startswith("/*") and inner.endswith("*/") and offset >= 0:
                    comment_start = doc.text.find("/*", offset) + 2
                    self.comments.append(Comment(inner[2:-2], comment_start))

    def _add_code(self, doc: Document, token: Token, jsx: JsxStack) -> None:
        line0 = token.map[0] if token.map else 0
        fenced = token.type == "fence"
        first0 = line0 + 1 if fenced else line0
        start = doc.line_starts[min(first0, len(doc.line_starts) - 1)]
        info = token.info.strip()
        lang = re.split(r"[\s{]", info, maxsplit=1)[0].lower() if info else ""
        self.code_blocks.append(
            CodeBlock(lang, info, token.content, line0 + 1, first0 + 1, start, fenced, jsx)
        )

    def _add_html_comments(self, doc: Document, html: str, offset: int) -> None:
        base = doc.text.find(html, offset)
        if base < 0:
            base = offset
        for match in _HTML_COMMENT.finditer(html):
            self.comments.append(Comment(match.group(1), base + match.start(1)))


def _code_line_ranges(code_blocks: list[CodeBlock]) -> list[tuple[int, int]]:
    return [(block.line, block.first_line + block.text.count("\n")) for block in code_blocks]


def _in_code(ranges: list[tuple[int, int]], line: int) -> bool:
    return any(first <= line <= last for first, last in ranges)


class JsxStack:
    """The MDX elements open around a block: iterated outermost first, equal to their tuple.

    Persistent: a stack is its innermost tag and the stack that tag was opened in, shared by
    every block inside, so a page costs memory per block and per tag. A copy per block cost
    blocks x depth: 1.6 GB for half a megabyte of unclosed `<A>` tags between paragraphs.
    """

    __slots__ = ("tag", "parent", "depth")

    def __init__(self, tag: Tag | None = None, parent: JsxStack | None = None) -> None:
        self.tag = tag
        self.parent = parent
        self.depth = parent.depth + 1 if parent is not None else 0

    def __iter__(self) -> Iterator[Tag]:
        tags = []
        node = self
        while node.parent is not None:
            tags.append(node.tag)
            node = node.parent
        return reversed(tags)

    def __len__(self) -> int:
        return self.depth

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, JsxStack | tuple):
            return NotImplemented
        return self is other or tuple(self) == tuple(other)

    __hash__ = None  # equal to tuples, which hash by content

    def __repr__(self) -> str:
        return f"JsxStack({tuple(self)!r})"


NO_JSX = JsxStack()


class OpenJsx:
    """The open MDX elements as the blocks are walked, and how many of each name are open: a
    stray closing tag is then skipped at once, not after a search through the whole stack."""

    def __init__(self) -> None:
        self.stack = NO_JSX
        self.open = Counter[str]()

    def track(self, tags: list[Tag]) -> None:
        """Open and close elements as `track_jsx` does, keeping the persistent stack."""
        for tag in tags:
            if tag.self_closing:
                continue
            if not tag.closing:
                self.stack = JsxStack(tag, self.stack)
                self.open[tag.name] += 1
                continue
            while self.open[tag.name]:
                closed = self.stack.tag
                self.stack = self.stack.parent
                self.open[closed.name] -= 1
                if closed.name == tag.name:
                    break


def track_jsx(stack: list[Tag], tags: list[Tag]) -> None:
    """Keep a list of open MDX elements; a stray closing tag closes up to its match."""
    for tag in tags:
        if tag.self_closing:
            continue
        if not tag.closing:
            stack.append(tag)
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth].name == tag.name:
                del stack[depth:]
                break


def _prose(text: str, inline: Inline) -> Prose:
    """Locate each child token of an inline run in the source, left to right.

    With `text_join` off, text tokens are verbatim slices of the source, so a forward search from
    a cursor finds each one; constructs whose source is not prose (destinations, code, tags) are
    stepped over so the search never lands inside them.
    """
    chars: list[str] = []
    offsets: list[int] = []
    sources: list[tuple[int, int]] = []
    exact: list[bool] = []
    cursor, limit = inline.start, inline.end + 1
    autolink = False
    links: list[tuple[int, int, str]] = []
    link_start: list[tuple[int, str]] = []
    images: list[tuple[int, str]] = []
    length = 0  # of the prose so far

    def put(piece: str, start: int, end: int) -> None:
        nonlocal length
        offsets.append(length)
        sources.append((start, end))
        exact.append(len(piece) == end - start)  # else an escape, entity or OBJECT
        chars.append(piece)
        length += len(piece)

    for child in inline.token.children or ():
        kind = child.type
        if kind == "text":
            found = text.find(child.content, cursor, limit)
            if found < 0 or not child.content:
                continue
            cursor = found + len(child.content)
            if autolink:
                put(OBJECT, found, cursor)
            else:
                put(child.content, found, cursor)
        elif kind == "text_special":
            found = text.find(child.markup, cursor, limit)
            if found >= 0:
                cursor = found + len(child.markup)
                put(child.content, found, cursor)
        elif kind in ("softbreak", "hardbreak"):
            found = text.find("\n", cursor, limit)
            if found >= 0:
                put(" ", found, found + 1)
                cursor = found + 1
        elif kind == "code_inline":
            found = text.find(child.markup, cursor, limit)
            if found >= 0:
                close = text.find(child.markup, found + len(child.markup), limit)
                cursor = close + len(child.markup) if close >= 0 else found + len(child.markup)
                put(OBJECT, found, cursor)
        elif kind in ("html_inline", "mdx_jsx_inline", "mdx_expression_inline"):
            found = text.find(child.content, cursor, limit)
            if found >= 0:
                cursor = found + len(child.content)
                put(OBJECT, found, cursor)
        elif kind == "image":
            found = text.find("![", cursor, limit)
            if found >= 0:
                cursor = _skip_link_tail(text, _skip_brackets(text, found + 1, limit), limit)
                images.append((length, str(child.attrs.get("src", ""))))
                put(OBJECT, found, cursor)
        elif kind == "link_open":
            autolink = child.markup == "autolink"
            link_start.append((length, str(child.attrs.get("href", ""))))
        elif kind == "link_close":
            if link_start:
                begin, href = link_start.pop()
                links.append((begin, length, href))
            if autolink:
                found = text.find(">", cursor, limit)
                cursor = found + 1 if found >= 0 else cursor
                autolink = False
            else:
                found = text.find("]", cursor, limit)
                if found >= 0:
                    cursor = _skip_link_tail(text, found + 1, limit)
    return Prose("".join(chars), tuple(offsets), tuple(sources), tuple(exact), tuple(links), tuple(images))


# What the two scans below act on; everything between is stepped over at C speed (a loop over
# every character of every link's destination was a tenth of the prose view's time).
_BRACKET_STEPS = re.compile(r"\\[\s\S]?|[\[\]]")  # an escape takes the character after it
_TAIL_STEPS = re.compile(r"[()\"']")


def _skip_brackets(text: str, pos: int, limit: int) -> int:
    """Given `text[pos] == "["`, return the offset just past the matching `]`."""
    depth = 0
    for step in _BRACKET_STEPS.finditer(text, pos, limit):
        char = step.group()
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return step.end()
    return limit


def _skip_link_tail(text: str, pos: int, limit: int) -> int:
    """Step over a link's `(destination "title")` or `[label]` after its closing bracket."""
    if pos < limit and text[pos] == "[":
        return _skip_brackets(text, pos, limit)
    if pos >= limit or text[pos] != "(":
        return pos
    depth, quote = 0, ""
    for step in _TAIL_STEPS.finditer(text, pos, limit):
        c, i = step.group(), step.start()
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            if depth == 1 and text[i - 1] in " \t\n":
                quote = c
        elif c == "(":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return i + 1
    return pos
