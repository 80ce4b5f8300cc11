"""The report's tables as plain-text cells: summary, aggregates, disputes (profiles: ``profiles``).

Pure functions of model objects (no I/O). Templates only lay the cells out and escape them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from generator.model import Claim, Figure, Incident, Vocabulary, breakdowns
from generator.report.facts import Facts, as_facts
from generator.report.regions import Area, region_areas
from generator.report.text import (
    DASH,
    Citer,
    Span,
    amount_text,
    date_text,
    types_text,
    whole,
)
from generator.text.figures import ROLE_LABELS, by_as_of, figure_anchor, figure_title
from generator.text.filters import country_names, format_number, place_text


@dataclass(frozen=True)
class Cell:
    """A table cell: lines of plain text, optionally linking to an incident page."""

    lines: tuple[str, ...]
    link: str | None = None
    """Id of the incident whose page the first line links to (on the site)."""
    cites: tuple[int, ...] = ()
    """Per line, the number of the source cited at its end ('… [3]', or just '[3]'), or 0."""
    inline: str = ""
    """What joins the lines when they run on ('; '); empty for one line each."""
    anchor: str = ""
    """An id set at the start of the cell, so that a line elsewhere can link to its row."""
    see: tuple[str, ...] = ()
    """Per line, the id in the report that the line links to (a row's ``anchor``), or ''."""

    def sees(self, index: int) -> str:
        """The anchor line ``index`` links to, or ''."""
        return self.see[index] if index < len(self.see) else ""

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
    kind: str = ""
    """What the table is ('overview', 'profile', 'aggregate', 'disputes'): styles its columns."""


def make_overview(
    incidents: tuple[Incident, ...],
    vocabulary: Vocabulary,
    countries: Mapping[str, str],
) -> Table:
    """One row per incident: the summary table that fits a page, the details in the profiles."""
    headers = (
        "Incident",
        "Date",
        "Place",
        "Type",
        "Killed",
        "Injured",
        "Sources disagree",
        "Sources",
    )
    rows = tuple(
        (
            _title_cell(i),
            _date_cell(i),
            Cell((place_text(i, countries),)),
            Cell((types_text(i, vocabulary),)),
            _whole_cell(i, "killed"),
            _whole_cell(i, "injured"),
            Cell((_disagreement_text(i),)),
            Cell((format_number(len(i.source_ids)),)),
        )
        for i in incidents
    )
    return Table(headers, rows, "overview")


def make_aggregates(
    incidents: Iterable[Incident | Facts], vocabulary: Vocabulary
) -> tuple[tuple[str, Table], ...]:
    """Incidents, killed by role and injured, summed by year, by type and by region.

    By region, every person counts once (``regions.region_areas``). The incidents are whole
    records or their facts (``facts.Facts``); the sums read only the facts.
    """
    countries = country_names(vocabulary)
    rows = as_facts(incidents, countries)
    groupings: tuple[tuple[str, str, Callable[[Facts], Iterable[str]]], ...] = (
        ("year", "Year", lambda i: (str(i.year),)),
        ("type", "Type", lambda i: (vocabulary.label("incident_types", t) for t in i.types)),
    )
    roles = _killed_roles(rows)
    headers_tail = ("Incidents", *_killed_headers(roles), "Injured")
    # Each incident's tolls are read once, then summed into every group it belongs to.
    tolls = {incident.id: _tolls(incident, roles) for incident in rows}
    tables = []
    for key, heading, keys_of in groupings:
        groups: dict[str, list[Tolls]] = {}
        for incident in rows:
            for group in keys_of(incident):
                groups.setdefault(group, []).append(tolls[incident.id])
        order = sorted(groups, key=lambda g: (-len(groups[g]), g) if key != "year" else g)
        table_rows = [_aggregate_row(group, groups[group]) for group in order]
        if key == "year" and len(table_rows) > 1:
            # Each incident has one year, so the years add up to the whole selection.
            table_rows.append(_aggregate_row("All years", list(tolls.values())))
        tables.append((key, Table((heading, *headers_tail), tuple(table_rows), "aggregate")))
    areas = region_areas((i.shares, _killed_by_role(i, roles)) for i in rows)
    area_rows = tuple(_area_row(name, area) for name, area in areas.items())
    tables.append(("region", Table(("Region", *headers_tail), area_rows, "aggregate")))
    return tuple(tables)


Tolls = tuple[Span | None, ...]
"""An incident's killed in total, killed by each role, and injured, as summed in aggregates."""


def _tolls(incident: Facts, roles: tuple[str, ...]) -> Tolls:
    """The killed total, the killed by each role, and the injured total of one incident."""
    return (incident.killed, *_killed_by_role(incident, roles), incident.whole("injured"))


def _killed_by_role(incident: Facts, roles: tuple[str, ...]) -> tuple[Span | None, ...]:
    """The incident's killed in each of the roles, where it has an estimate."""
    by_role = dict(incident.killed_roles)
    return tuple(by_role.get(role) for role in roles)


def _aggregate_row(group: str, members: list[Tolls]) -> tuple[Cell, ...]:
    """A group's incidents, killed in total and by role, and injured, summed."""
    columns = zip(*members, strict=True) if members else ()
    return (
        Cell((group,)),
        Cell((format_number(len(members)),)),
        *(_sum_cell(list(c)) for c in columns),
    )


def _area_row(name: str, area: Area) -> tuple[Cell, ...]:
    """A region's events and the parts by place of events counted in a wide row, summed.

    The parts add to the killed and injured only; the killed by role stay with their event.
    """
    count = format_number(len(area.whole))
    count += f" (+ parts of {format_number(len(area.parts))} more)" if area.parts else ""
    if not area.whole:
        count = f"parts of {format_number(len(area.parts))}"
    columns = zip(*area.whole, strict=True) if area.whole else zip(*area.parts, strict=True)
    cells = []
    for index, column in enumerate(columns):
        spans = list(column) if area.whole else []
        spans += [part[index] for part in area.parts if part[index] is not None]
        cells.append(_sum_cell(spans))
    return (Cell((name,)), Cell((count,)), *cells)


def make_disputes(
    disputes: Iterable[tuple[Incident, Figure]],
    vocabulary: Vocabulary,
    cite: Citer,
    countries: Mapping[str, str],
) -> Table:
    """Where sources disagree: each disputed figure with its claims run on, in the order given."""
    headers = ("Incident", "Figure", "Claims range", "Spread", "Estimate", "Claims, by date")
    rows = tuple(
        (
            _title_cell(i),
            Cell(
                (figure_title(f, i, vocabulary, countries),),
                anchor=dispute_anchor(i.id, figure_anchor(f)),
            ),
            Cell((f"{format_number(f.whole_low)}–{format_number(f.whole_high)}",)),
            Cell((format_number(f.spread),)),
            Cell((amount_text(f),)),
            claims_cell(by_as_of(f.claims), cite, inline="; "),
        )
        for i, f in disputes
    )
    return Table(headers, rows, "disputes")


def dispute_anchor(incident_id: str, figure: str) -> str:
    """The id of a figure's row in the table of where sources disagree."""
    return f"dispute-{incident_id}-{figure}"


def _title_cell(incident: Incident) -> Cell:
    """The incident's title, linking to its page."""
    return Cell((incident.title,), link=incident.id)


def _killed_roles(incidents: Iterable[Facts]) -> tuple[str, ...]:
    """Roles other than the total for which any of the incidents records a killed figure."""
    present = {role for i in incidents for role, _ in i.killed_roles}
    return tuple(role for role in ROLE_LABELS if role in present)


def _killed_headers(roles: tuple[str, ...]) -> tuple[str, ...]:
    """'Killed (all)', then one header per role."""
    return ("Killed (all)", *(f"Killed ({ROLE_LABELS[r]})" for r in roles))


def claims_cell(claims: Iterable[Claim], cite: Citer, inline: str = "") -> Cell:
    """One line per claim (or the claims run on), each ending with its linked source number."""
    items = tuple(claims)
    numbers = tuple(cite.number(c) for c in items)
    return Cell(tuple(cite(c) for c in items), cites=numbers, inline=inline)


def _date_cell(incident: Incident) -> Cell:
    """The date, or the first and the last day on two lines, so that no date is split."""
    first, _, last = date_text(incident).partition(" to ")
    return Cell((first, f"to {last}") if last else (first,))


def _whole_cell(incident: Incident, name: str) -> Cell:
    """An incident's total of a figure by the record's one rule, or what its claims say.

    The number stays on its own line, so that it never wraps: '6 (5–8)', then
    how it was added up, '(sum of roles)'; 'unquantified:', then the words of the claims;
    'no total;', then what the roles count ('victims 0'); or where a part's are counted.
    """
    total = whole(incident, name)
    if total is None and (stands := incident.no_total(name)):
        head, sep, rest = stands.partition("; ")
        return Cell((head + sep.rstrip(), rest) if rest else _halves(head))
    if total is None:
        head, sep, rest = amount_text(incident.figure(name)).partition(": ")
        return Cell((head + sep.rstrip(), rest) if rest else (head,))
    number = Span(total.best, total.low, total.high).display
    if total.basis:
        return Cell((number, f"({total.basis})"))
    over = [b for b in breakdowns(incident.figures, name) if b.is_overfull]
    if over:
        # The roles say more than the curated total: the reader sees it here, not only on the page.
        return Cell((number, f"({over[0].dimension}s: {format_number(over[0].added)})"))
    return Cell((number,))


def _halves(text: str) -> tuple[str, ...]:
    """A phrase on two lines, broken at the space nearest its middle.

    A cell whose lines never wrap ('counted with the', 'incident it is part of') stays narrow.
    """
    spaces = [at for at, letter in enumerate(text) if letter == " "]
    if not spaces:
        return (text,)
    at = min(spaces, key=lambda space: abs(2 * space - len(text)))
    return text[:at], text[at + 1 :]


def _disagreement_text(incident: Incident) -> str:
    """'yes, on 3 figures' when sources give numbers that cannot all be true; else 'no'."""
    disputed = sum(1 for figure in incident.figures if figure.is_disputed)
    if not disputed:
        return "no"
    return f"yes, on {format_number(disputed)} figure" + ("" if disputed == 1 else "s")


def _sum_cell(spans: list[Span | None]) -> Cell:
    """Summed spans, saying how many of the incidents have an estimate when not all do."""
    known = [s for s in spans if s is not None]
    if not known:
        return Cell((DASH,))
    text = Span.total(known).display
    if len(known) < len(spans):
        return Cell((text, f"from {format_number(len(known))} of {format_number(len(spans))}"))
    return Cell((text,))
