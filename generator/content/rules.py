"""Semantic rules: one small function per rule, its docstring states the rule.

Each ``check_*`` yields findings (a field path, a message and a level); ``validate`` places
them in the file. Rules that need more than one record take summaries, never whole files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from generator.content.page_paths import check_incident_pages
from generator.core.errors import Finding, did_you_mean
from generator.model import (
    ID_PATTERN,
    INCIDENT_ID_PATTERN,
    MAX_ID_LENGTH,
    Claim,
    Figure,
    Incident,
    Place,
    Source,
    Vocabulary,
    When,
    role_estimates,
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
    yield from check_vocabulary(incident, vocabulary)
    yield from check_places(incident, vocabulary)
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


def check_vocabulary(incident: Incident, vocabulary: Vocabulary) -> Iterator[Finding]:
    """Incident types and tactics come from content/vocabulary.yaml."""
    types = {term.id for term in vocabulary.incident_types}
    for index, kind in enumerate(incident.types):
        if kind not in types:
            yield Finding(("types", index), not_in("an incident type", kind, types))
    tactics = {term.id for term in vocabulary.tactics}
    for index, tactic in enumerate(incident.response.tactics):
        if tactic.tactic not in tactics:
            yield Finding(
                ("response", "tactics", index, "tactic"),
                not_in("a tactic", tactic.tactic, tactics),
            )


def check_types_given(incident: Incident) -> Iterator[Finding]:
    """A record that is not a draft has at least one incident type."""
    if not incident.types and incident.status != "draft":
        yield Finding(("types",), "must list at least one incident type unless status is 'draft'")


def check_places(incident: Incident, vocabulary: Vocabulary) -> Iterator[Finding]:
    """Places name known regions, with coordinates inside the country where its bounds are known."""
    for index, place in enumerate(incident.places):
        yield from check_place(place, index, vocabulary)


def check_place(place: Place, index: int, vocabulary: Vocabulary) -> Iterator[Finding]:
    """``check_places`` on one place (also run when the rest of the record is broken)."""
    countries = {country.code: country for country in vocabulary.countries}
    country = countries.get(place.country)
    point = place.coordinates
    if country is not None and point is not None and not country.contains(point.lat, point.lon):
        yield Finding(
            ("places", index, "coordinates"),
            f"lies outside {country.name} (got lat {point.lat:g}, lon {point.lon:g}); "
            "are lat and lon swapped?",
        )
    known = {r.name for r in vocabulary.regions if r.country == place.country}
    if place.region is not None and known and place.region not in known:
        yield Finding(("places", index, "region"), not_in("a region", place.region, known))


def check_figures(incident: Incident, vocabulary: Vocabulary) -> Iterator[Finding]:
    """Figures are known, unique per role, with well-formed claims and estimates."""
    names = {term.id for term in vocabulary.figures}
    seen: set[tuple[str | None, ...]] = set()
    for index, figure in enumerate(incident.figures):
        loc: tuple[str | int, ...] = ("figures", index)
        if figure.identity in seen:
            narrowed = "".join(
                f", {key} '{value}'"
                for key, value in zip(
                    ("party", "by", "place", "country"), figure.split, strict=True
                )
                if value is not None
            )
            yield Finding(
                (*loc, "role"),
                f"repeats figure '{figure.figure}' for role '{figure.role}'{narrowed}",
            )
        seen.add(figure.identity)
        yield from check_figure(figure, loc, vocabulary, names)
    yield from check_role_split(incident)


def check_figure(
    figure: Figure, loc: tuple[str | int, ...], vocabulary: Vocabulary, names: set[str]
) -> Iterator[Finding]:
    """One figure on its own: a known figure, with well-formed claims and estimate."""
    if figure.figure not in names:
        yield Finding((*loc, "figure"), not_in("a figure", figure.figure, names))
    yield from check_claims(figure, loc, vocabulary.unit(figure.figure))
    yield from check_estimate(figure, loc)


def check_claims(figure: Figure, loc: tuple[str | int, ...], unit: str) -> Iterator[Finding]:
    """A claim gives a value, or min and max with min <= max, or only words; people are whole."""
    for index, claim in enumerate(figure.claims):
        yield from check_claim(claim, (*loc, "claims", index), unit)


def check_claim(claim: Claim, here: tuple[str | int, ...], unit: str) -> Iterator[Finding]:
    """``check_claims`` on one claim (also run when the rest of its figure is broken)."""
    if claim.value is not None and (claim.min is not None or claim.max is not None):
        yield Finding((*here, "value"), "must not be given together with min or max")
    elif (claim.min is None) != (claim.max is None):
        yield Finding(
            (*here, "min" if claim.min is None else "max"),
            "is required: a range needs both min and max",
        )
    elif claim.min is not None and claim.max is not None and claim.min > claim.max:
        yield Finding((*here, "max"), f"must not be less than min (got {claim.max})")
    elif not claim.is_quantified and not claim.text:
        yield Finding(here, "must give a value, a min/max range, or the words as text")
    for key in ("value", "min", "max"):
        number = getattr(claim, key)
        if unit == "people" and number is not None and not float(number).is_integer():
            yield Finding((*here, key), f"must be a whole number of people (got {number})")


def check_estimate(figure: Figure, loc: tuple[str | int, ...]) -> Iterator[Finding]:
    """Low <= best <= high; best lies within the claims unless a rationale says why."""
    estimate = figure.estimate
    if estimate is None:
        return
    here = (*loc, "estimate")
    order = _out_of_order(estimate.low, estimate.best, estimate.high)
    if order is not None:
        yield Finding((*here, order[0]), f"{order[1]}: an estimate needs low <= best <= high")
    low, high = figure.claimed_low, figure.claimed_high
    outside = low is not None and high is not None and not low <= estimate.best <= high
    if outside and not estimate.rationale:
        yield Finding(
            (*here, "best"),
            f"lies outside the claimed values {low:g}-{high:g}; give a rationale or correct it",
        )
    if estimate.rule == "editor-judgement" and not estimate.rationale:
        yield Finding((*here, "rationale"), "is required when rule is 'editor-judgement'")


def _out_of_order(low: float, best: float, high: float) -> tuple[str, str] | None:
    """The field that breaks low <= best <= high, and how, naming the numbers."""
    if low > high:
        return "low", f"low {low:g} is above high {high:g}"
    if best > high:
        return "best", f"best {best:g} is above high {high:g}"
    if best < low:
        return "best", f"best {best:g} is below low {low:g}"
    return None


def check_role_split(incident: Incident) -> Iterator[Finding]:
    """The lowest estimates by role add up to no more than the highest estimate of their whole.

    'total' is the whole of every role; 'victims' is the whole of civilians and security forces.
    """
    for index, figure in enumerate(incident.figures):
        if figure.role not in ("total", "victims") or figure.estimate is None or figure.is_part:
            continue
        parts = _sum_part_lows(incident, figure.figure, figure.role)
        if parts > figure.estimate.high:
            yield Finding(
                ("figures", index, "estimate", "high"),
                f"is smaller than the sum of the role estimates' lows ({parts:g})",
            )


def _sum_part_lows(incident: Incident, name: str, whole: str) -> float:
    """The lows of the roles inside a whole; victims count once, split or not."""
    lows = {role: total.low for role, total in role_estimates(incident.figures, name).items()}
    victims = lows.get("civilians", 0) + lows.get("security-forces", 0)
    if whole == "victims":
        return victims
    return (
        lows.get("perpetrators", 0) + lows.get("unknown", 0) + max(victims, lows.get("victims", 0))
    )


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


def not_in(what: str, value: str, known: set[str]) -> str:
    """The message for a value missing from a vocabulary list, with a hint or the valid values."""
    # Without a close match, every valid value is listed: the curator picks from them.
    hint = did_you_mean(value, known)
    listed = f"{len(known)} known values" if hint and len(known) > 12 else ", ".join(sorted(known))
    return f"must be {what} from content/vocabulary.yaml: {listed} (got '{value}'){hint}"


def _as_datetime(value: dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)


def day_of(value: dt.date) -> dt.date:
    """The calendar day of a date or date-time."""
    return value.date() if isinstance(value, dt.datetime) else value
