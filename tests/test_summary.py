"""`--format github` appends a Markdown job summary to `$GITHUB_STEP_SUMMARY`: totals, counts per
rule with links to their docs, and the findings the capped annotations cannot show; inert however
hostile the pages are, appended to what the job wrote before, and never a failed run."""

from __future__ import annotations

from click.testing import CliRunner
from markdown_it import MarkdownIt

import doclint
from doclint.cli import main
from doclint.findings import Finding, Severity
from doclint.formats import Report
from doclint.formats.summary import LISTED, markdown

TODO_PAGES = {f"docs/page-{n:02}.md": "# Page\n\nTODO: write this.\n" for n in range(25)}


def check(tmp_path, monkeypatch, pages: dict[str, str], summary_file, *args: str):
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    return CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--format", "github", *args, "docs"])


def tokens(text: str):
    """Every inline and block token GitHub's Markdown (CommonMark, tables, raw HTML) makes."""
    parsed = MarkdownIt("commonmark", {"html": True}).enable("table").parse(text)
    for token in parsed:
        yield token
        yield from token.children or ()


def test_summary_is_appended_with_totals_rule_counts_links_and_findings(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    result = check(tmp_path, monkeypatch, TODO_PAGES, summary)
    assert result.exit_code == 1
    assert result.stdout.count("::error ") == 10  # the annotations are capped...
    assert result.stdout.splitlines()[-1] == "::notice title=doclint::and 15 more findings: see the job summary"
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n\n## doclint\n")  # ...and the summary has them all
    assert "25 problems \\(25 errors\\) in 25 of 25 files\\." in text
    link = doclint.DOCS_URL.format(rule="leftover-todo")
    assert f"| [leftover\\-todo]({link}) | 25 | error |" in text
    listed = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(listed) == 25 and listed[0].startswith("- docs\\/page\\-00\\.md\\:3 error **leftover\\-todo**: Leftover TODO")


def test_summary_lists_the_first_findings_and_counts_them_all():
    findings = [
        Finding(f"p{n:03}.md", 1, 1, 1, 2, "leftover-todo", Severity.ERROR, "Leftover TODO marker") for n in range(LISTED + 7)
    ]
    text = markdown(Report(findings, [f.path for f in findings]))
    assert f"### First {LISTED} of {LISTED + 7} findings" in text
    assert sum(line.startswith("- ") for line in text.splitlines()) == LISTED
    assert f"| {LISTED + 7} | error |" in text


def test_a_clean_run_says_so(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    result = check(tmp_path, monkeypatch, {"docs/ok.md": "# Fine\n\nAll done here.\n"}, summary)
    assert result.exit_code == 0 and result.stdout == ""
    assert summary.read_text() == "\n## doclint\n\nNo problems in 1 file\\.\n"


HOSTILE = (
    "see [x](javascript:alert(1)) <img src=x onerror=alert(1)> ![i](http://e/i.png) | a | b |"
    " @everyone #1 **bold** <details><summary>hi</summary> http://evil.example &amp; \\ `code`\n## Heading"
)


def test_hostile_page_text_stays_text_in_the_summary():
    # Paths, pack rule names and messages quoting pages are all written by strangers.
    path, rule = "docs/[a](http://evil) <b>|x|.md", "pack.<i>rule</i>|)"
    text = markdown(Report([Finding(path, 3, 1, 3, 2, rule, Severity.WARNING, HOSTILE)], [path]))
    found = list(tokens(text))
    assert not [t for t in found if t.type in ("html_inline", "html_block", "image", "code_inline")]
    links = [t.attrGet("href") for t in found if t.type == "link_open"]
    assert links == [doclint.DOCS_URL.format(rule="pack.%3Ci%3Erule%3C%2Fi%3E%7C%29")]  # the rule's docs only
    assert [t.type for t in found if t.type in ("th_open", "td_open")] == ["th_open"] * 3 + ["td_open"] * 3
    assert [t.tag for t in found if t.type == "heading_open"] == ["h2", "h3"]  # doclint's own only
    # What the reader sees is the text exactly, each character as written.
    shown = "".join(t.content for t in found if t.type == "text")
    assert f"{path}:3" in shown and rule in shown
    assert HOSTILE.replace("\n", "\\n") in shown


def test_an_unwritable_summary_is_one_warning_and_the_run_goes_on(tmp_path, monkeypatch):
    missing = tmp_path / "no-such-folder" / "summary.md"
    result = check(tmp_path, monkeypatch, {"docs/a.md": "TODO: x\n"}, missing)
    assert result.exit_code == 1  # the findings decide, as without a summary
    assert result.stdout.startswith("::error file=docs/a.md,line=1")
    assert result.stderr == f"doclint: warning: cannot write the job summary to {missing}: No such file or directory\n"


def test_other_formats_write_no_summary(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    for name in "docs/a.md", :
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("TODO: x\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--format", "json", "docs"])
    assert result.exit_code == 1 and not summary.exists()
