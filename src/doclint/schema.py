"""A JSON Schema for doclint.toml, so an editor completes and checks the config as it is typed.

Generated from the config's own tables (doclint.config) and every built-in rule's options, and
the rules of the packs shipped with doclint, so it cannot drift from what `load` accepts: the
committed `docs/doclint.schema.json` is this module's output (a test regenerates it). Draft-07,
the newest draft Taplo (Even Better TOML in VS Code) and the VS Code JSON service both read in
full. Plugins' rules are left out: the schema must not depend on what one machine installed;
rules of a repository's own packs (`PACK.RULE`) are accepted with any settings.

    python -m doclint config --schema > docs/doclint.schema.json
"""

from __future__ import annotations

from typing import Any

from doclint import config
from doclint.findings import SEVERITY_NAMES
from doclint.rule import Option, Rule

SCHEMA_URL = "https://raw.githubusercontent.com/doclint/doclint/main/docs/doclint.schema.json"
DRAFT = "http://json-schema.org/draft-07/schema#"

_STRINGS = {"type": "array", "items": {"type": "string"}}
_SCALARS: dict[type, dict[str, Any]] = {bool: {"type": "boolean"}, int: {"type": "integer"}, str: {"type": "string"}, list: _STRINGS, float: {"type": "number"}}


def schema() -> dict[str, Any]:
    """The schema of a doclint.toml (the same keys as `[tool.doclint]` in pyproject.toml)."""
    from doclint.site.profile import CONTAINERS, GENERATORS, ID_RULES

    rules = {"$ref": "#/definitions/rules"}  # one table, for the top level and overrides alike
    selection = {
        "select": {**_STRINGS, "description": "The rules or tags to run (ALL for every rule); starts the selection afresh."},
        "extend-select": {**_STRINGS, "description": "Rules or tags to add to the selection."},
        "ignore": {**_STRINGS, "description": "Rules or tags to skip."},
    }
    site_table = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "generator": {"enum": list(GENERATORS)},
            "routes": {"type": "object", "additionalProperties": {"type": "string"}, "description": "URL prefix -> folder of pages, relative to this file."},
            "id-rule": {"enum": list(ID_RULES)},
            "containers": {"type": "array", "items": {"enum": list(CONTAINERS)}},
        },
    }
    properties = {
        "extend": {"type": "string", "pattern": r"\.toml$", "description": "Another doclint config file (doclint.toml or pyproject.toml) whose settings this one builds on, relative to this file."},
        **selection,
        "include": {**_STRINGS, "description": "Globs of the files to lint when walking folders."},
        "exclude": {**_STRINGS, "description": "Globs of files and folders to skip, relative to this file."},
        "fail-on": {"enum": list(SEVERITY_NAMES), "description": "Lowest severity that fails the run."},
        "time-limit": {"type": "number", "exclusiveMinimum": 0, "maximum": 3600, "description": "CPU seconds one page may take to lint."},
        "site": {"description": "The site profile: a generator's name, or a table.", "anyOf": [{"enum": list(GENERATORS)}, site_table]},
        "packs": {**_STRINGS, "description": "Rule packs: a shipped pack's name, or a folder or YAML file relative to this file."},
        "rules": rules,
        "overrides": {
            "type": "array",
            "description": "Settings for the files matching `paths`, applied after the command line.",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["paths"],
                "properties": {"paths": {**_STRINGS, "description": "Globs, relative to this file."}, **selection, "rules": rules},
            },
        },
    }
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_URL,
        "title": "doclint configuration",
        "description": "doclint.toml, or the [tool.doclint] table of pyproject.toml.",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "definitions": {"rules": _rules_table(_documented_rules())},
    }


def _documented_rules() -> list[Rule]:
    """The built-in rules and the rules of every shipped pack, by name."""
    from doclint.packs import load_pack, shipped_dir, shipped_packs
    from doclint.registry import builtin_rules

    rules = [rule for _, rule in builtin_rules()]
    for pack in shipped_packs():
        rules.extend(load_pack(pack, shipped_dir()).rules)
    return sorted(rules, key=lambda rule: rule.name)


def _rules_table(rules: list[Rule]) -> dict[str, Any]:
    severity = {"enum": list(config.SEVERITY_VALUES), "description": "The rule's severity, or off."}
    return {
        "type": "object",
        "description": "Each rule's `severity` and options (see `doclint rule NAME`).",
        "properties": {
            rule.name: {
                "type": "object",
                "description": rule.summary,
                "additionalProperties": False,
                "properties": {"severity": severity, **{option.name: _option(option) for option in rule.options}},
            }
            for rule in rules
        },
        # A rule of the repository's own pack: its settings are checked when the pack is loaded.
        "patternProperties": {r"^[\w-]+\.[\w.-]+$": {"type": "object", "properties": {"severity": severity}}},
        "additionalProperties": False,
    }


def _option(option: Option) -> dict[str, Any]:
    """One option's schema, with its default and description."""
    if option.type is dict:
        values = str if option.path else option.values
        each = {"enum": list(values)} if isinstance(values, tuple) else _SCALARS.get(values, {}) if values else {}
        found: dict[str, Any] = {"type": "object", "additionalProperties": each or True}
    elif option.type is str and option.values is not None:
        found = {"enum": list(option.values)}
    else:
        found = dict(_SCALARS[option.type])
    return {**found, "default": option.default, "description": option.description}
