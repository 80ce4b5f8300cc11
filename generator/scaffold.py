"""Scaffolding: a new draft record, valid and ready to fill in."""

from __future__ import annotations

from .settings import Settings


def new_record(
    settings: Settings, date: str, place: str, title: str, kinds: tuple[str, ...]
) -> str:
    """Write a draft record and return its path."""
    raise NotImplementedError("new is not built yet")
