"""Splitting prose into sentences, for rules that judge a sentence at a time."""

from __future__ import annotations

import re
from collections.abc import Iterator

from doclint import lazy_re

# A sentence ends at . ! or ? followed by space.
LOOSE = lazy_re.compile(r"(?<=[.!?])\s+")
# ... and, stricter, only where the next sentence starts like one ("e.g. this" is not a break).
STRICT = lazy_re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(\[])")


def sentence_spans(text: str, boundary: re.Pattern = LOOSE) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of `text`, the spaces between them left out."""
    start = 0
    for match in boundary.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)
