"""Stage 6a: compare selected incidents into a frozen view model (pure: no I/O, no clock).

``compare`` turns incidents into tables of plain-text cells (``report_tables``), aggregates,
disputes, key findings (``findings``) and chart data. Templates only lay these out and escape
them, so every number in the report comes from here and, through here, from the model.
Sums and findings cover every incident; per-incident tables and the map's key are bounded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator.model import Figure, Incident, Source, Vocabulary
from generator.report.findings import (
    count_of,
    count_rules,
    deadliest,
    find_findings,
    rank_disputes,
)
from generator.report.parts import chart_label, killed_parts, located_places
from generator.report.profiles import make_profiles
from generator.report.tables import (
    Table,
    make_aggregates,
    make_disputes,
    make_overview,
)
from generator.report.text import (
    Span,
    make_citer,
)
from generator.text.figures import figure_anchor
from generator.text.filters import country_names, short_place

TABLE_ROWS = 50
"""Most incidents in the summary table and the profiles, and most rows of the disputes table.

A larger table is unreadable and too big to print or index; beyond this the table shows the
rows that matter most and says so, and the complete data stays in the CSV and JSON files.
"""
MAP_LABELS = 30
"""Most markers the map labels, the places with the most incidents first; the rest are dots."""


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
    place: str = ""
    """Name of the place at the coordinates: settlement, district, region or country."""
    number: int = 0
    """The incident's number in the map's key (its places share it); 0 numbers points in order."""


@dataclass(frozen=True)
class Marker:
    """One dot on the map: the incidents recorded at the same coordinates."""

    lat: float
    lon: float
    numbers: tuple[int, ...]
    """The incidents' numbers among the map's points."""
    killed: float
    """Their summed best killed totals, which size the dot."""
    place: str = ""
    text: str | None = None
    """What the map writes beside the dot: None for its numbers, '' for nothing."""

    @property
    def label(self) -> str:
        """The text beside the dot; by default the numbers, runs of three or more as ranges."""
        if self.text is not None:
            return self.text
        runs: list[list[int]] = []
        for number in self.numbers:
            if runs and number == runs[-1][-1] + 1:
                runs[-1].append(number)
            else:
                runs.append([number])
        return ", ".join(
            f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs
        )


@dataclass(frozen=True)
class Excerpt:
    """How much of a bounded table the report shows: ``shown`` of ``total`` rows."""

    shown: int
    total: int

    @property
    def is_whole(self) -> bool:
        """Every row is shown."""
        return self.shown >= self.total


@dataclass(frozen=True)
class Comparison:
    """Everything the report shows, computed from the selected incidents."""

    incidents: tuple[Incident, ...]
    overview: Table
    tabled: Excerpt
    """How many incidents the summary table and the profiles show (the deadliest)."""
    profiles: tuple[Table, ...]
    aggregates: tuple[tuple[str, Table], ...]
    disputes: Table
    disputed: Excerpt
    """How many disputed figures the disputes table shows (the most disputed)."""
    findings: tuple[str, ...]
    sources: tuple[SourceEntry, ...]
    """The sources cited in the report's tables, numbered."""
    rules: tuple[tuple[str, int], ...]
    """Each estimate rule used in the selection and how many figures use it."""
    bars: tuple[Bar, ...]
    years: tuple[tuple[int, int], ...]
    """Incidents per year, every year from the first to the last."""
    points: tuple[Point, ...]
    markers: tuple[Marker, ...]
    map_key: tuple[str, ...]
    """The numbered list under the map: its incidents, or its labelled places when many."""
    unmapped: int
    """How many of the incidents have no coordinates and are left off the map."""
    charted: int
    """How many incidents the casualty chart shows (the deadliest, at most ``CHART_LIMIT``)."""
    with_killed: int
    """How many incidents have an estimate of the killed."""

    @property
    def is_map_keyed_by_place(self) -> bool:
        """The map numbers its busiest places, not its incidents: there are too many."""
        return not is_keyed_by_incident(self.points, self.markers)


def compare(
    incidents: Iterable[Incident],
    vocabulary: Vocabulary,
    sources: dict[str, Source],
) -> Comparison:
    """Compare incidents (sorted by date) into the report's view model."""
    chosen = tuple(sorted(incidents, key=lambda i: (i.date, i.id)))
    tabled = deadliest(chosen, TABLE_ROWS)
    ranked = rank_disputes(chosen)
    disputes = ranked[:TABLE_ROWS]
    entries = list_sources(cited_sources(tabled, disputes), chosen, sources)
    cite = make_citer({entry.source.id: entry.number for entry in entries})
    countries = country_names(vocabulary)
    points = list_points(chosen, countries)
    markers = place_markers(points)
    killed = [incident for incident in chosen if incident.total("killed") is not None]
    charted = deadliest(killed, CHART_LIMIT)
    return Comparison(
        incidents=chosen,
        overview=make_overview(tabled, vocabulary, countries),
        tabled=Excerpt(len(tabled), len(chosen)),
        profiles=make_profiles(
            tabled,
            vocabulary,
            cite,
            countries,
            frozenset((i.id, f.figure, figure_anchor(f)) for i, f in disputes),
        ),
        aggregates=make_aggregates(chosen, vocabulary),
        disputes=make_disputes(disputes, vocabulary, cite, countries),
        disputed=Excerpt(len(disputes), len(ranked)),
        findings=find_findings(chosen, vocabulary, ranked),
        sources=entries,
        rules=count_rules(chosen),
        bars=list_bars(charted, countries),
        years=count_years(chosen),
        points=points,
        markers=markers,
        map_key=key_map(points, markers),
        unmapped=len(chosen) - len({point.number for point in points}),
        charted=len(charted),
        with_killed=len(killed),
    )


CHART_LIMIT = 40
"""A bar chart of more incidents than this is unreadable (and slow to draw)."""


# --- Sources and rules ---------------------------------------------------------------------


def cited_sources(
    tabled: Iterable[Incident], disputes: Iterable[tuple[Incident, Figure]]
) -> set[str]:
    """Ids of the sources the report cites: of the profiled incidents, and of the claims shown."""
    tabled = tuple(tabled)
    cited = {source_id for incident in tabled for source_id in incident.source_ids}
    figures = [f for incident in tabled for f in incident.figures]
    figures += [figure for _, figure in disputes]
    return cited | {claim.source for figure in figures for claim in figure.claims}


def list_sources(
    cited: set[str], incidents: tuple[Incident, ...], sources: dict[str, Source]
) -> tuple[SourceEntry, ...]:
    """The cited sources, numbered in order of publisher, date and id, with who cites them."""
    citing: dict[str, list[str]] = {source_id: [] for source_id in cited if source_id in sources}
    for incident in incidents:
        for source_id in incident.source_ids:
            if source_id in citing:
                citing[source_id].append(incident.title)
    known = sorted(
        (sources[source_id] for source_id in citing),
        key=lambda s: (s.publisher.casefold(), str(s.published or ""), s.id),
    )
    return tuple(
        SourceEntry(number, source, tuple(citing[source.id]))
        for number, source in enumerate(known, start=1)
    )


# --- Chart data ----------------------------------------------------------------------------


def list_bars(incidents: tuple[Incident, ...], countries: Mapping[str, str]) -> tuple[Bar, ...]:
    """Killed per incident: its parts by role, the rest no source classified, and its total."""
    return tuple(
        Bar(chart_label(incident, countries), role, span)
        for incident in incidents
        for role, span in killed_parts(incident)
    )


def count_years(incidents: tuple[Incident, ...]) -> tuple[tuple[int, int], ...]:
    """Incidents per year, with the empty years between the first and the last."""
    years = Counter(incident.year for incident in incidents)
    if not years:
        return ()
    return tuple((year, years[year]) for year in range(min(years), max(years) + 1))


def list_points(incidents: tuple[Incident, ...], countries: Mapping[str, str]) -> tuple[Point, ...]:
    """Each located place of each incident, with the killed counted there (``located_places``).

    The places of one incident share its number in the map's key.
    """
    points = []
    number = 0
    for incident in incidents:
        located = located_places(incident)
        number += bool(located)
        label = chart_label(incident, countries)
        for place, killed in located:
            assert place.coordinates is not None  # located_places keeps only such places
            lat, lon = place.coordinates.lat, place.coordinates.lon
            points.append(Point(label, lat, lon, killed, short_place(place, countries), number))
    return tuple(points)


def group_markers(points: tuple[Point, ...]) -> list[Marker]:
    """One marker per place: incidents at the same coordinates (to 0.01°) share it."""
    found: dict[tuple[float, float], list[tuple[int, Point]]] = {}
    for number, point in enumerate(points, start=1):
        key = (round(point.lat, 2), round(point.lon, 2))
        found.setdefault(key, []).append((point.number or number, point))
    return [
        Marker(
            lat,
            lon,
            tuple(dict.fromkeys(n for n, _ in items)),
            sum(p.killed or 0 for _, p in items),
            items[0][1].place,
        )
        for (lat, lon), items in found.items()
    ]


def is_keyed_by_incident(points: tuple[Point, ...], markers: Sequence[Marker]) -> bool:
    """Few enough incidents and places that every marker can name its incidents' numbers."""
    return len(points) <= TABLE_ROWS and len(markers) <= MAP_LABELS


def place_markers(points: tuple[Point, ...]) -> tuple[Marker, ...]:
    """The map's markers and their labels: incident numbers when few, else place numbers.

    With many incidents the places with the most of them are numbered 1 to ``MAP_LABELS``
    (most incidents first) and every other marker is an unlabelled dot.
    """
    markers = group_markers(points)
    if is_keyed_by_incident(points, markers):
        return tuple(markers)
    ranked = sorted(markers, key=lambda m: (-len(m.numbers), -m.killed, -m.lat, m.lon))
    rank = {(m.lat, m.lon): n for n, m in enumerate(ranked[:MAP_LABELS], start=1)}
    return tuple(
        Marker(m.lat, m.lon, m.numbers, m.killed, m.place, str(rank.get((m.lat, m.lon), "")))
        for m in markers
    )


def key_map(points: tuple[Point, ...], markers: tuple[Marker, ...]) -> tuple[str, ...]:
    """The list under the map: each incident, or each labelled place with its count."""
    if is_keyed_by_incident(points, markers):
        return tuple({point.number or n: point.label for n, point in enumerate(points, 1)}.values())
    labelled = sorted((m for m in markers if m.label), key=lambda m: int(m.label))
    return tuple(f"{m.place}: {count_of(len(m.numbers), 'incident')}" for m in labelled)
