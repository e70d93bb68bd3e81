"""The block containers docs generators add to Markdown, as markdown-it block rules.

Each generator wraps content in boxes that plain Markdown does not know: read as plain Markdown,
an admonition's indented content becomes a code block and a directive's fences become prose, so
every rule sees the wrong page. Each syntax is switched on per document (a generator's profile
names the ones its site uses):

- "admonitions": Python-Markdown admonitions (`!!! note`, `!!! note "Title"`, `!!! note ""`) and
  pymdownx.details (`??? note`, `???+ note`), as MkDocs sites write them.
- "tabs": pymdownx.tabbed content tabs (`=== "Label"`, `===! "Label"`, `===+ "Label"`).
- "directives": Docusaurus and Starlight asides (`:::note`, `:::tip[Title]`,
  `:::caution{title="x"}`, Docusaurus' older `:::note Title`), closed by a line of at least as
  many colons (`::::` around `:::` nests), as remark-directive reads them (which closes one
  even on a line inside a code fence in it).

The first two hold the lines indented by four columns past the marker (Python-Markdown's tab
length); blank lines inside are fine, and the first line indented less ends the box. A
container is the tokens `container_<kind>_open` / `container_<kind>_close` (kind "admonition",
"tab" or "directive") around its content, which is parsed as Markdown with the file's own line
numbers. The marker line's text after the marker is the open token's `info`; the title is not
an inline token, so it is not prose of the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from mdit_py_plugins.container import container_plugin

from doclint import lazy_re

SYNTAXES = ("admonitions", "tabs", "directives")

# The markers as Python-Markdown's admonition, pymdownx.details and pymdownx.tabbed match them.
_TYPES = r"[\w\-]+(?: +[\w\-]+)*"
_ADMONITION = lazy_re.compile(rf'(!!!) ?((?:{_TYPES})(?: +"(?:.*?)")?) *')
_DETAILS = lazy_re.compile(rf'(\?\?\?\+?) ?((?:(?:{_TYPES})?(?: +"(?:.*?)"))|(?:{_TYPES})) *')
_TAB = lazy_re.compile(r'(===!?\+?) +("(?:.*?)") *')
# remark-directive's container opening: a name, then an optional [label] and {attributes}; the
# old Docusaurus form puts a title after a space.
_DIRECTIVE = lazy_re.compile(r"[A-Za-z][\w-]*(?:\[.*\])?(?:\{.*\})?(?:[ \t]+\S.*)?[ \t]*")

TAB_LENGTH = 4  # Python-Markdown indents a container's content by one tab of four columns


def _indented_rule(kind: str, markers: tuple[re.Pattern[str], ...]) -> Callable[..., bool]:
    """A block rule for a marker line whose content is the lines indented below it."""

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.is_code_block(start_line):
            return False
        line = state.src[state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]]
        match = next((m for m in (p.fullmatch(line) for p in markers) if m), None)
        if match is None:
            return False
        if silent:
            return True
        indent = state.sCount[start_line] + TAB_LENGTH
        last = _last_indented_line(state, start_line, end_line, indent)
        old = state.parentType, state.lineMax, state.blkIndent
        state.parentType, state.lineMax, state.blkIndent = "container", last + 1, indent
        token = state.push(f"container_{kind}_open", "div", 1)
        token.markup, token.info, token.block = match.group(1), match.group(2), True
        token.map = [start_line, last + 1]
        state.md.block.tokenize(state, start_line + 1, last + 1)
        token = state.push(f"container_{kind}_close", "div", -1)
        token.markup, token.block = match.group(1), True
        state.parentType, state.lineMax, state.blkIndent = old
        state.line = last + 1
        return True

    return rule


def _last_indented_line(state: StateBlock, start_line: int, end_line: int, indent: int) -> int:
    """The last non-blank line after `start_line` indented by at least `indent` columns, before
    the first non-blank line indented less (or `start_line` when there is none)."""
    last = start_line
    for line in range(start_line + 1, end_line):
        if state.isEmpty(line):
            continue
        if state.sCount[line] < indent:
            break
        last = line
    return last


def _is_directive(params: str, markup: str) -> bool:
    return _DIRECTIVE.fullmatch(params) is not None


def containers_plugin(md: MarkdownIt, syntaxes: frozenset[str]) -> None:
    """Install the container syntaxes named in `syntaxes` (any of `SYNTAXES`)."""
    unknown = set(syntaxes) - set(SYNTAXES)
    if unknown:
        raise ValueError(f"unknown container syntax {min(unknown)!r}; expected one of {', '.join(SYNTAXES)}")
    alt = {"alt": ["paragraph", "reference", "blockquote", "list"]}  # each may interrupt these
    if "admonitions" in syntaxes:
        md.block.ruler.before("fence", "container_admonition", _indented_rule("admonition", (_ADMONITION, _DETAILS)), alt)
    if "tabs" in syntaxes:
        md.block.ruler.before("fence", "container_tab", _indented_rule("tab", (_TAB,)), alt)
    if "directives" in syntaxes:
        container_plugin(md, "directive", validate=_is_directive)
