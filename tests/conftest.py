"""Shared helpers: lint a snippet with one rule, and find the real corpus; and a private cache
key folder for every test, and no job summary of the CI that runs them."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import pytest

from doclint.document import Document
from doclint.engine import ConfiguredRule, lint_document
from doclint.registry import all_rules

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "ably-docs"


def _load_snapshot_script():
    """scripts/findings_snapshot.py, which knows how each shared tree is linted (scripts/ is not
    a package, so it is loaded by path)."""
    spec = importlib.util.spec_from_file_location("findings_snapshot", REPO / "scripts" / "findings_snapshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


findings_snapshot = _load_snapshot_script()


@pytest.fixture(autouse=True)
def _private_cache_key(tmp_path_factory, monkeypatch):
    """doclint keeps its cache key in $XDG_CACHE_HOME/doclint: point it at a fresh folder so no
    test reads or writes the real home (subprocesses inherit it through the environment)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    # Run in GitHub Actions, `--format github` would append to the real job's summary.
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def lint(text: str, rule: str, path: str = "page.md", **options):
    """Findings of one rule on `text`, with its default options overridden by `options`."""
    chosen = all_rules()[rule]
    configured = ConfiguredRule(chosen, chosen.severity, {**chosen.default_options(), **options})
    return lint_document(Document(path, text), [configured])


def positions(findings) -> list[tuple[int, int]]:
    return [(finding.line, finding.column) for finding in findings]


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The Ably docs corpus that sits beside this repository (DEVELOPERS.md)."""
    assert CORPUS.is_dir(), f"the corpus is missing: expected it at {CORPUS}"
    return CORPUS


def corpus_page(relative: str) -> Path:
    return CORPUS / "src" / "pages" / "docs" / relative


@pytest.fixture(scope="session")
def tree_findings():
    """`tree_findings(name)`: every finding of a whole-tree lint of a shared tree (a name of
    findings_snapshot.TREES), linted at most once per test session: linting the corpus costs
    seconds, and the snapshot and corpus tests read the same run."""
    for tree, _ in findings_snapshot.TREES.values():
        assert (findings_snapshot.SHARED / tree).is_dir(), f"the shared tree is missing: expected it at {findings_snapshot.SHARED / tree}"
    return cache(findings_snapshot.lint)
