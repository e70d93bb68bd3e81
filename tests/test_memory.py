"""A run holds what the rules need, not the pages: a page's text lives while it is analysed
(issue 18: the whole process tree of a run over the Ably corpus x16 took 843 MiB)."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from click.testing import CliRunner

from doclint.cli import main
from doclint.config import CommandLine, ConfigResolver
from doclint.run import Options, run

PAGES = 30
PAGE_BYTES = 200_000


def _big_pages(tmp_path: Path) -> int:
    """PAGES pages, each a TODO line and a long code block (cheap to parse, costly to keep)."""
    body = "\n".join("x" * 9_999 for _ in range(PAGE_BYTES // 10_000))
    for n in range(PAGES):
        (tmp_path / f"page{n:02}.md").write_text(f"# Page {n}\n\nTODO: finish page {n}.\n\n```\n{body}\n```\n")
    return sum(path.stat().st_size for path in tmp_path.glob("*.md"))


def _peak_of_run(tmp_path: Path, **options) -> tuple[int, list]:
    run([tmp_path / "page00.md"], CommandLine(), ConfigResolver(isolated=True), Options(jobs=1))  # imports, not counted
    tracemalloc.start()
    try:
        outcome = run([tmp_path], CommandLine(), ConfigResolver(isolated=True), Options(jobs=1, **options))
        return tracemalloc.get_traced_memory()[1], outcome.findings
    finally:
        tracemalloc.stop()


def test_a_run_holds_one_page_text_at_a_time_not_every_page(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    total = _big_pages(docs)
    for options in ({}, {"cache_dir": tmp_path / "cache"}):  # the cache reads pages for their keys
        peak, findings = _peak_of_run(docs, **options)
        # Holding every page's text would take at least `total`; one page at a time, a few pages'.
        assert peak < total / 3, (options, peak, total)
        todos = sorted((Path(f.path).name, f.line, f.column) for f in findings if f.rule == "leftover-todo")
        assert todos == [(f"page{n:02}.md", 3, 1) for n in range(PAGES)]


def test_workers_read_their_pages_and_report_unreadable_ones_as_one_process_does(tmp_path):
    for n in range(45):  # past doclint.run.PARALLEL_THRESHOLD: -j 2 starts workers
        (tmp_path / f"page{n:02}.md").write_text(f"# Page {n}\n\nText [link](page{n + 1:02}.md#nowhere).\n")
    (tmp_path / "latin1.md").write_bytes("café\n\nTODO\n".encode("latin-1"))
    (tmp_path / "nul.md").write_bytes(b"# Page\n" + b"x" * 9000 + b"\n\nA \x00 here.\n")
    found = {}
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "-j", jobs, "--format", "json", str(tmp_path)])
        assert result.exit_code == 1, result.output
        found[jobs] = [(Path(f["path"]).name, f["line"], f["column"], f["rule"], f["message"]) for f in json.loads(result.stdout)]
    assert found["2"] == found["1"]
    assert ("latin1.md", 1, 1, "read-error", "not valid UTF-8 (byte 0xe9 at offset 3)") in found["2"]
    assert ("nul.md", 4, 1, "read-error", "holds a NUL byte on line 4: not linted (remove it)") in found["2"]
    # Site findings are placed from the analyses' line tables: line 3, the link's column.
    assert ("page03.md", 3, 7, "broken-link", "No anchor #nowhere in page04.md") in found["2"]


def test_the_text_report_shows_each_files_source_line(tmp_path):
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(f"# {name}\n\nThe {name} page. TODO: finish it.\n")
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", str(tmp_path)])
    for name in ("a.md", "b.md", "c.md"):
        assert f"{name}:3:" in result.output
        assert f"3 | The {name} page. TODO: finish it." in result.output
