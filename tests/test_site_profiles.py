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


def broken(root: Path) -> list[tuple[str, int, str]]:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--select", "broken-link", str(root)])
    assert result.exit_code in (0, 1), result.output
    return sorted((Path(f["path"]).name, f["line"], f["message"]) for f in json.loads(result.stdout))


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_mdbook_links_as_the_book_serves_them(tmp_path):
    write(tmp_path, {
        "book.toml": '[book]\n[preprocessor.spec]\n[output.html.redirect]\n"/old.html#gone" = "items.html#kept"\n',
        "src/SUMMARY.md": "- [Items](items.md)\n",
        "src/items.md": "r[items.fn]\n\n# Items\n\n## Functions (`fn`)\n",
        "src/page.md": (
            "# Page\n\n[a](items.html#functions-fn) [b](items.md#functions-fn) [c](../std/vec/struct.Vec.html)"
            " [d](old.html#gone) [e][rule] [f](bool) [g](items.md#grammar-Item)\n\n"
            "[h](items.html#nope) [i][typo] [j](missing.md)\n\n[rule]: items.fn\n[typo]: items.fun\n"
        ),
    })
    assert broken(tmp_path) == [
        ("page.md", 3, "old.html#gone reaches its page through a redirect: link to items.html#kept instead"),
        ("page.md", 5, "Broken link missing.md: missing.md does not exist"),
        ("page.md", 5, "No anchor #nope in items.html"),
        ("page.md", 8, "Broken link items.fun: no rule items.fun in this book"),
    ]


def test_docusaurus_routes_come_from_front_matter_ids(tmp_path):
    write(tmp_path, {
        "website/docusaurus.config.js": "module.exports = {\n  presets: [['classic', {\n    docs: {\n      path: '../docs',\n    },\n  }]],\n};\n",
        "website/blog/2021-05-25-jest-27.md": "# Jest 27\n\n## What's next\n",
        "docs/CLI.md": "---\nid: cli\n---\n\n## Options\n\n[c](configuration#x-string) [d](/docs/28.x/cli) [e](/blog/2021/05/25/jest-27#whats-next) [f](/blog/)\n",
        "docs/Configuration.md": "---\nid: configuration\n---\n\n## `x` [string]\n\n[g](/docs/cli#options) [h](/docs/nope) [i](cli#missing)\n",
        "docs/01-intro.md": "# Intro\n\n[j](/docs/intro)\n",
    })
    assert broken(tmp_path) == [
        ("Configuration.md", 7, "Broken link /docs/nope: no page serves /docs/nope (did you mean /docs/intro?)"),
        ("Configuration.md", 7, "No anchor #missing in cli"),
    ]


def test_mkdocs_block_ids_and_starlight_locale_fallback(tmp_path):
    mkdocs = write(tmp_path / "mk", {
        "mkdocs.yml": "markdown_extensions:\n  - attr_list\n",
        "docs/a.md": "# A\n\n``` { .sh #example }\nls\n```\n\nText.\n{ #feedback }\n\n[x](#example) [y](#feedback) [z](#nope)\n",
    })
    assert broken(mkdocs) == [("a.md", 10, "No anchor #nope on this page")]
    starlight = write(tmp_path / "sl", {
        "astro.config.mjs": "import starlight from '@astrojs/starlight';\nexport const locales = {\n\troot: { label: 'English' },\n\tde: { label: 'Deutsch' },\n};\nexport default {};\n",
        "src/content/docs/guides/i18n.mdx": "## Using `<Image />`\n\n[a](/de/guides/i18n/#using-image-) [b](/fr/guides/i18n/) [c](/guides/nope/)\n",
    })
    assert broken(starlight) == [
        ("i18n.mdx", 3, "Broken link /fr/guides/i18n/: no page serves /fr/guides/i18n (did you mean /guides/i18n?)"),
        ("i18n.mdx", 3, "Broken link /guides/nope/: no page serves /guides/nope (did you mean /guides/i18n?)"),
    ]


def test_mkdocs_content_tabs_have_the_ids_pymdownx_tabbed_gives_them(tmp_path):
    """mkdocs-material's own mkdocs.yml: tabbed slugify(case=lower) with combine_header_slug."""
    write(tmp_path, {
        "mkdocs.yml": (
            "markdown_extensions:\n  - pymdownx.tabbed:\n      combine_header_slug: true\n"
            "      slugify: !!python/object/apply:pymdownx.slugs.slugify\n        kwds:\n          case: lower\n"
        ),
        "docs/a.md": "# A\n\n### Anchor links\n\n=== \"... or even me\"\n\n    Text.\n\n[x](#anchor-links--or-even-me) [y](#or-even-me)\n",
    })
    assert broken(tmp_path) == [("a.md", 9, "No anchor #or-even-me on this page")]


def test_docusaurus_client_redirects_are_redirects(tmp_path):
    write(tmp_path, {
        "docusaurus.config.js": (
            "module.exports = {\n  plugins: [['@docusaurus/plugin-client-redirects', {\n"
            "    redirects: [{ from: '/docs/old', to: '/docs/new' }, { to: '/docs/new', from: '/docs/older' }],\n  }]],\n};\n"
        ),
        "docs/new.md": "# New\n\n[a](/docs/old) [b](/docs/older) [c](/docs/oldest)\n",
    })
    assert broken(tmp_path) == [
        ("new.md", 3, "/docs/old reaches its page through a redirect: link to /docs/new instead"),
        ("new.md", 3, "/docs/older reaches its page through a redirect: link to /docs/new instead"),
        ("new.md", 3, "Broken link /docs/oldest: no page serves /docs/oldest"),
    ]


def test_what_is_not_a_link_and_a_dangling_symlink(tmp_path):
    write(tmp_path, {
        "a.md": (
            "# A\n\nText[^note] and [t]({{ site.url }}/x) and [u](ENGLISH_VERSION_URL).\n\n"
            "[^note]: A footnote, not a link definition.\n\n[l](gone.md) [m](missing.md)\n"
        ),
    })
    (tmp_path / "gone.md").symlink_to("moved/away.md")
    assert broken(tmp_path) == [
        ("a.md", 7, "Broken link gone.md: gone.md is a symbolic link to moved/away.md, which does not exist"),
        ("a.md", 7, "Broken link missing.md: missing.md does not exist"),
        ("gone.md", 1, "cannot read file: No such file or directory"),  # linted as a page too
    ]
