"""The PyYAML-free front matter reader gives what `yaml.safe_load` gives, or declines."""

from __future__ import annotations

import pytest
import yaml

from doclint import simple_yaml
from doclint.document import _FRONT_MATTER, Document

from conftest import REPO

SHARED_TREES = REPO.parent / "shared" / "corpus"


@pytest.mark.parametrize("text", [
    "title: Presence",
    'title: Presence\nmeta_description: "Use presence to see who is online."\n',
    "title: 'Single quoted'\n\nsidebar_label: Two  spaces kept   \n",
    "redirect_from:\n  - /docs/old\n  - /docs/older/page\nlast: x",
    "redirect_from:\n- /docs/flush\n",
    "title: a [b] {c} it's 100% & more!",
    'empty: ""',
])
def test_simple_front_matter_reads_as_yaml_reads_it(text):
    assert simple_yaml.load(text) == yaml.safe_load(text)


@pytest.mark.parametrize("text", [
    "title: yes",  # YAML 1.1: true
    "draft: Off",
    "title: null",
    "on: value",  # a boolean key
    "order: 2",
    "title:",  # null
    "title: Read: this",  # a mapping inside, an error to YAML
    "url: https://ably.com",
    "title: Text # a comment",
    "title: 'it''s'",
    'title: "tab\\there"',
    "title: Caf\u00e9",
    "title: A\n  continued line",
    "items:\n  - a\n - b",  # two indents: YAML says no
    "items:\n  - 1",
    "nested:\n  key: value",
    "",
    "- a list",
])
def test_anything_else_is_left_to_pyyaml(text):
    assert simple_yaml.load(text) is None


def test_a_page_with_simple_front_matter_has_the_same_keys_and_no_error():
    doc = Document("page.mdx", '---\ntitle: Presence\nredirect_from:\n  - /docs/a\n---\n\n# Presence\n')
    assert doc.frontmatter == {"title": "Presence", "redirect_from": ["/docs/a"]}
    assert doc.frontmatter_error is None


def test_pyyaml_still_reads_and_reports_the_rest():
    assert Document("page.md", "---\ntitle: yes\norder: 2\n---\n").frontmatter == {"title": True, "order": 2}
    assert Document("page.md", "---\ntitle: a: b\n---\n").frontmatter_error[0] == 2


def test_every_shared_tree_page_it_reads_matches_pyyaml():
    read = 0
    for page in sorted(SHARED_TREES.rglob("*.md*")):
        match = _FRONT_MATTER.match(page.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n"))
        simple = simple_yaml.load(match.group(1) or "") if match else None
        if simple is not None:
            read += 1
            assert simple == yaml.safe_load(match.group(1)), page
    assert read > 500  # most of the Ably pages: the fast path is the usual one
