"""doclint: a docs linter and pull-request review bot for Markdown and MDX."""

__version__ = "0.1.0"

# Where each rule's documentation lives; `doclint review` links every comment to it.
DOCS_URL = "https://github.com/doclint/doclint/blob/main/docs/rules/{rule}.md"

# doclint.baseline's default file: named here so that a run with no baseline need not import it.
BASELINE_FILE = ".doclint-baseline.json"
