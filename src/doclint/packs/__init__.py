"""Rule packs: rules as YAML data, so a docs team adds checks without writing Python.

A pack is either a folder, with one YAML file per rule (the file's stem is the rule's name) and
an optional `pack.yaml` holding the pack's `name` and `description`; or one YAML file with
`name`, `description` and a `rules` mapping of rule names to rules. A pack's rules are named
`PACK.RULE` and carry the pack's name as a tag, so `select = ["ably"]` picks them all.

Packs shipped with doclint live in the repository's top-level `rules/` folder and are installed
with it; `packs = ["ably"]` names one of those, `packs = ["./style"]` a folder or file relative
to the config file. Every key common to all rule types:

    type: existence            # existence, substitution, consistency, capitalization,
                               # occurrence, code-requires, structure
    message: "Avoid '{match}'" # {placeholders} depend on the type; {{ and }} for braces
    severity: warning          # error, warning, info (or suggestion, the same as info)
    scope: prose               # or a list; see doclint.packs.scopes
    raw: false                 # true: match the source as written (markup included)
    files: ["*.mdx"]           # only pages matching these globs
    summary / description / link / tags
    examples: {bad: [...], good: [...], file: example.md}
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from doclint import boundary, yaml_safe
from doclint.findings import SEVERITY_NAMES
from doclint.packs import types
from doclint.packs.common import Common
from doclint.packs.scopes import SCOPE_HELP, valid_scope
from doclint.packs.spec import PackError, Spec
from doclint.paths import compile_glob, display, matches
from doclint.registry import did_you_mean
from doclint.rule import Rule

COMMON_KEYS = {"type", "message", "severity", "scope", "raw", "files", "summary", "description", "link", "tags", "examples"}

__all__ = ["Pack", "PackError", "load_pack", "shipped_packs"]


@dataclass(frozen=True)
class Pack:
    name: str
    source: str
    description: str
    rules: tuple[Rule, ...]


def shipped_dir() -> Path:
    """The packs installed with doclint (the repository's `rules/` folder)."""
    spec = importlib.util.find_spec("doclint._packs")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[3] / "rules"


def shipped_packs() -> list[str]:
    folder = shipped_dir()
    return sorted(p.stem for p in folder.iterdir() if (p.is_dir() and not p.name.startswith(("_", "."))) or p.suffix in (".yaml", ".yml"))


def resolve(reference: str, base: Path) -> Path:
    """A pack's location: a shipped pack by name, or a path relative to `base`."""
    if "/" in reference or "\\" in reference or reference.startswith(".") or reference.endswith((".yaml", ".yml")):
        path = (base / reference).resolve()
        run = boundary.current()
        if run is not None and not run.allows(path) and not boundary.inside(path, base):
            raise PackError(reference, None, None, f"is {run.why_not(base / reference)}: doclint reads nothing outside the tree")
        if not path.exists():
            raise PackError(display(path), None, None, "no such pack folder or file")
        return path
    folder = shipped_dir()
    for candidate in (folder / reference, folder / f"{reference}.yaml", folder / f"{reference}.yml"):
        if candidate.exists():
            return candidate
    raise PackError(reference, None, None, "unknown pack" + did_you_mean(reference, shipped_packs()) + f" (shipped packs: {', '.join(shipped_packs())})")


def load_pack(reference: str, base: Path) -> Pack:
    path = resolve(reference, base)
    files = sorted(path.glob("*.y*ml")) if path.is_dir() else [path]
    run = boundary.current()
    for file in files:  # a rule file may be a symlink out of the tree
        if run is not None and not run.allows(file) and not boundary.inside(file, base) and not boundary.inside(file, shipped_dir()):
            raise PackError(display(file), None, None, f"is {run.why_not(file)}: doclint reads nothing outside the tree")
    # Loaded again when any of its files changes (a long-running process sees edits).
    stamp = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    return _load(path, stamp)


@cache
def _load(path: Path, _stamp: tuple) -> Pack:
    if path.is_dir():
        meta_file = path / "pack.yaml"
        meta = _read_yaml(meta_file) if meta_file.exists() else {}
        name = meta.get("name", path.name)
        entries = [
            (file.stem, _read_yaml(file), str(file))
            for file in sorted(path.iterdir())
            if file.suffix in (".yaml", ".yml") and file.name != "pack.yaml"
        ]
    else:
        meta = _read_yaml(path)
        name = meta.get("name", path.stem)
        rules = meta.get("rules")
        if not isinstance(rules, dict):
            raise PackError(display(path), None, "rules", "must be a mapping of rule names to rules")
        entries = [(rule_name, spec, str(path)) for rule_name, spec in rules.items()]
    if not isinstance(name, str) or not name.replace("-", "").replace("_", "").isalnum():
        raise PackError(display(path), None, "name", "must be a simple name (letters, digits, - and _)")
    built = tuple(_build(name, str(rule_name), data, source) for rule_name, data, source in entries)
    return Pack(name, display(path), str(meta.get("description", "")), built)


def _read_yaml(path: Path) -> dict:
    """A pack file's mapping; a pack may come from the repository, so its YAML is bounded."""
    try:
        data = yaml_safe.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise PackError(display(path), None, None, f"invalid YAML{where}: {getattr(error, 'problem', error)}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(display(path), None, None, f"cannot read: {error}") from None
    if not isinstance(data, dict):
        raise PackError(display(path), None, None, "must be a YAML mapping")
    return data


def _build(pack: str, name: str, data, source: str) -> Rule:
    full_name = f"{pack}.{name}"
    if not isinstance(data, dict):
        raise PackError(display(source), full_name, None, "must be a mapping of keys to values")
    spec = Spec(data, display(source), full_name)
    kind = spec.get("type", str, required=True)
    if kind not in types.TYPES:
        raise spec.error("type", f"unknown type {kind!r}" + did_you_mean(kind, types.TYPES) + f" (types: {', '.join(types.TYPES)})")
    module = types.load(kind)
    spec.check_keys(COMMON_KEYS | module.KEYS)
    severity_name = spec.get("severity", str, "warning")
    if severity_name not in SEVERITY_NAMES:
        raise spec.error("severity", f"must be one of {', '.join(SEVERITY_NAMES)}, not {severity_name!r}")
    scope_value = spec.get("scope", (str, list), "heading" if kind == "capitalization" else "prose")
    scopes = [scope_value] if isinstance(scope_value, str) else scope_value
    for scope in scopes:
        if not isinstance(scope, str) or not valid_scope(scope):
            raise spec.error("scope", f"unknown scope {scope!r} (use {SCOPE_HELP})")
    common = Common(tuple(scopes), spec.get("raw", bool, False), spec.message(module.DEFAULT_MESSAGE, module.PLACEHOLDERS))
    check, fixable = module.build(spec, common)
    files = spec.strings("files")
    for index, glob in enumerate(files):
        try:
            compile_glob(glob)
        except ValueError as error:
            raise spec.error(f"files[{index}]", f"glob {glob!r} {error}") from None
    if files:
        inner = check

        def check(doc, options):  # noqa: F811 - the same check, on matching pages only
            return inner(doc, options) if matches(doc.path, files) else ()

    examples = spec.get("examples", dict, {})
    example_file = examples.get("file", "example.mdx" if any(g.endswith(".mdx") for g in files) else "example.md")
    return Rule(
        name=full_name,
        summary=spec.get("summary", str, "") or spec.get("description", str, "").split("\n")[0] or common.message.text,
        check=check,
        description=spec.get("description", str, ""),
        severity=SEVERITY_NAMES[severity_name],
        tags=(pack, *spec.strings("tags")),
        fixable=fixable,
        bad_examples=tuple((example_file, text) for text in _example_list(spec, examples, "bad")),
        good_examples=tuple((example_file, text) for text in _example_list(spec, examples, "good")),
        extra={"link": spec.get("link", str, ""), "type": kind, "source": source, "message": common.message.text},
    )


def _example_list(spec: Spec, examples: dict, key: str) -> list[str]:
    values = examples.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise spec.error(f"examples.{key}", "must be a list of strings")
    return [v if v.endswith("\n") else v + "\n" for v in values]
