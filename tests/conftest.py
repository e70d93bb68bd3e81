"""Shared helpers: lint a snippet with one rule, and find the real corpus; and a private cache
key folder for every test, and no job summary of the CI that runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from doclint.document import Document
from doclint.engine import ConfiguredRule, lint_document
from doclint.registry import all_rules

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "ably-docs"


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
