"""Rule documentation exists and links resolve: docs/rules/ is in step with the rules' own data,
`doclint rule NAME --format markdown` prints those pages, and every docs link doclint can print or
post (SARIF helpUri, rdjson code.url, `check --show-links`, the review's default) names a file of
this repository, or a pack rule's own `link:`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from doclint import DOCS_URL
from doclint.cli import main
from doclint.findings import Finding, Severity
from doclint.formats import Report, get
from doclint.ruledocs import documented_rules, link, pages

DOCS = REPO / "docs" / "rules"
HOME = "https://github.com/doclint/doclint/blob/main/"


def run(*args: str, cwd: Path = REPO):
    import os

    previous = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(previous)


def test_docs_pages_are_in_step_with_the_rules():
    expected = pages()
    present = {path.name: path.read_text(encoding="utf-8") for path in DOCS.glob("*.md")}
    stale = sorted(name for name in expected.keys() | present.keys() if expected.get(name) != present.get(name))
    assert not stale, f"docs/rules out of step ({', '.join(stale)}): run python scripts/rule_docs.py"


def test_every_rule_a_finding_can_name_has_a_page():
    names = set(documented_rules())
    from doclint.registry import all_rules

    assert set(all_rules()) <= names
    assert {"ably.bold-prefix", "ably.whilst"} <= names  # the shipped pack's rules
    assert {"internal-error", "read-error", "time-limit", "fix-error", "unused-suppression", "invalid-suppression"} <= names
    for name in names:
        assert (DOCS / f"{name}.md").is_file(), name
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert f"]({name}.md)" in index, name


@pytest.mark.parametrize("name", ["pricing", "ably.bold-prefix", "read-error", "inconsistent-figure"])
def test_rule_markdown_prints_the_page_kept_in_docs(name):
    result = run("rule", name, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.stdout == (DOCS / f"{name}.md").read_text(encoding="utf-8")


def test_rule_page_has_summary_severity_options_and_examples():
    page = (DOCS / "pricing.md").read_text(encoding="utf-8")
    assert "# `pricing`" in page and "| Default severity | warning |" in page
    assert "| `allowed_paths` | list |" in page
    assert "### Flagged (`guide.md`)" in page and "### Not flagged (`sla.md`)" in page
    site = (DOCS / "inconsistent-figure.md").read_text(encoding="utf-8")
    assert "### Other pages of the site the examples are linted with" in site
    pack = (DOCS / "ably.whilst.md").read_text(encoding="utf-8")
    assert "| Pack rule type | `substitution` |" in pack and "Whilst connected" in pack


def test_rule_text_stays_the_default_and_knows_file_findings():
    result = run("rule", "time-limit")
    assert result.exit_code == 0
    assert result.stdout.startswith("# time-limit\n") and "--time-limit SECONDS" in result.stdout
    bad = run("rule", "pricing", "--format", "html")
    assert bad.exit_code == 2


def _every_rule_report() -> Report:
    """One finding per documented rule, on a page of this repository."""
    findings = [
        Finding("fixtures/sample.md", 4, 1, 4, 5, name, Severity.WARNING, f"finding of {name}")
        for name in sorted(documented_rules())
    ]
    return Report(findings, ["fixtures/sample.md"], rules=documented_rules())


def _links_printed(report: Report) -> set[str]:
    """Every link the formats print for the report's findings."""
    sarif = json.loads(get("sarif").render(report))
    driver = sarif["runs"][0]["tool"]["driver"]["rules"]
    found = {rule["helpUri"] for rule in driver}
    for rule in driver:
        # The descriptions' own example links ("https://...") are text; the link doclint adds:
        found.update(re.findall(r"Full documentation: (\S+)$", rule["help"]["text"]))
        found.update(re.findall(r"\[Full documentation\]\((\S+)\)$", rule["help"]["markdown"]))
    found.update(d["code"]["url"] for d in json.loads(get("rdjson").render(report))["diagnostics"])
    text = get("text").render(report, quiet=True, show_links=True).plain
    found.update(re.findall(r"= docs: (\S+)", text))
    return found


def test_every_link_doclint_prints_or_posts_resolves_to_a_file_here(monkeypatch):
    monkeypatch.chdir(REPO)
    report = _every_rule_report()
    printed = _links_printed(report)
    # The review's comments and summary link with its --docs-url default, decided the same way.
    review_default = next(p.default for p in main.commands["review"].params if p.name == "docs_url")
    posted = {link(name, review_default) for name in documented_rules()}
    assert len(printed) >= len(documented_rules())
    for url in printed | posted:
        assert url.startswith(HOME), url
        target = REPO / url[len(HOME):]
        assert target.is_file(), f"{url} names no file of this repository"


def test_a_pack_rule_link_is_used_everywhere(tmp_path):
    (tmp_path / "house.yaml").write_text(
        "name: house\nrules:\n  click-here:\n    type: existence\n    tokens: [click here]\n"
        "    link: https://style.example.com/click-here\n  plain:\n    type: existence\n    tokens: [simply]\n",
        encoding="utf-8",
    )
    (tmp_path / "doclint.toml").write_text('packs = ["./house.yaml"]\n', encoding="utf-8")
    (tmp_path / "page.md").write_text("You simply click here to start.\n", encoding="utf-8")
    text = run("check", "--no-cache", "--show-links", "page.md", cwd=tmp_path)
    assert "= docs: https://style.example.com/click-here" in text.stdout
    assert f"= docs: {DOCS_URL.replace('{rule}', 'house.plain')}" in text.stdout
    sarif = json.loads(run("check", "--no-cache", "--format", "sarif", "page.md", cwd=tmp_path).stdout)
    described = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert described["house.click-here"]["helpUri"] == "https://style.example.com/click-here"
    # A pack rule without summary or description is described by its message, not its id alone.
    assert described["house.plain"]["fullDescription"]["text"] != "house.plain"
    rdjson = json.loads(run("check", "--no-cache", "--format", "rdjson", "page.md", cwd=tmp_path).stdout)
    urls = {d["code"]["value"]: d["code"].get("url") for d in rdjson["diagnostics"]}
    assert urls["house.click-here"] == "https://style.example.com/click-here"


def test_docs_url_points_links_elsewhere_or_nowhere(tmp_path):
    (tmp_path / "page.md").write_text("Text. TODO: finish\n", encoding="utf-8")
    moved = run("check", "--isolated", "--no-cache", "--show-links", "--docs-url", "https://docs.example.com/{rule}.html", "page.md", cwd=tmp_path)
    assert "= docs: https://docs.example.com/leftover-todo.html" in moved.stdout
    none = run("check", "--isolated", "--no-cache", "--show-links", "--docs-url", "", "page.md", cwd=tmp_path)
    assert "docs:" not in none.stdout and "leftover-todo" in none.stdout
    plain = run("check", "--isolated", "--no-cache", "page.md", cwd=tmp_path)
    assert "docs:" not in plain.stdout  # links only when asked for
