"""Regular expressions compiled when first used, not when their module is imported.

A one-page run imports every rule, and compiling their patterns up front cost it some
milliseconds for patterns most pages never reach (a rule's second pass runs only where its
cheap first test matched). `compile` takes what `re.compile` takes and gives an object that
stands for the pattern: the first attribute asked of it (`search`, `sub`, `pattern`...)
compiles it, and each attribute is then kept, so later calls cost what the pattern's own do.
"""

from __future__ import annotations

import re


class _Lazy:
    __slots__ = ("_args", "__dict__")

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str):
        value = getattr(re.compile(*self._args), name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"lazy_re.compile({self._args[0]!r})"


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - it stands in for re.compile
    return _Lazy(pattern, flags)  # type: ignore[return-value]
