"""The Frictionless Data Package descriptor of the CSV files: resources and Table Schemas."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from generator.core.outputs import Content, byte_pieces
from generator.data.tables import Table


def describe_package(
    tables: Iterable[Table[Any]], texts: Mapping[str, Content], meta: dict[str, Any]
) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the CSV files (with their bytes and hash)."""
    resources = []
    for table in tables:
        size, digest = 0, hashlib.sha256()
        for piece in byte_pieces(texts[table.path]):  # a CSV file of every record, never whole
            size += len(piece)
            digest.update(piece)
        resources.append(
            {
                "name": table.name,
                "path": table.path,
                "profile": "tabular-data-resource",
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": size,
                "hash": f"sha256:{digest.hexdigest()}",
                "schema": describe_schema(table),
            }
        )
    return {"profile": "tabular-data-package", **meta, "resources": resources}


def describe_schema(table: Table[Any]) -> dict[str, Any]:
    """The Table Schema of one CSV file."""
    fields = []
    for column in table.columns:
        described: dict[str, Any] = {
            "name": column.name,
            "type": column.type,
            "description": column.description,
        }
        constraints: dict[str, Any] = {}
        if column.name in table.primary_key:
            constraints["required"] = True
        if column.name in table.unique:
            constraints["unique"] = True
        if column.enum:
            constraints["enum"] = list(column.enum)
        if constraints:
            described["constraints"] = constraints
        fields.append(described)
    schema: dict[str, Any] = {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(key.fields),
                "reference": {"resource": key.resource, "fields": list(key.reference)},
            }
            for key in table.foreign_keys
        ]
    return schema
