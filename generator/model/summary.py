"""A record's summary: the little of it that rules and views across records read.

A build keeps every record's summary beside the record (the record itself is large), so that
what depends on several records (likely duplicates, shared page names, related incidents,
citation counts) and the pages that list records (indexes, timeline, map, sources, home) are
worked out from summaries alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from .incident import Incident, When
from .places import Place
from .totals import Total

Named = tuple[str, str, tuple[str | int, ...], str]
"""A page's folder, what names it, the field path of the name, and the name."""
Link = tuple[str, str, str | None]
"""A related incident as a record names it: its id, the relation, the note."""
Actor = tuple[str, str]
"""A named actor of a record and the kind of its page: ('groups', 'Jund al-Khilafah')."""


@dataclass(frozen=True, slots=True)
class Summary:
    """What rules and views across records keep of a valid incident."""

    id: str
    path: str
    """The record's file as messages show it."""
    line: int
    column: int
    """Where the record's start date is written, for a message about it."""
    date: str
    settlement: str
    """The primary place's settlement, case-folded ('' when none)."""
    status: str
    title: str
    when: When
    source_ids: tuple[str, ...]
    """The sources the record cites, in the order it first cites them."""
    links: tuple[Link, ...]
    """Its related incidents, in the record's order."""
    names: tuple[Named, ...]
    """The names in a published record that have a page (none for a draft or withdrawn one)."""
    created: dt.date
    claimed: bool
    """Some figure of the record has a claim."""
    country: str
    region: str | None
    """The primary place's country and region."""
    killed: float | None
    injured: float | None
    """The best figures of the record's whole."""
    report: str
    """What the listings, the report and the database read of the record (``report_part``)."""
    types: tuple[str, ...]
    places: tuple[Place, ...]
    actors: tuple[Actor, ...]
    """Every named group, responding unit and official, in the record's order (``actors_of``)."""
    killed_total: Total | None
    """The whole count of the killed (``Incident.total``), which the listings show."""
    killed_no_total: str = ""
    """What stands for the killed's total where there is none (``Incident.no_total``)."""

    @property
    def related(self) -> frozenset[str]:
        """Incidents this one names as related: known to be distinct."""
        return frozenset(link[0] for link in self.links)

    @property
    def year(self) -> int:
        """Year of the start."""
        return self.when.start.year

    @property
    def primary_place(self) -> Place:
        """The first place listed."""
        return self.places[0]

    def total(self, name: str) -> Total | None:
        """The whole count of the killed, as ``Incident.total`` gives it; no other is kept."""
        if name != "killed":
            raise KeyError(f"a summary keeps the total of the killed only (asked for {name!r})")
        return self.killed_total

    def no_total(self, name: str) -> str:
        """What stands for the killed's total where there is none, as ``Incident.no_total``."""
        if name != "killed":
            raise KeyError(f"a summary keeps the killed only (asked for {name!r})")
        return self.killed_no_total


def summarize(
    incident: Incident,
    path: str = "",
    start: tuple[int, int] = (0, 0),
    names: Iterable[Named] = (),
) -> Summary:
    """The summary of a valid incident read from ``path``, its start date written at ``start``.

    ``names`` are the names in it that have a page; a record that is not published has none.
    """
    place = incident.primary_place
    settlement = place.settlement or ""
    return Summary(
        id=incident.id,
        path=path,
        line=start[0],
        column=start[1],
        date=incident.date.isoformat(),
        settlement=settlement.casefold(),
        status=incident.status,
        title=incident.title,
        when=incident.when,
        source_ids=incident.source_ids,
        links=tuple((item.id, item.relation, item.note) for item in incident.related),
        names=tuple(names) if incident.status == "published" else (),
        created=incident.created,
        claimed=any(figure.claims for figure in incident.figures),
        country=place.country,
        region=place.region and str(place.region),
        killed=incident.best("killed"),
        injured=incident.best("injured"),
        report=report_part(incident),
        types=incident.types,
        places=incident.places,
        actors=actors_of(incident),
        killed_total=incident.total("killed"),
        killed_no_total=incident.no_total("killed"),
    )


def actors_of(incident: Incident) -> tuple[Actor, ...]:
    """(kind, name) of every named group, responding unit and official in a record."""
    found: list[Actor] = [
        (p.actor_page, p.name) for p in incident.parties if p.actor_page and p.name
    ]
    found += [("groups", claim.claimant) for claim in incident.responsibility_claims]
    found += [("officials", official.name) for official in incident.officials]
    if incident.hostage_taking is not None:
        found += [("officials", o.name) for o in incident.hostage_taking.negotiators]
    return tuple(found)


REPORT_UNREAD = frozenset({"summary"})
"""Fields of a checked record that neither the report, the database nor the listing pages
read (only a record's own page and the feed show its summary). A build keeps the records
lean (``build.record_outputs.lean``), so the fields a lean record lacks are never read either."""


def report_part(incident: Incident) -> str:
    """A digest of what the report reads of one record: all it holds but ``REPORT_UNREAD``.

    The record's id is not a field of its dump (it is the file's name), so it is added.
    """
    dump = incident.model_dump_json(exclude=set(REPORT_UNREAD))
    return hashlib.blake2b(f"{incident.id}\0{dump}".encode(), digest_size=16).hexdigest()
