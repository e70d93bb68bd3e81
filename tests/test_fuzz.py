"""Property tests: generated Markdown and MDX never make doclint raise, every finding lies inside
the file and points at what it names, and fixing changes nothing outside its edits.

The default run is small so CI stays fast. For a long run:

    DOCLINT_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py

Inputs that ever crashed are kept as regression fixtures in tests/fuzz_regressions/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from doclint.document import Document
from doclint.engine import ConfiguredRule, lint_document
from doclint.fix import fix_text
from doclint.packs import load_pack
from doclint.registry import all_rules

EXAMPLES = int(os.environ.get("DOCLINT_FUZZ_EXAMPLES", "60"))
RULES = [ConfiguredRule.default(rule) for rule in [*all_rules().values(), *load_pack("ably", Path(".")).rules]]
KNOWN = [configured.rule.name for configured in RULES]
REGRESSIONS = sorted((Path(__file__).parent / "fuzz_regressions").glob("*.md*"))

WORDS = st.sampled_from([
    "room", "TODO", "attach", "$5", "99.999%", "e.g.", "whilst", "real-time", "Javascript", "we",
    "—", "simply", "per million", "café", "\u202eRTL\u202c", "zero\u200bwidth", "e\u0301", "a\u00a0b",
    "tab\there", "*", "_", "`", "[", "]", "(", ")", "<", ">", "{", "}", "|", "\\", "&amp;", "!!!", ":", ".",
])
INLINE = st.lists(
    st.one_of(
        WORDS,
        st.builds(lambda t, u: f"[{t}]({u})", WORDS, st.sampled_from(["/docs/x", "#a", "b.md", "https://x.y", ""])),
        st.builds(lambda t: f"`{t}`", WORDS),
        st.builds(lambda t: f"**{t}**", WORDS),
        st.sampled_from(['<a id="x"/>', "<If lang=\"js\">js</If>", "{1 + 1}", "{/* doclint-disable-line */}", "<br>", "<!-- TODO -->"]),
        st.text(max_size=6),
    ),
    max_size=8,
).map(" ".join)


BLOCK = st.one_of(
    INLINE,
    st.builds(lambda level, text: "#" * level + " " + text, st.integers(1, 7), INLINE),
    st.builds(lambda depth, marker, text: "  " * depth + marker + " " + text, st.integers(0, 6), st.sampled_from(["-", "*", "1.", "2)"]), INLINE),
    st.builds(lambda depth, text: "> " * depth + text, st.integers(1, 5), INLINE),
    st.builds(lambda lang, code, close: f"```{lang}\n{code}\n" + ("```" if close else ""), st.sampled_from(["", "javascript", "swift", "react", "kotlin", "shell"]),
              st.sampled_from(["room.presence.enter();", "await room.attach();", "// TODO", "x = {", "<Foo>"]), st.booleans()),
    st.sampled_from(["<Code>", "</Code>", "<Aside data-type=\"note\">", "</Aside>", "<If lang=\"javascript\">", "</If>", "<Tiles items={[1]} />",
                     "import X from 'y'", "export const a = 1", "{/* comment */}", "{", "<Unclosed", "| a | b |\n|---|---|\n| c | d |", "---", "***"]),
)
FRONT_MATTER = st.one_of(st.just(""), st.sampled_from([
    "---\ntitle: Hello\n---\n", "---\ntitle: [unclosed\n---\n", "---\nmeta_description: TODO later\nredirect_from: /old\n---\n", "---\n---\n",
]))
DOCUMENT = st.builds(
    lambda fm, blocks, separators, newline: (fm + "".join(b + s for b, s in zip(blocks, separators))).replace("\n", newline),
    FRONT_MATTER,
    st.lists(BLOCK, max_size=12),
    st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=12, max_size=12),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=EXAMPLES <= 100)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff").split("\n")


def check_findings(text: str, name: str) -> None:
    doc = Document(name, text)
    findings = lint_document(doc, RULES, KNOWN)
    lines = _lines(text)
    for finding in findings:
        assert finding.rule != "internal-error", finding.message
        assert 1 <= finding.line <= finding.end_line <= len(lines), finding
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, finding
        if finding.line == finding.end_line:
            assert finding.column <= finding.end_column <= len(lines[finding.line - 1]) + 1, finding
        spanned = _span(lines, finding)
        if finding.rule == "leftover-todo":
            assert re.search(r"TODO|FIXME|XXX|TBD|TKTK", spanned), (finding, spanned)
        quoted = re.match(r"Use '.*' instead of '(.*)'$", finding.message)
        if quoted:
            assert spanned.lower() == quoted.group(1).lower(), (finding, spanned)


def _span(lines: list[str], finding) -> str:
    if finding.line == finding.end_line:
        return lines[finding.line - 1][finding.column - 1 : finding.end_column - 1]
    return lines[finding.line - 1][finding.column - 1 :]


def check_fixes(text: str, name: str) -> None:
    before = Document(name, text)
    result = fix_text(text, lambda doc: lint_document(doc, RULES, KNOWN), lambda t: Document(name, t), unsafe=True)
    after = Document(name, result.text)  # the fixed text parses again
    assert [(b.lang, b.text) for b in after.code_blocks] == [(b.lang, b.text) for b in before.code_blocks]
    assert not any(f.rule == "internal-error" for f in result.findings)


@pytest.mark.parametrize("name", ["page.md", "page.mdx"])
@SETTINGS
@given(text=DOCUMENT)
@example(text="")
@example(text="- a\n" * 3 + "{" * 50)
def test_generated_documents_never_raise_and_findings_point_inside_the_file(name, text):
    check_findings(text, name)


@pytest.mark.parametrize("name", ["page.md", "page.mdx"])
@SETTINGS
@given(text=DOCUMENT)
def test_fixing_generated_documents_never_touches_code_and_reparses(name, text):
    check_fixes(text, name)


if REGRESSIONS:  # defined only when there are any: a test with nothing to run would be skipped

    @pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
    def test_inputs_that_once_crashed(path):
        text = path.read_text(encoding="utf-8")
        check_findings(text, path.name)
        check_fixes(text, path.name)
