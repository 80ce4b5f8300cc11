"""``schema``: rewrite the committed JSON Schemas in content/schema/ (``make schema``)."""

from __future__ import annotations

from generator.core.settings import Settings
from generator.core.write import write_tree
from generator.data.schema import render_schemas


def write_schemas(settings: Settings) -> str:
    """Rewrite the committed schema files; return a one-line summary."""
    folder = settings.content_dir / "schema"
    changed = write_tree(folder, dict(render_schemas()))
    return f"wrote {changed} schema files into {folder.relative_to(settings.root)}"
