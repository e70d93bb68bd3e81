"""Output formats: each a small module with `render(findings, context) -> str` or a writer.

Modules are imported only when their format is chosen, so a run pays for one.
"""

from __future__ import annotations

import importlib

FORMATS = {"text": "doclint.formats.text", "json": "doclint.formats.json"}


def get(name: str):
    return importlib.import_module(FORMATS[name])
