"""The floor: markdown-it-py parsing the same files in one process, nothing else.

Usage: python bench/parse_only.py FOLDER
"""

import sys
from pathlib import Path

from markdown_it import MarkdownIt

md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
for path in sorted(Path(sys.argv[1]).rglob("*")):
    if path.suffix in (".md", ".mdx", ".markdown") and path.is_file():
        md.parse(path.read_text(encoding="utf-8"))
