"""The cache gives the same findings as a cold run, and forgets what it must: a changed page,
changed rules, a changed pack, a changed link target."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint.cli import main


def lint(root: Path, *args: str) -> list[tuple]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--cache-dir", str(root / ".cache"), *args, str(root / "docs")])
    assert result.exit_code in (0, 1), result.output
    return [(Path(f["path"]).name, f["line"], f["rule"], f["message"]) for f in json.loads(result.stdout)]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "guide.md").write_text("# Guide\n\nSee [setup](setup.md#install) first. TODO: check.\n")
    (docs / "setup.md").write_text("# Setup\n\n## Install\n\nRun it.\n")
    return tmp_path


def test_warm_run_matches_cold_run_and_reads_the_cache(tree):
    cold = lint(tree, "--no-cache")
    first = lint(tree)
    assert (tree / ".cache").is_dir()
    assert lint(tree) == first == cold == [("guide.md", 3, "leftover-todo", "Leftover TODO marker: resolve it or remove it before publishing")]


def test_a_changed_page_is_linted_again(tree):
    lint(tree)
    (tree / "docs" / "guide.md").write_text("# Guide\n\nAll done.\n")
    assert lint(tree) == []


def test_a_link_into_a_page_that_changed_is_judged_again(tree):
    assert not any(rule == "broken-link" for *_, rule, _ in lint(tree))
    (tree / "docs" / "setup.md").write_text("# Setup\n\n## Configure\n\nRun it.\n")  # #install is gone
    found = lint(tree)
    assert ("guide.md", 3, "broken-link", "No anchor #install in setup.md") in found


def test_changed_rules_or_options_are_not_served_from_the_cache(tree):
    lint(tree)
    (tree / "doclint.toml").write_text('[rules.leftover-todo]\nseverity = "off"\n')
    assert lint(tree) == []


def test_a_changed_pack_rule_is_not_served_from_the_cache(tree):
    pack = tree / "style"
    pack.mkdir()
    (pack / "guide-word.yaml").write_text("type: existence\ntokens: [Guide]\n")
    (tree / "doclint.toml").write_text('packs = ["./style"]\nselect = ["style"]\n')
    assert [rule for *_, rule, _ in lint(tree)] == ["style.guide-word"]
    (pack / "guide-word.yaml").write_text("type: existence\ntokens: [Nothing]\n")
    assert lint(tree) == []


def test_clean_removes_the_cache(tree):
    lint(tree)
    result = CliRunner().invoke(main, ["clean", "--cache-dir", str(tree / ".cache")])
    assert result.exit_code == 0 and not (tree / ".cache").exists()
    assert "No cache" in CliRunner().invoke(main, ["clean", "--cache-dir", str(tree / ".cache")]).output


def test_clean_removes_a_cache_with_files_of_older_versions(tree):
    lint(tree)
    folder = tree / ".cache"
    (folder / "v0.0.9.pickle").write_bytes(b"old")
    (folder / "tmpab12_x.tmp").write_bytes(b"half written")
    result = CliRunner().invoke(main, ["clean", "--cache-dir", str(folder)])
    assert result.exit_code == 0 and result.output == f"Removed {folder}\n" and not folder.exists()


def test_a_corrupt_cache_is_ignored(tree):
    lint(tree)
    (tree / ".cache" / "cache-v1.json").write_bytes(b"not a cache")
    assert len(lint(tree)) == 1


def test_parallel_and_serial_runs_print_the_same_report_in_the_same_order(corpus, tmp_path):
    runs = []
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "-j", jobs, "--format", "json", str(corpus / "src/pages/docs/chat")])
        runs.append(result.stdout)
    assert runs[0] == runs[1] and len(json.loads(runs[0])) > 5


def test_one_page_run_imports_only_what_it_needs(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Title\n\nPlain text.\n")
    probe = (
        "import sys; from doclint.cli import main\n"
        "try:\n    main(['check', '--no-cache', '--isolated', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "heavy = ('tree_sitter', 'yaml', 'pathspec', 'importlib.metadata', 'doclint.formats.', 'doclint.cache')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy) and m != 'doclint.formats.safe'))"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(page)], check=False, capture_output=True, text=True)
    # Only the chosen output format; no tree-sitter (no code), YAML (no front matter), pathspec
    # (no .gitignore to read), importlib.metadata (no plugin installed) or cache (--no-cache).
    assert result.stdout.strip().splitlines()[-1] == "['doclint.formats.text']", result.stdout + result.stderr


def test_the_codec_gives_back_every_analysis_of_a_real_tree_exactly(corpus):
    # A field or type the codec missed would make every entry a miss: slow, and silent.
    from doclint import cache_codec, site
    from doclint.document import Document
    from doclint.engine import ConfiguredRule, analyse
    from doclint.registry import all_rules

    rules = [ConfiguredRule.default(rule) for rule in all_rules().values()]
    pages = sorted((corpus / "src/pages/docs/chat").rglob("*.mdx"))[:60]
    analyses = [analyse(Document(str(page), page.read_text(encoding="utf-8"), mdx=True), rules) for page in pages]
    assert any(f.fix for a in analyses for f in a.findings) and any(a.site_inputs for a in analyses)
    for analysis in analyses:
        assert cache_codec.decode_analysis(json.loads(json.dumps(cache_codec.encode(analysis)))) == analysis
    site.anchors_of(pages[0])
    assert cache_codec.decode_pages(json.loads(json.dumps(cache_codec.encode(site.PAGE_INFO)))) == site.PAGE_INFO
