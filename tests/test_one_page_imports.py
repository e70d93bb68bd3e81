"""What a one-page run imports: only what that page needs (issue 18, "one page is instant").

Each run is a fresh interpreter that runs the CLI on one page and lists `sys.modules`; no timing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import doclint

SRC = str(Path(doclint.__file__).resolve().parents[1])

# Costly modules a plain page never needs. (rich only colours a terminal's report; regex serves
# packs and mdBook ids; PyYAML only front matter beyond `key: value` lines; the rest are other
# commands' or other options' machinery.)
NEVER = (
    "rich", "regex", "yaml", "frontmatter", "pickle", "importlib.resources", "importlib.metadata",
    "tomllib", "difflib", "hashlib", "pygls", "lsprotocol", "unidiff", "multiprocessing",
    "doclint.baseline", "doclint.cache", "doclint.changes", "doclint.fix", "doclint.add_suppressions",
    "doclint.github", "doclint.lsp", "doclint.packs", "doclint.yaml_safe",
)
GENERATORS = tuple(f"doclint.site.{name}" for name in ("ably", "docusaurus", "mdbook", "mkdocs", "starlight"))

PAGE = """---
title: Presence
meta_description: "See who is online."
redirect_from:
  - /docs/old-presence
---

# Presence

Enter the presence set, then [read the guide](/docs/guide#setup). TODO: finish
this page and [see below](#enter).

## Enter

```javascript
const room = await chat.rooms.get('room');
await room.presence.enter({ status: 'online' });
```
"""


def _modules(tmp_path: Path, page: str, *args: str) -> tuple[list[str], str]:
    """The modules loaded after `doclint check --no-cache PAGE ARGS`, and its report."""
    target = tmp_path / "docs" / "page.mdx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    probe = (
        "import json, sys\n"
        "from doclint.warm import main\n"  # the `doclint` script's entry point
        "sys.argv[1:1] = ['check', '--no-cache']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(target), *args],
        cwd=tmp_path, env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    *report, modules = result.stdout.strip().splitlines()
    return json.loads(modules), "\n".join(report)


def _loaded(modules: list[str], names) -> list[str]:
    return [name for name in modules if any(name == n or name.startswith(n + ".") for n in names)]


def test_a_typical_page_imports_nothing_it_does_not_use(tmp_path):
    modules, report = _modules(tmp_path, PAGE)
    # It did lint the page: front matter skipped by its lines, the code block read.
    assert "page.mdx:10:67: error leftover-todo" in report and "room-attach" in report
    assert _loaded(modules, NEVER) == []
    assert _loaded(modules, GENERATORS) == []  # plain Markdown: no generator's files, no module
    # Its JavaScript is read by the grammar's compiled binding alone, and only that grammar.
    assert _loaded(modules, ("tree_sitter_javascript",)) == ["tree_sitter_javascript._binding"]
    assert _loaded(modules, ("tree_sitter_swift", "tree_sitter_kotlin", "tree_sitter_typescript")) == []


def test_a_page_without_code_or_front_matter_loads_no_parser_for_either(tmp_path):
    modules, _ = _modules(tmp_path, "# Title\n\nPlain text.\n")
    assert _loaded(modules, ("tree_sitter", "doclint.simple_yaml", "yaml")) == []


def test_front_matter_pyyaml_is_needed_for_is_still_read_by_pyyaml(tmp_path):
    modules, report = _modules(tmp_path, "---\ntitle: [unclosed\n---\n\n# Title\n")
    assert "yaml" in modules and "frontmatter" in report  # the frontmatter rule reports it


def test_json_output_loads_json_but_not_the_text_report(tmp_path):
    modules, report = _modules(tmp_path, PAGE, "--format", "json")
    assert json.loads(report)[0]["rule"]
    assert "doclint.formats.json" in modules and "doclint.formats.text" not in modules
    assert _loaded(modules, ("rich", "regex", "yaml")) == []


def test_site_detection_imports_only_the_generator_whose_files_are_there(tmp_path):
    (tmp_path / "book.toml").write_text('[book]\nsrc = "docs"\n', encoding="utf-8")
    modules, report = _modules(tmp_path, "# Title\n\nSee [the part](#title).\n")
    assert "No problems" in report
    assert _loaded(modules, GENERATORS) == ["doclint.site.mdbook"]
