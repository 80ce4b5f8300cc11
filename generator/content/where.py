"""Places in a file: field paths as text, and the line and column of the node at a path.

A mapping with many keys is indexed once, so that placing every problem of a file with
thousands of keys takes time in proportion to the problems, not to their square.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator

import yaml

_INDEX_FROM = 16
"""Mappings with fewer keys are searched in order: an index would cost more than it saves."""
_indexes: weakref.WeakKeyDictionary[yaml.MappingNode, dict[str, tuple[yaml.Node, yaml.Node]]] = (
    weakref.WeakKeyDictionary()
)


def iter_path(loc: tuple[str | int, ...]) -> Iterator[str]:
    """Render each step of a location: names joined by dots, indexes as [i]."""
    for step in loc:
        yield f"[{step}]" if isinstance(step, int) else f".{step}"


def field_path(loc: tuple[str | int, ...]) -> str:
    """``('figures', 0, 'claims')`` -> ``figures[0].claims``."""
    return "".join(iter_path(loc)).lstrip(".")


def locate(
    node: yaml.Node | None, loc: tuple[str | int, ...], key: bool = False
) -> tuple[int, int]:
    """1-based line and column of the node at ``loc`` (its key node if ``key``).

    Where the path goes further than the file (a missing key), the deepest node found is used.
    """
    if node is None:
        return (0, 0)
    current = node
    for step in loc:
        found = _child(current, step, key and step == loc[-1])
        if found is None:
            break
        current = found
    return (current.start_mark.line + 1, current.start_mark.column + 1)


def node_text(node: yaml.Node | None, loc: tuple[str | int, ...]) -> str | None:
    """The original text of the scalar at ``loc``, for '(got ...)' in messages."""
    current: yaml.Node | None = node
    for step in loc:
        current = _child(current, step, False) if current is not None else None
    if isinstance(current, yaml.ScalarNode):
        return str(current.value)
    return None


def _child(node: yaml.Node, step: str | int, want_key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        if len(node.value) < _INDEX_FROM:
            pair = next((p for p in node.value if getattr(p[0], "value", None) == step), None)
        else:
            pair = _pairs(node).get(step)
        if pair is not None:
            found: yaml.Node = pair[0] if want_key else pair[1]
            return found
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        item: yaml.Node = node.value[step]
        return item
    return None


def _pairs(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """The key and value nodes of each plain key; the first where a key is repeated."""
    pairs = _indexes.get(node)
    if pairs is None:
        pairs = {}
        for key_node, value_node in node.value:
            name = getattr(key_node, "value", None)
            if isinstance(name, str):
                pairs.setdefault(name, (key_node, value_node))
        _indexes[node] = pairs
    return pairs
