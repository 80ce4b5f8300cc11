"""What the report reads of one record for its parts across records: a small frozen row.

``compare`` reduces each selected record to its ``Facts`` as the records stream past, and
works out sums, rankings, findings and the map from the rows; it reads whole again only the
few records whose detail it shows. Pure functions of model objects (no I/O).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from sys import intern

from generator.model import Incident, Total
from generator.report.markers import Point, points_of
from generator.report.regions import Shares, shares_of
from generator.report.text import Span, whole

WHOLES = ("killed", "injured", "hostages", "duration")
"""Figures whose totals the report sums or ranks across records."""


@dataclass(frozen=True, slots=True)
class Disputed:
    """One figure of a record whose sources disagree, as ranked across records.

    Sources disagree when their numbers cannot all be true (``Figure.is_disputed``): '7' and
    '8' do, 'at least 2' and '5' do not, as every page, table and data file says.
    """

    spread: float
    """``Figure.spread``: the highest claim minus the lowest, for the whole."""
    relative: float
    """The spread as a share of the largest number claimed for the whole (0 without one)."""
    figure: str
    role: str
    index: int
    """Its place in the record's figures, to read it back from the whole record."""

    def rank(self, incident: str) -> tuple[float, float, str, str, str, int]:
        """Its key in the ranking: the widest spread first, then the widest relative spread."""
        return (-self.spread, -self.relative, incident, self.figure, self.role, self.index)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the report reads of one record outside the few records it shows whole."""

    id: str
    title: str
    date: dt.date
    year: int
    types: tuple[str, ...]
    """Incident type ids, as recorded."""
    regions: tuple[str, ...]
    """The regions of its places, where recorded."""
    source_ids: tuple[str, ...]
    """``Incident.source_ids``: every source it cites, in order of first citation."""
    wholes: tuple[tuple[str, Span], ...]
    """Its totals (``text.whole``) of the ``WHOLES`` figures it has, by figure."""
    killed_roles: tuple[tuple[str, Span | None], ...]
    """Its killed by each role other than the total that any killed figure of it counts."""
    shares: Shares
    """Where its killed and injured count in the region table."""
    disputes: tuple[Disputed, ...]
    """Its figures that sources disagree on, in the record's order."""
    rules: tuple[str, ...]
    """The rule of each estimated figure."""
    fates: tuple[str, ...]
    """The categories of the perpetrators' fates reported, each once."""
    points: tuple[Point, ...]
    """Its places on the report's map, not yet numbered (``markers.points_of``)."""

    def whole(self, name: str) -> Span | None:
        """Its total of one of the ``WHOLES`` figures, if it has one."""
        return next((span for key, span in self.wholes if key == name), None)

    @property
    def killed(self) -> Span | None:
        """Its total of the killed, if it has one."""
        return self.whole("killed")

    @property
    def is_disputed(self) -> bool:
        """Sources give numbers that cannot all be true for at least one of its figures."""
        return bool(self.disputes)


def facts_of(incident: Incident, countries: Mapping[str, str]) -> Facts:
    """The facts the report reads of one record (``countries`` names its areas and places)."""
    wholes = ((name, whole(incident, name)) for name in WHOLES)
    roles = dict.fromkeys(f.role for f in incident.figures if f.figure == "killed")
    return Facts(
        id=incident.id,
        title=incident.title,
        date=incident.date,
        year=incident.year,
        types=_shared(incident.types),
        regions=_shared(p.region for p in incident.places if p.region),
        source_ids=_shared(incident.source_ids),
        wholes=tuple((name, span) for name, span in wholes if span is not None),
        killed_roles=tuple(
            (role, _span(incident.role_count("killed", role))) for role in roles if role != "total"
        ),
        shares=shares_of(incident, countries),
        disputes=disputes_of(incident),
        rules=_shared(f.estimate.rule for f in incident.figures if f.estimate is not None),
        fates=_shared(dict.fromkeys(fate.category for fate in incident.fates_of("attacker"))),
        points=points_of(incident, countries),
    )


def published_facts(
    records: Iterable[Incident | None], countries: Mapping[str, str]
) -> list[Facts | None]:
    """The facts of each published record, None for any other (or for none).

    What the build keeps beside a chunk of records for the site's report, made where the
    chunk is checked.
    """
    return [
        facts_of(record, countries) if record is not None and record.status == "published" else None
        for record in records
    ]


def _span(total: Total | None) -> Span | None:
    """A role's count as a span: its number, never how it was added up."""
    return None if total is None else Span(total.best, total.low, total.high)


def disputes_of(incident: Incident) -> tuple[Disputed, ...]:
    """The record's figures that sources disagree on (``Figure.is_disputed``)."""
    found = []
    for index, figure in enumerate(incident.figures):
        if figure.is_disputed:
            # The spread is worked out once: the model derives it from every claim.
            spread = figure.spread
            high = figure.whole_high
            relative = spread / high if high else 0
            names = intern(figure.figure), intern(figure.role)
            found.append(Disputed(spread, relative, *names, index))
    return tuple(found)


def _shared(words: Iterable[str]) -> tuple[str, ...]:
    """The words as one copy each for every row: ids and names that many records repeat."""
    return tuple(intern(word) for word in words)


def as_facts(
    records: Iterable[Incident | Facts], countries: Mapping[str, str]
) -> tuple[Facts, ...]:
    """The records as facts: rows are kept as they are, whole records reduced (``facts_of``)."""
    return tuple(r if isinstance(r, Facts) else facts_of(r, countries) for r in records)
