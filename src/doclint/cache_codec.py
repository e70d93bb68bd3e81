"""The cache's data format: JSON, with an explicit tag for each type that JSON does not have.

pickle rebuilds whatever a file names, so loading a pickled cache can run code. This codec
knows a closed set of types (those an `Analysis` and the site index hold) and builds only
those, checking the type of every field; anything else, such as an unknown tag, a float, a
missing field or a string where a line number belongs, raises `Invalid`, and the caller treats
the file or entry as a miss.

JSON's str, int, bool, null and lists stand for themselves. Every other value is an object with
one key, its tag: {"tuple": [...]}, {"frozenset": [...]}, {"dict": {...}}, {"Severity": 3}, and
{"Finding": [field, ...]} for the dataclasses (fields in declaration order).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from doclint.engine import Analysis
from doclint.findings import Edit, Finding, Fix, Severity
from doclint.style import Applies
from doclint.suppress import Directive


class Invalid(ValueError):
    """Data that is not what doclint writes."""


Check = Callable[[Any], bool]
_SCALARS = (str, int, bool, type(None))  # exact types: a bool is not taken for an int
_SCALAR_SET = frozenset(_SCALARS)


def _is(kind: type) -> Check:
    return lambda value: type(value) is kind


def _every(container: type, item: type | Check) -> Check:
    """A `container` whose items are all of type `item`, or all pass the check `item`."""
    if isinstance(item, type):  # the common case, and a fast one: no call per item
        return lambda value: type(value) is container and set(map(type, value)) <= {item}
    return lambda value: type(value) is container and all(map(item, value))


def _optional(check: Check) -> Check:
    return lambda value: value is None or check(value)


_INT, _STR, _BOOL = _is(int), _is(str), _is(bool)
_INTS = _every(tuple, int)


def _counts(value: Any) -> bool:
    """House-style measurements: convention -> count."""
    return type(value) is dict and all(type(count) is int for count in value.values())


def _stated_figure(value: Any) -> bool:
    """A figure a page states (doclint.rules.inconsistent_figure): (metric, value, as written, line)."""
    return type(value) is tuple and len(value) == 4 and all(map(_STR, value[:3])) and _INT(value[3])


def _position(value: Any) -> bool:
    """A fix edit's (line, column, end_line, end_column)."""
    return _INTS(value) and len(value) == 4


def _line_starts(value: Any) -> bool:
    """A page's line starts: offsets the Analysis keeps as an array of unsigned 32-bit ints."""
    return type(value) is list and set(map(type, value)) <= {int} and (not value or (min(value) >= 0 and max(value) < 2**32))


def _heading(value: Any) -> bool:
    """An outline entry (doclint.engine.outline): (line, level, text)."""
    return type(value) is tuple and len(value) == 3 and _INT(value[0]) and _INT(value[1]) and _STR(value[2])


# Each dataclass with the check of each of its fields, in declaration order.
_FIELDS: dict[type, tuple[Check, ...]] = {
    Edit: (_INT, _INT, _STR),
    Fix: (_every(tuple, Edit), _BOOL, _STR),
    Finding: (_STR, _INT, _INT, _INT, _INT, _STR, _is(Severity), _STR, _optional(_is(Fix)), _every(tuple, _position)),
    Directive: (_STR, _every(frozenset, str), _INT, _INT, _INT, _STR, _BOOL),
    Applies: (_STR, _INT, _INT, _BOOL),
    Analysis: (
        _STR, _every(list, Finding), _is(dict), _line_starts, _every(list, Directive), _counts,
        _every(list, lambda pair: type(pair) is tuple and len(pair) == 2 and type(pair[0]) is Finding and type(pair[1]) is Applies),
        _every(list, _heading),
    ),
}
_NAMES = {kind: tuple(field.name for field in fields(kind)) for kind in _FIELDS}
_CLASSES = {kind.__name__: kind for kind in _FIELDS}


def encode(value: Any) -> Any:
    """`value` as JSON-ready data; raises Invalid for a type the codec does not know."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return _encode_all(value)
    if kind is array:  # an Analysis's line starts
        return value.tolist()
    if kind is tuple:
        return {"tuple": _encode_all(value)}
    if kind is dict and all(type(key) is str for key in value):
        return {"dict": {key: item if type(item) in _SCALARS else encode(item) for key, item in value.items()}}
    if kind is frozenset and all(type(item) in _SCALARS for item in value):
        # Sorted, so that the same set is the same data in every process (string hashing varies).
        return {"frozenset": sorted(value, key=repr)}
    if kind is Severity:
        return {"Severity": int(value)}
    if kind in _NAMES:
        return {kind.__name__: _encode_all([getattr(value, name) for name in _NAMES[kind]])}
    raise Invalid(f"cannot store a {kind.__name__}")


def _encode_all(items) -> list:
    # Lists of scalars (a page's line starts, a link's offsets) are most of the data: copied
    # whole, or at least without a call per scalar, they cost a warm run far less.
    if set(map(type, items)) <= _SCALAR_SET:
        return list(items)
    return [item if type(item) in _SCALARS else encode(item) for item in items]


def decode(data: Any) -> Any:
    """The value `encode` made `data` from; raises Invalid (or RecursionError) for anything else."""
    kind = type(data)
    if kind in _SCALARS:
        return data
    if kind is list:
        return _decode_all(data)
    if kind is not dict or len(data) != 1:
        raise Invalid("not a tagged value")
    ((tag, payload),) = data.items()
    if tag == "tuple" and type(payload) is list:
        return tuple(_decode_all(payload))
    if tag == "dict" and type(payload) is dict:
        return {key: item if type(item) in _SCALARS else decode(item) for key, item in payload.items()}
    if tag == "frozenset" and type(payload) is list and all(type(item) in _SCALARS for item in payload):
        return frozenset(payload)
    if tag == "Severity" and type(payload) is int and payload in Severity._value2member_map_:
        return Severity(payload)
    if tag in _CLASSES and type(payload) is list:
        return _build(_CLASSES[tag], _decode_all(payload))
    raise Invalid(f"unexpected {tag!r}")


def _decode_all(items: list) -> list:
    if set(map(type, items)) <= _SCALAR_SET:  # as in _encode_all
        return list(items)
    return [item if type(item) in _SCALARS else decode(item) for item in items]


def _build(kind: type, values: list) -> Any:
    checks = _FIELDS[kind]
    if len(values) != len(checks) or not all(check(value) for check, value in zip(checks, values)):
        raise Invalid(f"a {kind.__name__} of the wrong shape")
    return kind(*values)


def decode_analysis(data: Any) -> Analysis:
    """One cache entry: an Analysis, or Invalid."""
    value = decode(data)
    if type(value) is not Analysis:
        raise Invalid("not an Analysis")
    return value


def decode_pages(data: Any) -> dict[str, dict]:
    """The site index's page info (`site.PAGE_INFO`): path -> {"stamp": (mtime_ns, size),
    "anchors:RULE": frozenset of str, "redirects:KEY" and "route-fields": tuple of str, "style":
    house-style counts, "cites": tuple of str, "figures": stated figures}; or Invalid."""
    value = decode(data)
    if type(value) is not dict or not all(map(_page_info, value.values())):
        raise Invalid("not page info")
    return value


def _page_info(info: Any) -> bool:
    if type(info) is not dict or not (type(info.get("stamp")) is tuple and len(info["stamp"]) == 2 and all(map(_INT, info["stamp"]))):
        return False
    return all(
        key == "stamp"
        or (key.startswith("anchors:") and _every(frozenset, str)(value))
        or ((key.startswith("redirects:") or key == "route-fields") and _every(tuple, str)(value))
        or (key == "style" and _counts(value))
        or (key == "cites" and _every(tuple, str)(value))
        or (key == "figures" and _every(tuple, _stated_figure)(value))
        for key, value in info.items()
    )
