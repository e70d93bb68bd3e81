"""`structure`: page shapes a style guide rules out, chosen from a fixed list.

    type: structure
    check: blockquote            # any blockquote (for sites that render callouts as a component)
    # check: code-after-heading  # a code block directly under a heading, with no text before it
    # check: fence-without-language
    files: ["*.mdx"]             # (a common key) only on these pages
"""

from __future__ import annotations

from doclint.findings import Problem
from doclint.packs.common import Common
from doclint.packs.spec import Spec

KEYS = {"check"}
PLACEHOLDERS = {"match"}
DEFAULT_MESSAGE = "{match}"
CHECKS = ("blockquote", "code-after-heading", "fence-without-language")


def build(spec: Spec, common: Common):
    which = spec.get("check", str, required=True)
    if which not in CHECKS:
        raise spec.error("check", f"unknown check {which!r} (use {', '.join(CHECKS)})")
    finder = {"blockquote": _blockquotes, "code-after-heading": _code_after_heading, "fence-without-language": _bare_fences}[which]

    def check(doc, options):
        for start, end, what in finder(doc):
            yield Problem(start, end, common.message.render(match=what))

    return check, False


def _blockquotes(doc):
    for token in doc.tokens:
        if token.type == "blockquote_open" and token.map:
            start = doc.line_starts[token.map[0]]
            yield start, doc.line_end(token.map[0]), "blockquote"


def _code_after_heading(doc):
    previous = None
    for token in doc.tokens:
        if token.type in ("fence", "code_block") and previous is not None and previous.type == "heading_close":
            start = doc.line_starts[token.map[0]]
            yield start, doc.line_end(token.map[0]), "code block right after a heading"
        if token.type not in ("mdx_jsx", "mdx_expression") and token.nesting != -1 or token.type == "heading_close":
            previous = token


def _bare_fences(doc):
    for block in doc.code_blocks:
        if block.fenced and not block.lang:
            start = doc.line_starts[block.line - 1]
            yield start, doc.line_end(block.line - 1), "code block without a language"
