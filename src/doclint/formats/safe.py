"""Text from a repository made printable and inert before any output shows it.

doclint lints pages, file names and rule packs written by strangers, and its output is read by
terminals (which obey escape sequences: ESC, and C1 controls such as U+009B CSI) and by the GitHub
Actions runner (which obeys a line starting with `::`, and `##[command]` anywhere in a line).
So every text field a format shows goes through `visible`, which spells out the characters that
could act instead of showing: C0 and C1 controls, DEL, the bidirectional overrides of "Trojan
Source" (U+202A-U+202E, U+2066-U+2069), lone surrogates (an undecodable file name's bytes, shown
as `\\xe9`), and the noncharacters U+FFFE and U+FFFF that XML cannot hold. Everything else, such
as accented letters, CJK and emoji, is kept as it is.

`plain` also breaks `##[` for formats that are plain lines; `dumps` writes JSON that stays exact
(the escapes decode back to the same text) yet holds none of those characters, nor `##[`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from doclint import lazy_re
from doclint.findings import Finding

# Characters that act rather than show (see the module docstring): C0 controls, then the rest.
# json.dumps escapes C0 controls in strings itself; the ones in its output are its own line breaks.
_UNSAFE_BEYOND_C0 = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_ANY_UNSAFE = lazy_re.compile(f"[\x00-\x1f{_UNSAFE_BEYOND_C0}]")
_RAW_IN_JSON = lazy_re.compile(f"[{_UNSAFE_BEYOND_C0}]|##\\[")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
LEGACY_COMMAND = "##["  # the Actions runner's legacy command marker, honoured anywhere in a line


def visible(text: str) -> str:
    """`text` with every character that could act on a terminal or log spelled out as an escape."""
    return _ANY_UNSAFE.sub(_escape, text)


def plain(text: str) -> str:
    """`visible(text)` with `##[` broken as `##\\[`, for output read line by line as text."""
    return visible(text).replace(LEGACY_COMMAND, "##\\[")


def line_start(path: str) -> str:
    """A path as shown at the start of a line: `plain`, and never starting with `::` (the
    Actions runner obeys a line that does as a workflow command): then it is `./PATH`."""
    text = plain(path)
    return "./" + text if text.lstrip().startswith("::") else text


def shown(finding: Finding) -> Finding:
    """The finding as formats display it: path, rule, message and fix description `visible`.

    Lines, columns and the fixes' edits (the exact replacement text) are kept.
    """
    fix = finding.fix and replace(finding.fix, description=visible(finding.fix.description))
    path, rule, message = visible(finding.path), visible(finding.rule), visible(finding.message)
    if (path, rule, message, fix) == (finding.path, finding.rule, finding.message, finding.fix):
        return finding  # the usual case, without copying
    return replace(finding, path=path, rule=rule, message=message, fix=fix)


def dumps(value: object, indent: int | None = None) -> str:
    """JSON of `value`, UTF-8 as written, with unsafe characters and `[` of `##[` as `\\uXXXX`.

    Those characters and `##[` can only occur inside JSON strings, where the escape decodes back
    to the same text: the JSON stays exact.
    """
    import json  # the text report has no JSON to write

    return _RAW_IN_JSON.sub(_json_escape, json.dumps(value, indent=indent, ensure_ascii=False))


def _json_escape(match: re.Match) -> str:
    return "##\\u005b" if match[0] == LEGACY_COMMAND else f"\\u{ord(match[0]):04x}"


def _escape(match: re.Match) -> str:
    """The escape `visible` shows for one unsafe character: the byte for an undecodable one."""
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (Python's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if match[0] in _NAMED:
        return _NAMED[match[0]]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert_lines(text: str) -> str:
    r"""Text of several lines (a pack's docs) shown line by line with nothing that can act: no
    control character, no `##[`, no line that starts with `::` (shown as `\::`)."""
    lines = (plain(line) for line in text.split("\n"))
    return "\n".join("\\" + line if line.lstrip().startswith("::") else line for line in lines)


# Every ASCII punctuation character may be backslash-escaped in CommonMark, and an escaped one is
# always literal text: no emphasis, link, table cell break, heading, autolink or @mention.
_MARKDOWN_PUNCTUATION = lazy_re.compile(r"""[!"#$%'()*+,\-./:;=?@\[\\\]^_`{|}~]""")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def inert_markdown(text: str) -> str:
    """Text from a repository shown in Markdown (the job summary) as exactly these characters:
    `visible` first, then every Markdown punctuation character escaped and `&`, `<`, `>` written
    as entities, so that no page can add a link, an image, HTML or a table cell of its own.
    One line always: line breaks were spelled out by `visible`."""
    escaped = _MARKDOWN_PUNCTUATION.sub(lambda match: "\\" + match[0], visible(text))
    return re.sub("[&<>]", lambda match: _HTML[match[0]], escaped)
