"""The house style: what a site itself does where style guides differ, measured over its tree.

Do its list items end with a period? Are its headings in sentence or title case? Does text come
between a heading and a code block? Which spelling does it use? A style rule judges a page by its
site's answer, never a site for having one: `unfinished-sentence` asks for a period on an item
that reads as a sentence only where the site mostly punctuates such items.

`doclint style [PATH]` measures and prints the profile; `doclint style --write` saves it as
`.doclint-style.toml` in PATH, a reviewable file a team can pin or edit. Which style a page is
judged by, first found wins:

1. the config's own rule options (`[rules.unfinished-sentence] punctuated_sentences = 90`);
2. the saved file, found from the page's folder upward to its project root;
3. the style learned from the pages of its site, by this run or an earlier one whose cache is
   current (doclint.style.learned).

Rules yield findings that hold only under a convention (`Applies`), and the engine keeps those
the page's style bears out, after the run has learned it.
4. nothing: the page is judged by its own lists (never by re-reading the tree, which would make a
   one-page run slow).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

FILE_NAME = ".doclint-style.toml"


@dataclass(frozen=True)
class HouseStyle:
    """The measured conventions, as counts: (items that follow it, items measured)."""

    sentence_items: tuple[int, int] = (0, 0)  # list items that read as sentences, ending with a period
    lead_in_items: tuple[int, int] = (0, 0)  # `**Label:** text` items, ending with a period
    step_items: tuple[int, int] = (0, 0)  # numbered steps, ending with a period
    fragment_items: tuple[int, int] = (0, 0)  # short fragments, ending with a period
    sentence_case_headings: tuple[int, int] = (0, 0)  # headings of several words in sentence case
    text_before_code: tuple[int, int] = (0, 0)  # code blocks under a heading with text between
    us_spelling: tuple[int, int] = (0, 0)  # words with a US/UK pair, in the US form
    source: str = "(measured)"

    def percent(self, name: str) -> int:
        """The share of `name` in percent, or -1 when nothing was measured."""
        done, total = getattr(self, name)
        return round(100 * done / total) if total else -1



def from_counts(counts, source: str = "(measured)") -> HouseStyle:
    """A style from measured counts: `name` items measured, `name+` of them following it."""
    return HouseStyle(**{name: (counts.get(f"{name}+", 0), counts.get(name, 0)) for name in FIELDS}, source=source)


# Fewer items than this measured say nothing about a convention.
MIN_ITEMS = 20


@dataclass(frozen=True)
class Applies:
    """A finding that holds only under a house-style convention: when `convention`'s share is
    between `at_least` and `at_most` percent, or, when the style does not know it, if `unknown`.
    Its message may say `{percent}`, filled in with the share."""

    convention: str
    at_least: int = 0
    at_most: int = 100
    unknown: bool = False

    def share(self, style: HouseStyle | None) -> int | None:
        """The convention's share under `style` when the finding holds, else None (-1 for a
        holding finding with the share unknown)."""
        done, total = getattr(style, self.convention) if style else (0, 0)
        if total < MIN_ITEMS:
            return -1 if self.unknown else None
        percent = round(100 * done / total)
        return percent if self.at_least <= percent <= self.at_most else None


FIELDS = ("sentence_items", "lead_in_items", "step_items", "fragment_items", "sentence_case_headings", "text_before_code", "us_spelling")
DESCRIPTIONS = {
    "sentence_items": "list items that read as a sentence end with a period",
    "lead_in_items": "**Label:** list items end with a period",
    "step_items": "numbered steps end with a period",
    "fragment_items": "short fragment list items end with a period",
    "sentence_case_headings": "headings are in sentence case",
    "text_before_code": "text comes between a heading and its code block",
    "us_spelling": "words with a US and a UK spelling use the US one",
}


def to_toml(style: HouseStyle) -> str:
    lines = [
        "# The house style doclint measured over this tree (`doclint style --write`). Edit the",
        "# counts to pin a convention; doclint reads this file instead of measuring again.",
        "# Each value is [items that follow it, items measured].",
        "",
    ]
    for name in FIELDS:
        done, total = getattr(style, name)
        share = f"{style.percent(name)}%" if total else "not measured"
        lines += [f"# {share}: {DESCRIPTIONS[name]}", f"{name} = [{done}, {total}]", ""]
    return "\n".join(lines)


class StyleError(Exception):
    """A saved style file that cannot be used; the message names it and the key."""


def load(path: Path) -> HouseStyle:
    import tomllib  # only a tree with a saved style pays for it

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise StyleError(f"{path}: cannot read: {error}") from None
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        raise StyleError(f"{path}: invalid TOML: {error}") from None
    values = {}
    for key, value in data.items():
        if key not in FIELDS:
            from doclint.registry import did_you_mean

            raise StyleError(f"{path}: {key}: unknown key" + did_you_mean(key, FIELDS))
        if not (isinstance(value, list) and len(value) == 2 and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value) and value[0] <= value[1]):
            raise StyleError(f"{path}: {key}: must be [followed, measured], two counts with the first no larger")
        values[key] = (value[0], value[1])
    return HouseStyle(**values, source=f"saved in {path}")


_BY_FOLDER: dict[tuple[str, str], HouseStyle | None] = {}


def new_run() -> None:
    _BY_FOLDER.clear()


def saved_for(folder: Path, root: Path) -> HouseStyle | None:
    """The saved style of the nearest folder from `folder` up to `root` that has one."""
    folder, root = Path(os.path.abspath(folder)), Path(os.path.abspath(root))
    key = (str(folder), str(root))
    if key not in _BY_FOLDER:
        candidate = folder / FILE_NAME
        if candidate.is_file():
            _BY_FOLDER[key] = load(candidate)
        elif folder == root or folder.parent == folder or root not in folder.parents:
            _BY_FOLDER[key] = None
        else:
            _BY_FOLDER[key] = saved_for(folder.parent, root)
    return _BY_FOLDER[key]
