"""Site view-models: how records are grouped, sorted and worded on pages (no I/O).

Templates receive model objects plus the small frozen views built here; every sort, group
and count happens in Python so that templates only loop and print. The pages that list
records read the records' summaries (``model.Summary``), never the records themselves.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.model import Dataset, Place, Summary, country_name, place_area
from generator.text.filters import EXTENT_WORDS, NO_NAMES, format_number, slugify

RELATION_LABELS = {
    "part-of": "part of",
    "preceded-by": "preceded by",
    "followed-by": "followed by",
    "same-perpetrators": "same perpetrators as",
    "response-to": "a response to",
    "linked": "linked to",
}


INVERSE_RELATION_LABELS = {
    "part-of": "includes",
    "preceded-by": "followed by",
    "followed-by": "preceded by",
    "same-perpetrators": "same perpetrators as",
    "response-to": "prompted",
    "linked": "linked to",
}


ACTOR_KINDS = {
    "groups": "Groups",
    "units": "Responding units",
    "officials": "Officials",
}


@dataclass(frozen=True)
class Group:
    """Incidents that share a year, type, place or actor; ``key`` names its page."""

    key: str
    label: str
    incidents: tuple[Summary, ...]
    description: str | None = None


@dataclass(frozen=True)
class PlaceGroup:
    """A region's page: its incidents split by settlement."""

    key: str
    label: str
    settlements: tuple[Group, ...]

    @property
    def count(self) -> int:
        """Distinct incidents in the region."""
        return len({i.id for s in self.settlements for i in s.incidents})


@dataclass(frozen=True)
class RelatedLink:
    """A link to another incident (its summary), read from the page's incident."""

    incident: Summary
    relation: str
    note: str | None
    stated_here: bool
    """True when this record lists the link; False when the other record does."""


@dataclass(frozen=True)
class YearCount:
    """One bar of the incidents-per-year chart; ``percent`` is its width (at most 80)."""

    year: int
    count: int
    killed: str
    percent: int


# --- Across incidents ----------------------------------------------------------------------


def chronological(incidents: Iterable[Summary]) -> tuple[Summary, ...]:
    """Records by start (date, then time where known), then id."""
    return tuple(sorted(incidents, key=_start_key))


def _start_key(record: Summary) -> tuple[str, str, str]:
    """A record's place in time: its start date (ISO dates sort as dates), time, then id."""
    start = record.when.start
    clock = start.isoformat() if isinstance(start, dt.datetime) else ""
    return (str(record.date), clock, record.id)


def group_by_year(incidents: Iterable[Summary]) -> list[Group]:
    """One group per year, oldest first."""
    years: dict[int, list[Summary]] = defaultdict(list)
    for incident in incidents:
        years[incident.year].append(incident)
    return [Group(str(y), str(y), chronological(years[y])) for y in sorted(years)]


def group_by_type(incidents: Iterable[Summary], dataset: Dataset) -> list[Group]:
    """One group per incident type, in vocabulary order."""
    found: dict[str, list[Summary]] = defaultdict(list)
    for incident in incidents:
        for kind in dict.fromkeys(incident.types):
            found[kind].append(incident)
    terms = {term.id: term for term in dataset.vocabulary.incident_types}
    order = [t.id for t in dataset.vocabulary.incident_types if t.id in found]
    order += sorted(set(found) - set(order))
    return [
        Group(
            kind,
            dataset.vocabulary.label("incident_types", kind),
            chronological(found[kind]),
            terms[kind].description if kind in terms else None,
        )
        for kind in order
    ]


def place_labels(place: Place, countries: Mapping[str, str] = NO_NAMES) -> tuple[str, str]:
    """The region and settlement a place is listed under on the place pages."""
    country = country_name(place.country, countries)
    wide = place.extent in ("country", "regions")  # not a place whose region is unknown
    region = (
        place_area(place, {place.country: country})
        if wide
        else place.region or f"{country}, region not recorded"
    )
    unnamed = (
        EXTENT_WORDS[place.extent or "country"].capitalize() if wide else "Settlement not recorded"
    )
    return region, place.settlement or place.district or unnamed


def place_page(place: Place, countries: Mapping[str, str] = NO_NAMES) -> str:
    """A place's section on its region page, relative to a page one folder deep."""
    region, settlement = place_labels(place, countries)
    return f"../places/{slugify(region)}/#s-{slugify(settlement)}"


def group_by_place(
    incidents: Iterable[Summary], countries: Mapping[str, str] = NO_NAMES
) -> list[PlaceGroup]:
    """Regions (or countries without a region, by name), each split by settlement.

    A place that is a whole country or several regions is listed as such ('Nationwide
    (Kazakhstan)'), never as a place whose region is not recorded.
    """
    regions: dict[str, dict[str, dict[str, Summary]]] = defaultdict(lambda: defaultdict(dict))
    labels: dict[str, list[str]] = defaultdict(list)
    for incident in incidents:
        for place in incident.places:
            region, settlement = place_labels(place, countries)
            key, town = slugify(region), slugify(settlement)
            labels[key].append(region)
            labels[f"{key}/{town}"].append(settlement)
            regions[key][town][incident.id] = incident
    groups = [
        PlaceGroup(
            key,
            most_common(labels[key]),
            tuple(
                sorted(
                    (
                        Group(
                            town,
                            most_common(labels[f"{key}/{town}"]),
                            chronological(found.values()),
                        )
                        for town, found in regions[key].items()
                    ),
                    key=lambda g: (g.label.casefold(), g.key),
                )
            ),
        )
        for key in regions
    ]
    return sorted(groups, key=lambda g: (g.label.casefold(), g.key))


def group_by_actor(incidents: Iterable[Summary]) -> dict[str, list[Group]]:
    """Groups, responding units and officials, each with the incidents that name them."""
    named: dict[str, dict[str, list[tuple[str, Summary]]]] = {k: {} for k in ACTOR_KINDS}
    for incident in incidents:
        for kind, name in incident.actors:
            named[kind].setdefault(slugify(name), []).append((name, incident))
    return {
        kind: sorted(
            (_actor_group(key, mentions) for key, mentions in found.items()),
            key=lambda g: (g.label.casefold(), g.key),
        )
        for kind, found in named.items()
    }


def _actor_group(key: str, mentions: list[tuple[str, Summary]]) -> Group:
    """The most used spelling names the actor; each incident is listed once."""
    spellings = Counter(name for name, _ in mentions)
    label = min(spellings, key=lambda name: (-spellings[name], name))
    incidents = {incident.id: incident for _, incident in mentions}
    return Group(key, label, chronological(incidents.values()))


def most_common(names: Iterable[str]) -> str:
    """The name given most often; the first in order among equals."""
    counts = Counter(names)
    return min(counts, key=lambda name: (-counts[name], name))


def related_links(summaries: Iterable[Summary]) -> dict[str, tuple[RelatedLink, ...]]:
    """Incident id -> its related incidents, listed by it or by the other record.

    Read from the records' summaries: a build need not read the records themselves.
    """
    by_id = {summary.id: summary for summary in summaries}
    links: dict[str, dict[str, RelatedLink]] = defaultdict(dict)
    for summary in by_id.values():
        for other, relation, note in summary.links:
            if other in by_id:
                links[summary.id][other] = RelatedLink(
                    by_id[other], RELATION_LABELS[relation], note, True
                )
    for summary in by_id.values():
        for other, relation, note in summary.links:
            if other in by_id and summary.id not in links[other]:
                links[other][summary.id] = RelatedLink(
                    summary, INVERSE_RELATION_LABELS[relation], note, False
                )
    # Each record's start is worked out once, not once for every link that leads to it.
    starts: dict[str, tuple[str, str, str]] = {}

    def start(link: RelatedLink) -> tuple[str, str, str]:
        found = starts.get(link.incident.id)
        if found is None:
            found = starts[link.incident.id] = _start_key(link.incident)
        return found

    return {key: tuple(sorted(found.values(), key=start)) for key, found in links.items()}


def _year_killed(incidents: Iterable[Summary]) -> str:
    """A year's killed: the sum of the totals recorded, or '–' when none of them records one.

    A year whose incidents record no total shows '–', never 0: a sum of none is not a count.
    """
    totals = [total.best for incident in incidents if (total := incident.total("killed"))]
    return format_number(sum(totals)) if totals else "–"


def count_by_year(incidents: Iterable[Summary]) -> list[YearCount]:
    """Incidents and summed killed totals per year, every year from the first to the last.

    Years without an incident are listed with 0, so that a gap in the record shows as a gap.
    """
    found = {int(group.key): group.incidents for group in group_by_year(incidents)}
    if not found:
        return []
    largest = max(len(items) for items in found.values())
    return [
        YearCount(
            year,
            len(found.get(year, ())),
            _year_killed(found.get(year, ())),
            round(80 * len(found.get(year, ())) / largest),
        )
        for year in range(min(found), max(found) + 1)
    ]
