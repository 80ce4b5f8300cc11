"""Semantic rules: one small function per rule, its docstring states the rule.

Each ``check_*`` yields findings (a field path, a message and a level); ``validate`` places
them in the file. Rules that need more than one record take summaries, never whole files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from generator.content.figure_rules import check_figures
from generator.content.messages import not_in
from generator.content.page_paths import check_incident_pages
from generator.core.errors import Finding
from generator.model import (
    ID_PATTERN,
    INCIDENT_ID_PATTERN,
    MAX_ID_LENGTH,
    Incident,
    Place,
    Source,
    Vocabulary,
    When,
)

_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def check_file_id(stem: str, source: bool) -> Iterator[Finding]:
    """A file name is its id: lower-case ASCII words and hyphens, at most 64 characters."""
    pattern = ID_PATTERN if source else INCIDENT_ID_PATTERN
    shape = "lower-case-words" if source else "YYYY-MM-DD-lower-case-words"
    if len(stem) > MAX_ID_LENGTH:
        yield Finding((), f"file name must be at most {MAX_ID_LENGTH} characters (got {len(stem)})")
    elif not re.fullmatch(pattern, stem, flags=re.ASCII) or stem in _WINDOWS_RESERVED:
        yield Finding((), f"file name must be {shape}.yaml (got '{stem}.yaml')")


def check_source(source: Source) -> Iterator[Finding]:
    """A source without a URL says in its notes why there is none."""
    if source.url is None and not source.notes:
        yield Finding(("url",), "is required unless notes say why the report has no address")
    if source.syndicated_from and source.syndicated_from == source.publisher:
        yield Finding(("syndicated_from",), "must name the original publisher, not this one")


def check_incident(incident: Incident, vocabulary: Vocabulary, today: dt.date) -> Iterator[Finding]:
    """Every per-record rule, in file order."""
    yield from check_id_date(incident)
    yield from check_status(incident)
    yield from check_when(incident, today)
    yield from check_types_given(incident)
    yield from check_places(incident, vocabulary)
    yield from check_place_sources(incident)
    yield from check_figures(incident, vocabulary)
    yield from check_related(incident)
    yield from check_hostage_block(incident)
    yield from check_no_future_dates(incident, today)
    yield from check_dates_after_start(incident)
    yield from check_incident_pages(incident)


def check_id_date(incident: Incident) -> Iterator[Finding]:
    """The date in the id is the incident's start date."""
    if incident.id[:10] != incident.date.isoformat():
        yield Finding(
            ("when", "start"),
            f"must match the date in the id '{incident.id}' "
            f"(got '{incident.date.isoformat()}'); rename the file or fix the date",
        )


def check_status(incident: Incident) -> Iterator[Finding]:
    """A withdrawn record gives a reason; only a withdrawn record has one."""
    if incident.status == "withdrawn" and not incident.withdrawn_reason:
        yield Finding(("withdrawn_reason",), "is required when status is 'withdrawn'")
    if incident.status != "withdrawn" and incident.withdrawn_reason:
        yield Finding(("withdrawn_reason",), "must be left out unless status is 'withdrawn'")


def check_when(incident: Incident, today: dt.date) -> Iterator[Finding]:
    """End is not before start; minute or hour precision needs a time of day."""
    yield from check_when_block(incident.when)


def check_when_block(when: When) -> Iterator[Finding]:
    """``check_when`` on the when block alone (also run when the rest of the record is broken)."""
    if when.end is not None and _as_datetime(when.end) < _as_datetime(when.start):
        yield Finding(("when", "end"), f"must not be before start (got '{when.end.isoformat()}')")
    if when.precision in ("minute", "hour") and not isinstance(when.start, dt.datetime):
        yield Finding(
            ("when", "precision"),
            f"'{when.precision}' needs a start with a time and UTC offset (got '{when.start}')",
        )
    for index, claim in enumerate(when.claims):
        if claim.end is not None and _as_datetime(claim.end) < _as_datetime(claim.start):
            yield Finding(("when", "claims", index, "end"), "must not be before start")


def check_no_future_dates(incident: Incident, today: dt.date) -> Iterator[Finding]:
    """No date lies after today (the build date)."""
    dated: list[tuple[tuple[str | int, ...], Any]] = [
        (("created",), incident.created),
        (("when", "start"), incident.when.start),
        (("when", "end"), incident.when.end),
    ]
    dated += _claim_dates(incident)
    dated += [(("timeline", i, "time"), e.time) for i, e in enumerate(incident.timeline)]
    dated += [(("aftermath", i, "date"), e.date) for i, e in enumerate(incident.aftermath)]
    for loc, value in dated:
        if value is not None and day_of(value) > today:
            yield Finding(loc, f"must not be in the future (got '{value.isoformat()}')")


def check_dates_after_start(incident: Incident) -> Iterator[Finding]:
    """Statements of figures and fates, and what followed, are not dated before the start."""
    dated = _claim_dates(incident)
    dated += [(("fates", i, "as_of"), fate.as_of) for i, fate in enumerate(incident.fates)]
    dated += [(("aftermath", i, "date"), entry.date) for i, entry in enumerate(incident.aftermath)]
    for loc, value in dated:
        if value is not None and day_of(value) < incident.date:
            yield Finding(
                loc,
                f"must not be before the incident starts on {incident.date.isoformat()} "
                f"(got '{value.isoformat()}')",
            )


def _claim_dates(incident: Incident) -> list[tuple[tuple[str | int, ...], dt.date | None]]:
    """Every figure claim's as-of date with its field path."""
    return [
        (("figures", i, "claims", j, "as_of"), claim.as_of)
        for i, figure in enumerate(incident.figures)
        for j, claim in enumerate(figure.claims)
    ]


def check_types_given(incident: Incident) -> Iterator[Finding]:
    """A record that is not a draft has at least one incident type."""
    if not incident.types and incident.status != "draft":
        yield Finding(("types",), "must list at least one incident type unless status is 'draft'")


def check_places(incident: Incident, vocabulary: Vocabulary) -> Iterator[Finding]:
    """Places name known regions, with coordinates inside the country where its bounds are known."""
    for index, place in enumerate(incident.places):
        yield from check_place(place, index, vocabulary)


def check_place_sources(incident: Incident) -> Iterator[Finding]:
    """A published record's place names the report it comes from, as every claim does."""
    if incident.status != "published":
        return
    for index, place in enumerate(incident.places):
        if not place.sources:
            yield Finding(
                ("places", index),
                "should name the report it comes from in sources (rule 3 of "
                "content/README.md: every claim cites a source)",
                "warning",
            )


def check_place(place: Place, index: int, vocabulary: Vocabulary) -> Iterator[Finding]:
    """``check_places`` on one place (also run when the rest of the record is broken)."""
    countries = {country.code: country for country in vocabulary.countries}
    country = countries.get(place.country)
    point = place.coordinates
    if country is not None and point is not None and not country.contains(point.lat, point.lon):
        swapped = abs(point.lon) <= 90 and country.contains(point.lon, point.lat)
        yield Finding(
            ("places", index, "coordinates"),
            f"lies outside {country.name} (got lat {point.lat:g}, lon {point.lon:g})"
            + ("; lat and lon look swapped" if swapped else ""),
        )
    known = {r.name for r in vocabulary.regions if r.country == place.country}
    if place.region is not None and known and place.region not in known:
        yield Finding(("places", index, "region"), not_in("a region", place.region, known))


def check_related(incident: Incident) -> Iterator[Finding]:
    """A related incident is another incident, listed once."""
    seen: set[str] = set()
    for index, related in enumerate(incident.related):
        if related.id == incident.id:
            yield Finding(("related", index, "id"), "must not be the incident itself")
        if related.id in seen:
            yield Finding(("related", index, "id"), f"lists '{related.id}' twice")
        seen.add(related.id)


def check_hostage_block(incident: Incident) -> Iterator[Finding]:
    """A hostage-taking has a hostage block and a hostages figure (a warning)."""
    if "hostage-taking" not in incident.types:
        return
    if incident.hostage_taking is None:
        yield Finding(("types",), "lists hostage-taking but hostage_taking is missing", "warning")
    if incident.figure("hostages") is None:
        yield Finding(("figures",), "has no 'hostages' figure for a hostage-taking", "warning")


def _as_datetime(value: dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)


def day_of(value: dt.date) -> dt.date:
    """The calendar day of a date or date-time."""
    return value.date() if isinstance(value, dt.datetime) else value
