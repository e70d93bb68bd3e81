"""Path globs mean what they mean in a .gitignore: checked against pathspec itself, and, where
pathspec is wrong, against git."""

from __future__ import annotations

import itertools

import pathspec
import pytest

from doclint.paths import compile_glob, matches

# The README's and `doclint init`'s examples, the rules' defaults, and what .gitignore files hold.
GLOBS = [
    "pricing/", "pricing.md", "*.mdx", "docs/**/api/**", "**/api/**", "guides/", "docs/pricing/**",
    "/docs/*.md", "CHANGELOG.md", "src/pages/docs/chat/api/**", "how-to*/", "a?c.md", "[ab].md",
    "drafts/*.md", "**/getting-started/", "docs/", "*.png", "src/pages/docs/platform/errors/codes/",
    "pricing.mdx", "getting-started/", "tutorials/", "api/", "reference/", "README.md", "*.md",
    "*.markdown", "node_modules", "/build", "dist/", "*.log", ".cache/", "**/drafts", "docs/*/",
    "**", "*", "**/", "*/", "/*", "/*.md", "docs/**", "docs/**/*.md", "**/*.md", "[a-c].md",
    "[!a]*.md", "[^a]*.md", "[]a].md", "[a-].md", "\\*.md", "\\[ab].md", "a\\?c.md", "doc**",
    "d*s/**/x.mdx", "*/api/*", "docs/chat/", "chat/api", "x/guides", "*a*a*a*b", "abc.md/",
]
PATHS = [
    "pricing.md", "docs/pricing.md", "docs/pricing/plans.md", "docs/pricing/deep/x.mdx", "pricingx/a.md",
    "docs/chat/api/rooms.md", "docs/api/x.md", "api/x.md", "src/pages/docs/chat/api/javascript/room.mdx",
    "guides/a.md", "chat/guides/b.mdx", "x/guides", "docs/a.md", "docs/sub/a.md", "CHANGELOG.md",
    "sub/CHANGELOG.md", "how-tos/x.md", "abc.md", "a.md", "drafts/one.md", "drafts/deep/one.md",
    "chat/getting-started/js.mdx", "images/flow.png", "page.mdx", "src/pages/docs/platform/errors/codes/40000.mdx",
    "reference/x.md", "node_modules/p/README.md", "build/a.md", "x/build/a.md", "dist/a.md", "app.log",
    ".cache/x.md", "docs/drafts/a.md", "]a.md", "-.md", "*.md", "[ab].md", "a?c.md", "b.md", "c.md",
    "ba.md", "docs/x.mdx", "dxs/a/b/x.mdx", "docs.md", "documents/a.md", "aaab", "aXaYaZb/a.md",
    "abc.md/x.md", "README.md", "notes.markdown",
]

# Where pathspec (1.1) differs from git, git's own answer (`git check-ignore`) is what counts:
# a negated class never matches a `/`, and `a/**/` names the folders inside a, not its files.
GIT_DIFFERS_FROM_PATHSPEC = {
    ("a[!x]b", "a/b"): False, ("a[^x]b", "a/b"): False, ("*[!a]*", "a/a"): False,
    ("a/**/", "a/x.md"): False,
}


def _agree(glob: str, paths) -> None:
    spec = pathspec.GitIgnoreSpec.from_lines([glob])
    for path in paths:
        expected = GIT_DIFFERS_FROM_PATHSPEC.get((glob, path), spec.match_file(path))
        assert matches(path, [glob]) == expected, (glob, path)


@pytest.mark.parametrize("glob", GLOBS)
def test_globs_agree_with_gitignore_semantics(glob):
    _agree(glob, PATHS)


def test_git_answers_where_pathspec_is_wrong():
    for (glob, path), expected in GIT_DIFFERS_FROM_PATHSPEC.items():
        assert pathspec.GitIgnoreSpec.from_lines([glob]).match_file(path) != expected, (glob, path)
        assert matches(path, [glob]) == expected, (glob, path)


def test_every_short_glob_agrees_with_pathspec():
    """Every glob of up to three pieces against every path of up to three names: the corners
    (`**` first, last or alone, `*` as a whole segment, a trailing `/`) that a hand-written table
    misses."""
    pieces = ["a", "b", "*", "?", "**", "[ab]", "/", ".md"]
    names = ["a", "b", "ab", "a.md"]
    paths = ["/".join(p) for n in (1, 2, 3) for p in itertools.product(names, repeat=n)]
    checked = 0
    for n in (1, 2, 3):
        for glob in map("".join, itertools.product(pieces, repeat=n)):
            try:
                compile_glob(glob)
            except ValueError:  # `//`, `/` alone: malformed here, nothing at all to pathspec
                continue
            _agree(glob, paths)
            checked += 1
    assert checked > 400


def test_leading_dots_of_relative_display_paths_are_ignored():
    assert matches("../shared/corpus/docs/pricing/x.mdx", ["pricing/"])
    assert matches("./docs/pricing.md", ["pricing.md"])
    assert not matches("docs/guide.md", [])


@pytest.mark.parametrize(
    ("glob", "reason"),
    [
        ("", "is empty"),
        ("/", "matches nothing (it is only slashes)"),
        ("docs//a.md", "has an empty segment (`//`)"),
        ("docs/[ab", "has a `[` that is not closed"),
        ("[z-a].md", "has a reversed range `z-a`"),
        ("docs\\", "ends a segment with a `\\` that escapes nothing"),
        ("!drafts/", "starts with `!`, a negation, which only .gitignore files have (`\\!` is a literal `!`)"),
    ],
)
def test_malformed_globs_say_why(glob, reason):
    with pytest.raises(ValueError) as raised:
        compile_glob(glob)
    assert str(raised.value) == reason
