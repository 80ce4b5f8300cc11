"""Stage 6a: compare selected incidents into a frozen view model (pure: no I/O, no clock).

``compare`` turns incidents into tables of plain-text cells, aggregates, disputes, findings
and chart data. Templates only lay these out and escape them, so every number in the report
comes from here and, through here, from the model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Claim, Figure, Incident, Source, Vocabulary

ROLE_LABELS = {
    "total": "all",
    "victims": "victims",
    "perpetrators": "perpetrators",
    "security-forces": "security forces",
    "civilians": "civilians",
    "hostages": "hostages",
    "unknown": "role unknown",
}
"""Roles in the order the report lists them, with their wording."""
CHART_ROLES = ("perpetrators", "security-forces", "civilians", "victims", "unknown")
"""Roles drawn in the casualty chart: the parts of a toll, never its total."""
PROFILE_WIDTH = 3
"""Incidents per side-by-side table, so that a table stays readable on a page."""
DASH = "—"


@dataclass(frozen=True)
class Span:
    """A best estimate with its low and high; ``derived`` when summed from role figures."""

    best: float
    low: float
    high: float
    derived: bool = False

    @property
    def display(self) -> str:
        """'6' when low, best and high agree; otherwise '6 (3–8)', as on incident pages."""
        text = format_number(self.best)
        if not self.low == self.best == self.high:
            text += f" ({format_number(self.low)}–{format_number(self.high)})"
        return text + (" (sum of roles)" if self.derived else "")

    @staticmethod
    def total(spans: Iterable[Span]) -> Span:
        """The sum of best, of low and of high."""
        items = list(spans)
        return Span(
            sum(s.best for s in items), sum(s.low for s in items), sum(s.high for s in items)
        )


@dataclass(frozen=True)
class Cell:
    """A table cell: lines of plain text, optionally linking to an incident page."""

    lines: tuple[str, ...]
    link: str | None = None
    """Id of the incident whose page the first line links to (on the site)."""


@dataclass(frozen=True)
class Table:
    """A table of cells with a header row."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


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


def compare(
    incidents: Iterable[Incident],
    vocabulary: Vocabulary,
    sources: dict[str, Source],
    profile_ids: tuple[str, ...] = (),
) -> Comparison:
    """Compare incidents (sorted by date) into the report's view model."""
    chosen = tuple(sorted(incidents, key=lambda i: (i.date, i.id)))
    entries = list_sources(chosen, sources)
    cite = _citer({entry.source.id: entry.number for entry in entries})
    profiled = tuple(i for i in chosen if i.id in profile_ids)
    return Comparison(
        incidents=chosen,
        overview=make_overview(chosen, vocabulary),
        profiles=make_profiles(profiled, vocabulary, cite),
        aggregates=make_aggregates(chosen, vocabulary),
        response=make_response(chosen, vocabulary),
        disputes=make_disputes(chosen, vocabulary, cite),
        findings=find_findings(chosen, vocabulary),
        sources=entries,
        rules=count_rules(chosen),
        bars=list_bars(chosen),
        years=count_years(chosen),
        points=list_points(chosen),
    )


# --- Figures as spans and text ---------------------------------------------------------------


def format_number(value: float | None) -> str:
    """A count without a trailing '.0'."""
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def span_of(figure: Figure | None) -> Span | None:
    """The curated estimate of a figure as a span, if it has one."""
    if figure is None or figure.estimate is None:
        return None
    estimate = figure.estimate
    return Span(estimate.best, estimate.low, estimate.high)


def whole(incident: Incident, name: str) -> Span | None:
    """The total of a figure, or, when no total is recorded, the sum of its role figures.

    Victims are civilians plus security forces, so they count once, split or not (the rule
    ``check_role_split`` applies to records).
    """
    recorded = span_of(incident.figure(name))
    if recorded is not None:
        return recorded
    spans = {role: span_of(incident.figure(name, role)) for role in CHART_ROLES}
    if not any(spans.values()):
        return None
    split = [s for r in ("civilians", "security-forces") if (s := spans[r]) is not None]
    unsplit = spans["victims"]
    victims = Span.total(split) if split else unsplit
    if unsplit is not None and victims is not None and unsplit.best > victims.best:
        victims = unsplit
    parts = [s for s in (spans["perpetrators"], spans["unknown"], victims) if s is not None]
    total = Span.total(parts)
    return Span(total.best, total.low, total.high, derived=True)


def amount_text(figure: Figure | None) -> str:
    """A figure in one line: the estimate, or what the claims say when there is none."""
    if figure is None:
        return DASH
    span = span_of(figure)
    if span is not None:
        return span.display
    low, high = figure.claimed_low, figure.claimed_high
    if low is not None and high is not None:
        claimed = format_number(low)
        if low != high:
            claimed += f"–{format_number(high)}"
        return f"no estimate; claims {claimed}"
    return "unquantified: " + "; ".join(claim.display for claim in figure.claims)


def figure_label(name: str, role: str, vocabulary: Vocabulary) -> str:
    """'Killed (perpetrators)', or 'Killed' for a total."""
    label = vocabulary.label("figures", name)
    return label if role == "total" else f"{label} ({ROLE_LABELS[role]})"


def _citer(numbers: dict[str, int]) -> Callable[[Claim], str]:
    """A function that writes a claim with its source number: '7 — Police, 2012-07-11 [3]'."""

    def cite(claim: Claim) -> str:
        as_of = f", {claim.as_of.isoformat()}" if claim.as_of else ""
        doubt = " (uncertain)" if claim.uncertain else ""
        number = numbers.get(claim.source, "?")
        return f"{claim.display} — {claim.stated_by}{as_of}{doubt} [{number}]"

    return cite


def _figure_lines(figure: Figure | None, cite: Callable[[Claim], str]) -> tuple[str, ...]:
    """The estimate and its rule, then every claim with its source."""
    if figure is None:
        return (DASH,)
    rule = f"; rule: {figure.estimate.rule}" if figure.estimate else ""
    return (amount_text(figure) + rule, *(cite(claim) for claim in figure.claims))


# --- Describing an incident --------------------------------------------------------------


def place_text(incident: Incident) -> str:
    """Settlement and region of the first place, and how many other places there are."""
    place = incident.primary_place
    parts = [p for p in (place.settlement, place.region) if p]
    names = list(dict.fromkeys(parts)) or [place.country]
    more = len(incident.places) - 1
    return ", ".join(names) + (f" (+{more} more)" if more else "")


def types_text(incident: Incident, vocabulary: Vocabulary) -> str:
    """The incident types by label."""
    return ", ".join(vocabulary.label("incident_types", kind) for kind in incident.types)


def perpetrators_text(incident: Incident) -> str:
    """How many perpetrators (the figure) and who, with attribution."""
    count = incident.figure("perpetrators")
    parts = [f"{amount_text(count)} people"] if count else []
    for p in incident.perpetrators:
        by = f", per {p.attributed_by}" if p.attributed_by else ""
        parts.append(f"{p.name or p.kind} ({p.attribution.replace('-', ' ')}{by})")
    return "; ".join(parts) or DASH


def forces_text(incident: Incident) -> str:
    """Responding forces, lead first."""
    order = {"lead": 0, "support": 1, "unknown": 2}
    forces = sorted(incident.response.forces, key=lambda f: order[f.role])
    return "; ".join(f.name + (" (lead)" if f.role == "lead" else "") for f in forces) or DASH


def labels_text(incident: Incident) -> str:
    """Labels with who applied them."""
    return "; ".join(f"{lab.label} ({lab.applied_by})" for lab in incident.labels) or DASH


def fates_text(incident: Incident) -> str:
    """The perpetrators' fate in the words reported, with their category."""
    return "; ".join(f"{f.category}: '{f.words}' ({f.stated_by})" for f in incident.fates) or DASH


def tactics_text(incident: Incident, vocabulary: Vocabulary) -> str:
    """Tactics by label."""
    tactics = [vocabulary.label("tactics", t.tactic) for t in incident.response.tactics]
    return ", ".join(tactics) or DASH


def date_text(incident: Incident) -> str:
    """The start date, with the end date when it is another day."""
    end = incident.when.end
    end_day = end.date() if isinstance(end, dt.datetime) else end
    if end_day is not None and end_day != incident.date:
        return f"{incident.date.isoformat()} to {end_day.isoformat()}"
    return incident.date.isoformat()


def _title_cell(incident: Incident) -> Cell:
    return Cell((incident.title,), link=incident.id)


def _killed_roles(incidents: tuple[Incident, ...]) -> tuple[str, ...]:
    """Roles other than the total for which any of the incidents records a killed figure."""
    present = {f.role for i in incidents for f in i.figures if f.figure == "killed"}
    return tuple(role for role in ROLE_LABELS if role in present and role != "total")


# --- Tables --------------------------------------------------------------------------------


def make_overview(incidents: tuple[Incident, ...], vocabulary: Vocabulary) -> Table:
    """One row per incident: the comparison table."""
    roles = _killed_roles(incidents)
    headers = (
        "Incident",
        "Date",
        "Place",
        "Type",
        "Perpetrators",
        "Killed (all)",
        *(f"Killed ({ROLE_LABELS[r]})" for r in roles),
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
            Cell((place_text(i),)),
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
            Cell((str(len(i.source_ids)),)),
        )
        rows.append(cells)
    return Table(headers, tuple(rows))


def make_profiles(
    incidents: tuple[Incident, ...], vocabulary: Vocabulary, cite: Callable[[Claim], str]
) -> tuple[Table, ...]:
    """Side-by-side profiles: incidents as columns, dimensions as rows, a few per table."""
    rows: list[tuple[str, Callable[[Incident], tuple[str, ...]]]] = [
        ("Date", lambda i: (date_text(i),)),
        ("Place", lambda i: (place_text(i),)),
        ("Type", lambda i: (types_text(i, vocabulary),)),
        ("Perpetrators", lambda i: (perpetrators_text(i),)),
    ]
    keys = {f.key for i in incidents for f in i.figures}
    for name in (t.id for t in vocabulary.figures):
        for role in ROLE_LABELS:
            if (name, role) in keys:
                rows.append((figure_label(name, role, vocabulary), _figure_row(name, role, cite)))
    rows += [
        ("Responding forces", lambda i: (forces_text(i),)),
        ("Tactics", lambda i: (tactics_text(i, vocabulary),)),
        ("Led by", lambda i: (i.response.led_by or DASH,)),
        ("Outcome", lambda i: (i.outcome or DASH,)),
        ("Perpetrators' fate", lambda i: (fates_text(i),)),
        ("Labels", lambda i: (labels_text(i),)),
        ("Sources", lambda i: (str(len(i.source_ids)),)),
    ]
    tables = []
    for start in range(0, len(incidents), PROFILE_WIDTH):
        group = incidents[start : start + PROFILE_WIDTH]
        headers = ("", *(i.title for i in group))
        body = tuple((Cell((label,)), *(Cell(lines(i)) for i in group)) for label, lines in rows)
        tables.append(Table(headers, body))
    return tuple(tables)


def _figure_row(
    name: str, role: str, cite: Callable[[Claim], str]
) -> Callable[[Incident], tuple[str, ...]]:
    """A profile row that shows one figure of each incident with its claims."""
    return lambda incident: _figure_lines(incident.figure(name, role), cite)


def make_aggregates(
    incidents: tuple[Incident, ...], vocabulary: Vocabulary
) -> tuple[tuple[str, Table], ...]:
    """Incidents, killed by role and injured, summed by year, by type and by region."""
    groupings: tuple[tuple[str, str, Callable[[Incident], Iterable[str]]], ...] = (
        ("year", "Year", lambda i: (str(i.year),)),
        ("type", "Type", lambda i: (vocabulary.label("incident_types", t) for t in i.types)),
        ("region", "Region", lambda i: dict.fromkeys(p.region or DASH for p in i.places)),
    )
    roles = _killed_roles(incidents)
    headers_tail = (
        "Incidents",
        "Killed (all)",
        *(f"Killed ({ROLE_LABELS[r]})" for r in roles),
        "Injured",
    )
    tables = []
    for key, heading, keys_of in groupings:
        groups: dict[str, list[Incident]] = {}
        for incident in incidents:
            for group in keys_of(incident):
                groups.setdefault(group, []).append(incident)
        rows = []
        for group in sorted(groups, key=lambda g: (-len(groups[g]), g) if key != "year" else g):
            members = groups[group]
            rows.append(
                (
                    Cell((group,)),
                    Cell((str(len(members)),)),
                    _sum_cell([whole(i, "killed") for i in members]),
                    *(_sum_cell([span_of(i.figure("killed", r)) for i in members]) for r in roles),
                    _sum_cell([whole(i, "injured") for i in members]),
                )
            )
        tables.append((key, Table((heading, *headers_tail), tuple(rows))))
    return tuple(tables)


def _sum_cell(spans: list[Span | None]) -> Cell:
    """Summed spans, saying how many of the incidents have an estimate when not all do."""
    known = [s for s in spans if s is not None]
    if not known:
        return Cell((DASH,))
    text = Span.total(known).display
    if len(known) < len(spans):
        text += f", from {len(known)} of {len(spans)} incidents"
    return Cell((text,))


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


def _fate_lines(incident: Incident, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Fates as reported, then the detained and at-large counts where recorded."""
    lines = [f"{f.category}: '{f.words}' ({f.stated_by})" for f in incident.fates]
    for name in ("detained", "at-large"):
        figure = incident.figure(name)
        if figure is not None:
            lines.append(f"{vocabulary.label('figures', name)}: {amount_text(figure)}")
    return tuple(lines) or (DASH,)


_HARM = (
    ("hostages", "total"),
    ("hostages-harmed", "total"),
    ("killed", "hostages"),
    ("killed", "civilians"),
    ("injured", "hostages"),
    ("injured", "civilians"),
)


def _harm_lines(incident: Incident, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Hostages held and harmed, civilians killed and injured, where recorded."""
    lines = [
        f"{figure_label(name, role, vocabulary)}: {amount_text(figure)}"
        for name, role in _HARM
        if (figure := incident.figure(name, role)) is not None
    ]
    return tuple(lines) or ("none recorded",)


def rank_disputes(incidents: tuple[Incident, ...]) -> list[tuple[Incident, Figure]]:
    """Figures whose sources disagree, the widest spread first."""
    found = [(i, f) for i in incidents for f in i.figures if f.is_disputed or f.spread > 0]

    def key(item: tuple[Incident, Figure]) -> tuple[float, float, str, str, str]:
        incident, figure = item
        relative = figure.spread / figure.claimed_high if figure.claimed_high else 0
        return (-figure.spread, -relative, incident.id, figure.figure, figure.role)

    return sorted(found, key=key)


def make_disputes(
    incidents: tuple[Incident, ...], vocabulary: Vocabulary, cite: Callable[[Claim], str]
) -> Table:
    """Where sources disagree: each disputed figure with its claims, most disputed first."""
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
            Cell(tuple(cite(claim) for claim in f.claims)),
        )
        for i, f in rank_disputes(incidents)
    )
    return Table(headers, rows)


# --- Sources, rules and chart data ---------------------------------------------------------


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


def list_bars(incidents: tuple[Incident, ...]) -> tuple[Bar, ...]:
    """Killed by role per incident, or the total where the toll is not split by role."""
    bars: list[Bar] = []
    for incident in incidents:
        label = short_label(incident)
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


def list_points(incidents: tuple[Incident, ...]) -> tuple[Point, ...]:
    """Incidents whose first place has coordinates, with the killed total for the marker."""
    points = []
    for incident in incidents:
        coordinates = incident.primary_place.coordinates
        if coordinates is not None:
            killed = whole(incident, "killed")
            best = killed.best if killed else None
            points.append(Point(short_label(incident), coordinates.lat, coordinates.lon, best))
    return tuple(points)


def short_label(incident: Incident) -> str:
    """Date and settlement (or region): a chart label that fits on one line."""
    place = incident.primary_place
    return f"{incident.date.isoformat()} {place.settlement or place.region or place.country}"


# --- Findings: each sentence is computed, none is typed by hand ----------------------------


def find_findings(incidents: tuple[Incident, ...], vocabulary: Vocabulary) -> tuple[str, ...]:
    """Key findings as sentences, in a fixed order; a finding without data is left out."""
    if not incidents:
        return ()
    found = (
        _find_scope(incidents),
        _find_totals(incidents),
        _find_largest(incidents, "killed", "The deadliest incident was {t} ({d}): {n} killed."),
        _find_largest(incidents, "injured", "The most people were injured in {t} ({d}): {n}."),
        _find_largest(incidents, "hostages", "The most hostages were held in {t} ({d}): {n}."),
        _find_largest(
            incidents,
            "duration",
            "Of the incidents with a recorded duration, the longest was {t} ({d}): {n} hours.",
        ),
        _find_most_contested(incidents, vocabulary),
        _find_disputed_share(incidents),
        _find_most_sourced(incidents),
        _find_fates(incidents),
    )
    return tuple(sentence for sentence in found if sentence)


def _find_scope(incidents: tuple[Incident, ...]) -> str:
    """How many incidents, over which years, in how many regions."""
    first, last = incidents[0].year, incidents[-1].year
    years = str(first) if first == last else f"{first} to {last}"
    regions = len({p.region for i in incidents for p in i.places if p.region})
    return (
        f"The report compares {_count(len(incidents), 'incident')} from {years} "
        f"in {_count(regions, 'region')}."
    )


def _find_totals(incidents: tuple[Incident, ...]) -> str:
    """The summed killed and injured tolls, with how many incidents have an estimate."""
    parts = []
    for name in ("killed", "injured"):
        spans = [s for i in incidents if (s := whole(i, name)) is not None]
        if spans:
            parts.append(
                f"{Span.total(spans).display} {name} in the {_count(len(spans), 'incident')} "
                "with an estimate"
            )
    return f"Best estimates (low–high) add up to {' and '.join(parts)}." if parts else ""


def _find_largest(incidents: tuple[Incident, ...], name: str, template: str) -> str:
    """The incident with the largest best estimate of a figure; ties are all named."""
    spans = {i.id: s for i in incidents if (s := whole(i, name)) is not None}
    top = max((s.best for s in spans.values()), default=0)
    if not top:
        return ""
    leaders = [i for i in incidents if i.id in spans and spans[i.id].best == top]
    return template.format(
        t=" and ".join(i.title for i in leaders),
        d=", ".join(i.date.isoformat() for i in leaders),
        n=spans[leaders[0].id].display,
    )


def _find_most_contested(incidents: tuple[Incident, ...], vocabulary: Vocabulary) -> str:
    """The figure whose claims are furthest apart."""
    ranked = rank_disputes(incidents)
    if not ranked:
        return ""
    incident, figure = ranked[0]
    return (
        f"The most contested figure is {figure_label(figure.figure, figure.role, vocabulary)} "
        f"in {incident.title}: {_count(len(figure.quantified), 'claim')} range from "
        f"{format_number(figure.claimed_low)} to {format_number(figure.claimed_high)}."
    )


def _find_disputed_share(incidents: tuple[Incident, ...]) -> str:
    """How many incidents have at least one figure that sources disagree on."""
    disputed = sum(1 for i in incidents if any(f.is_disputed for f in i.figures))
    return f"Sources disagree on at least one figure for {disputed} of {len(incidents)} incidents."


def _find_most_sourced(incidents: tuple[Incident, ...]) -> str:
    """The incident that cites the most sources (the earliest one on a tie)."""
    top = max(incidents, key=lambda i: (len(i.source_ids), -i.date.toordinal()))
    return f"{top.title} cites the most sources: {_count(len(top.source_ids), 'source')}."


def _find_fates(incidents: tuple[Incident, ...]) -> str:
    """In how many incidents perpetrators were reported killed, detained or at large."""
    counts = []
    for category in ("killed", "detained", "surrendered", "at-large"):
        n = sum(1 for i in incidents if any(f.category == category for f in i.fates))
        if n:
            counts.append(f"{category.replace('-', ' ')} in {_count(n, 'incident')}")
    return "Perpetrators were reported " + ", ".join(counts) + "." if counts else ""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
