"""The one place that knows every rule: the built-ins and those of installed plugins.

A plugin package adds rules through the `doclint.rules` entry-point group; each entry point
names a `Rule` or a list of them.
"""

from __future__ import annotations

import importlib
from functools import cache
import sys
from pathlib import Path

from doclint.rule import Rule

BUILTIN_MODULES = (
    "doclint.rules.unfinished_sentence",
    "doclint.rules.leftover_todo",
    "doclint.rules.pricing",
    "doclint.rules.room_attach",
    "doclint.rules.frontmatter",
    "doclint.rules.duplicate_text",
    "doclint.rules.heading_structure",
    "doclint.rules.unsourced_figure",
    "doclint.rules.inconsistent_figure",
    "doclint.rules.broken_link",
    "doclint.rules.doclint_findings",  # doclint's findings about a page itself: a list, RULES
)
ENTRY_POINT_GROUP = "doclint.rules"


class RegistryError(Exception):
    """A rule name or plugin that cannot be resolved; the CLI reports it and exits 2."""


@cache
def all_rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for module_name, rule in builtin_rules():
        _add(rules, rule, module_name)
    for entry in _plugin_entry_points():
        try:
            loaded = entry.load()
        except Exception as error:  # a broken plugin must not look like a doclint crash
            raise RegistryError(f"cannot load rule plugin {entry.value!r}: {error}") from error
        for rule in loaded if isinstance(loaded, list | tuple) else [loaded]:
            if not isinstance(rule, Rule):
                raise RegistryError(f"plugin {entry.value!r} gave {rule!r}, not a doclint Rule")
            _add(rules, rule, entry.value)
    return rules


def builtin_rules():
    """(module name, rule) of each built-in: a module's `RULE`, or each of its `RULES`."""
    for module_name in BUILTIN_MODULES:
        module = importlib.import_module(module_name)
        for rule in getattr(module, "RULES", None) or [module.RULE]:
            yield module_name, rule


def _plugin_entry_points():
    """The `doclint.rules` entry points of installed packages.

    importlib.metadata costs tens of milliseconds to import, a large part of a one-page run, so
    it is used only when some installed package's entry_points.txt mentions the group.
    """
    marker = f"[{ENTRY_POINT_GROUP}]"
    for folder in sys.path:
        try:
            candidates = list(Path(folder or ".").glob("*.*-info/entry_points.txt"))
        except OSError:
            continue
        for candidate in candidates:
            try:
                if marker in candidate.read_text(encoding="utf-8", errors="replace"):
                    from importlib.metadata import entry_points

                    return entry_points(group=ENTRY_POINT_GROUP)
            except OSError:
                continue
    return ()


def _add(rules: dict[str, Rule], rule: Rule, origin: str) -> None:
    if rule.name in rules:
        raise RegistryError(f"rule {rule.name!r} from {origin} is already defined")
    rules[rule.name] = rule


def did_you_mean(name: str, candidates) -> str:
    import difflib  # only a misspelt name pays for it

    close = difflib.get_close_matches(name, list(candidates), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
