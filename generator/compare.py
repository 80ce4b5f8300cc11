"""Stage 6a: compare selected incidents into a frozen view model (pure: no I/O, no clock).

``compare`` turns incidents into tables of plain-text cells (``report_tables``), aggregates,
disputes, key findings (``findings``) and chart data. Templates only lay these out and escape
them, so every number in the report comes from here and, through here, from the model.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .findings import find_findings
from .model import Incident, Source, Vocabulary
from .report_tables import (
    Table,
    make_aggregates,
    make_disputes,
    make_overview,
    make_profiles,
    make_response,
)
from .report_text import CHART_ROLES, Span, make_citer, short_label, span_of, whole
from .words import country_names


@dataclass(frozen=True)
class SourceEntry:
    """One cited source in the report's source list."""

    number: int
    source: Source
    cited_by: tuple[str, ...]
    """Titles of the selected incidents that cite it."""


@dataclass(frozen=True)
class Bar:
    """One bar of the casualty chart: killed in one role of one incident."""

    incident: str
    role: str
    span: Span


@dataclass(frozen=True)
class Point:
    """One incident on the map."""

    label: str
    lat: float
    lon: float
    killed: float | None


@dataclass(frozen=True)
class Comparison:
    """Everything the report shows, computed from the selected incidents."""

    incidents: tuple[Incident, ...]
    overview: Table
    profiles: tuple[Table, ...]
    aggregates: tuple[tuple[str, Table], ...]
    response: Table
    disputes: Table
    findings: tuple[str, ...]
    sources: tuple[SourceEntry, ...]
    rules: tuple[tuple[str, int], ...]
    """Each estimate rule used in the selection and how many figures use it."""
    bars: tuple[Bar, ...]
    years: tuple[tuple[int, int], ...]
    """Incidents per year, every year from the first to the last."""
    points: tuple[Point, ...]
    unmapped: int
    """How many of the incidents have no coordinates and are left off the map."""
    charted: int
    """How many incidents the casualty chart shows (the deadliest, at most ``CHART_LIMIT``)."""
    with_killed: int
    """How many incidents have an estimate of the killed."""


def compare(
    incidents: Iterable[Incident],
    vocabulary: Vocabulary,
    sources: dict[str, Source],
    profile_ids: tuple[str, ...] = (),
) -> Comparison:
    """Compare incidents (sorted by date) into the report's view model."""
    chosen = tuple(sorted(incidents, key=lambda i: (i.date, i.id)))
    entries = list_sources(chosen, sources)
    cite = make_citer({entry.source.id: entry.number for entry in entries})
    profiled = tuple(i for i in chosen if i.id in profile_ids)
    countries = country_names(vocabulary)
    points = list_points(chosen, countries)
    killed = [incident for incident in chosen if incident.total("killed") is not None]
    charted = deadliest(killed, CHART_LIMIT)
    return Comparison(
        incidents=chosen,
        overview=make_overview(chosen, vocabulary, countries),
        profiles=make_profiles(profiled, vocabulary, cite, countries),
        aggregates=make_aggregates(chosen, vocabulary),
        response=make_response(chosen, vocabulary),
        disputes=make_disputes(chosen, vocabulary, cite),
        findings=find_findings(chosen, vocabulary),
        sources=entries,
        rules=count_rules(chosen),
        bars=list_bars(charted, countries),
        years=count_years(chosen),
        points=points,
        unmapped=len(chosen) - len(points),
        charted=len(charted),
        with_killed=len(killed),
    )


CHART_LIMIT = 40
"""A bar chart of more incidents than this is unreadable (and slow to draw)."""


def deadliest(incidents: list[Incident], limit: int) -> tuple[Incident, ...]:
    """The ``limit`` incidents with the most people killed, in date order."""
    if len(incidents) <= limit:
        return tuple(incidents)

    def best(incident: Incident) -> float:
        total = incident.total("killed")
        return total.best if total is not None else 0

    ranked = sorted(incidents, key=lambda i: (-best(i), i.date, i.id))[:limit]
    return tuple(sorted(ranked, key=lambda i: (i.date, i.id)))


# --- Sources and rules ---------------------------------------------------------------------


def list_sources(
    incidents: tuple[Incident, ...], sources: dict[str, Source]
) -> tuple[SourceEntry, ...]:
    """Every source the incidents cite, numbered in order of publisher, date and id."""
    citing: dict[str, list[str]] = {}
    for incident in incidents:
        for source_id in incident.source_ids:
            citing.setdefault(source_id, []).append(incident.title)
    known = sorted(
        (sources[sid] for sid in citing if sid in sources),
        key=lambda s: (s.publisher.casefold(), str(s.published or ""), s.id),
    )
    return tuple(
        SourceEntry(number, source, tuple(citing[source.id]))
        for number, source in enumerate(known, start=1)
    )


def count_rules(incidents: tuple[Incident, ...]) -> tuple[tuple[str, int], ...]:
    """How many estimated figures use each rule, most used first."""
    counts: dict[str, int] = {}
    for incident in incidents:
        for figure in incident.figures:
            if figure.estimate is not None:
                counts[figure.estimate.rule] = counts.get(figure.estimate.rule, 0) + 1
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


# --- Chart data ----------------------------------------------------------------------------


def list_bars(incidents: tuple[Incident, ...], countries: Mapping[str, str]) -> tuple[Bar, ...]:
    """Killed by role per incident, or the total where the toll is not split by role."""
    bars: list[Bar] = []
    for incident in incidents:
        label = short_label(incident, countries)
        parts = [
            Bar(label, role, span)
            for role in CHART_ROLES
            if (span := span_of(incident.figure("killed", role))) is not None
        ]
        total = span_of(incident.figure("killed"))
        bars.extend(parts or ([Bar(label, "total", total)] if total else []))
    return tuple(bars)


def count_years(incidents: tuple[Incident, ...]) -> tuple[tuple[int, int], ...]:
    """Incidents per year, with the empty years between the first and the last."""
    years = [incident.year for incident in incidents]
    if not years:
        return ()
    return tuple((year, years.count(year)) for year in range(min(years), max(years) + 1))


def list_points(incidents: tuple[Incident, ...], countries: Mapping[str, str]) -> tuple[Point, ...]:
    """Incidents at the first of their places that has coordinates, with the killed total."""
    points = []
    for incident in incidents:
        place = next((p for p in incident.places if p.coordinates is not None), None)
        if place is not None and place.coordinates is not None:
            killed = whole(incident, "killed")
            best = killed.best if killed else None
            label = short_label(incident, countries)
            points.append(Point(label, place.coordinates.lat, place.coordinates.lon, best))
    return tuple(points)
