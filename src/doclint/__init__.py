"""doclint: a docs linter and pull-request review bot for Markdown and MDX."""

__version__ = "0.1.0"
