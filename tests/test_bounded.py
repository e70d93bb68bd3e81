"""Bounded work from repository input: pages and packs written by strangers cannot make doclint
take minutes or gigabytes.

Each input here is sized so that the old code's cost is astronomically larger than the new
one's (minutes of CPU, gigabytes, or an exponential blow-up): the tests assert the findings a
user gets, and memory where memory is the defect, never time.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from click.testing import CliRunner
from conftest import lint

from doclint.cli import main
from doclint.document import Document
from doclint.engine import ConfiguredRule, lint_document
from doclint.registry import all_rules


def rules(*names: str) -> list[ConfiguredRule]:
    return [ConfiguredRule.default(all_rules()[name]) for name in names]


def summary(findings, rule: str) -> str:
    """The message of the finding that stands for a rule's findings past the first 100."""
    return [f.message for f in findings if f.rule == rule][-1]


# A billion values in nine lines: each line lists the one before ten times. It loads as shared
# references, cheaply; printing or walking `i` is what never ends.
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]\n" for previous, name in zip("abcdefgh", "bcdefghi")
)
REFUSED = "its aliases expand it to more than 100,000 values"  # said of `e`, the first past the limit


def test_twenty_thousand_links_to_missing_anchors_among_twenty_thousand_headings():
    # Once each missing anchor was compared by difflib with every heading: 400 million pairs.
    headings = "".join(f"## Section {i}\n\n" for i in range(20_000))
    links = "".join(f"[see](#section-{i}-gone)\n" for i in range(20_000))
    findings = lint_document(Document("page.md", headings + links), rules("broken-link"))
    first = 2 * 20_000 + 1
    assert [(f.line, f.message) for f in findings[:3]] == [
        (first, "No anchor #section-0-gone on this page"),
        (first + 1, "No anchor #section-1-gone on this page"),
        (first + 2, "No anchor #section-2-gone on this page"),
    ]
    assert len(findings) == 101
    assert summary(findings, "broken-link") == "19900 more findings of broken-link in this file are not shown"


def test_the_findings_shown_keep_their_hints_under_the_budget():
    headings = "".join(f"## Section {i}\n\n" for i in range(300))
    links = "".join(f"[see](#sectoin-{i % 300}{'x' * (i // 300)})\n" for i in range(1_000))
    findings = lint_document(Document("page.md", headings + links), rules("broken-link"))
    assert findings[0].message == "No anchor #sectoin-0 on this page (did you mean #section-0?)"
    assert all("did you mean" in f.message for f in findings[:100])
    assert summary(findings, "broken-link") == "900 more findings of broken-link in this file are not shown"


def test_thousands_of_findings_under_thousands_of_disable_enable_pairs():
    # Once every finding was checked against every directive, and every enable against every
    # open block: here 32,000 findings, 16,000 ranges and 8,000 blocks that never end.
    count = 8_000
    page = "".join(
        "<!-- doclint-disable leftover-todo pricing -->\n"
        f"TODO {i} costs $5.\n"
        "<!-- doclint-enable leftover-todo pricing -->\n"
        "<!-- doclint-disable heading-structure duplicate-text -->\n"  # no enable ends these
        f"TODO {i} is shown at $6.\n\n"
        for i in range(count)
    )
    findings = lint_document(Document("page.md", page), rules("leftover-todo", "pricing", "unused-suppression"))
    shown = [(f.line, f.rule) for f in findings if f.rule in ("leftover-todo", "pricing") and "more findings" not in f.message]
    assert shown == [(6 * i + 5, rule) for i in range(100) for rule in ("leftover-todo", "pricing")]
    assert summary(findings, "leftover-todo") == f"{count - 100} more findings of leftover-todo in this file are not shown"
    assert summary(findings, "pricing") == f"{count - 100} more findings of pricing in this file are not shown"
    unused = [f.line for f in findings if f.rule == "unused-suppression" and "more findings" not in f.message]
    assert unused == [6 * i + 4 for i in range(100)]  # the blocks naming rules with nothing to hide
    assert summary(findings, "unused-suppression") == f"{count - 100} more findings of unused-suppression in this file are not shown"


def test_mdx_stack_memory_grows_with_blocks_and_tags_not_their_product():
    # Each paragraph once kept its own copy of the open-element stack: 16,000 paragraphs under
    # up to 16,000 unclosed <A> cost a gigabyte.
    count = 16_000
    page = "".join(f"<A>\n\nP{i}\n\n" for i in range(count))
    assert len(page) > 180_000
    tracemalloc.start()
    try:
        doc = Document("page.mdx", page)
        inlines = doc.inlines
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024
    assert [len(inline.jsx) for inline in inlines[:3]] == [1, 2, 3]
    assert len(inlines[-1].jsx) == count
    assert {tag.name for tag in inlines[-1].jsx} == {"A"}


def test_a_pack_message_with_a_format_spec_is_a_clear_config_error(tmp_path: Path):
    (tmp_path / "house.yaml").write_text(
        "name: house\nrules:\n  easy:\n    type: existence\n    tokens: [easily]\n    message: '{match:>999999999}'\n"
    )
    (tmp_path / "doclint.toml").write_text('packs = ["./house.yaml"]\n')
    (tmp_path / "page.md").write_text("Easily done.\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path)])
    assert result.exit_code == 2
    assert (
        "house.yaml: rule house.easy: key 'message': '{match:>999999999}' has a format spec; "
        "only {match} placeholders are allowed"
    ) in result.output
    assert "Traceback" not in result.output


def test_a_billion_laughs_front_matter_is_one_front_matter_finding():
    text = f"---\ntitle: Bomb\n{BOMB}languages: *i\n---\n\nText.\n"
    findings = lint(text, "frontmatter", allowed={"languages": ["javascript"], "i": ["x"]})
    assert [(f.line, f.message) for f in findings] == [(7, f"Front matter is not valid YAML: {REFUSED}")]


def test_a_billion_laughs_pack_file_is_an_invalid_yaml_error(tmp_path: Path):
    (tmp_path / "house.yaml").write_text(f"name: house\n{BOMB}description: *i\nrules:\n  x:\n    type: existence\n    tokens: [a]\n")
    (tmp_path / "doclint.toml").write_text('packs = ["./house.yaml"]\n')
    (tmp_path / "page.md").write_text("Text.\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path)])
    assert result.exit_code == 2
    assert f"house.yaml: invalid YAML (line 6): {REFUSED}" in result.output
    assert "Traceback" not in result.output


def test_a_billion_laughs_redirect_page_leaves_the_site_index_alone(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    # The page is not linted here: the site index reads its redirects itself, and refuses them
    # with the rest of its front matter, as it does for front matter that does not parse.
    (docs / "bomb.md").write_text(f"---\nredirect_from: /docs/old-guide\n{BOMB}tags: *i\n---\n\nText.\n")
    (docs / "page.md").write_text("See [old](/docs/old-guide).\n")
    link = all_rules()["broken-link"]
    configured = ConfiguredRule(link, link.severity, {**link.default_options(), "routes": {"/docs": str(docs)}})
    findings = lint_document(Document(str(docs / "page.md"), (docs / "page.md").read_text()), [configured])
    assert [f.message for f in findings] == ["Broken link /docs/old-guide: no page serves /docs/old-guide"]
