"""`doclint check --add-suppressions`: a suppression comment for every finding left, like ruff's
`--add-noqa`, so a team can adopt doclint (or a new rule) today and fix the backlog over time.

Where a comment goes is decided from the page's block tokens, so that it never changes what the
page renders:

- above a finding's line, `doclint-disable-next-line RULES -- reason`, on its own line, in the
  page's syntax (`<!-- -->` in .md, `{/* */}` in .mdx) and indented into the list item,
  blockquote or JSX block the line is in (into the previous item when the line starts a list
  item, since a comment between two items would split the list);
- a finding inside a block that is not on the block's first line (a paragraph's second line, a
  table row, code, a multi-line JSX tag) gets a `doclint-disable RULES` line above the block and
  a `doclint-enable RULES` line after it: nothing is ever written inside code or a table;
- a finding in front matter, or about the whole file (`internal-error`), gets
  `doclint-disable-file RULES`: a YAML comment inside the front matter, else a comment at the
  top of the page.

Several rules on one line share one comment, and a rule joins an existing
`doclint-disable-next-line` comment above its line rather than stacking a second one (which
would cover the first, not the line). After editing, the page is parsed again and its structure
(headings, lists, code, tables, JSX, front matter) compared with the original; if it changed,
the page instead gets one `doclint-disable-file` listing its rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from doclint.document import Document
from doclint.findings import Finding
from doclint.rules.doclint_findings import FIX_ERROR, INTERNAL_ERROR, READ_ERROR, TIME_LIMIT

# Findings no comment can suppress: the page was not read or linted, or its fix not written.
UNSUPPRESSIBLE = frozenset({READ_ERROR, TIME_LIMIT, FIX_ERROR})
_LEAVES = {
    "paragraph_open", "heading_open", "fence", "code_block", "html_block", "table_open", "hr",
    "mdx_jsx", "mdx_expression", "mdx_esm",
}
# doclint.containers: admonitions and tabs hold the lines indented four columns past the marker;
# a directive's (`:::note`) lines are not indented.
_INDENTED = {"container_admonition_open", "container_tab_open"}
_NESTING = {"blockquote_open", "list_item_open", "container_directive_open", *_INDENTED}
_MARKER = re.compile(r"[ \t]*([-+*]|\d{1,9}[.)])( *)")
_QUOTE = re.compile(r"[ \t]*> ?")


@dataclass
class Added:
    text: str
    comments: int  # comments written (or joined)
    fallback: bool  # the page got one doclint-disable-file instead


def check_reason(reason: str) -> str | None:
    """Why `reason` cannot go in a comment, or None."""
    if "\n" in reason or "\r" in reason:
        return "--reason must be one line"
    for closer in ("-->", "*/"):
        if closer in reason:
            return f"--reason must not hold {closer!r}: it would end the comment"
    return None


def comment(kind: str, rules: Iterable[str], reason: str, mdx: bool, yaml: bool = False) -> str:
    """A directive (doclint.suppress) in the page's syntax."""
    body = f"doclint-{kind} {', '.join(sorted(set(rules)))}" + (f" -- {reason}" if reason else "")
    if yaml:
        return f"# {body}"
    return f"{{/* {body} */}}" if mdx else f"<!-- {body} -->"


def add(doc: Document, findings: Iterable[Finding], reason: str = "") -> Added:
    """`doc`'s text with a suppression for each of `findings` (the page's, after suppression)."""
    wanted = [f for f in findings if f.rule not in UNSUPPRESSIBLE]
    if not wanted:
        return Added(doc.text, 0, False)
    placer = _Placer(doc, reason)
    for finding in wanted:
        placer.place(finding)
    text, count = placer.render()
    if _structure(_reparse(doc, text)) == _structure(doc):
        return Added(text, count, False)
    whole = _Placer(doc, reason)
    whole.file_level.update(f.rule for f in wanted)
    text, count = whole.render()
    if _structure(_reparse(doc, text)) == _structure(doc):
        return Added(text, count, True)
    return Added(doc.text, 0, True)  # not even that keeps the page: leave it alone


def _reparse(doc: Document, text: str) -> Document:
    return Document(doc.path, text, mdx=doc.is_mdx, containers=doc.container_syntaxes)


class _Placer:
    """Collects where each finding's comment goes, then writes them all at once."""

    def __init__(self, doc: Document, reason: str) -> None:
        from doclint import suppress

        self.doc, self.reason = doc, reason
        self.lines = doc.text.split("\n")
        self.front_end = doc.text.count("\n", 0, doc.frontmatter_end) if doc.frontmatter_end else 0  # lines
        self.file_level: set[str] = set()
        self.next_line: dict[int, set[str]] = {}  # 0-based line -> rules
        self.wrapped: dict[tuple[int, int], set[str]] = {}  # (first, last) 0-based lines -> rules
        tokens = [t for t in doc.tokens if t.map]
        self.leaves = [t for t in tokens if t.type in _LEAVES]
        self.containers = [t for t in tokens if t.type in _NESTING]
        self.parent: dict[int, object] = {}  # id of each list item -> its list
        lists: list = []
        for token in doc.tokens:
            if token.type in ("bullet_list_open", "ordered_list_open"):
                lists.append(token)
            elif token.type in ("bullet_list_close", "ordered_list_close") and lists:
                lists.pop()
            elif token.type == "list_item_open" and lists:
                self.parent[id(token)] = lists[-1]
        self.content_col = self._content_columns()
        # disable-next-line comments alone on their line, by the 0-based line they cover
        self.above = {
            d.end_line: d for d in suppress.directives(doc)
            if d.kind == "disable-next-line" and d.line == d.end_line and self._alone(d.line - 1)
        }

    def _alone(self, row: int) -> bool:
        stripped = self.lines[row].strip()
        return (stripped.startswith("<!--") and stripped.endswith("-->")) or (stripped.startswith("{/*") and stripped.endswith("*/}"))

    def place(self, finding: Finding) -> None:
        row = finding.line - 1
        if finding.rule == INTERNAL_ERROR or row < self.front_end or not 0 <= row < len(self.lines):
            self.file_level.add(finding.rule)
            return
        leaf = self._leaf(row)
        if leaf is None or leaf.map[0] == row:
            self.next_line.setdefault(row, set()).add(finding.rule)
        else:
            self.wrapped.setdefault((leaf.map[0], leaf.map[1] - 1), set()).add(finding.rule)

    def _leaf(self, row: int):
        holding = [t for t in self.leaves if t.map[0] <= row < t.map[1]]
        return min(holding, key=lambda t: (t.map[1] - t.map[0], -t.map[0]), default=None)

    # Writing ---------------------------------------------------------------------------------

    def render(self) -> tuple[str, int]:
        # (before 0-based line, order, text): at one line, a block's enable comes first, then the
        # next block's disable, then a next-line comment, which must sit right above its line.
        inserts: list[tuple[int, int, str]] = []
        replaced: dict[int, str] = {}
        mdx, reason = self.doc.is_mdx, self.reason
        for (first, last), rules in self.wrapped.items():
            rules |= self.next_line.pop(first, set())  # one comment for the block's rules
            # Above the block, and above any next-line comment that covers its first line.
            top = first
            while top in self.above:
                top -= 1
            inserts.append((top, 1, self._prefix(first, above=True) + comment("disable", rules, reason, mdx)))
            inserts.append((last + 1, 0, self._prefix(first, above=False) + comment("enable", rules, reason, mdx)))
        for row, rules in self.next_line.items():
            old = self.above.get(row)
            if old is not None and old.rules:  # join it, keeping its own reason
                at = old.line - 1
                indent = self.lines[at][: len(self.lines[at]) - len(self.lines[at].lstrip())]
                replaced[at] = indent + comment("disable-next-line", old.rules | rules, old.reason or reason, mdx)
            else:
                inserts.append((row, 2, self._prefix(row, above=True) + comment("disable-next-line", rules, reason, mdx)))
        if self.file_level:
            if self.front_end:  # a YAML comment, just inside the front matter
                inserts.append((1, -1, comment("disable-file", self.file_level, reason, mdx, yaml=True)))
            else:
                inserts.append((0, -1, comment("disable-file", self.file_level, reason, mdx)))
        lines = [replaced.get(i, line) for i, line in enumerate(self.lines)]
        for row, _, text in sorted(inserts, key=lambda item: (-item[0], -item[1])):
            lines.insert(row, text)
        return "\n".join(lines), len(inserts) + len(replaced)

    def _prefix(self, row: int, above: bool) -> str:
        """The start of a comment line that sits in the containers of line `row`.

        `above`: the line goes right above `row`, so a list item or blockquote that starts on
        `row` is left out (a comment above a later item goes into the item before it instead,
        since one between two items would end the list); else the line goes after the block
        starting on `row`, inside all of them.
        """
        line, mdx = self.lines[row], self.doc.is_mdx
        pos = 0
        for container in self._chain(row):
            if container.type == "blockquote_open":
                match = _QUOTE.match(line, pos)
                if (above and container.map[0] == row) or match is None:  # None: a lazy line
                    return _own_indent(_blank_markers(line[:pos]), line, pos, mdx)
                pos = match.end()
                continue
            if container.type == "container_directive_open":
                if above and container.map[0] == row:
                    return _own_indent(_blank_markers(line[:pos]), line, pos, mdx)
                continue
            column = self.content_col.get(id(container))
            if column is None:
                return _own_indent(_blank_markers(line[:pos]), line, pos, mdx)
            if above and container.map[0] == row:
                if container.type in _INDENTED or self.parent[id(container)].map[0] == row:  # the list's first item: above the list
                    return _own_indent(_blank_markers(line[:pos]), line, pos, mdx)
                return _blank_markers(line[:column].ljust(column))  # into the item before
            pos = column
        return _own_indent(_blank_markers(line[:pos].ljust(pos)), line, pos, mdx)

    def _chain(self, row: int) -> list:
        return [c for c in self.containers if c.map[0] <= row < c.map[1] and c.type in _NESTING]

    def _content_columns(self) -> dict[int, int]:
        """The column each list item's (and indented container's) content starts at, read from
        its first line."""
        columns: dict[int, int] = {}
        for item in self.containers:
            if item.type != "list_item_open" and item.type not in _INDENTED:
                continue
            row = item.map[0]
            line = self.lines[row] if row < len(self.lines) else ""
            pos = 0
            for container in self._chain(row):
                if container is item and item.type in _INDENTED:
                    columns[id(item)] = pos + len(line[pos:]) - len(line[pos:].lstrip(" ")) + 4
                    break
                if container is item:
                    match = _MARKER.match(line, pos)
                    if match is None:
                        break
                    spaces = len(match.group(2))
                    width = 1 if spaces == 0 or spaces > 4 or match.end() == len(line) else spaces
                    columns[id(item)] = match.end(1) + width
                    break
                if container.type == "blockquote_open":
                    match = _QUOTE.match(line, pos)
                    pos = match.end() if match else pos
                elif container.type == "container_directive_open":
                    continue
                elif container.map[0] == row:
                    match = _MARKER.match(line, pos)
                    pos = columns.get(id(container), match.end() if match else pos)
                else:
                    pos = columns.get(id(container), pos)
        return columns


def _blank_markers(prefix: str) -> str:
    """A line's container prefix with list markers as spaces and blockquote markers kept."""
    return re.sub(r"[^ \t>]", " ", prefix)


def _own_indent(prefix: str, line: str, pos: int, mdx: bool) -> str:
    """`prefix` plus the block's own indentation past its containers (at most 3 columns in
    Markdown, where 4 would make the comment indented code)."""
    rest = line[pos:]
    indent = rest[: len(rest) - len(rest.lstrip(" "))]
    return prefix + (indent if mdx else indent[:3])


# Structure -------------------------------------------------------------------------------------

_COMMENTS = re.compile(r"<!--.*?-->|\{/\*.*?\*/\}", re.DOTALL)


def _structure(doc: Document) -> tuple:
    """What a reader sees of the page, blind to comments: every block token's kind, and the
    text of headings, paragraphs, table cells, code and JSX, with tight and loose lists."""
    shape = []
    for token in doc.tokens:
        content = ""
        if token.type in ("inline", "html_block", "mdx_jsx", "mdx_esm"):
            content = " ".join(_COMMENTS.sub(" ", token.content).split())
            if not content and token.type == "html_block":
                continue  # only comments
        elif token.type in ("fence", "code_block"):
            content = token.content
        elif token.type == "mdx_expression":
            if token.meta.get("comment") is not None:
                continue
            content = token.content
        shape.append((token.type, token.tag, token.markup, token.info, token.hidden, token.level, content))
    return tuple(shape), repr(doc.frontmatter)
