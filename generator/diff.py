"""Semantic diff of the dataset between two git revisions, as Markdown."""

from __future__ import annotations

from .settings import Settings


def diff_revisions(settings: Settings, base: str, head: str | None) -> str:
    """The Markdown diff between ``base`` and ``head`` (the working tree when None)."""
    raise NotImplementedError("diff is not built yet")
