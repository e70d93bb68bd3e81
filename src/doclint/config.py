"""Configuration: found from each linted file upward, the closest file wins (like ruff).

In a folder, `.doclint.toml` wins over `doclint.toml`, which wins over a `pyproject.toml` with a
`[tool.doclint]` table (a `pyproject.toml` without one is passed over). Settings are checked when
read: an unknown key, rule or option, a value of the wrong type, or a malformed glob in `include`,
`exclude` or an override's `paths`, is a `ConfigError` naming the file, the key and the closest
valid name; so is a file too deeply nested to read. The CLI reports it and exits 2.

A config may `extend` another (a shared `../doclint.toml`), as ruff's `extend` does: the extended
file's settings come first and the extending file's go on top; each file's globs and paths stay
relative to the file that wrote them. See `load`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doclint.engine import ConfiguredRule
from doclint.findings import SEVERITY_NAMES, Severity
from doclint.paths import compile_glob, display, matches
from doclint.registry import all_rules, did_you_mean
from doclint.rule import Rule
from doclint.rules.doclint_findings import GUARDS

CONFIG_NAMES = (".doclint.toml", "doclint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ["*.md", "*.mdx", "*.markdown"]
SELECTION_KEYS = {"select": list, "ignore": list, "extend-select": list}
TOP_LEVEL_KEYS = {
    **SELECTION_KEYS,
    "include": list,
    "exclude": list,
    "fail-on": str,
    "time-limit": (int, float),
    "site": (str, dict),
    "packs": list,
    "rules": dict,
    "overrides": list,
    "extend": str,
}
OVERRIDE_KEYS = {**SELECTION_KEYS, "paths": list, "rules": dict}
MAX_EXTENDS = 32
SEVERITY_VALUES = (*SEVERITY_NAMES, "off")  # a rule's `severity`: the one vocabulary, or off


class ConfigError(Exception):
    """A configuration problem, with the file and key it is about."""

    def __init__(self, source: str, key: str | None, message: str) -> None:
        where = f"{source}: {key}: " if key else f"{source}: "
        super().__init__(where + message)


@dataclass(frozen=True)
class RuleSettings:
    """What a config says of one rule: a severity and options, each only if it set them."""

    severity: str | None = None  # one of SEVERITY_VALUES, None = the rule's default
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Layer:
    """Selection and rule settings: the top of a config file, or one override."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    rules: dict[str, RuleSettings] = field(default_factory=dict)


@dataclass(frozen=True)
class Override:
    """A config's `[[overrides]]` entry: its layer applies to the files its `paths` match."""

    paths: list[str]
    layer: Layer
    root: Path | None = None  # the folder of the file that wrote it (None: the config's root)
    source: str = ""  # that file, for --show-settings


@dataclass(frozen=True)
class Config:
    """One configuration file (or the defaults), with the folder its globs are relative to.

    With `extend`, the files it extends are folded in: `bases` holds each file's top-level
    layer, the farthest first; `overrides`, `include` and `exclude` keep the folder of the file
    that wrote them; `chain` names the files, this one first."""

    root: Path
    source: str = "(defaults)"
    bases: tuple[Layer, ...] = (Layer(),)
    overrides: tuple[Override, ...] = ()
    include: tuple[str, ...] = tuple(DEFAULT_INCLUDE)
    exclude: tuple[str, ...] = ()
    include_root: Path | None = None  # where `include` was written (None: `root`)
    inherited_exclude: tuple[tuple[Path, tuple[str, ...]], ...] = ()  # extended files' excludes
    chain: tuple[str, ...] = ()  # this file, then the files it extends, in order
    fail_on: str | None = None
    time_limit: float | None = None  # CPU seconds per page; None: doclint.limits.SECONDS_PER_FILE
    site: tuple[tuple[str, Any], ...] = ()  # overrides of the detected site profile (`site` key)
    packs: tuple[str, ...] = ()
    # Every rule this config can name: the built-ins, plugins' rules and its packs' rules.
    universe: dict[str, Rule] = field(default_factory=lambda: dict(all_rules()), compare=False, repr=False)

    def relative(self, path: Path, root: Path | None = None) -> str:
        """`path` relative to `root` (default: the config's folder), as globs match it."""
        # abspath, not resolve(): no system call per page, and a link inside the tree keeps the
        # path the user sees.
        absolute = os.path.abspath(path)
        folder = str(root or self.root).rstrip(os.sep)
        if absolute.startswith(folder + os.sep):
            return Path(absolute[len(folder) + 1 :]).as_posix()
        return path.as_posix()

    def includes(self, path: Path) -> bool:
        """Whether a file found by walking a folder is linted under this config."""
        relative = self.relative(path, self.include_root)
        # File extensions are matched case-insensitively: `Guide.MD` is Markdown too.
        included = matches(relative.lower(), tuple(glob.lower() for glob in self.include))
        return included and not self.excludes(path)

    def excludes(self, path: Path) -> bool:
        """Whether the config's `exclude` globs (its own and those of the files it extends)
        match this file (also named ones, with `--force-exclude`)."""
        return matches(self.relative(path), self.exclude) or any(
            matches(self.relative(path, root), globs) for root, globs in self.inherited_exclude
        )

    def matching_overrides(self, path: Path) -> tuple[Override, ...]:
        return tuple(o for o in self.overrides if matches(self.relative(path, o.root), o.paths))

    def layers_for(self, path: Path) -> tuple[tuple[Layer, ...], tuple[Layer, ...]]:
        """The top-level layers and the layers of the overrides matching `path`: the command
        line goes between them (see `configured_rules`)."""
        return self.bases, tuple(o.layer for o in self.matching_overrides(path))


# Reading and checking -------------------------------------------------------------------------


def load(path: Path, _extending: tuple[Path, ...] = ()) -> Config:
    """Read one configuration file, and the files it extends; raise ConfigError when one is not
    valid, when `extend` leaves the project, or when the chain comes back to a file in it."""
    table, prefix, source = _read(path)
    root = Path(os.path.abspath(path.parent))
    parent = None
    if "extend" in table:
        parent = load(_extended(path, table["extend"], source, prefix + "extend", _extending), (*_extending, Path(os.path.realpath(path))))
    return _parse(table, root, source, prefix, parent)


def _extended(path: Path, value: Any, source: str, key: str, extending: tuple[Path, ...]) -> Path:
    """The file `extend` names, relative to the file naming it; it must be a `.toml` file inside
    the project (doclint.boundary: a repository's config cannot send doclint elsewhere)."""
    from doclint import boundary

    if not isinstance(value, str) or not value.endswith(".toml"):
        raise ConfigError(source, key, f"must name a .toml config file (doclint.toml or pyproject.toml), not {value!r}")
    target = Path(os.path.normpath(path.parent / value))  # `docs/../doclint.toml` is shown as `doclint.toml`
    run = boundary.current()
    if not boundary.inside(target, boundary.project_root(path)) and not (run is not None and run.allows(target)):
        where = run.why_not(target) if run is not None else str(target.resolve())
        raise ConfigError(source, key, f"{value} is {where}: doclint reads nothing outside the tree")
    real = Path(os.path.realpath(target))
    chain = (*extending, Path(os.path.realpath(path)))
    if real in chain:
        names = " -> ".join(display(p) for p in (*chain[chain.index(real):], real))
        raise ConfigError(source, key, f"extends itself in a cycle: {names}")
    if len(chain) >= MAX_EXTENDS:  # a repository's chain is read file by file: bound it
        raise ConfigError(source, key, f"extends more than {MAX_EXTENDS} files deep")
    if not target.is_file():
        raise ConfigError(source, key, f"{value}: no such file")
    return target


def _read(path: Path) -> tuple[dict, str, str]:
    """The doclint table of a config file, the prefix its keys are named with, and its name."""
    import tomllib

    source = display(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(source, None, f"cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(source, None, "not valid UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(source, None, f"invalid TOML: {error}") from None
    except (RecursionError, MemoryError):  # tomllib recurses once per `[` or `{` it opens
        raise ConfigError(source, None, "invalid TOML: nested too deeply to read") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("doclint")
        if table is None:
            raise ConfigError(source, None, "has no [tool.doclint] table")
        prefix = "tool.doclint."
    else:
        table, prefix = data, ""
    if not isinstance(table, dict):
        raise ConfigError(source, prefix.rstrip(".") or None, "must be a table")
    return table, prefix, source


def _parse(table: dict, root: Path, source: str, prefix: str, parent: Config | None = None) -> Config:
    _check_keys(table, TOP_LEVEL_KEYS, source, prefix)
    packs = _strings(table, "packs", source, prefix)
    # Packs the extended files load already are loaded once, from where they named them.
    inherited = parent.universe if parent is not None else None
    universe = _universe(packs, root, source, prefix + "packs", inherited)
    base = _layer(table, source, prefix, universe, root)
    overrides = []
    for index, entry in enumerate(table.get("overrides", [])):
        where = f"{prefix}overrides[{index}]"
        if not isinstance(entry, dict):
            raise ConfigError(source, where, "must be a table ([[tool.doclint.overrides]])")
        _check_keys(entry, OVERRIDE_KEYS, source, where + ".")
        if "paths" not in entry:
            raise ConfigError(source, where, "needs `paths`, a list of globs")
        overrides.append(Override(_globs(entry, "paths", source, where + "."), _layer(entry, source, where + ".", universe, root), root, source))
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in SEVERITY_NAMES:
        raise ConfigError(source, prefix + "fail-on", f"must be one of {', '.join(SEVERITY_NAMES)}, not {fail_on!r}")
    config = Config(
        root=root,
        source=source,
        bases=(base,),
        overrides=tuple(overrides),
        include=tuple(_globs(table, "include", source, prefix) or DEFAULT_INCLUDE),
        exclude=tuple(_globs(table, "exclude", source, prefix)),
        fail_on=fail_on,
        time_limit=_time_limit(table, source, prefix),
        site=_site(table.get("site"), root, source, prefix + "site"),
        packs=tuple(packs),
        universe=universe,
        chain=(source,),
    )
    return config if parent is None else _on_top_of(parent, config, table)


def _on_top_of(parent: Config, child: Config, table: dict) -> Config:
    """`child`'s settings layered over those of the config it extends: selections and rule
    settings in order, overrides of both, the child's scalars where it sets them."""
    own_include = "include" in table
    return Config(
        root=child.root,
        source=child.source,
        bases=parent.bases + child.bases,
        overrides=parent.overrides + child.overrides,
        include=child.include if own_include else parent.include,
        include_root=child.include_root if own_include else (parent.include_root or parent.root),
        exclude=child.exclude,
        inherited_exclude=parent.inherited_exclude + ((parent.root, parent.exclude),),
        fail_on=child.fail_on or parent.fail_on,
        time_limit=child.time_limit or parent.time_limit,
        site=tuple({**dict(parent.site), **dict(child.site)}.items()),
        packs=parent.packs + tuple(p for p in child.packs if p not in parent.packs),
        universe=child.universe,
        chain=child.chain + parent.chain,
    )


def _universe(packs: list[str], root: Path, source: str, key: str, inherited: dict[str, Rule] | None = None) -> dict[str, Rule]:
    """The built-in rules (or those of the extended config) plus the rules of the config's packs."""
    from doclint.packs import PackError, load_pack

    universe = dict(inherited if inherited is not None else all_rules())
    for reference in packs:
        try:
            pack = load_pack(reference, root)
        except PackError as error:
            raise ConfigError(source, key, str(error)) from None
        if inherited is not None and all(inherited.get(rule.name) is rule for rule in pack.rules):
            continue  # the same pack, named again by the extending file
        for rule in pack.rules:
            if rule.name in universe:
                raise ConfigError(source, key, f"pack {pack.name!r} defines {rule.name!r} twice or again")
            universe[rule.name] = rule
    return universe


def _check_keys(table: dict, allowed: dict[str, type], source: str, prefix: str) -> None:
    for key, value in table.items():
        if key not in allowed:
            raise ConfigError(source, prefix + key, "unknown key" + did_you_mean(key, allowed))
        expected = allowed[key]
        if not isinstance(value, expected):
            raise ConfigError(source, prefix + key, f"must be a {_type_name(expected)}, not {_type_name(type(value))}")


def _type_name(kind: type | tuple) -> str:
    if isinstance(kind, tuple):
        return "number"
    return {list: "list", dict: "table", str: "string", bool: "boolean", int: "integer"}.get(kind, kind.__name__)


SITE_KEYS = {"generator": str, "routes": dict, "id-rule": str, "containers": list}


def _site(value: Any, root: Path, source: str, key: str) -> tuple[tuple[str, Any], ...]:
    """`site = "mdbook"`, or a table of `generator`, `routes`, `id-rule` and `containers`."""
    from doclint.site.profile import CONTAINERS, GENERATORS, ID_RULES

    if value is None:
        return ()
    table = {"generator": value} if isinstance(value, str) else value
    _check_keys(table, SITE_KEYS, source, key + ".")
    found: list[tuple[str, Any]] = []
    for name, allowed in (("generator", GENERATORS), ("id-rule", ID_RULES)):
        if name in table:
            if table[name] not in allowed:
                raise ConfigError(source, f"{key}.{name}" if isinstance(value, dict) else key, f"must be one of {', '.join(allowed)}, not {table[name]!r}")
            found.append((name, table[name]))
    if "containers" in table:
        containers = _strings(table, "containers", source, key + ".")
        unknown = sorted(set(containers) - set(CONTAINERS))
        if unknown:
            raise ConfigError(source, f"{key}.containers", f"unknown container {unknown[0]!r} (known: {', '.join(CONTAINERS)})")
        found.append(("containers", tuple(sorted(containers))))
    if "routes" in table:
        if not all(isinstance(folder, str) for folder in table["routes"].values()):
            raise ConfigError(source, f"{key}.routes", "must be a table of URL prefixes to folders (strings)")
        routes = _resolve_paths(table["routes"], root)
        _check_inside(routes, root, source, f"{key}.routes")
        found.append(("routes", tuple(sorted(routes.items()))))
    return tuple(found)


def _time_limit(table: dict, source: str, prefix: str) -> float | None:
    value = table.get("time-limit")
    if value is None:
        return None
    if isinstance(value, bool) or not 0 < value <= 3600:
        raise ConfigError(source, prefix + "time-limit", f"must be a number of seconds above 0 and at most 3600, not {value!r}")
    return float(value)


def _strings(table: dict, key: str, source: str, prefix: str) -> list[str]:
    values = table.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(source, prefix + key, "must be a list of strings")
    return values


def _globs(table: dict, key: str, source: str, prefix: str) -> list[str]:
    values = _strings(table, key, source, prefix)
    check_globs(values, source, prefix + key)
    return values


def check_globs(globs: list[str], source: str, key: str) -> None:
    """Each glob must be well formed, checked when the config is read: a malformed one would
    otherwise match nothing, page after page, without a word."""
    for index, glob in enumerate(globs):
        try:
            compile_glob(glob)
        except ValueError as error:
            raise ConfigError(source, f"{key}[{index}]", f"glob {glob!r} {error}") from None


def _selectors(table: dict, key: str, source: str, prefix: str, universe: dict[str, Rule]) -> list[str]:
    values = _strings(table, key, source, prefix)
    check_selectors(values, source, prefix + key, universe)
    return values


def check_selectors(values: list[str], source: str, key: str | None, rules: dict[str, Rule]) -> None:
    """Every value must name a rule or a tag (or be ALL)."""
    known = set(rules) | {tag for rule in rules.values() for tag in rule.tags} | {"ALL"}
    for value in values:
        if value not in known:
            from doclint.packs import shipped_packs

            pack = value.split(".", 1)[0]
            if pack in shipped_packs():
                hint = f' (the "{pack}" pack is not enabled: add packs = ["{pack}"] to the config)'
                raise ConfigError(source, key, f"unknown rule or tag {value!r}{hint}")
            raise ConfigError(source, key, f"unknown rule or tag {value!r}" + did_you_mean(value, known))


def _layer(table: dict, source: str, prefix: str, universe: dict[str, Rule], root: Path) -> Layer:
    select = _selectors(table, "select", source, prefix, universe) if "select" in table else None
    rules_table = table.get("rules", {})
    known = universe
    rules: dict[str, RuleSettings] = {}
    for name, settings in rules_table.items():
        where = f"{prefix}rules.{name}"
        if name not in known:
            raise ConfigError(source, where, "unknown rule" + did_you_mean(name, known))
        if not isinstance(settings, dict):
            raise ConfigError(source, where, "must be a table of `severity` and options")
        rules[name] = _rule_settings(known[name], settings, source, where, root)
    return Layer(
        select=select,
        ignore=_selectors(table, "ignore", source, prefix, universe),
        extend_select=_selectors(table, "extend-select", source, prefix, universe),
        rules=rules,
    )


def _rule_settings(rule, settings: dict, source: str, where: str, root: Path) -> RuleSettings:
    options = {option.name: option for option in rule.options}
    severity = None
    values: dict[str, Any] = {}
    for key, value in settings.items():
        if key == "severity":
            if value not in SEVERITY_VALUES:
                raise ConfigError(source, f"{where}.severity", f"must be one of {', '.join(SEVERITY_VALUES)}, not {value!r}")
            severity = value
            continue
        if key not in options:
            raise ConfigError(source, f"{where}.{key}", "unknown option" + did_you_mean(key, [*options, "severity"]))
        option = options[key]
        if not _fits(value, option.type):
            raise ConfigError(source, f"{where}.{key}", f"must be a {_type_name(option.type)}, not {_type_name(type(value))}")
        if option.type is dict and option.values is not None:
            _check_table_values(value, option.values, source, f"{where}.{key}")
        if option.type is str and option.values is not None and value not in option.values:
            raise ConfigError(source, f"{where}.{key}", f"must be one of {', '.join(option.values)}, not {value!r}")
        if option.path and isinstance(value, dict) and not all(isinstance(v, str) for v in value.values()):
            raise ConfigError(source, f"{where}.{key}", "must be a table of paths (strings)")
        if option.glob:
            check_globs(value, source, f"{where}.{key}")
        if option.path:
            value = _resolve_paths(value, root)
            _check_inside(value, root, source, f"{where}.{key}")
        values[key] = value
    return RuleSettings(severity, values)


def _resolve_paths(value: Any, root: Path) -> Any:
    if isinstance(value, str):
        return str(root / value) if value else value
    if isinstance(value, list):
        return [str(root / item) for item in value]
    return {key: str(root / item) for key, item in value.items()}


def _check_inside(value: Any, root: Path, source: str, where: str) -> None:
    """A path a config names must stay in the linted tree or the config's own folder
    (doclint.boundary): a repository's config cannot send doclint to read elsewhere."""
    from doclint import boundary

    run = boundary.current()
    paths = [value] if isinstance(value, str) else list(value.values() if isinstance(value, dict) else value)
    for path in filter(None, paths):
        if run is not None and not run.allows(Path(path)) and not boundary.inside(Path(path), root):
            raise ConfigError(source, where, f"{path} is {run.why_not(Path(path))}: doclint reads nothing outside the tree")


def _fits(value: Any, kind: type) -> bool:
    if kind is list:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is dict:  # a TOML table: its keys are always strings
        return isinstance(value, dict)
    return isinstance(value, kind)


def _check_table_values(table: dict, expected: type | tuple[str, ...], source: str, where: str) -> None:
    """Each value of a table option must fit the option's `values`: a type, or allowed strings."""
    for name, value in table.items():
        if isinstance(expected, tuple):
            if value not in expected:
                raise ConfigError(source, f"{where}.{name}", f"must be one of {', '.join(expected)}, not {value!r}")
        elif not _fits(value, expected):
            wanted = "list of strings" if expected is list else _type_name(expected)
            raise ConfigError(source, f"{where}.{name}", f"must be a {wanted}, not {_describe(value)}")


def _describe(value: Any) -> str:
    if isinstance(value, list) and not all(isinstance(item, str) for item in value):
        return "a list with a non-string item"
    return _type_name(type(value))


# Finding the config for a file ----------------------------------------------------------------


class ConfigResolver:
    """Answers "which settings apply to this file?", reading each config file once."""

    def __init__(self, explicit: Path | None = None, isolated: bool = False) -> None:
        self.isolated = isolated
        self.explicit = load(explicit) if explicit is not None else None
        self._isolated: Config | None = None
        self._by_folder: dict[str, Config] = {}

    def for_path(self, path: Path) -> Config:
        if self.explicit is not None:
            return self.explicit
        if self.isolated:
            if self._isolated is None:
                self._isolated = Config(root=Path(os.path.abspath(".")))
            return self._isolated
        folder = path if path.is_dir() else path.parent
        return self._closest(os.path.abspath(folder))

    def _closest(self, folder: str) -> Config:
        """The config of the nearest folder upward that has one; each folder is looked at once
        per run (pages share folders), never across runs (a config may change between them)."""
        if folder not in self._by_folder:
            self._by_folder[folder] = self._look_in(Path(folder))
        return self._by_folder[folder]

    def _look_in(self, folder: Path) -> Config:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_doclint_table(candidate):
                    continue
                return load(candidate)
        if folder.parent == folder:
            return Config(root=Path(os.path.abspath(".")))
        return self._closest(str(folder.parent))


def _has_doclint_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.doclint" in text


# From settings to the rules a file runs ------------------------------------------------------


@dataclass(frozen=True)
class CommandLine:
    """What the CLI flags say; they override every config file."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    fail_on: str | None = None


def configured_rules(layers: tuple[tuple[Layer, ...], tuple[Layer, ...]], flags: CommandLine, rules: dict[str, Rule], site_defaults=None) -> list[ConfiguredRule]:
    """The rules to run, with severities and options, after layering, as ruff does: the config's
    top level (extended files first), then the command line, then the overrides matching the
    file. So `--select` re-enables a rule the config ignores, and an override's `ignore` (a
    per-file ignore) still holds under `--select`. In each layer `select` starts the selection
    afresh (keeping doclint's guards), `extend-select` adds to it and `ignore` takes away, in
    that order.
    `site_defaults(rule_name)` gives the site profile's option defaults, which config overrides."""
    bases, overrides = layers
    selected = {name for name, rule in rules.items() if rule.enabled_by_default}
    settings: dict[str, RuleSettings] = {}
    for layer in (*bases, Layer(flags.select, flags.ignore, flags.extend_select), *overrides):
        if layer.select is not None:
            # doclint's guards (a page was not linted) stay on under a narrow select: only an
            # ignore, or severity "off", ends them.
            selected = _matching(rules, layer.select) | (selected & GUARDS)
        selected = (selected | _matching(rules, layer.extend_select)) - _matching(rules, layer.ignore)
        for name, rule_settings in layer.rules.items():
            previous = settings.get(name, RuleSettings())
            settings[name] = RuleSettings(
                rule_settings.severity or previous.severity,
                {**previous.options, **rule_settings.options},
            )
    chosen = []
    for rule in rules.values():
        rule_settings = settings.get(rule.name, RuleSettings())
        if rule.name not in selected or rule_settings.severity == "off":
            continue
        severity = Severity.parse(rule_settings.severity) if rule_settings.severity else rule.severity
        site = site_defaults(rule.name) if site_defaults else {}
        chosen.append(ConfiguredRule(rule, severity, {**rule.default_options(), **site, **rule_settings.options}))
    return chosen


def _matching(rules: dict[str, Rule], selectors: list[str]) -> set[str]:
    """The names of the rules a list of selectors (names, tags, ALL) picks."""
    wanted = set(selectors)
    if "ALL" in wanted:
        return set(rules)
    return {name for name, rule in rules.items() if name in wanted or wanted.intersection(rule.tags)}
