"""Pack rule types, one module each. A module has `KEYS` (its own YAML keys), `PLACEHOLDERS`
(what its message may name), `DEFAULT_MESSAGE` and `build(spec, common) -> (check, fixable)`."""

from __future__ import annotations

import importlib

TYPES = ("existence", "substitution", "consistency", "capitalization", "occurrence", "code-requires", "structure")


def load(name: str):
    return importlib.import_module(f"doclint.packs.types.{name.replace('-', '_')}")
