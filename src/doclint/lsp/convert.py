"""Findings in the editor's terms: diagnostics in the client's position encoding, and edits.

doclint counts lines from 1 and columns in characters (code points); LSP counts both from 0 and
columns in the negotiated encoding's code units (UTF-16 unless the client chose otherwise). The
document's own position codec (pygls) converts, so a line with emoji or CJK text stays exact.
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from doclint.findings import Finding, Severity

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def position(document, line: int, column: int) -> types.Position:
    """doclint's 1-based (line, character column) as an LSP position of `document`."""
    lines = document.lines
    return document.position_codec.position_to_client_units(lines, types.Position(max(line - 1, 0), max(column - 1, 0)))


def span(document, line: int, column: int, end_line: int, end_column: int) -> types.Range:
    return types.Range(position(document, line, column), position(document, end_line, end_column))


def diagnostic(document, finding: Finding, docs_url: str) -> types.Diagnostic:
    """The finding as a diagnostic; `data` keeps its fix, for the code actions."""
    data: dict[str, Any] = {"rule": finding.rule}
    if finding.fix is not None:
        data["fix"] = {
            "safe": finding.fix.safe,
            "description": finding.fix.description,
            "edits": [
                {"line": line, "column": column, "end_line": end_line, "end_column": end_column, "content": edit.content}
                for edit, (line, column, end_line, end_column) in zip(finding.fix.edits, finding.fix_positions)
            ],
        }
    return types.Diagnostic(
        range=span(document, finding.line, finding.column, finding.end_line, finding.end_column),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=_docs(finding.rule, docs_url),
        source="doclint",
        data=data,
    )


def _docs(rule: str, template: str) -> types.CodeDescription | None:
    from doclint.ruledocs import link

    href = link(rule, template)
    return types.CodeDescription(href=href) if href else None


def fix_edits(document, fix: dict) -> list[types.TextEdit]:
    return [
        types.TextEdit(span(document, e["line"], e["column"], e["end_line"], e["end_column"]), e["content"])
        for e in fix["edits"]
    ]


def disable_comment(kind: str, rule: str, mdx: bool) -> str:
    """A suppression comment in the page's own syntax (doclint.suppress)."""
    return f"{{/* doclint-{kind} {rule} */}}" if mdx else f"<!-- doclint-{kind} {rule} -->"


def disable_line_edits(document, line: int, rule: str, mdx: bool) -> list[types.TextEdit]:
    """The comments that suppress `rule` on 1-based `line`, placed as `check --add-suppressions`
    places them (doclint.add_suppressions): inside the line's list item or JSX block, around a
    table or code block rather than in it."""
    import difflib

    from doclint import add_suppressions
    from doclint.document import Document
    from doclint.findings import Finding, Severity

    doc = Document(document.uri, document.source, mdx=mdx)
    added = add_suppressions.add(doc, [Finding(doc.path, line, 1, line, 1, rule, Severity.WARNING, "")])
    old, new = doc.text.split("\n"), added.text.split("\n")
    edits = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op != "equal":
            span = types.Range(types.Position(a0, 0), types.Position(a1, 0))
            edits.append(types.TextEdit(span, "".join(text + "\n" for text in new[b0:b1])))
    return edits


def disable_file_edit(document, rule: str, mdx: bool) -> types.TextEdit:
    """A `doclint-disable-file` comment at the top of the page, below its front matter."""
    lines = document.lines
    row = 0
    if lines and lines[0].rstrip("\r\n") == "---":
        closing = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") in ("---", "...")), None)
        row = closing + 1 if closing is not None else 0
    at = types.Position(row, 0)
    return types.TextEdit(types.Range(at, at), disable_comment("disable-file", rule, mdx) + "\n")


def whole_document(document) -> types.Range:
    lines = document.lines
    end = types.Position(len(lines), 0)
    return types.Range(types.Position(0, 0), end)
