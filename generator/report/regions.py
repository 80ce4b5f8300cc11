"""Regional sums that count every person once, for the report's aggregates by region.

An event's killed and injured that a source splits by place go to each place's region; the
rest of an event that spans several regions or the whole country, and its counts by role, go
to one wide row ('Several regions', 'Nationwide (Kazakhstan)'), never to each region it
touched (``model.by_area`` and ``model.event_area``). Pure functions of model objects; the
sums read each event's ``Shares``, not the event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from sys import intern

from generator.model import (
    SEVERAL_COUNTRIES,
    SEVERAL_REGIONS,
    Incident,
    by_area,
    country_name,
    event_area,
)
from generator.model.breakdown import NATIONWIDE, NOT_RECORDED
from generator.report.text import Span

Tolls = tuple[Span | None, ...]
"""Killed in total, killed by each role, and injured, as summed in aggregates."""


@dataclass
class Area:
    """One row of the region table: the events counted in it and the parts of others."""

    whole: list[Tolls] = field(default_factory=list)
    """Events whose area this is: each event is counted in exactly one row."""
    parts: list[Tolls] = field(default_factory=list)
    """Parts by place of events counted in another row: killed and injured only."""


def is_wide(area: str) -> bool:
    """The row stands for several regions, several countries or a whole country."""
    return area in (SEVERAL_REGIONS, SEVERAL_COUNTRIES) or area.startswith(NATIONWIDE)


def area_of(incident: Incident, countries: Mapping[str, str]) -> str:
    """The row an event's unsplit counts go to (``model.event_area``)."""
    return event_area(incident, _names(incident, countries))


def _names(incident: Incident, countries: Mapping[str, str]) -> dict[str, str]:
    """Every country the incident names, by name: the vocabulary's, else ISO 3166's."""
    codes = {p.country for p in incident.places} | {
        f.country for f in incident.figures if f.country
    }
    return {code: country_name(code, countries) for code in sorted(codes)}


@dataclass(frozen=True, slots=True)
class Shares:
    """Where one event's killed and injured count in the region table (``region_areas``)."""

    home: str
    """The row its unsplit counts go to (``area_of``)."""
    killed: tuple[tuple[str, Span], ...]
    """Its killed by area, where a source splits them (else its one area), as ``by_area``."""
    injured: tuple[tuple[str, Span], ...]


def shares_of(incident: Incident, countries: Mapping[str, str]) -> Shares:
    """The event's area and its killed and injured by area."""
    killed = _shares(incident, "killed", countries)
    injured = _shares(incident, "injured", countries)
    # One copy of each area's name for every event that counts there.
    return Shares(
        intern(area_of(incident, countries)),
        tuple((intern(area), span) for area, span in killed.items()),
        tuple((intern(area), span) for area, span in injured.items()),
    )


def region_areas(events: Iterable[tuple[Shares, tuple[Span | None, ...]]]) -> dict[str, Area]:
    """Each row of the region table with its events and parts, the regions first.

    ``events`` are each event's shares with its killed by each role of the table. The killed
    by role of an event whose killed are split among areas count in no row: they cannot be
    placed, and beside the share of the killed left in its own row they would read as more
    than all its killed there. Regions are ordered by how many events they count, then by
    name; the wide rows and those of events whose region is not recorded follow.
    """
    areas: dict[str, Area] = {}
    for shares, by_role in events:
        home = shares.home
        killed, injured = dict(shares.killed), dict(shares.injured)
        if len(killed) > 1:
            by_role = tuple(None for _ in by_role)
        for area in dict.fromkeys([home, *killed, *injured]):
            row = areas.setdefault(area, Area())
            if area == home:
                zero = Span(0, 0, 0)
                row.whole.append(
                    (
                        killed.get(area, zero) if killed else None,
                        *by_role,
                        injured.get(area, zero) if injured else None,
                    )
                )
            else:
                row.parts.append((killed.get(area), *(None for _ in by_role), injured.get(area)))
    order = sorted(areas, key=lambda a: (is_wide(a) or NOT_RECORDED in a, -len(areas[a].whole), a))
    return {area: areas[area] for area in order}


def _shares(incident: Incident, name: str, countries: Mapping[str, str]) -> dict[str, Span]:
    """The event's total of ``name`` by area, as spans; a total added up from roles says so."""
    return {
        area: Span.of(total)
        for area, total in by_area(incident, name, _names(incident, countries)).items()
    }
