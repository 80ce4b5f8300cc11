"""Stage 5: open data files (JSON, CSV, GeoJSON, data package) from the model."""

from __future__ import annotations

from .history import History
from .model import Dataset
from .settings import Settings


def export_files(dataset: Dataset, settings: Settings, history: History) -> dict[str, str | bytes]:
    """Every data file, keyed by its path under build/docs/ (``data/...``)."""
    return {}
