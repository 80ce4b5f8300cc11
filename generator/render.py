"""Stage 3: render model objects to Markdown strings with Jinja2 (no file I/O)."""

from __future__ import annotations

from .model import Dataset
from .settings import Settings


def render_pages(dataset: Dataset, settings: Settings) -> dict[str, str | bytes]:
    """Every generated page, keyed by its path under build/docs/."""
    pages: dict[str, str | bytes] = {
        f"incidents/{i.id}.md": f"# {i.title}\n" for i in dataset.incidents
    }
    pages["index.md"] = "# Incidents\n"
    return pages
