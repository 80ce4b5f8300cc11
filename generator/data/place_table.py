"""places.csv: every place of every incident, with its extent, point and whether it is a scene."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple, get_args

from generator.data.record_tables import INCIDENT, POSITION
from generator.data.tables import Cell, Table, column
from generator.model import CoordinatePrecision, Extent, Incident, Place


class PlaceRow(NamedTuple):
    """A place of an incident with its 1-based position among the incident's places."""

    incident: Incident
    position: int
    place: Place


def place_rows(incident: Incident) -> Iterator[PlaceRow]:
    """One row per place: an incident in several places keeps every one."""
    for position, place in enumerate(incident.places, start=1):
        yield PlaceRow(incident, position, place)


def places_table() -> Table[PlaceRow]:
    """places.csv: every place of every incident, with its extent and coordinates."""
    columns = (
        column("incident_id", "string", "incident.id", "The incident."),
        column("position", "integer", "position", POSITION + " The first is the main place."),
        column("place", "string", "place.id", "Place id that figures and measures name, if any."),
        column("country", "string", "place.country", "ISO 3166-1 alpha-2 country code."),
        column("region", "string", "place.region", "Region (oblast) or city of that rank."),
        column("district", "string", "place.district", "District."),
        column("settlement", "string", "place.settlement", "City, town or village."),
        column("address", "string", "place.address", "Street address."),
        column("landmark", "string", "place.landmark", "Building or landmark."),
        column("extent", "string", "place.scope", _EXTENT, get_args(Extent)),
        column("lat", "number", _point("lat"), "Latitude (WGS 84)."),
        column("lon", "number", _point("lon"), "Longitude (WGS 84)."),
        column("coordinate_precision", "string", _point("precision"), _ACCURACY, _ACCURACIES),
        column("role", "string", "place.role", "What happened here, in a multi-place incident."),
        column("scene", "boolean", "place.scene", _SCENE),
        column("source_count", "integer", lambda r: len(r.place.sources), _PLACE_SOURCES),
    )
    return Table(
        "places",
        "One row per place of an incident: an incident in several places has a row for each.",
        columns,
        ("incident_id", "position"),
        (INCIDENT,),
    )


_SCENE = (
    "false for a place that is no scene of the violence (where people fled to, were treated or "
    "were held); area_totals.csv counts the event where its scenes are."
)
_EXTENT = (
    "How much ground the place covers (a site, a settlement... the whole country): as "
    "recorded, or where the record leaves it out, what its narrowest named field implies."
)
_ACCURACY = "What the coordinates are accurate to (a settlement centre is not the scene)."
_ACCURACIES = get_args(CoordinatePrecision)
_PLACE_SOURCES = "Number of sources cited for the place itself."


def _point(axis: str) -> Any:
    def read(row: PlaceRow) -> Cell:
        point = row.place.coordinates
        value: Cell = getattr(point, axis) if point is not None else None
        return value

    return read
