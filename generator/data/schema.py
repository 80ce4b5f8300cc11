"""The published JSON Schemas, generated from the models (pure: names to JSON text)."""

from __future__ import annotations

import json
from typing import Any

from generator.model import Incident, Source

SCHEMA_BASE = "https://incident-record.invalid/schema/"
"""A stable identifier (not fetched) naming the schemas."""


def json_schema(model: type[Incident] | type[Source], name: str) -> dict[str, Any]:
    """The JSON Schema of a record file, for editors and external validators."""
    schema = model.model_json_schema(mode="validation")
    schema["properties"].pop("id", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{name}.schema.json",
        **schema,
    }


def render_schemas() -> dict[str, str]:
    """The schema files by name, as stable, indented JSON."""
    schemas = {
        "incident": json_schema(Incident, "incident"),
        "source": json_schema(Source, "source"),
    }
    return {
        f"{name}.schema.json": json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False)
        + "\n"
        for name, schema in schemas.items()
    }
