"""area_totals.csv: each event's killed and injured shared out to areas, every person once.

A join of incidents with places would repeat an event's whole toll under each region it
touched; these rows follow the model's one rule instead (``model.by_area``): parts a source
gives by place go to that place's region, the rest to the event's one area ('Several
regions', 'Nationwide (Kazakhstan)').
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from generator.data.tables import ForeignKey, Table, column, labelled
from generator.model import Incident, Total, by_area

AREA_FIGURES = ("killed", "injured")
"""The figures shared out to areas."""


class AreaRow(NamedTuple):
    """One figure's share of one event in one area."""

    incident: Incident
    figure: str
    area: str
    total: Total


def area_rows(incidents: Iterable[Incident], countries: Mapping[str, str]) -> Iterator[AreaRow]:
    """The shares of each incident, figure by figure, areas in name order."""
    names = dict(countries)
    for incident in incidents:
        for figure in AREA_FIGURES:
            shares = by_area(incident, figure, names)
            for area in sorted(shares):
                yield AreaRow(incident, figure, area, shares[area])


def areas_table() -> Table[AreaRow]:
    """area_totals.csv: one row per incident, figure and area it counts in."""
    columns = (
        column("incident_id", "string", "incident.id", "The incident."),
        column("figure", "string", "figure", _FIGURE, AREA_FIGURES),
        column("area", "string", "area", _AREA),
        column("best", "number", "total.best", "Best estimate of the share counted here."),
        column("low", "number", "total.low", "Low estimate of the share counted here."),
        column("high", "number", "total.high", "High estimate of the share counted here."),
    )
    return Table(
        "area_totals",
        "One row per incident, figure (killed, injured) and area: the incident's total shared "
        "out to regions so that every person is counted once; the best estimates of an "
        "incident's shares add up to its total in incidents.csv. Each share's low and high lie "
        "within the incident's, and an incident counted in one area has its whole range there; "
        "the ranges of several shares need not add up to the incident's.",
        columns,
        ("incident_id", "figure", "area"),
        (ForeignKey(("incident_id",), "incidents", ("id",)),),
    )


_AREA = (
    "Where this share is counted: the region of the place a source counted it in, or the "
    "country a source counted it in, else the incident's one area: its region, "
    "'<country> (region not recorded)', 'Several regions', 'Several countries' or "
    "'Nationwide (<country>)'."
)
_FIGURE = labelled("The figure shared out", "figures")
