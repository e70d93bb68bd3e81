"""The floor: markdown-it-py parsing the same files, nothing else, in one process or in N.

Usage: python bench/parse_only.py FOLDER [--jobs N]
"""

import sys
from multiprocessing import Pool
from pathlib import Path

from markdown_it import MarkdownIt

md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def parse(path: Path) -> None:
    md.parse(path.read_text(encoding="utf-8"))


if __name__ == "__main__":
    files = [path for path in sorted(Path(sys.argv[1]).rglob("*")) if path.suffix in (".md", ".mdx", ".markdown") and path.is_file()]
    jobs = int(sys.argv[sys.argv.index("--jobs") + 1]) if "--jobs" in sys.argv else 1
    if jobs == 1:
        for path in files:
            parse(path)
    else:
        with Pool(jobs) as pool:
            pool.map(parse, files, chunksize=8)
