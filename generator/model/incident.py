"""An incident and its parts: when, where, who, what was counted and what followed."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field

from .citations import cited_ids
from .fields import (
    AftermathKind,
    Attribution,
    CoordinatePrecision,
    Date,
    FateCategory,
    IncidentId,
    Language,
    Line,
    Moment,
    Precision,
    Record,
    Relation,
    Slug,
    SourceId,
    StatementKind,
    Status,
    Text,
)
from .figures import Figure, Total, total_of


class Name(Record):
    """The incident's name in another language."""

    lang: Language
    text: Line
    source: SourceId | None = None


class DateClaim(Record):
    """One source's statement of when the incident happened."""

    start: Moment
    end: Moment | None = None
    precision: Precision = "day"
    stated_by: Line | None = None
    source: SourceId
    uncertain: Annotated[bool, Field(strict=True)] = False
    """The report that states it is not pinned down, or it is only in a low-reliability source."""
    note: Text | None = None


class When(Record):
    """When it happened: the curated start and end, and competing dates where sources disagree."""

    start: Moment
    end: Moment | None = None
    precision: Precision
    """How exact ``start`` is: a date given with ``precision: month`` means 'that month'."""
    claims: tuple[DateClaim, ...] = ()
    """What each source said, when sources disagree on the date or time."""
    note: Text | None = None

    @property
    def is_disputed(self) -> bool:
        """Sources give more than one start."""
        return len({claim.start for claim in self.claims}) > 1


class Coordinates(Record):
    """A point in WGS 84 and what it is accurate to."""

    lat: Annotated[float, Field(ge=-90, le=90, strict=True)]
    lon: Annotated[float, Field(ge=-180, le=180, strict=True)]
    precision: CoordinatePrecision


class Place(Record):
    """One place where the incident happened."""

    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    """ISO 3166-1 alpha-2 code."""
    region: Line | None = None
    """Region (oblast) or city of republican significance, from the vocabulary."""
    district: Line | None = None
    settlement: Line | None = None
    address: Line | None = None
    landmark: Line | None = None
    coordinates: Coordinates | None = None
    role: Line | None = None
    """What happened here, for multi-site incidents ('gun shop', 'National Guard base')."""
    sources: tuple[SourceId, ...] = ()


class Label(Record):
    """A label that someone applied to the incident, such as 'terrorism'."""

    label: Line
    applied_by: Line
    as_of: Date | None = None
    source: SourceId
    quote: Text | None = None
    uncertain: Annotated[bool, Field(strict=True)] = False
    """The report that states it is not pinned down, or it is only in a low-reliability source."""
    note: Text | None = None


class Perpetrator(Record):
    """A person, group or force said to have carried out the incident."""

    name: Line | None = None
    description: Text
    kind: Literal["individual", "group", "state-force", "unknown"]
    attribution: Attribution
    attributed_by: Line | None = None
    sources: tuple[SourceId, ...] = Field(min_length=1)


class ResponsibilityClaim(Record):
    """A claim of responsibility by a group, and how credible it was judged."""

    claimant: Line
    text: Text | None = None
    as_of: Date | None = None
    credibility_note: Text | None = None
    source: SourceId
    uncertain: Annotated[bool, Field(strict=True)] = False
    """The report that states it is not pinned down, or it is only in a low-reliability source."""


class Force(Record):
    """A unit or agency that responded."""

    name: Line
    agency: Line | None = None
    role: Literal["lead", "support", "unknown"] = "unknown"
    sources: tuple[SourceId, ...] = Field(min_length=1)


class Official(Record):
    """A named official and the part they played."""

    name: Line
    position: Line
    role: Line
    sources: tuple[SourceId, ...] = Field(min_length=1)


class Victim(Record):
    """A category of people harmed or targeted."""

    category: Line
    description: Text | None = None
    sources: tuple[SourceId, ...] = Field(min_length=1)


class Tactic(Record):
    """A tactic the responders used, from the vocabulary, with its source."""

    tactic: Slug
    sources: tuple[SourceId, ...] = Field(min_length=1)
    note: Text | None = None


class Fate(Record):
    """What happened to the perpetrators, in the words reported."""

    words: Line
    """As reported: 'neutralized', 'detained, uninjured'."""
    category: FateCategory = "unclear"
    stated_by: Line
    as_of: Moment | None = None
    source: SourceId


class Response(Record):
    """Who responded, how, and who led it."""

    forces: tuple[Force, ...] = ()
    led_by: Line | None = None
    tactics: tuple[Tactic, ...] = ()


class Demand(Record):
    """A demand the hostage-takers made, as a source reports it."""

    text: Text
    stated_by: Line
    source: SourceId


class HostageTaking(Record):
    """The hostage block; counts live in the figures (hostages, hostages-released...)."""

    demands: tuple[Demand, ...] = ()
    negotiators: tuple[Official, ...] = ()
    outcome: Text | None = None
    sources: tuple[SourceId, ...] = Field(min_length=1)


class TimelineEntry(Record):
    """A moment in the incident."""

    time: Moment
    precision: Precision = "minute"
    text: Text
    sources: tuple[SourceId, ...] = Field(min_length=1)


class Statement(Record):
    """An attributed quote or paraphrase."""

    speaker: Line
    position: Line | None = None
    date: Moment | None = None
    kind: StatementKind
    text: Text
    source: SourceId
    locator: Line | None = None


class AftermathEntry(Record):
    """What followed: investigation, charges, trials, alert levels."""

    date: Date | None = None
    kind: AftermathKind
    text: Text
    sources: tuple[SourceId, ...] = Field(min_length=1)


class Related(Record):
    """A link to another incident and how they are related (read from this incident)."""

    id: IncidentId
    relation: Relation
    note: Text | None = None


class Incident(Record):
    """One incident: one file in ``content/incidents/``, named by its id."""

    title: Line
    names: tuple[Name, ...] = ()
    """Names in Russian, Kazakh or other languages, where sources give them."""
    status: Status
    withdrawn_reason: Text | None = None
    created: Date
    summary: Text
    when: When
    places: tuple[Place, ...] = Field(min_length=1)
    types: tuple[Slug, ...] = ()
    """Incident types from the vocabulary; a draft may leave them for later."""
    labels: tuple[Label, ...] = ()
    perpetrators: tuple[Perpetrator, ...] = ()
    responsibility_claims: tuple[ResponsibilityClaim, ...] = ()
    officials: tuple[Official, ...] = ()
    victims: tuple[Victim, ...] = ()
    figures: tuple[Figure, ...] = ()
    response: Response = Response()
    outcome: Line | None = None
    """One line: how it ended."""
    fates: tuple[Fate, ...] = ()
    hostage_taking: HostageTaking | None = None
    timeline: tuple[TimelineEntry, ...] = ()
    statements: tuple[Statement, ...] = ()
    aftermath: tuple[AftermathEntry, ...] = ()
    related: tuple[Related, ...] = ()
    notes: Text | None = None
    id: IncidentId = Field(default="", exclude=True, json_schema_extra={"readOnly": True})
    """The file stem; set by the loader, never written in YAML."""

    @property
    def year(self) -> int:
        """Year of the start."""
        return self.when.start.year

    @property
    def date(self) -> dt.date:
        """Calendar date of the start."""
        start = self.when.start
        return start.date() if isinstance(start, dt.datetime) else start

    @property
    def primary_place(self) -> Place:
        """The first place listed."""
        return self.places[0]

    @cached_property
    def source_ids(self) -> tuple[str, ...]:
        """Every source the record cites, in order of first citation."""
        return tuple(dict.fromkeys(cited_ids(self)))

    def figure(self, name: str, role: str = "total") -> Figure | None:
        """The figure with this name and role, if recorded."""
        return next((f for f in self.figures if f.key == (name, role)), None)

    def total(self, name: str) -> Total | None:
        """The whole count of a figure: curated, or added up from disjoint roles."""
        return total_of(self.figures, name)

    def best(self, name: str, role: str = "total") -> float | None:
        """The best estimate of a figure, if there is one."""
        found = self.figure(name, role)
        return found.estimate.best if found and found.estimate else None
