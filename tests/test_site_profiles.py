"""Site profiles: each generator is recognised from its own files, with no config, and says which
URL serves which page; `doclint site` shows what was detected; config overrides any part."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
from doclint.cli import main

SHARED = REPO.parent / "shared" / "corpus"


def site(path: Path) -> dict:
    result = CliRunner().invoke(main, ["site", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("tree", "generator", "routes", "ids"),
    [
        ("ably-docs", "ably", {"/docs": "ably-docs/src/pages/docs"}, "ably"),
        ("rust-reference", "mdbook", {"/": "rust-reference/src"}, "mdbook"),
        ("mkdocs-material", "mkdocs", {"/": "mkdocs-material/docs"}, "python-markdown"),
        ("jest", "docusaurus", {"/docs": "jest/docs", "/blog": "jest/website/blog"}, "docusaurus"),
        ("starlight", "starlight", {"/": "starlight/docs/src/content/docs"}, "starlight"),
    ],
)
def test_each_shared_tree_is_recognised_with_no_config(tree, generator, routes, ids):
    facts = site(SHARED / tree)
    assert facts["generator"] == generator
    assert {prefix: Path(folder).relative_to(SHARED).as_posix() for prefix, folder in facts["routes"].items()} == routes
    assert facts["heading ids"].startswith(ids)
    assert facts["pages"] > 20


def test_the_generators_own_settings_are_read(tmp_path):
    assert site(SHARED / "rust-reference")["redirects"] >= 50  # [output.html.redirect] in book.toml
    assert set(site(SHARED / "mkdocs-material")["containers"]) == {"admonitions", "tabs"}
    jest = site(SHARED / "jest")
    assert jest["containers"] == ["directives"] and jest[".html links"] == "name the .md page"
    assert "de" in site(SHARED / "starlight")["locales"]


def test_plain_markdown_is_github(tmp_path):
    (tmp_path / "README.md").write_text("# Hi\n")
    facts = site(tmp_path)
    assert facts["generator"] == "github" and facts["detected from"] == "(no generator found)"
    assert facts["routes"] == {} and facts["heading ids"] == "github"


def test_mkdocs_yml_python_tags_are_read_as_data_never_run(tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / "mkdocs.yml").write_text(
        "docs_dir: pages\nmarkdown_extensions:\n  - admonition\n"
        f"  - x: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.md").write_text("# A\n")
    facts = site(tmp_path)
    assert facts["generator"] == "mkdocs" and facts["containers"] == ["admonitions"]
    assert not marker.exists()


def test_config_overrides_the_generator_routes_and_id_rule(tmp_path):
    (tmp_path / "book.toml").write_text("[book]\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "pages").mkdir()
    (tmp_path / "doclint.toml").write_text('[site]\nid-rule = "github"\nroutes = { "/guide" = "pages" }\n')
    facts = site(tmp_path)
    assert facts["generator"] == "mdbook" and facts["heading ids"] == "github"
    assert facts["routes"] == {"/guide": str(tmp_path / "pages")}
    (tmp_path / "doclint.toml").write_text('site = "mkdocs"\n')
    assert site(tmp_path)["generator"] == "mkdocs"


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('site = "hugo"', "site: must be one of mdbook, mkdocs, docusaurus, starlight, ably, github, not 'hugo'"),
        ('[site]\nid-rule = "gitlab"', "site.id-rule: must be one of"),
        ('[site]\ncontainers = ["callouts"]', "site.containers: unknown container 'callouts'"),
        ('[site]\nrouts = {}', "site.routs: unknown key (did you mean 'routes'?)"),
    ],
)
def test_a_bad_site_setting_is_a_config_error(tmp_path, setting, message):
    (tmp_path / "doclint.toml").write_text(setting + "\n")
    (tmp_path / "a.md").write_text("# A\n")
    result = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path)])
    assert result.exit_code == 2 and message in result.output, result.output
