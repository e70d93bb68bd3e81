"""Path globs mean what they mean in a .gitignore: checked against pathspec itself."""

from __future__ import annotations

import pathspec
import pytest

from doclint.paths import matches

GLOBS = [
    "pricing/", "pricing.md", "*.mdx", "docs/**/api/**", "**/api/**", "guides/", "docs/pricing/**",
    "/docs/*.md", "CHANGELOG.md", "src/pages/docs/chat/api/**", "how-to*/", "a?c.md", "[ab].md",
    "drafts/*.md", "**/getting-started/", "docs/", "*.png",
]
PATHS = [
    "pricing.md", "docs/pricing.md", "docs/pricing/plans.md", "docs/pricing/deep/x.mdx", "pricingx/a.md",
    "docs/chat/api/rooms.md", "docs/api/x.md", "api/x.md", "src/pages/docs/chat/api/javascript/room.mdx",
    "guides/a.md", "chat/guides/b.mdx", "x/guides", "docs/a.md", "docs/sub/a.md", "CHANGELOG.md",
    "sub/CHANGELOG.md", "how-tos/x.md", "abc.md", "a.md", "drafts/one.md", "drafts/deep/one.md",
    "chat/getting-started/js.mdx", "images/flow.png", "page.mdx",
]


@pytest.mark.parametrize("glob", GLOBS)
def test_globs_agree_with_gitignore_semantics(glob):
    spec = pathspec.GitIgnoreSpec.from_lines([glob])
    for path in PATHS:
        assert matches(path, [glob]) == spec.match_file(path), (glob, path)


def test_leading_dots_of_relative_display_paths_are_ignored():
    assert matches("../shared/corpus/docs/pricing/x.mdx", ["pricing/"])
    assert matches("./docs/pricing.md", ["pricing.md"])
    assert not matches("docs/guide.md", [])
