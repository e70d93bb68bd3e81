"""Teach markdown-it-py the block structure of MDX.

markdown-it-py is a CommonMark parser. On an MDX page it reads `<Code>` on its own line as the
start of an HTML block that runs to the next blank line, swallowing the fenced code after it, and
then reads the closing fence as the opening of a new fence that swallows the prose below. Every
rule would then see garbage.

This plugin adds the MDX constructs as real tokens, so the Markdown between them is parsed as
Markdown with true line numbers:

- `mdx_jsx`: one or more JSX tags (opening, closing, self-closing; attributes may span lines)
  alone on their line(s). Only the tag lines are consumed; what is inside the element is parsed
  as ordinary blocks. `token.meta["tags"]` lists the parsed `Tag`s.
- `mdx_expression`: a `{...}` expression alone on its line(s); `{/* ... */}` comments have
  `token.meta["comment"]` set to the comment's text.
- `mdx_esm`: top-level `import` / `export` statements, up to the next blank line.
- `mdx_jsx_inline` / `mdx_expression_inline`: the same inside paragraphs and headings.

It also turns off what MDX does not have: indented code blocks and raw HTML blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from doclint import lazy_re

_NAME = lazy_re.compile(r"[A-Za-z_$][\w$.:-]*")
_ATTR_NAME = lazy_re.compile(r"[A-Za-z_$:][\w$.:-]*")
_ESM = lazy_re.compile(r"(?:import|export)\b")


@dataclass(frozen=True)
class Tag:
    """A parsed JSX tag. `name` is "" for fragments (`<>`); attribute values keep their quotes."""

    name: str
    closing: bool = False
    self_closing: bool = False
    attrs: dict[str, str] = field(default_factory=dict)

    def attr(self, key: str) -> str | None:
        """An attribute's string value without quotes, or None if absent or not a plain string."""
        value = self.attrs.get(key)
        if value is None or len(value) < 2 or value[0] not in "'\"" or value[-1] != value[0]:
            return None
        return value[1:-1]


def scan_braces(src: str, pos: int) -> int:
    """Given `src[pos] == "{"`, return the index just past the matching `}`, or -1.

    Strings, template literals and comments inside braces are skipped so braces inside them do
    not count. Matching is worked out once per source text, so a line of a million `{` costs one
    pass, not a million.

    An expression starts fresh wherever MDX finds one: a `{` after a fenced block whose code
    left a `{` open (`"{\\"room\\": 1}"` in a C# string, say) is matched from itself, not read
    as part of a string that the code's backticks seemed to open. The whole-text pass cannot
    see such a `{`; it is matched on demand, within a budget that keeps the total work linear.
    """
    pairs, budget = _brace_pairs(src)
    end = pairs.get(pos)
    if end is None:
        if budget[0] <= 0:
            return -1  # hostile input: no more on-demand passes
        end, scanned = _match_from(src, pos, pairs)
        budget[0] -= scanned
    return end


def brace_pairs(src: str) -> dict[int, int]:
    """Every `{` the whole-text pass reads, mapped to the index just past its `}` (-1 when it
    is never closed)."""
    return _brace_pairs(src)[0]


_BRACE_SIGNIFICANT = lazy_re.compile(r"[{}'\"`/]")


@lru_cache(maxsize=16)
def _brace_pairs(src: str) -> tuple[dict[int, int], list[int]]:
    """The pass over the whole text, and the budget left for matching on demand (a list, so
    `scan_braces` can spend it: a few times the text's length)."""
    pairs: dict[int, int] = {}
    i = src.find("{")
    while i >= 0:
        end, _ = _match_from(src, i, pairs)
        if end < 0:
            break  # the rest of the text was read inside that unclosed `{`
        i = src.find("{", end)
    return pairs, [4 * len(src) + 1024]


def _match_from(src: str, start: int, pairs: dict[int, int]) -> tuple[int, int]:
    """Match the `{` at `start` as a fresh expression: (the index past its `}` or -1, the
    characters read). Every `{` read on the way is recorded in `pairs`, which is as true for it
    as for `start`: inside braces, what a character means does not depend on the depth."""
    stack = [start]
    unclosed: dict[str, int] = {}  # a quote kind (or "/*") -> where its last search failed
    i, n = start + 1, len(src)
    while stack:
        # Jump to the next character that can matter: the loop steps through characters in
        # Python, and most of an expression is none of these.
        found = _BRACE_SIGNIFICANT.search(src, i)
        if found is None:
            break
        i = found.start()
        c = src[i]
        if c == "{":
            stack.append(i)
        elif c == "}":
            pairs[stack.pop()] = i + 1
        elif c in "'\"`" and unclosed.get(c, -1) < i:
            end = _string_end(src, i)
            if end < 0:
                # No closer up to the line's end (the text's end for `): nor for any quote of
                # this kind before there.
                line_end = src.find("\n", i)
                unclosed[c] = n if c == "`" or line_end < 0 else line_end
            else:
                i = end
                continue
        elif c == "/" and src.startswith("/*", i) and "/*" not in unclosed:
            end = src.find("*/", i + 2)
            if end < 0:
                unclosed["/*"] = n
            else:
                i = end + 2
                continue
        elif c == "/" and src.startswith("//", i):
            end = src.find("\n", i)
            i = n if end < 0 else end
            continue
        i += 1
    for left in stack:
        pairs[left] = -1
    return pairs[start], (n if stack else pairs[start]) - start


def _string_end(src: str, pos: int) -> int:
    """The index just past the string opening at `pos`, or -1 (quotes end at the line's end)."""
    quote = src[pos]
    i = pos + 1
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if c == quote:
            return i + 1
        if c == "\n" and quote != "`":
            return -1
        i += 1
    return -1


def scan_tag(src: str, pos: int) -> tuple[int, Tag] | None:
    """Parse a JSX tag starting at `src[pos] == "<"`; return (end index, tag) or None."""
    n = len(src)
    i = pos + 1
    closing = i < n and src[i] == "/"
    if closing:
        i += 1
    match = _NAME.match(src, i)
    name = ""
    if match:
        name = match.group()
        i = match.end()
    elif i >= n or src[i] != ">":
        return None
    attrs: dict[str, str] = {}
    while True:
        while i < n and src[i] in " \t\n":
            i += 1
        if i >= n:
            return None
        if src[i] == ">":
            return i + 1, Tag(name, closing, False, attrs)
        if src.startswith("/>", i) and not closing:
            return i + 2, Tag(name, closing, True, attrs)
        if closing:
            return None
        if src[i] == "{":  # spread attribute: {...props}
            end = scan_braces(src, i)
            if end < 0:
                return None
            i = end
            continue
        match = _ATTR_NAME.match(src, i)
        if not match:
            return None
        key = match.group()
        i = match.end()
        while i < n and src[i] in " \t":
            i += 1
        if i < n and src[i] == "=":
            i += 1
            while i < n and src[i] in " \t":
                i += 1
            if i >= n:
                return None
            if src[i] in "'\"":
                end = src.find(src[i], i + 1)
            elif src[i] == "{":
                end = scan_braces(src, i) - 1
            else:
                return None
            if end < 0:
                return None
            attrs[key] = src[i : end + 1]
            i = end + 1
        else:
            attrs[key] = "{true}"


def _scan_flow_line(src: str, pos: int) -> tuple[int, list[Tag], str | None] | None:
    """Scan tags and expressions from `pos` until the end of a line holding nothing else.

    Returns (end offset at the line's end, tags, comment text of a lone `{/* */}`) or None when
    the line also holds text, which makes it a paragraph with inline JSX instead.
    """
    tags: list[Tag] = []
    comment: str | None = None
    expressions = 0
    i, n = pos, len(src)
    while True:
        while i < n and src[i] in " \t":
            i += 1
        if i >= n or src[i] == "\n":
            if not tags and not expressions:
                return None
            if tags or expressions > 1:
                comment = None
            return i, tags, comment
        if src[i] == "<":
            scanned = scan_tag(src, i)
            if scanned is None:
                return None
            i, tag = scanned
            tags.append(tag)
        elif src[i] == "{":
            end = scan_braces(src, i)
            if end < 0:
                return None
            inner = src[i + 1 : end - 1].strip()
            if inner.startswith("/*") and inner.endswith("*/"):
                comment = inner[2:-2]
            expressions += 1
            i = end
        else:
            return None


def _line_of(state: StateBlock, offset: int, start_line: int) -> int:
    line = start_line
    while line < state.lineMax and state.eMarks[line] < offset:
        line += 1
    return line


def _flow_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    pos = state.bMarks[start_line] + state.tShift[start_line]
    src = state.src
    if pos >= len(src) or src[pos] not in "<{ie":
        return False

    if src[pos] in "ie":
        return _esm_rule(state, start_line, end_line, silent, pos)

    if src.startswith("<!--", pos):
        end = src.find("-->", pos + 4)
        if end < 0:
            return False
        end += 3
        line_end = src.find("\n", end)
        if src[end : line_end if line_end >= 0 else None].strip():
            return False
        last = _line_of(state, end, start_line)
        if silent:
            return True
        token = state.push("html_block", "", 0)
        token.content = src[pos:end]
        token.map = [start_line, last + 1]
        state.line = last + 1
        return True

    scanned = _scan_flow_line(src, pos)
    if scanned is None:
        return False
    end, tags, comment = scanned
    last = _line_of(state, end, start_line)
    if last >= end_line:
        return False
    if silent:
        return True
    token = state.push("mdx_jsx" if tags else "mdx_expression", "", 0)
    token.content = src[pos:end]
    token.map = [start_line, last + 1]
    token.meta = {"tags": tags, "comment": comment}
    state.line = last + 1
    return True


def _esm_rule(state: StateBlock, start_line: int, end_line: int, silent: bool, pos: int) -> bool:
    # import/export only at the top level, and they never interrupt a paragraph.
    if silent or state.parentType != "root" or state.sCount[start_line] != 0:
        return False
    if not _ESM.match(state.src, pos):
        return False
    last = start_line
    while last + 1 < end_line and not state.isEmpty(last + 1):
        last += 1
    token = state.push("mdx_esm", "", 0)
    token.content = state.getLines(start_line, last + 1, 0, False)
    token.map = [start_line, last + 1]
    state.line = last + 1
    return True


def _inline_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    char = src[pos]
    if char == "{":
        end = scan_braces(src, pos)
        if end < 0:
            return False
        if not silent:
            token = state.push("mdx_expression_inline", "", 0)
            token.content = src[pos:end]
        state.pos = end
        return True
    if char == "<" and not src.startswith("<!--", pos):
        scanned = scan_tag(src, pos)
        if scanned is None:
            return False
        end, tag = scanned
        if not silent:
            token = state.push("mdx_jsx_inline", "", 0)
            token.content = src[pos:end]
            token.meta = {"tags": [tag]}
        state.pos = end
        return True
    return False


def mdx_plugin(md: MarkdownIt) -> None:
    """Install MDX's block and inline constructs into a markdown-it parser."""
    md.block.ruler.before(
        "html_block",
        "mdx_flow",
        _flow_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.inline.ruler.before("html_inline", "mdx_inline", _inline_rule)
    md.disable(["code", "html_block"])
