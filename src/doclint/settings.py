"""`doclint check --show-settings PAGE`: everything that decides how one page is linted.

Which config file applies (and the files it extends) and which overrides match the page (and
which file wrote each), the severity and options of
each rule the page runs, the packs, the site profile, and the house style the page is judged by
(saved, learned from the cache, or none). The same resolution `doclint check` makes, printed
instead of run, so "why does CI flag this and my editor not?" has an answer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from doclint import limits
from doclint.config import CommandLine, ConfigResolver, configured_rules


def resolve(path: Path, flags: CommandLine, resolver: ConfigResolver, cache_dir: Path | None) -> dict[str, Any]:
    """The settings of the page at `path`, as plain data."""
    from doclint import boundary, site, style
    from doclint.site import profile
    from doclint.style import learned

    for module in (profile, style, learned):
        module.new_run()  # what an earlier run in this process found may have changed
    config = resolver.for_path(path)
    site_profile = profile.configured(profile.for_page(path), config.site, config.root)
    profile.assign(path, site_profile)
    rules = configured_rules(config.layers_for(path), flags, config.universe, site_profile.defaults_for)
    run_boundary = boundary.current()
    saved = style.saved_for(path.parent, run_boundary.root_for(path) if run_boundary else path.parent)
    site.PAGE_INFO.clear()
    if saved is None and cache_dir is not None:
        from doclint import cache

        site.PAGE_INFO.update(cache.Cache(cache_dir).pages)
    house = saved or learned.for_page(path)
    return {
        "file": path.as_posix(),
        "config": config.source,
        "extends": list(config.chain[1:]),
        "overrides": [{"paths": list(o.paths), "file": o.source or config.source} for o in config.matching_overrides(path)],
        "fail-on": flags.fail_on or config.fail_on or "warning",
        "time-limit": config.time_limit or limits.SECONDS_PER_FILE,
        "packs": list(config.packs),
        "site": {"generator": site_profile.generator, "detected-from": site_profile.source, "root": str(site_profile.root), "heading-ids": site_profile.id_rule},
        "house-style": _style(house),
        "rules": {r.rule.name: {"severity": str(r.severity), "options": {k: _plain(v) for k, v in r.options.items()}} for r in rules},
    }


def _override(override: dict[str, Any], extended: int) -> str:
    """An override's globs, and which file of the chain wrote it when there are several."""
    globs = ", ".join(override["paths"])
    return f"{globs} (from {override['file']})" if extended else globs


def _style(house) -> dict[str, Any]:
    from doclint import style

    if house is None:
        from doclint.style.learned import MIN_PAGES

        return {"source": "none: the page is judged by its own lists (no saved style, and no cache of at least "
                f"{MIN_PAGES} of its site's pages)", "conventions": {}}
    return {"source": house.source, "conventions": {name: list(getattr(house, name)) for name in style.FIELDS}}


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple, frozenset, set)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, Path):
        return str(value)
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


# Paths and option values come from the linted repository: both renderings keep them inert.
def to_json(settings: dict[str, Any]) -> str:
    from doclint.formats.safe import dumps

    return dumps(settings, indent=2) + "\n"


def to_text(settings: dict[str, Any]) -> str:
    from doclint import style

    site = settings["site"]
    lines = [
        f"file:         {settings['file']}",
        f"config:       {settings['config']}",
        f"extends:      {' -> '.join(settings['extends']) or '(nothing)'}",
        f"overrides:    {'; '.join(_override(o, len(settings['extends'])) for o in settings['overrides']) or '(none match)'}",
        f"fail-on:      {settings['fail-on']}",
        f"time-limit:   {settings['time-limit']:g} CPU seconds",
        f"packs:        {', '.join(settings['packs']) or '(none)'}",
        f"site:         {site['generator']}, from {site['detected-from']} (heading ids: {site['heading-ids']})",
        f"house style:  {settings['house-style']['source']}",
    ]
    for name, (done, total) in settings["house-style"]["conventions"].items():
        share = f"{round(100 * done / total):3}%" if total else "   -"
        lines.append(f"  {share} of {total:5}  {style.DESCRIPTIONS[name]}")
    lines.append("rules:")
    width = max((len(name) for name in settings["rules"]), default=0)
    for name, rule in settings["rules"].items():
        options = ", ".join(f"{key}={json.dumps(value)}" for key, value in rule["options"].items())
        lines.append(f"  {name:{width}}  {rule['severity']:7}  {options}".rstrip())
    from doclint.formats.safe import inert_lines

    return inert_lines("\n".join(lines)) + "\n"
