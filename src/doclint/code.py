"""Turn a code example into the calls it makes.

Rules such as "does this example call ``room.attach()``?" need to see code the
way a compiler would. A regex over the example's text cannot tell a call from
the same words in a comment, a string or a template literal, and examples in
docs are often fragments (an elided ``...``, a missing closing brace) that a
strict compiler would reject. tree-sitter gives us a concrete syntax tree in
which comments and string literals are their own nodes, and it recovers from
errors, so a broken example still yields every call it could recognise.

Grammar packages are imported only when a grammar is first used, so importing
this module (and starting the linter) stays fast.
"""

from __future__ import annotations

import functools
import importlib
import importlib.machinery
import importlib.util
import sys
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Iterator

from doclint import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node, Parser

__all__ = ["Call", "grammar_for", "calls", "jsx_element_names"]

PLACEHOLDER = "()"
"""Path segment standing for a receiver that is not a plain name (a call, a subscript, ...)."""


@dataclass(frozen=True)
class Call:
    """One call expression found in a code example.

    ``path`` is the callee as a dotted member path with ``await``/``try``,
    optional chaining and non-null assertions stripped, so rules can match
    ``("room", "attach")`` whatever the language's decoration. A receiver that
    is not a plain name becomes ``"()"``; a receiver that is itself a call keeps
    its own path followed by ``"()"``.

    Positions are 0-based and relative to the code text; columns count Python
    ``str`` characters (code points) so they can be added to a fence's offset
    in the page. ``line``/``column`` is where the callee starts; ``end_line``/
    ``end_column`` is the (exclusive) end of the whole call.
    """

    path: tuple[str, ...]
    line: int
    column: int
    end_line: int
    end_column: int


# Fence language word -> grammar name. The docs site prefixes languages with
# "realtime_" or "rest_" (for the SDK flavour) or "chat_" (for the product);
# those are stripped first. Jetpack Compose examples ("jetpack", or Ably's
# "chat_android") are Kotlin.
_LANGUAGES = {
    **dict.fromkeys(
        ["javascript", "js", "jsx", "mjs", "cjs", "node", "nodejs", "react"],
        "javascript",
    ),
    **dict.fromkeys(["typescript", "ts", "mts", "cts"], "typescript"),
    "tsx": "tsx",
    "swift": "swift",
    **dict.fromkeys(["kotlin", "kt", "kts", "android", "jetpack"], "kotlin"),
}

# Grammar name -> (module, function returning the language pointer).
_GRAMMARS = {
    "javascript": ("tree_sitter_javascript", "language"),  # parses JSX too
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "swift": ("tree_sitter_swift", "language"),
    "kotlin": ("tree_sitter_kotlin", "language"),
}

_FIRST_WORD = lazy_re.compile(r"[^\s{]*")
_PREFIX = lazy_re.compile(r"^(?:realtime|rest|chat)_")


def grammar_for(info: str) -> str | None:
    """Map a fence info string (``"realtime_javascript {1,3}"``) to a grammar name.

    Returns None for languages we have no grammar for, so callers can skip
    those blocks instead of guessing.
    """
    word = _FIRST_WORD.match(info.strip()).group().lower()
    return _LANGUAGES.get(_PREFIX.sub("", word))


@functools.cache
def _parser(grammar: str) -> Parser:
    """Build the parser for ``grammar`` once; importing its package is the slow part."""
    if grammar not in _GRAMMARS:
        raise ValueError(f"unknown grammar {grammar!r}; expected one of {sorted(_GRAMMARS)}")
    from tree_sitter import Language, Parser

    module, function = _GRAMMARS[grammar]
    return Parser(Language(getattr(_binding(module), function)()))


def _binding(package: str):
    """A grammar package's compiled `_binding` module, loaded without the package's __init__:
    that imports importlib.resources (for query files doclint never reads), which costs a
    one-page run some 5 ms. Registered under its own name, so a later import of the package
    finds it; should the layout ever differ, the package is imported as usual."""
    name = f"{package}._binding"
    if name in sys.modules:
        return sys.modules[name]
    found = importlib.util.find_spec(package)
    spec = importlib.machinery.PathFinder.find_spec(name, found.submodule_search_locations) if found and found.submodule_search_locations else None
    if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
        return importlib.import_module(package)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules[name] = module
    return module


# Node types, per grammar family, that this module understands. Checked
# against tree-sitter-javascript 0.25, tree-sitter-typescript 0.23,
# tree-sitter-swift 0.7 and tree-sitter-kotlin 1.1.
_CALLS = {"call_expression", "new_expression"}
_NAMES = {
    "identifier", "property_identifier", "private_property_identifier",  # JS/TS, Kotlin
    "this", "super", "import",  # JS/TS
    "simple_identifier", "self_expression", "super_expression",  # Swift
    "this_expression",  # Kotlin (also uses super_expression)
}
# Nodes that only decorate the expression inside them: await, try, (...),
# TS `x!` / `x as T` / `x satisfies T`, Kotlin `x!!`, Swift `x!` (postfix bang).
_WRAPPERS = {
    "await_expression", "try_expression", "parenthesized_expression",
    "non_null_expression", "as_expression", "satisfies_expression",
}


def _unwrap(node: Node) -> Node:
    """Strip decorations that do not change what is being called."""
    while True:
        kind = node.type
        if kind in _WRAPPERS or (kind == "tuple_expression" and node.named_child_count == 1):
            inner = node.child_by_field_name("expr") or node.named_child(0)  # Swift: `(x)`
        elif kind == "unary_expression" and _text(node.child_by_field_name("operator")) == "!!":
            inner = node.child_by_field_name("argument")
        elif kind == "postfix_expression" and _text(node.child_by_field_name("operation")) == "!":
            inner = node.child_by_field_name("target")
        else:
            return node
        if inner is None:
            return node
        node = inner


def _with_trailing_lambda(node: Node) -> bool:
    """Whether ``node`` is Kotlin's ``f(x) { ... }``: one call, which the grammar nests as a
    call of the call ``f(x)`` with the lambda. Jetpack Compose writes most calls this way
    (``LaunchedEffect(key) { ... }``)."""
    return (
        node.type == "call_expression"
        and node.named_child_count == 2
        and node.named_child(0).type == "call_expression"
        and node.named_child(1).type == "annotated_lambda"
    )


def _callee(call: Node) -> Node | None:
    """The expression being called: a field in JS/TS, the first child in Swift/Kotlin."""
    if call.type == "new_expression":
        return call.child_by_field_name("constructor")
    if _with_trailing_lambda(call):
        call = call.named_child(0)
    callee = call.child_by_field_name("function") or call.named_child(0)
    return _unwrap(callee) if callee is not None else None


def _member(node: Node) -> tuple[Node, Node] | None:
    """Split a member access into (receiver, member name) for each grammar's shape."""
    if node.type == "member_expression":  # JS/TS: object, property fields
        receiver, name = node.child_by_field_name("object"), node.child_by_field_name("property")
    elif node.type == "navigation_expression" and node.child_by_field_name("target"):  # Swift
        suffix = node.child_by_field_name("suffix")
        receiver = node.child_by_field_name("target")
        name = suffix.child_by_field_name("suffix") if suffix is not None else None
    elif node.type == "navigation_expression" and node.named_child_count == 2:  # Kotlin
        receiver, name = node.named_children
    else:
        return None
    return (receiver, name) if receiver is not None and name is not None else None


def _path(node: Node) -> tuple[str, ...]:
    """The dotted path of a callee or receiver, with placeholders for non-names."""
    node = _unwrap(node)
    if node.type in _NAMES:
        return (_text(node),)
    if member := _member(node):
        return _path(member[0]) + (_text(member[1]),)
    if node.type in _CALLS and (callee := _callee(node)) is not None:
        return _path(callee) + (PLACEHOLDER,)
    return (PLACEHOLDER,)


def _text(node: Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text else ""


def _walk(node: Node) -> Iterator[Node]:
    """All nodes in source (pre-)order, so an outer call comes before the calls inside it."""
    stack = [node]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


class _Columns:
    """Convert tree-sitter's UTF-8 byte columns to code-point columns."""

    def __init__(self, code: str) -> None:
        self._lines = code.split("\n")
        self._offsets: dict[int, list[int]] = {}

    def __call__(self, row: int, byte_column: int) -> int:
        line = self._lines[row] if row < len(self._lines) else ""
        if line.isascii():
            return byte_column
        if row not in self._offsets:
            sizes = (len(c.encode("utf-8", "surrogatepass")) for c in line)
            self._offsets[row] = list(accumulate(sizes))
        # Number of whole characters that end at or before the byte column.
        return bisect_right(self._offsets[row], byte_column)


def _parse(code: str, grammar: str) -> Node:
    return _parser(grammar).parse(code.encode("utf-8", "surrogatepass")).root_node


def calls(code: str, grammar: str) -> list[Call]:
    """Every call expression in ``code``, in source order (an outer call before its inner ones).

    Never raises on broken code: tree-sitter recovers and we return what it
    recognised. Comments and string contents are separate nodes, so calls
    written inside them never appear. Raises ValueError for an unknown grammar.
    """
    return list(_calls(code, grammar))


# Two rules read the calls of the same blocks (room-attach, the pack's code-requires), and the
# language server lints a page again at each edit while its examples rarely change: a block is
# parsed once. Bounded: a few hundred examples, not a whole site's.
@functools.lru_cache(maxsize=256)
def _calls(code: str, grammar: str) -> tuple[Call, ...]:
    column = _Columns(code)
    found = []
    for node in _walk(_parse(code, grammar)):
        if node.type not in _CALLS or (callee := _callee(node)) is None:
            continue
        if node.parent is not None and _with_trailing_lambda(node.parent):
            continue  # the `f(x)` of `f(x) { ... }`: already found as the whole call
        (line, start), (end_line, end) = callee.start_point, node.end_point
        found.append(
            Call(_path(callee), line, column(line, start), end_line, column(end_line, end))
        )
    return tuple(found)


def jsx_element_names(code: str, grammar: str) -> set[str]:
    """Names of JSX elements opened in ``code`` (``"ChatRoomProvider"``, ``"Chat.Room"``).

    Lets a rule check that a React example wraps its components in the
    provider they need. Empty for grammars without JSX.
    """
    return set(_jsx_element_names(code, grammar))


@functools.lru_cache(maxsize=256)
def _jsx_element_names(code: str, grammar: str) -> frozenset[str]:
    if grammar not in ("javascript", "tsx"):
        return frozenset()
    return frozenset({
        _text(name)
        for node in _walk(_parse(code, grammar))
        if node.type in ("jsx_opening_element", "jsx_self_closing_element")
        and (name := node.child_by_field_name("name")) is not None
    })
