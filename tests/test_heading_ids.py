"""Heading ids as each docs generator makes them (doclint.site.ids).

Every expected id below is one the generator itself produces: taken from the test tables the
generator's repository ships (cited per table), or computed by running the generator (the real
`markdown` package for Python-Markdown). The shared trees then check real pages against the
anchors other pages of the same tree link to.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from conftest import REPO

from doclint.document import Document
from doclint.site.ids import heading_text, page_anchors

SHARED = REPO.parent / "shared" / "corpus"
FIXTURES = Path(__file__).parent / "heading_ids"


def anchors(text: str, rule: str, path: str = "page.md", **params) -> frozenset[str]:
    return page_anchors(Document(path, text), rule, **params)


def headings(*titles: str, level: int = 2) -> str:
    return "".join(f"{'#' * level} {title}\n\n" for title in titles)


def escaped(text: str) -> str:
    """Markdown source whose heading text is exactly `text` (ASCII punctuation escaped)."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


# github: github-slugger ---------------------------------------------------------------------------


def test_github_rule_gives_every_id_of_github_sluggers_own_fixture_table_in_order():
    """tests/heading_ids/github-slugger-fixtures.json is Flet/github-slugger test/fixtures.json
    (2.0.0): emoji, `§`-like symbols, Cyrillic and Han, dashes, underscores, leading and trailing
    spaces, and duplicates numbered across the whole table (`echo 1` after two `echo`s)."""
    table = json.loads((FIXTURES / "github-slugger-fixtures.json").read_text(encoding="utf-8"))
    page = "".join((row.get("markdownOverwrite") or f"# {escaped(row['input'])}") + "\n\n" for row in table)
    assert anchors(page, "github") == {row["expected"] for row in table}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("`<Image />` component", "image--component"),  # inline code is text, tags and all
        ("The <span>real</span> tag", "the-real-tag"),  # an HTML tag is not text
        ("![logo](logo.png) Title", "-title"),  # an image has no text
        ("[Link text](https://example.com) and *em*", "link-text-and-em"),
        ("AT&amp;T &copy; 2024", "att--2024"),  # entities decoded, then dropped as symbols
        ("§ 1.2 (Overview)", "-12-overview"),
    ],
)
def test_github_rule_slugs_the_text_the_rendered_heading_shows(source, expected):
    assert anchors(f"## {source}\n", "github") == {expected}


def test_a_code_span_holding_a_tag_keeps_its_text():
    """issue 13 measured on starlight/: `<Image />` in backticks was stripped as a tag."""
    assert "badge-props" in anchors("## `<Badge>` Props\n", "starlight")


# Docusaurus ---------------------------------------------------------------------------------------

# facebook/docusaurus packages/docusaurus-mdx-loader/src/remark/headings/__tests__/index.test.ts
# ("creates GitHub-style headings ids"), in the test's order: numbering runs across the page.
DOCUSAURUS_GITHUB_STYLE = [
    ("I ♥ unicode", "i--unicode"),
    ("Dash-dash", "dash-dash"),
    ("en–dash", "endash"),
    ("em–dash", "emdash"),
    ("😄 unicode emoji", "-unicode-emoji"),
    ("😄-😄 unicode emoji", "--unicode-emoji"),
    ("😄_😄 unicode emoji", "_-unicode-emoji"),
    ("", ""),
    ("", "-1"),
    ("    Initial spaces", "initial-spaces"),
    ("Final spaces   ", "final-spaces"),
    ("Duplicate", "duplicate"),
    ("Duplicate", "duplicate-1"),
    (":ok: No underscore", "ok-no-underscore"),
    (":ok_hand: Single", "ok_hand-single"),
    (":ok_hand::hatched_chick: Two in a row with no spaces", "ok_handhatched_chick-two-in-a-row-with-no-spaces"),
    (":ok_hand: :hatched_chick: Two in a row", "ok_hand-hatched_chick-two-in-a-row"),
]

# The same file's "creates custom headings ids": `{#id}` replaces the slug, and an id that is
# not at the very end is text.
DOCUSAURUS_CUSTOM = [
    ("Heading One {#custom_h1}", "custom_h1"),
    ("Heading Two {#custom-heading-two}", "custom-heading-two"),
    ("With *Bold* {#custom-withbold}", "custom-withbold"),
    ("With *Bold* hello{#custom-withbold-hello}", "custom-withbold-hello"),
    ("With *Bold* hello2 {#custom-withbold-hello2}", "custom-withbold-hello2"),
    ("Snake-cased ID {#this_is_custom_id}", "this_is_custom_id"),
    ("No custom ID", "no-custom-id"),
    ("{#id-only}", "id-only"),
    ("{#text-after} custom ID", "text-after-custom-id"),
]


def test_docusaurus_rule_gives_the_ids_of_docusauruss_own_heading_plugin_tests():
    page = "".join(f"## {source}\n\n" for source, _ in DOCUSAURUS_GITHUB_STYLE + DOCUSAURUS_CUSTOM)
    expected = {id for _, id in DOCUSAURUS_GITHUB_STYLE + DOCUSAURUS_CUSTOM} - {""}
    assert anchors(page, "docusaurus") == expected


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # the plugin test "generates id from only text contents of headings if they contains HTML tags"
        ('# <span class="normal-header">Normal</span>\n', {"normal"}),
        # MDX needs `\{#id}`; the mdx-comment syntax of the plugin's getCommentHeadingId
        ("## Hello \\{#hello-id}\n\n## World {/* #world-id */}\n\n## Not an id {/* note */}\n", {"hello-id", "world-id", "not-an-id--note-"}),
        ("## Html comment <!-- #html-id -->\n\n## Two ids {/* #a */ /* #b */}\n", {"html-id", "two-ids--a---b-"}),
        ("## ![Logo](logo.png) Brand\n", {"logo-brand"}),  # mdast toString keeps image alt
    ],
)
def test_docusaurus_rule_reads_tags_comments_and_alt_text_as_its_mdx_loader_does(page, expected):
    assert anchors(page, "docusaurus", "page.mdx") == expected


def test_docusaurus_explicit_ids_take_no_number_from_the_slugger():
    """An explicit id is not given to github-slugger, so a later `Intro` is still `intro`."""
    assert anchors(headings("Start {#intro}", "Intro", "Intro"), "docusaurus") == {"intro", "intro-1"}


def test_docusaurus_maintain_case_keeps_the_case_of_slugs():
    assert anchors("## Hello World\n", "docusaurus", maintain_case=True) == {"Hello-World"}


# Starlight (Astro) --------------------------------------------------------------------------------


def test_starlight_rule_gives_the_ids_of_astros_own_get_headings_fixtures():
    """withastro/astro packages/integrations/mdx/test/mdx-get-headings.test.ts, on its fixtures
    src/pages/test.mdx, test-with-frontmatter.mdx and test-with-jsx-expressions.mdx."""
    plain = headings("Heading test", "Section 1", "Subsection 1", "Subsection 2", "Section 2", "`<Picture />`", "« Sacrebleu ! »")
    assert anchors(plain, "starlight", "test.mdx") == {
        "_top", "heading-test", "section-1", "subsection-1", "subsection-2", "section-2", "picture-", "-sacrebleu--",
    }
    frontmatter = (
        "---\ntitle: The Frontmatter Title\nkeywords: [Keyword 1, Keyword 2, Keyword 3]\ntags:\n  - Tag 1\n"
        "items:\n  - value: Item 1\n  - value: Item 2\nnested_items:\n  nested:\n    - value: Nested Item 1\n"
        "    - value: Nested Item 2\n    - value: Nested Item 3\n---\n\n"
    )
    expressions = headings(
        "{frontmatter.title}", "frontmatter.title", "{frontmatter.keywords[1]}", "{frontmatter.tags[0]}",
        "{frontmatter.items[1].value}", "{frontmatter.nested_items.nested[2].value}", "{frontmatter.unknown}",
    )
    assert anchors(frontmatter + expressions, "starlight", "test-with-frontmatter.mdx") == {
        "_top", "the-frontmatter-title", "frontmattertitle", "keyword-2", "tag-1", "item-2", "nested-item-3", "frontmatterunknown",
    }
    jsx = 'export const h2Title = "Section 1"\n\n' + headings("Heading test with JSX expressions", "{h2Title}")
    assert anchors(jsx, "starlight", "test-with-jsx-expressions.mdx") == {"_top", "heading-test-with-jsx-expressions", "h2title"}


def test_starlight_two_dashes_are_an_em_dash_before_slugging():
    """Astro runs remark-smartypants (retext-smartypants `dashes: true`): `--` becomes `—`,
    which github-slugger drops; three dashes and dashes in code stay."""
    page = headings("Before -- after", "One --- three", "`--flag` option")
    assert anchors(page, "starlight") == {"_top", "before--after", "one-----three", "--flag-option"}
    assert "before----after" in anchors(page, "starlight", smartypants=False)


# mdBook -------------------------------------------------------------------------------------------

# rust-lang/mdBook crates/mdbook-html/src/utils.rs: `it_normalizes_ids` (the heading's text gives
# the id) and `punctuation_only_headings_get_unique_section_ids` (in that order, on one page).
MDBOOK_IDS = [
    ("`--passes`: add more rustdoc passes", "--passes-add-more-rustdoc-passes"),
    ("Method-call 🐙 expressions \U0001f47c", "method-call--expressions-"),
    ("\\_-\\_12345", "_-_12345"),
    ("12345", "12345"),
    ("中文", "中文"),
    ("にほんご", "にほんご"),
    ("한국어", "한국어"),
    ("中文標題 CJK title", "中文標題-cjk-title"),
    ("Über", "über"),
    ("::", "section"),
    ("!!!", "section-1"),
    ("Real Heading", "real-heading"),
    ("\\*\\*\\*", "section-2"),
    ("", "section-3"),
    ("हिन्दी", "हिनदी"),  # vowel signs are Alphabetic in Rust, the virama is not
]


def test_mdbook_rule_gives_the_ids_of_mdbooks_own_unit_tests():
    page = "".join(f"# {source}\n\n" for source, _ in MDBOOK_IDS)
    assert anchors(page, "mdbook") == {id for _, id in MDBOOK_IDS}


def test_mdbook_heading_attributes_set_the_id_as_in_mdbooks_custom_header_attributes_test():
    """tests/testsuite/markdown/custom_header_attributes in rust-lang/mdBook, with the ids its
    expected HTML holds."""
    page = (
        "# Heading Attributes {#attrs}\n\n## Heading with classes {.class1 .class2}\n\n"
        "## Heading with id and classes {#both .class1 .class2}\n\n"
        "## Heading with attribute {.myclass1 myattr #myh3 otherattr=value .myclass2}\n"
    )
    assert anchors(page, "mdbook") == {"attrs", "heading-with-classes", "both", "myh3"}


def test_mdbook_smart_punctuation_turns_dash_runs_into_dashes_the_id_drops():
    """pulldown-cmark's smart punctuation, on by default in mdBook 0.5 (the Reference sets it)."""
    page = headings("Ranges 1--2", "Pointers (`&mut`)")
    assert anchors(page, "mdbook") == {"ranges-12", "pointers-mut"}
    assert "ranges-1--2" in anchors(page, "mdbook", smart_punctuation=False)


def test_mdbook_spec_rule_lines_and_grammar_productions_are_anchors():
    page = (
        "r[items.fn.intro]\nA _function_ has a body.\n\n  r[indented.is.text]\n\n"
        "```grammar,items\nFunction -> `fn` IDENTIFIER\n\n@root Crate -> Item*\n```\n\n"
        "```rust\nr[not.a.rule]\n```\n"
    )
    assert anchors(page, "mdbook") == {"r-items.fn.intro", "grammar-Function", "grammar-Crate"}
    assert anchors(page, "mdbook", rule_markers=False) == frozenset()


# Python-Markdown (MkDocs) ------------------------------------------------------------------------

PYTHON_MARKDOWN_PAGES = [
    "## A &amp; B `<Image />`\n",
    "### Context <small>optional</small> { #context }\n",
    '### 9.7.6 <small>March 19, 2026</small> { id="9.7.6" }\n',
    "### Changes to `*.html` files { data-search-exclude }\n",
    "## a {b} {#c}\n",
    "## x\\{#y}\n",
    "## ![alt](i.png) Title\n",
    "## Über straße, ½ & ¾\n",
    "## Foo { #a } ##\n",
    "## &nbsp;x &lt;b&gt;\n",
    "## [link](u) *em* __strong__\n",
    "## Same\n\n## Same\n\n## Same_1\n\n## Same\n",
    "## Taken {#same}\n\n## Same\n\n## Same\n",
    "## \n\n## \n",
    "## Literal &notit; and &foo\n",
    "## Tabs\tand  spaces\n",
    "#  {a {a {#end}\n",
    "## x }{ {#end}\n\n## y {: #z}\n\n## w {:}\n",
]


@pytest.mark.parametrize("page", PYTHON_MARKDOWN_PAGES)
def test_python_markdown_rule_gives_the_ids_the_markdown_package_gives(page):
    """The real Python-Markdown (toc and attr_list, as MkDocs configures them) is the oracle."""
    html = markdown.Markdown(extensions=["toc", "attr_list"]).convert(page)
    assert anchors(page, "python-markdown") == set(re.findall(r'<h[1-6][^>]* id="([^"]*)"', html))


@pytest.mark.parametrize(
    ("slugify", "expected"),
    [
        # outputs of pymdownx/slugs.py (facelessuser/pymdown-extensions) through Python-Markdown's toc
        ("pymdownx.slugs.slugify(case=lower)", {"über-straße", "tab--here", "café-au-lait--crème"}),
        ("pymdownx.slugs.slugify(case=lower, percent_encode=True)", {"%C3%BCber-stra%C3%9Fe", "tab--here", "caf%C3%A9-au-lait--cr%C3%A8me"}),
        ("pymdownx.slugs.gfm", {"Über-straße", "tab--here", "café-au-lait--crème"}),
        ("pymdownx.slugs.uslugify_cased", {"Über-Straße", "Tab--here", "Café-au-lait--crème"}),
        ("markdown.extensions.toc.slugify_unicode", {"über-straße", "tab-image-here", "café-au-lait-crème"}),
    ],
)
def test_python_markdown_uses_the_slugify_mkdocs_yml_names(slugify, expected):
    page = headings("Über Straße", "Tab `<Image />` here", "Café au lait & crème")
    assert anchors(page, "python-markdown", slugify=slugify) == expected


def test_material_shortcodes_make_the_ids_its_hook_writes():
    """Material for MkDocs' own mkdocs.yml runs material/overrides/hooks/shortcodes.py."""
    page = "#### <!-- md:setting config.cards_layout -->\n\nText.\n\n<!-- md:option type:note -->\n\n## Usage\n"
    assert anchors(page, "python-markdown", shortcodes=True) == {"config.cards_layout", "+type:note", "usage"}


# Explicit ids anywhere --------------------------------------------------------------------------


def test_explicit_ids_in_html_and_jsx_are_anchors_and_other_attributes_are_not():
    page = (
        '<a id="plain"></a>\n\n<div id="block" name="not-an-anchor">\n\nText <a name="named"></a>'
        ' and <span id="inline"></span>. <!-- <a id="commented"></a> -->\n\n</div>\n'
    )
    assert anchors(page, "github") == {"plain", "block", "named", "inline"}
    mdx = '<Aside id="aside">\n\nHi <Icon name="star" id={\'icon\'} /> and <a name={"jsx-named"} />.\n\n</Aside>\n'
    assert anchors(mdx, "starlight", "page.mdx") == {"_top", "aside", "icon", "jsx-named"}


def test_headings_inside_code_are_not_headings():
    assert anchors("```md\n## Not a heading\n```\n\n    ## Indented code\n", "github") == frozenset()


def test_heading_text_is_what_the_generator_slugs_without_its_id_syntax():
    inline = Document("page.md", "## Read `<Image />` *now* {#custom}\n").headings[0].inline.token
    assert heading_text(inline, "docusaurus") == "Read <Image /> now"
    assert heading_text(inline, "github") == "Read <Image /> now {#custom}"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: anchors("# x\n", "hugo"), "unknown id rule 'hugo'"),
        (lambda: anchors("# x\n", "github", smartypants=True), "id rule 'github' takes no parameter 'smartypants'"),
        (lambda: anchors("# x\n", "python-markdown", slugify="my_module.slugify"), "unknown toc slugify 'my_module.slugify'"),
    ],
)
def test_an_unknown_rule_parameter_or_slugify_is_a_clear_error(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


# Bounded work -------------------------------------------------------------------------------------


def test_many_duplicate_headings_are_numbered_without_rescanning_every_earlier_id():
    """mdBook's and Python-Markdown's own loops try `-1`, `-2`, ... from the start for each
    duplicate: 30,000 `# a` would be half a billion tries. The numbers are theirs all the same."""
    page = "# a\n\n" * 30_000
    assert anchors(page, "mdbook") == {"a", *(f"a-{n}" for n in range(1, 30_000))}
    assert anchors(page, "python-markdown") == {"a", *(f"a_{n}" for n in range(1, 30_000))}


def test_a_heading_with_a_long_run_of_spaces_is_read_in_one_pass():
    """attr_list's own expression backtracks over a run of spaces from each of its spaces: for
    200,000 of them, 20 billion steps. The id is Python-Markdown's all the same."""
    for spaces in (20, 200_000):
        page = "# x" + " " * spaces + "y }\n\n# t" + " {a" * (spaces // 10) + " {#end}\n"
        assert anchors(page, "python-markdown") == {"x-y", "t"}
    oracle = markdown.Markdown(extensions=["toc", "attr_list"]).convert("# x" + " " * 20 + "y }\n\n# t" + " {a" * 2 + " {#end}\n")
    assert set(re.findall(r' id="([^"]*)"', oracle)) == {"x-y", "t"}


def test_hostile_headings_and_html_are_read_in_one_pass():
    """Inputs on which a backtracking expression rescans the rest of the text from every
    position: a trim of 200,000 inner spaces, 100,000 `<` with no `>` for a tag strip, 50,000
    unclosed comments after a `-->`, 50,000 unclosed shortcodes after a ` -->`."""
    spaces = "# a" + " " * 200_000 + "b\n"
    assert anchors(spaces, "mdbook") == {"a" + "-" * 200_000 + "b"}
    brackets = "# `" + "<" * 100_000 + "` x\n"
    assert anchors(brackets, "python-markdown", slugify="pymdownx.slugs.slugify(case=lower)") == {"-x"}
    comments = '<div id="kept">\n--> ' + "<!-- " * 50_000 + '<a id="hidden">\n</div>\n'
    assert anchors(comments, "github") == {"kept"}
    shortcodes = "Text -->" + " <!-- md:setting x" * 50_000 + "\n"
    assert anchors(shortcodes, "python-markdown", shortcodes=True) == frozenset()


# Real pages of the shared trees --------------------------------------------------------------------


def tree_anchors(relative: str, rule: str, **params) -> frozenset[str]:
    return page_anchors(Document.load(SHARED / relative), rule, **params)


@pytest.mark.parametrize(
    ("page", "rule", "params", "linked"),
    [
        # mdBook + mdbook-spec: heading ids, `r[...]` rules and grammar productions other chapters link to
        ("rust-reference/src/patterns.md", "mdbook", {}, {"wildcard-pattern", "r-patterns.literal.intro", "grammar-StructPatternEtCetera", "identifier-patterns"}),
        ("rust-reference/src/types/pointer.md", "mdbook", {}, {"mutable-references-mut", "raw-pointers-const-and-mut", "shared-references-"}),
        ("rust-reference/src/macros-by-example.md", "mdbook", {}, {"r-macro.decl.scope.textual", "r-macro.decl.scope.path-based"}),
        ("rust-reference/src/paths.md", "mdbook", {}, {"self-1"}),
        # MkDocs: `{ #id }` attribute lists, toc slugs and the theme's own shortcodes
        ("mkdocs-material/docs/contributing/reporting-a-bug.md", "python-markdown", {}, {"context", "browser"}),
        ("mkdocs-material/docs/customization.md", "python-markdown", {}, {"overriding-blocks"}),
        ("mkdocs-material/docs/setup/extensions/python-markdown.md", "python-markdown", {}, {"attribute-lists"}),
        ("mkdocs-material/docs/plugins/social.md", "python-markdown", {"shortcodes": True}, {"option.title", "meta.social.cards_layout"}),
        # Docusaurus: headings with code and escaped brackets
        ("jest/docs/Configuration.md", "docusaurus", {}, {"transform-objectstring-pathtotransformer--pathtotransformer-object", "globalsetup-string"}),
        ("jest/docs/MockFunctionAPI.md", "docusaurus", {}, {"jestmockedsource-options", "mockfnmockclear"}),
        # Starlight: headings holding inline code with tags, apostrophes
        ("starlight/docs/src/content/docs/components/badges.mdx", "starlight", {}, {"badge-props", "_top"}),
        ("starlight/docs/src/content/docs/reference/icons.mdx", "starlight", {}, {"all-icons", "starlighticon-type"}),
        ("starlight/docs/src/content/docs/guides/i18n.mdx", "starlight", {}, {"translate-starlights-ui", "using-ui-translations"}),
    ],
)
def test_real_pages_offer_the_anchors_other_pages_of_their_tree_link_to(page, rule, params, linked):
    assert linked <= tree_anchors(page, rule, **params)


