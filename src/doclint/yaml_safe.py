"""YAML from a repository, loaded so that it cannot blow up: page front matter, the redirects
pages list, rule packs.

A safe loader runs no code, but aliases still make a small file a huge value: after
`a: &a [x, x, x]`, `b: &b [*a, *a, *a]`, ... each line triples the value's size. The loaded value
shares its parts, so loading is cheap, and the cost comes later, in whatever walks it (a rule
printing a value, a merge key copying pairs). `load` composes the node graph first and refuses
it when its size with every alias expanded passes MAX_NODES, or when it nests deeper than
MAX_DEPTH. Sizes are memoised per node, so the check is linear in the document, not in its
expansion. A refusal is a `yaml.YAMLError` with a mark, like a syntax error, so every caller
reports it where it reports invalid YAML.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_NODES = 100_000  # values in the expanded document: a real front matter or pack has hundreds
MAX_DEPTH = 200  # levels of nesting, aliases followed: real YAML has a handful
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Refused(yaml.MarkedYAMLError):
    """YAML too big or too deep once its aliases are expanded; `problem_mark` is where."""


def load(text: str, loader: type = LOADER) -> Any:
    """The value of the one YAML document in `text`, as `yaml.safe_load` gives it, within bounds
    (`loader`: a subclass of LOADER with constructors of its own)."""
    loader = loader(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:  # the pure-Python composer recurses once per level
            raise Refused(problem=f"nests deeper than {MAX_DEPTH} levels") from None
        if node is None:
            return None
        check(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def check(root: Node) -> None:
    """Raise `Refused` if the graph under `root`, aliases expanded, is too big or too deep.

    A depth-first walk without recursion: each node is entered once and left once, when its
    children's (size, depth) are known. A node met again while it is being walked is an alias
    to an enclosing value, whose expansion never ends.
    """
    done: dict[int, tuple[int, int]] = {}  # id(node) -> (expanded size, depth)
    walking: set[int] = set()  # the nodes on the current path
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            done[id(node)] = _measure(node, [done[id(child)] for child in _children(node)])
            walking.discard(id(node))
        elif id(node) in walking:
            raise Refused(problem="an alias refers to the value that holds it", problem_mark=node.start_mark)
        elif id(node) not in done:
            walking.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))


def _measure(node: Node, children: list[tuple[int, int]]) -> tuple[int, int]:
    size = 1 + sum(size for size, _ in children)
    depth = 1 + max((depth for _, depth in children), default=0)
    if size > MAX_NODES:
        raise Refused(problem=f"its aliases expand it to more than {MAX_NODES:,} values", problem_mark=node.start_mark)
    if depth > MAX_DEPTH:
        raise Refused(problem=f"nests deeper than {MAX_DEPTH} levels", problem_mark=node.start_mark)
    return size, depth


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return node.value
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []
