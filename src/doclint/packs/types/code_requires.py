"""`code-requires`: in code blocks of some languages, a call that needs another call.

    type: code-requires
    languages: [javascript, typescript]   # fence languages (realtime_/rest_ prefixes ignored)
    when: [presence.enter, typing.keystroke]   # call paths, matched by their last segments
    requires: [attach]                    # at least one of these must also be called
    unless: [ChatRoomProvider]            # JSX elements or calls that make the block fine

Code is read with tree-sitter, so calls in comments and strings never count.
"""

from __future__ import annotations

from doclint import code
from doclint.findings import Problem
from doclint.packs.common import Common
from doclint.packs.spec import Spec

KEYS = {"languages", "when", "requires", "unless"}
PLACEHOLDERS = {"match", "requires"}
DEFAULT_MESSAGE = "`{match}()` needs a call to {requires} in the same example"


def _ends_with(path: tuple[str, ...], suffix: tuple[str, ...]) -> bool:
    return len(path) >= len(suffix) and path[-len(suffix) :] == suffix


def build(spec: Spec, common: Common):
    languages = set(spec.strings("languages", required=True))
    when = [tuple(p.split(".")) for p in spec.strings("when", required=True)]
    requires = [tuple(p.split(".")) for p in spec.strings("requires", required=True)]
    unless = spec.strings("unless")
    for language in languages:
        if code.grammar_for(language) is None:
            raise spec.error("languages", f"cannot read {language!r} code (JavaScript, TypeScript, JSX/TSX, Swift and Kotlin can be read)")
    wanted = " or ".join(f"`{'.'.join(r)}()`" for r in requires)

    def check(doc, options):
        for block in doc.code_blocks:
            language = block.lang.removeprefix("realtime_").removeprefix("rest_")
            if language not in languages:
                continue
            grammar = code.grammar_for(block.lang)
            calls = code.calls(block.text, grammar)
            first = next((c for c in calls if any(_ends_with(c.path, w) for w in when)), None)
            if first is None or any(_ends_with(c.path, r) for c in calls for r in requires):
                continue
            if unless and (
                set(unless) & code.jsx_element_names(block.text, grammar)
                or any(_ends_with(c.path, tuple(u.split("."))) for c in calls for u in unless)
            ):
                continue
            start = doc.code_offset(block, first.line, first.column)
            yield Problem(start, start + len(".".join(first.path)), common.message.render(match=".".join(first.path), requires=wanted))

    return check, False
