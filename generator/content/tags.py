"""The YAML loader the content loader parses with: PyYAML's safe C loader, resolving faster.

The parser asks the resolver for the tag of every node. For a plain scalar the resolver tries
a regular expression per candidate type (bool, int, float, null, timestamp...); the same keys
and words recur in every record, so their tags are remembered rather than matched again.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The C parser when PyYAML was built with libyaml (it is, from the wheels we install)."""

REMEMBERED_LENGTH = 64
"""Plain scalars up to this long have their tag remembered: keys, ids, words; not prose."""


class TagMemoLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """The safe loader, remembering the tag of each short plain scalar it has resolved."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of a node, as the safe resolver gives it (it has no path resolvers)."""
        if kind is yaml.ScalarNode and implicit[0] and len(value) <= REMEMBERED_LENGTH:
            return _plain_scalar_tag(value)
        tag: str = super().resolve(kind, value, implicit)
        return tag


_RESOLVER = yaml.resolver.Resolver()


@functools.lru_cache(maxsize=4096)
def _plain_scalar_tag(value: str) -> str:
    """The tag the safe resolver gives a plain scalar: for one, it depends on the text alone."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag
