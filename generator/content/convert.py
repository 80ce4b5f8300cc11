"""Plain data from a YAML file's nodes, with the surprises of YAML 1.1 reported, not taken.

``load`` composes the nodes; this builds the dicts, lists and scalars from them. A plain
``NO``, ``010`` or ``12:30`` that YAML 1.1 would read as a boolean, an octal or a sexagesimal
number is a located problem; tags, aliases, odd keys and duplicate keys are refused.
"""

from __future__ import annotations

import math
import re
import sys
from typing import Any

import yaml

from generator.core.errors import Problem

MAX_NUMBER_DIGITS = 30
"""No count needs more digits; a longer number is refused rather than converted."""

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_YAML_1_2_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_YAML_1_2_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


class AliasFound(Exception):
    """A node met twice: an alias. Conversion stops at the first one."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


class Converter:
    """Builds plain data from nodes, reporting what YAML 1.1 would have read by surprise."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def problem(self, node: yaml.Node, where: str, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, where, message))

    def convert(self, node: yaml.Node, where: str) -> Any:
        if id(node) in self._seen:
            raise AliasFound(where)
        self._seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            self.problem(node, where, f"YAML tags are not allowed (got '{node.tag}')")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, where)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, f"{where}[{i}]") for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, where)

    def _mapping(self, node: yaml.MappingNode, where: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key_node.tag != _TAG + "str" or key == "<<":
                shown = repr(
                    key if not isinstance(key, str) or len(key) <= 80 else key[:80] + "..."
                )
                self.problem(key_node, where, f"keys must be plain names (got {shown})")
                continue
            path = f"{where}.{key}" if where else key
            if key in result:
                self.problem(key_node, path, "duplicate key; each key may appear once")
                continue
            result[key] = self.convert(value_node, path)
        return result

    def _scalar(self, node: yaml.ScalarNode, where: str) -> Any:
        text: str = node.value
        if node.style:  # quoted or block scalars are always text (plain is None or "")
            return text
        kind = node.tag.removeprefix(_TAG)
        if kind in ("int", "float") and sum(c.isdigit() for c in text) > MAX_NUMBER_DIGITS:
            message = (
                f"has more than {MAX_NUMBER_DIGITS} digits; put it in quotes if it is text "
                f"(got '{text[:20]}...')"
            )
            self.problem(node, where, message)
            return None
        if kind == "str" or kind == "timestamp":
            # Dates stay text; the schema parses and checks them. Plain words recur across
            # records (roles, places, source ids): one copy each in a pickled chunk of records.
            return sys.intern(text)
        if kind == "null":
            return None
        if kind == "bool":
            if text in ("true", "false"):
                return text == "true"
            self._ambiguous(node, where, "a boolean", text, "write true or false")
            return None
        if kind == "int":
            if _YAML_1_2_INT.fullmatch(text):
                return int(text)
            self._ambiguous(node, where, "a number", text, "write a plain decimal number")
            return None
        if kind == "float":
            if _YAML_1_2_FLOAT.fullmatch(text) and math.isfinite(float(text)):
                return float(text)
            self._ambiguous(node, where, "a number", text, "write a finite decimal number")
            return None
        return text

    def _ambiguous(self, node: yaml.Node, where: str, reading: str, text: str, fix: str) -> None:
        message = (
            f"YAML 1.1 reads this as {reading}; put it in quotes if it is text, "
            f"or {fix} (got '{text}')"
        )
        self.problem(node, where, message)
