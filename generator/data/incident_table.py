"""incidents.csv: one flat row per incident, with its place, classification and estimates."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import get_args

from generator.data.tables import ROLES, Cell, Column, Table, column, joined
from generator.model import Incident, Place, Precision, Status, ViolenceCategory

SUMMARY_FIGURES = ("killed", "injured")
"""Figures given per role in incidents.csv; every figure is in figures.csv."""


def located_place(incident: Incident) -> Place | None:
    """The first place that has coordinates."""
    return next((place for place in incident.places if place.coordinates), None)


def _coordinate(axis: str) -> Callable[[Incident], Cell]:
    def read(incident: Incident) -> Cell:
        place = located_place(incident)
        value: Cell = getattr(place.coordinates, axis) if place and place.coordinates else None
        return value

    return read


def _estimate(name: str, role: str, part: str) -> Callable[[Incident], Cell]:
    def read(incident: Incident) -> Cell:
        if role != "total":
            count = incident.role_count(name, role)
            return getattr(count, part) if count is not None else None
        found = incident.figure(name, role)
        return getattr(found.estimate, part) if found and found.estimate else None

    return read


def _total(name: str, part: str) -> Callable[[Incident], Cell]:
    def read(incident: Incident) -> Cell:
        total = incident.total(name)
        return getattr(total, part) if total is not None else None

    return read


def _total_columns(name: str) -> Iterator[Column[Incident]]:
    """The whole count by the record's one rule: the curated total, else the roles summed."""
    for part in ("best", "low", "high"):
        yield Column(
            f"{name}_{part}",
            "number",
            f"{part.capitalize()} total of people {name}: the curated total, or where none was "
            f"made the sum of the {part} estimates of roles that do not overlap; empty when "
            "neither is recorded, and when victims are counted without perpetrators (a sum "
            "would leave them out).",
            _total(name, part),
        )
    yield Column(
        f"{name}_derived",
        "boolean",
        f"true when {name}_best/low/high are the sum of roles rather than a curated total; "
        "empty when there is no total.",
        _total(name, "is_derived"),
    )
    yield Column(
        f"{name}_derived_from",
        "string",
        f"What was added up into {name}_best/low/high when they are derived: the roles, "
        "separated by ';' (one alone, 'security-forces', means the total counts only that "
        "role), or 'parties' for the whole's figures of each party.",
        _derived_from(name),
    )


def _derived_from(name: str) -> Callable[[Incident], Cell]:
    def read(incident: Incident) -> Cell:
        total = incident.total(name)
        return joined(total.derived_from) if total is not None else None

    return read


def _estimate_columns(name: str, roles: tuple[str, ...]) -> Iterator[Column[Incident]]:
    for role in roles:
        if role == "total" and name in SUMMARY_FIGURES:
            yield from _total_columns(name)
            continue
        prefix = name if role == "total" else f"{name}_{role.replace('-', '_')}"
        for part in ("best", "low", "high"):
            yield Column(
                f"{prefix}_{part}",
                "number",
                f"Curated {part} estimate of {_counted(name, role)}"
                + ("" if role == "total" else ": the role's own, else its parties' added up")
                + "; empty when not estimated.",
                _estimate(name, role, part),
            )


def _counted(name: str, role: str) -> str:
    """What an estimate column counts: 'people killed whose role is unknown', 'hostages taken'."""
    people = "hostages taken" if name == "hostages" else f"people {name}"
    if role == "total":
        return f"{people} in total"
    if role == "unknown":
        return f"{people} whose role is unknown"
    return f"{people} among {role.replace('-', ' ')}"


def incidents_table(
    url_for: Callable[[str], str], count_sources: Callable[[Incident], int]
) -> Table[Incident]:
    """incidents.csv: one row per incident; page URLs and source counts come from the caller."""
    statuses = tuple(s for s in get_args(Status) if s != "draft")
    columns: list[Column[Incident]] = [
        column("id", "string", "id", "Incident id: start date and a short slug."),
        column("title", "string", "title", "Short descriptive title."),
        column(
            "status", "string", "status", "The record's status: drafts are in no file.", statuses
        ),
        column("created", "date", "created", "When the record was created."),
        column("start", "string", "when.start", "Start as recorded: date or date-time."),
        column("start_date", "date", "date", "Calendar date of the start."),
        column("end", "string", "when.end", "End as recorded, when known."),
        column("precision", "string", "when.precision", _PRECISION, get_args(Precision)),
        column("country", "string", "primary_place.country", "ISO 3166-1 code, first place."),
        column("region", "string", "primary_place.region", "Region of the first place."),
        column("settlement", "string", "primary_place.settlement", "Settlement, first place."),
        column("lat", "number", _coordinate("lat"), "Latitude (WGS 84), first located place."),
        column("lon", "number", _coordinate("lon"), "Longitude (WGS 84), first located place."),
        column("coordinate_precision", "string", _coordinate("precision"), _ACCURACY),
        column("place_count", "integer", lambda i: len(i.places), _PLACES),
        column("types", "string", lambda i: joined(i.types), _TYPES),
        column("violence", "string", "violence.category", _VIOLENCE, get_args(ViolenceCategory)),
        column("violence_classified_by", "string", "violence.classified_by", _CLASSIFIED),
        column("gtd_ids", "string", _ids("gtd"), "Global Terrorism Database eventids" + _IDS),
        column("acled_ids", "string", _ids("acled"), "ACLED event_id_cnty ids" + _IDS),
        column("ucdp_ged_ids", "string", _ids("ucdp_ged"), "UCDP GED event ids" + _IDS),
        column("wikidata_id", "string", "identifiers.wikidata", "The Wikidata item (Q...)."),
        column("part_of", "string", _part_of, _PART_OF),
    ]
    for name in SUMMARY_FIGURES:
        columns += _estimate_columns(name, ROLES)
    columns += _estimate_columns("hostages", ("total",))
    columns += [
        column("source_count", "integer", count_sources, "Number of sources the record cites."),
        column(
            "url",
            "string",
            lambda i: url_for(i.id),
            "The incident's page, relative to the site's root (the folder above data/).",
        ),
    ]
    description = "One row per incident: when, where, types and the curated estimates."
    return Table("incidents", description, tuple(columns), ("id",))


_PRECISION = "How exact the start is: precision 'month' means 'some day that month'."
_ACCURACY = "What the coordinates are accurate to (a settlement centre is not the scene)."
_PLACES = "Number of places the record lists (rows in places.csv)."
_VIOLENCE = "UCDP's category of organised violence, where the record classifies the incident."
_CLASSIFIED = "Who classified it ('Editors of this record', 'UCDP GED')."
_IDS = " of the same event, separated by ';'."


def _ids(dataset: str) -> Callable[[Incident], Cell]:
    def read(incident: Incident) -> Cell:
        return joined(getattr(incident.identifiers, dataset))

    return read


_TYPES = (
    "Incident type ids, separated by ';' (their labels are in terms.csv, vocabulary "
    "`incident_types`)."
)


def _part_of(incident: Incident) -> str:
    return joined(r.id for r in incident.related if r.relation == "part-of")


_PART_OF = (
    "Ids of the incidents this record says it is part of (';'-separated): leave it out to "
    "count events; the link's note (related.csv) says whether its figures are counted there."
)
