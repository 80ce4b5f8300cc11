"""The report map's points and markers: where each incident is, and what each dot is labelled.

Pure functions of model objects, used by ``compare``: a place's incidents share one marker;
with few incidents a marker names their numbers, with many only the busiest places are numbered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from generator.model import Incident
from generator.report.parts import TABLE_ROWS, chart_label, located_places
from generator.report.text import count_of
from generator.text.filters import short_place

MAP_LABELS = 30
"""Most markers the map labels, the places with the most incidents first; the rest are dots."""


@dataclass(frozen=True, slots=True)
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


def points_of(incident: Incident, countries: Mapping[str, str]) -> tuple[Point, ...]:
    """Each located place of an incident, with the killed counted there (``located_places``).

    The points are not numbered yet: ``number_points`` numbers them among the report's.
    """
    label = chart_label(incident, countries)
    points = []
    for place, killed in located_places(incident):
        assert place.coordinates is not None  # located_places keeps only such places
        lat, lon = place.coordinates.lat, place.coordinates.lon
        points.append(Point(label, lat, lon, killed, short_place(place, countries)))
    return tuple(points)


def number_points(incidents: Iterable[tuple[Point, ...]]) -> tuple[Point, ...]:
    """Each incident's points in order, the points of one incident sharing its number in the key.

    An incident without points takes no number.
    """
    points: list[Point] = []
    number = 0
    for located in incidents:
        number += bool(located)
        points += (replace(point, number=number) for point in located)
    return tuple(points)


def list_points(incidents: Iterable[Incident], countries: Mapping[str, str]) -> tuple[Point, ...]:
    """The map's points of these incidents, numbered in order (``points_of``)."""
    return number_points(points_of(incident, countries) for incident in incidents)


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
