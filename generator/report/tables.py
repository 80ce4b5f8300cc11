"""The report's tables as plain-text cells: overview, profiles, aggregates, response, disputes.

Pure functions of model objects (no I/O). Templates only lay the cells out and escape them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from generator.model import Claim, Figure, Incident, Vocabulary
from generator.report.regions import Area, region_areas
from generator.report.text import (
    DASH,
    Citer,
    Span,
    amount_text,
    date_text,
    fate_text,
    fates_text,
    forces_text,
    labels_text,
    perpetrator_counts,
    perpetrators_text,
    place_text,
    span_of,
    tactics_text,
    types_text,
    whole,
)
from generator.text.filters import (
    ROLE_LABELS,
    by_as_of,
    country_names,
    figure_label,
    format_number,
)

PROFILE_WIDTH = 3
"""Incidents per side-by-side table, so that a table stays readable on a page."""
HARM = (
    ("hostages", "total"),
    ("hostages-harmed", "total"),
    ("killed", "hostages"),
    ("killed", "civilians"),
    ("injured", "hostages"),
    ("injured", "civilians"),
)
"""Figures (name, role) that show harm to hostages and bystanders, in the order listed."""


@dataclass(frozen=True)
class Cell:
    """A table cell: lines of plain text, optionally linking to an incident page."""

    lines: tuple[str, ...]
    link: str | None = None
    """Id of the incident whose page the first line links to (on the site)."""
    cites: tuple[int, ...] = ()
    """Per line, the number of the source cited at its end ('… [3]', or just '[3]'), or 0."""
    inline: bool = False
    """The lines run on, separated by commas, instead of one line each."""

    @property
    def parts(self) -> tuple[tuple[str, int], ...]:
        """Each line as (text, cited source number): the ' [n]' at its end becomes a link."""
        numbers = self.cites + (0,) * (len(self.lines) - len(self.cites))
        return tuple(
            (line.removesuffix(f"[{n}]").rstrip(), n)
            if n and line.endswith(f"[{n}]")
            else (line, 0)
            for line, n in zip(self.lines, numbers, strict=False)
        )


@dataclass(frozen=True)
class Table:
    """A table of cells with a header row."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def make_overview(
    incidents: tuple[Incident, ...],
    vocabulary: Vocabulary,
    countries: Mapping[str, str],
    cite: Citer,
) -> Table:
    """One row per incident: the comparison table, each row citing the incident's sources."""
    roles = _killed_roles(incidents)
    headers = (
        "Incident",
        "Date",
        "Place",
        "Type",
        "Perpetrators",
        *_killed_headers(roles),
        "Injured",
        "Hostages",
        "Duration (hours)",
        "Responding forces",
        "Outcome",
        "Labels",
        "Sources",
    )
    rows = []
    for i in incidents:
        killed = whole(i, "killed")
        cells = (
            _title_cell(i),
            Cell((date_text(i),)),
            Cell((place_text(i, countries),)),
            Cell((types_text(i, vocabulary),)),
            Cell((perpetrators_text(i),)),
            Cell((killed.display if killed else amount_text(i.figure("killed")),)),
            *(Cell((amount_text(i.figure("killed", r)),)) for r in roles),
            Cell((amount_text(i.figure("injured")),)),
            Cell((amount_text(i.figure("hostages")),)),
            Cell((amount_text(i.figure("duration")),)),
            Cell((forces_text(i),)),
            Cell((i.outcome or DASH,)),
            Cell((labels_text(i),)),
            _sources_cell(i, cite),
        )
        rows.append(cells)
    return Table(headers, tuple(rows))


def make_profiles(
    incidents: tuple[Incident, ...],
    vocabulary: Vocabulary,
    cite: Citer,
    countries: Mapping[str, str],
) -> tuple[Table, ...]:
    """Side-by-side profiles: incidents as columns, dimensions as rows, a few per table."""
    rows: list[tuple[str, Callable[[Incident], Cell]]] = [
        ("Date", lambda i: Cell((date_text(i),))),
        ("Place", lambda i: Cell((place_text(i, countries),))),
        ("Type", lambda i: Cell((types_text(i, vocabulary),))),
        ("Perpetrators", lambda i: Cell((perpetrators_text(i),))),
    ]
    keys = {f.key for i in incidents for f in i.figures}
    for name in (t.id for t in vocabulary.figures):
        for role in ROLE_LABELS:
            if (name, role) in keys:
                rows.append((figure_label(name, role, vocabulary), _figure_row(name, role, cite)))
    rows += [
        ("Responding forces", lambda i: Cell((forces_text(i),))),
        ("Tactics", lambda i: Cell((tactics_text(i, vocabulary),))),
        ("Led by", lambda i: Cell((i.response.led_by or DASH,))),
        ("Outcome", lambda i: Cell((i.outcome or DASH,))),
        ("Perpetrators' fate", lambda i: Cell((fates_text(i),))),
        ("Labels", lambda i: Cell((labels_text(i),))),
        ("Sources", lambda i: Cell((str(len(i.source_ids)),))),
    ]
    tables = []
    for start in range(0, len(incidents), PROFILE_WIDTH):
        group = incidents[start : start + PROFILE_WIDTH]
        headers = ("", *(i.title for i in group))
        body = tuple((Cell((label,)), *(cell(i) for i in group)) for label, cell in rows)
        tables.append(Table(headers, body))
    return tuple(tables)


def make_aggregates(
    incidents: tuple[Incident, ...], vocabulary: Vocabulary
) -> tuple[tuple[str, Table], ...]:
    """Incidents, killed by role and injured, summed by year, by type and by region.

    By region, every person counts once (``regions.region_areas``).
    """
    groupings: tuple[tuple[str, str, Callable[[Incident], Iterable[str]]], ...] = (
        ("year", "Year", lambda i: (str(i.year),)),
        ("type", "Type", lambda i: (vocabulary.label("incident_types", t) for t in i.types)),
    )
    roles = _killed_roles(incidents)
    headers_tail = ("Incidents", *_killed_headers(roles), "Injured")
    # Each incident's tolls are read once, then summed into every group it belongs to.
    tolls = {incident.id: _tolls(incident, roles) for incident in incidents}
    tables = []
    for key, heading, keys_of in groupings:
        groups: dict[str, list[Tolls]] = {}
        for incident in incidents:
            for group in keys_of(incident):
                groups.setdefault(group, []).append(tolls[incident.id])
        order = sorted(groups, key=lambda g: (-len(groups[g]), g) if key != "year" else g)
        rows = [_aggregate_row(group, groups[group]) for group in order]
        if key == "year" and len(rows) > 1:
            # Each incident has one year, so the years add up to the whole selection.
            rows.append(_aggregate_row("All years", list(tolls.values())))
        tables.append((key, Table((heading, *headers_tail), tuple(rows))))
    areas = region_areas(incidents, roles, country_names(vocabulary))
    rows = [_area_row(name, area) for name, area in areas.items()]
    tables.append(("region", Table(("Region", *headers_tail), tuple(rows))))
    return tuple(tables)


Tolls = tuple[Span | None, ...]
"""An incident's killed in total, killed by each role, and injured, as summed in aggregates."""


def _tolls(incident: Incident, roles: tuple[str, ...]) -> Tolls:
    """The killed total, the killed by each role, and the injured total of one incident."""
    return (
        whole(incident, "killed"),
        *(span_of(incident.figure("killed", role)) for role in roles),
        whole(incident, "injured"),
    )


def _aggregate_row(group: str, members: list[Tolls]) -> tuple[Cell, ...]:
    """A group's incidents, killed in total and by role, and injured, summed."""
    columns = zip(*members, strict=True) if members else ()
    return (Cell((group,)), Cell((str(len(members)),)), *(_sum_cell(list(c)) for c in columns))


def _area_row(name: str, area: Area) -> tuple[Cell, ...]:
    """A region's events and the parts by place of events counted in a wide row, summed.

    The parts add to the killed and injured only; the killed by role stay with their event.
    """
    count = str(len(area.whole)) + (f" (+ parts of {len(area.parts)} more)" if area.parts else "")
    if not area.whole:
        count = f"parts of {len(area.parts)}"
    columns = zip(*area.whole, strict=True) if area.whole else zip(*area.parts, strict=True)
    cells = []
    for index, column in enumerate(columns):
        spans = list(column) if area.whole else []
        spans += [part[index] for part in area.parts if part[index] is not None]
        cells.append(_sum_cell(spans))
    return (Cell((name,)), Cell((count,)), *cells)


def make_response(incidents: tuple[Incident, ...], vocabulary: Vocabulary) -> Table:
    """Response and outcome compared: forces, tactics, time, fate, harm, labels."""
    headers = (
        "Incident",
        "Responding forces",
        "Tactics",
        "Time to resolution (hours)",
        "Perpetrators' fate",
        "Harm to hostages and bystanders",
        "Labels",
    )
    rows = tuple(
        (
            _title_cell(i),
            Cell((forces_text(i),)),
            Cell((tactics_text(i, vocabulary),)),
            Cell((amount_text(i.figure("duration")),)),
            Cell(_fate_lines(i, vocabulary)),
            Cell(_harm_lines(i, vocabulary)),
            Cell((labels_text(i),)),
        )
        for i in incidents
    )
    return Table(headers, rows)


def make_disputes(
    disputes: Iterable[tuple[Incident, Figure]], vocabulary: Vocabulary, cite: Citer
) -> Table:
    """Where sources disagree: each disputed figure with its claims, in the order given."""
    headers = (
        "Incident",
        "Figure",
        "Lowest claim",
        "Highest claim",
        "Spread",
        "Estimate",
        "Claims",
    )
    rows = tuple(
        (
            _title_cell(i),
            Cell((figure_label(f.figure, f.role, vocabulary),)),
            Cell((format_number(f.claimed_low),)),
            Cell((format_number(f.claimed_high),)),
            Cell((format_number(f.spread),)),
            Cell((amount_text(f),)),
            _claims_cell(by_as_of(f.claims), cite),
        )
        for i, f in disputes
    )
    return Table(headers, rows)


def _sources_cell(incident: Incident, cite: Citer) -> Cell:
    """The numbers of every source the incident cites, in list order."""
    numbers = sorted(n for source_id in incident.source_ids if (n := cite.numbers.get(source_id)))
    return Cell(tuple(f"[{n}]" for n in numbers), cites=tuple(numbers), inline=True)


def _title_cell(incident: Incident) -> Cell:
    """The incident's title, linking to its page."""
    return Cell((incident.title,), link=incident.id)


def _killed_roles(incidents: tuple[Incident, ...]) -> tuple[str, ...]:
    """Roles other than the total for which any of the incidents records a killed figure."""
    present = {f.role for i in incidents for f in i.figures if f.figure == "killed"}
    return tuple(role for role in ROLE_LABELS if role in present and role != "total")


def _killed_headers(roles: tuple[str, ...]) -> tuple[str, ...]:
    """'Killed (all)', then one header per role."""
    return ("Killed (all)", *(f"Killed ({ROLE_LABELS[r]})" for r in roles))


def _figure_row(name: str, role: str, cite: Citer) -> Callable[[Incident], Cell]:
    """A profile row that shows one figure of each incident with its claims."""
    return lambda incident: _figure_cell(incident.figure(name, role), cite)


def _figure_cell(figure: Figure | None, cite: Citer) -> Cell:
    """The estimate and its rule, then every claim with its source, by date."""
    if figure is None:
        return Cell((DASH,))
    rule = f"; rule: {figure.estimate.rule}" if figure.estimate else ""
    claims = _claims_cell(by_as_of(figure.claims), cite)
    return Cell((amount_text(figure) + rule, *claims.lines), cites=(0, *claims.cites))


def _claims_cell(claims: Iterable[Claim], cite: Citer) -> Cell:
    """One line per claim, each ending with its linked source number."""
    items = tuple(claims)
    return Cell(tuple(cite(c) for c in items), cites=tuple(cite.number(c) for c in items))


def _sum_cell(spans: list[Span | None]) -> Cell:
    """Summed spans, saying how many of the incidents have an estimate when not all do."""
    known = [s for s in spans if s is not None]
    if not known:
        return Cell((DASH,))
    text = Span.total(known).display
    if len(known) < len(spans):
        text += f", from {len(known)} of {len(spans)} incidents"
    return Cell((text,))


def _fate_lines(incident: Incident, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The attackers' fates as reported, then their detained and at-large counts.

    Only what happened to the parties that attacked: strikers detained after police fired on
    them are not the perpetrators, and a whole event's detained may be anyone.
    """
    lines = [fate_text(f) for f in incident.fates_of("attacker")]
    lines += [
        f"{vocabulary.label('figures', figure.figure)}: {amount_text(figure)}"
        for figure in perpetrator_counts(incident)
    ]
    return tuple(lines) or (DASH,)


def _harm_lines(incident: Incident, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Hostages held and harmed, civilians killed and injured, where recorded."""
    lines = [
        f"{figure_label(name, role, vocabulary)}: {amount_text(figure)}"
        for name, role in HARM
        if (figure := incident.figure(name, role)) is not None
    ]
    if lines:
        return tuple(lines)
    # Killed or injured counted only in total or by other roles say nothing of bystanders.
    counted = any(f.figure in ("killed", "injured") for f in incident.figures)
    return ("not recorded by role",) if counted else ("not recorded",)
