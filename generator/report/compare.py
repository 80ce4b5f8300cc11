"""Stage 6a: compare selected incidents into a frozen view model (pure: no I/O, no clock).

``compare`` turns incidents into tables of plain-text cells (``report_tables``), aggregates,
disputes, key findings (``findings``) and chart data. Templates only lay these out and escape
them, so every number in the report comes from here and, through here, from the model.
Sums and findings cover every incident; per-incident tables and the map's key are bounded.
Each record is reduced to a small row of facts as the records stream past (``facts``), so
only the few records the report shows in detail are ever held whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import cast

from generator.model import Figure, Incident, Source, Vocabulary, each
from generator.model import pick as pick_records
from generator.report.facts import Facts, facts_of
from generator.report.findings import (
    count_rules,
    deadliest,
    find_findings,
    rank_figures,
)
from generator.report.markers import (
    Marker,
    Point,
    is_keyed_by_incident,
    key_map,
    number_points,
    place_markers,
)
from generator.report.parts import TABLE_ROWS, chart_label, killed_parts
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
from generator.text.filters import country_names


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

    incidents: tuple[Facts, ...]
    """The facts of every selected incident, by date (the few shown whole are read again)."""
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


Picker = Callable[[Collection[str]], Mapping[str, Incident]]
"""Reads back whole the records with these ids, by id (``model.pick``)."""


def compare(
    incidents: Iterable[Incident | Facts],
    vocabulary: Vocabulary,
    sources: dict[str, Source],
    pick: Picker | None = None,
) -> Comparison:
    """Compare incidents (sorted by date) into the report's view model.

    Each record is read once and reduced to its facts (``facts.Facts``), unless ``incidents``
    gives its facts already (a build keeps them); what spans records is worked out from the
    facts, and only the records the report shows in detail (tabled, with a disputed figure
    shown, or charted) are read again, by ``pick``. Without ``pick`` they are taken from
    ``incidents``, which are then kept (``model.each`` streams a build's).
    """
    if pick is None:
        # Without ``pick``, the caller gives whole records: they are kept to be picked from.
        given = incidents if isinstance(incidents, Sequence) else tuple(incidents)
        records = cast(Sequence[Incident], given)
        incidents, pick = each(records), partial(pick_records, records)
    countries = country_names(vocabulary)
    facts = (r if isinstance(r, Facts) else facts_of(r, countries) for r in incidents)
    chosen = tuple(sorted(facts, key=lambda i: (i.date, i.id)))
    tabled_facts = deadliest(chosen, TABLE_ROWS)
    shown = rank_figures(((i.id, i.disputes) for i in chosen), TABLE_ROWS)
    killed = [incident for incident in chosen if incident.killed is not None]
    charted_facts = deadliest(killed, CHART_LIMIT)
    read = pick({i.id for i in (*tabled_facts, *charted_facts)} | {key for key, _ in shown})
    tabled = tuple(read[i.id] for i in tabled_facts)
    disputes = [(read[key], read[key].figures[d.index]) for key, d in shown]
    entries = list_sources(cited_sources(tabled, disputes), chosen, sources)
    cite = make_citer({entry.source.id: entry.number for entry in entries})
    points = number_points(incident.points for incident in chosen)
    markers = place_markers(points)
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
        disputed=Excerpt(len(disputes), sum(len(incident.disputes) for incident in chosen)),
        findings=find_findings(chosen, vocabulary, disputes),
        sources=entries,
        rules=count_rules(chosen),
        bars=list_bars(tuple(read[i.id] for i in charted_facts), countries),
        years=count_years(chosen),
        points=points,
        markers=markers,
        map_key=key_map(points, markers),
        unmapped=len(chosen) - len({point.number for point in points}),
        charted=len(charted_facts),
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
    cited: set[str], incidents: Iterable[Facts], sources: dict[str, Source]
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


def count_years(incidents: Iterable[Facts]) -> tuple[tuple[int, int], ...]:
    """Incidents per year, with the empty years between the first and the last."""
    years = Counter(incident.year for incident in incidents)
    if not years:
        return ()
    return tuple((year, years[year]) for year in range(min(years), max(years) + 1))
