"""Citations: where a record names a source, in its raw YAML data or in its model."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

Citation = tuple[tuple[str | int, ...], str]
"""A field path (keys and list indexes) and the source id found there."""


def citations(data: Any, loc: tuple[str | int, ...] = ()) -> Iterator[Citation]:
    """Every (field path, source id) a record cites through 'source' or 'sources', in order.

    ``data`` is a record's raw data (mappings and lists, checked or not) or one of its models
    (fields in declaration order, tuples); what is not a string id is not a citation.
    """
    items: Iterable[tuple[str | int, Any]]
    if isinstance(data, BaseModel):
        items = data.__dict__.items()
    elif isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list | tuple):
        items = enumerate(data)
    else:
        return
    for key, value in items:
        if key == "source" and isinstance(value, str):
            yield (*loc, key), value
        elif key == "sources" and isinstance(value, list | tuple):
            yield from (((*loc, key, i), v) for i, v in enumerate(value) if isinstance(v, str))
        elif isinstance(value, BaseModel | dict | list | tuple):
            yield from citations(value, (*loc, key))


def cited_ids(data: Any) -> Iterator[str]:
    """Every source id a record cites, as ``citations`` finds them, without field paths."""
    found: list[str] = []
    _collect_ids(data, found)
    return iter(found)


def _collect_ids(data: Any, found: list[str]) -> None:
    """``citations``' walk without the field paths: it runs on every record, once or twice."""
    items: Iterable[tuple[Any, Any]]
    if isinstance(data, BaseModel):
        items = data.__dict__.items()
    elif isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list | tuple):
        for value in data:
            if isinstance(value, _CONTAINERS):
                _collect_ids(value, found)
        return
    else:
        return
    for key, value in items:
        if key == "source" and isinstance(value, str):
            found.append(value)
        elif key == "sources" and isinstance(value, list | tuple):
            found.extend(v for v in value if isinstance(v, str))
        elif isinstance(value, _CONTAINERS):
            _collect_ids(value, found)


_CONTAINERS = (BaseModel, dict, list, tuple)
