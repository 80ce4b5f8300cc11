"""Site view-models for sources: publishers' pages and which incidents cite each source.

Pure, like ``views``: templates receive these and only loop and print.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import Dataset, Source, Summary
from generator.site.views import chronological, most_common
from generator.text.filters import slugify


@dataclass(frozen=True)
class Publisher:
    """A publisher's page: its sources, each with the incidents that cite it."""

    key: str
    label: str
    sources: tuple[Source, ...]


def group_sources(dataset: Dataset) -> list[Publisher]:
    """Every source, grouped by publisher; publishers by name, sources by date then id."""
    found: dict[str, list[Source]] = defaultdict(list)
    for source in dataset.sources.values():
        found[slugify(source.publisher)].append(source)
    groups = [
        Publisher(key, most_common(s.publisher for s in items), _by_date(items))
        for key, items in found.items()
    ]
    return sorted(groups, key=lambda p: (p.label.casefold(), p.key))


def _by_date(sources: list[Source]) -> tuple[Source, ...]:
    def key(source: Source) -> tuple[int, str, str]:
        published = source.published
        return (0 if published else 1, published.isoformat() if published else "", source.id)

    return tuple(sorted(sources, key=key))


def publisher_keys(publishers: list[Publisher]) -> dict[str, str]:
    """Source id -> the key of its publisher's page."""
    return {source.id: p.key for p in publishers for source in p.sources}


def cited_by(summaries: Iterable[Summary]) -> dict[str, tuple[Summary, ...]]:
    """Source id -> the records that cite it (their summaries), in date order."""
    found: dict[str, list[Summary]] = defaultdict(list)
    for incident in chronological(summaries):
        for source_id in incident.source_ids:
            found[source_id].append(incident)
    return {source_id: tuple(items) for source_id, items in found.items()}
