"""The record format: frozen models that are the one source of truth for records and sources.

Curated fields are the model fields below; YAML keys are identical to them. Computed values
are properties and are never written in YAML:

- ``Incident.id`` (the file stem), ``Incident.year``, ``Incident.primary_place``,
  ``Incident.source_ids``, ``Incident.figure(name, role)``, ``Incident.best(name, role)``
- ``Figure.spread``, ``Figure.is_disputed``, ``Figure.claimed_low``, ``Figure.claimed_high``
- ``Claim.low``, ``Claim.high``, ``Claim.display``
- ``When.is_disputed``

The model does no I/O; vocabularies (incident types, tactics, figures, regions) are data in
``content/vocabulary.yaml`` and are checked by ``validate``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
INCIDENT_ID_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[a-z0-9]+)+"
MAX_ID_LENGTH = 64


def _parse_moment(value: Any) -> Any:
    """Turn an ISO 8601 date or date-time with UTC offset into ``date`` or ``datetime``."""
    if isinstance(value, dt.datetime | dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError("must be a date (YYYY-MM-DD) or a date-time with UTC offset")
    text = value.strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError("must be a real calendar date") from None
    if re.fullmatch(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?([+-][0-9]{2}:[0-9]{2}|Z)",
        text,
    ):
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError("must be a real calendar date and time") from None
    raise ValueError(
        "must be a date (YYYY-MM-DD) or a date-time with UTC offset (YYYY-MM-DDTHH:MM+06:00)"
    )


def _parse_date(value: Any) -> Any:
    """Turn an ISO 8601 calendar date into ``date``."""
    moment = _parse_moment(value)
    if isinstance(moment, dt.datetime):
        raise ValueError("must be a date (YYYY-MM-DD) without a time")
    return moment


def _check_url(value: str) -> str:
    """Accept only absolute http(s) URLs: never javascript:, data: or file:."""
    if not re.fullmatch(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", value, flags=re.ASCII):
        raise ValueError("must be an absolute http:// or https:// URL")
    return value


def _check_text(value: str) -> str:
    """Reject control characters other than newline and tab."""
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", value):
        raise ValueError("must not contain control characters")
    if not value.strip():
        raise ValueError("must not be empty")
    return value


_DATE_SCHEMA = {"type": "string", "format": "date"}
_MOMENT_SCHEMA = {
    "type": "string",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?([+-][0-9]{2}:[0-9]{2}|Z))?$",
    "description": "A date (YYYY-MM-DD) or a date-time with UTC offset (YYYY-MM-DDTHH:MM+06:00).",
}

Date = Annotated[dt.date, BeforeValidator(_parse_date), WithJsonSchema(_DATE_SCHEMA)]
Moment = Annotated[
    dt.datetime | dt.date, BeforeValidator(_parse_moment), WithJsonSchema(_MOMENT_SCHEMA)
]
Url = Annotated[str, AfterValidator(_check_url), Field(max_length=2000)]
Line = Annotated[str, AfterValidator(_check_text), Field(max_length=300)]
Text = Annotated[str, AfterValidator(_check_text), Field(max_length=5000)]
Slug = Annotated[str, Field(pattern=f"^{ID_PATTERN}$", max_length=MAX_ID_LENGTH)]
SourceId = Slug
IncidentId = Annotated[str, Field(pattern=f"^{INCIDENT_ID_PATTERN}$", max_length=MAX_ID_LENGTH)]
Count = Annotated[
    Annotated[int, Field(strict=True)] | Annotated[float, Field(strict=True)], Field(ge=0)
]

Precision = Literal["minute", "hour", "day", "week", "month", "year"]
Role = Literal[
    "total", "victims", "perpetrators", "security-forces", "civilians", "hostages", "unknown"
]
"""Whose count a figure is; 'victims' is everyone but the perpetrators, for unsplit tolls."""
Qualifier = Literal["exact", "about", "at-least", "at-most"]
Attribution = Literal["confirmed", "claimed", "suspected", "alleged-by-authorities", "disputed"]
PublisherType = Literal[
    "official",
    "state-media",
    "independent",
    "international",
    "wire",
    "ngo",
    "reference",
    "dataset",
    "blog",
]
Reliability = Literal["high", "medium", "low"]
Rule = Literal[
    "single-source", "consensus", "latest-official", "most-conservative", "editor-judgement"
]
Relation = Literal[
    "part-of",
    "preceded-by",
    "followed-by",
    "same-perpetrators",
    "response-to",
    "linked",
]
AftermathKind = Literal[
    "investigation",
    "charges",
    "arrest",
    "trial",
    "sentence",
    "alert-level",
    "compensation",
    "mourning",
    "policy",
    "other",
]
FateCategory = Literal["killed", "injured", "detained", "surrendered", "at-large", "unclear"]
StatementKind = Literal["quote", "paraphrase"]
CoordinatePrecision = Literal["exact", "street", "district", "settlement", "region", "country"]
Status = Literal["draft", "published", "withdrawn"]
Language = Annotated[str, Field(pattern=r"^[a-z]{2}$")]


class Record(BaseModel):
    """Base of every model: unknown keys rejected, immutable; numbers and flags are strict."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


# --- Sources -------------------------------------------------------------------------------


class Source(Record):
    """A published report that records cite; one file per source in ``content/sources/``."""

    title: Line | None = None
    """Headline as published; leave out when it is not known rather than make one up."""
    publisher: Line
    """Outlet or body that published it, e.g. 'Kazinform' or 'Reuters'."""
    publisher_type: PublisherType
    """What kind of publisher it is."""
    url: Url | None = None
    """Address of the report; leave out only when it could not be found, and say so in notes."""
    archive_url: Url | None = None
    """A copy in a web archive."""
    published: Moment | None = None
    """Publication date or date-time, as the report gives it."""
    language: Language
    """ISO 639-1 code of the report's language."""
    accessed: Date | None = None
    """When a curator last read it."""
    author: Line | None = None
    """Byline, where given."""
    syndicated_from: Line | None = None
    """The original publisher when this is a copy (Reuters text on a syndicating site)."""
    reliability: Reliability = "medium"
    """Curator's reading of the report's reliability."""
    notes: Text | None = None
    """What a reader should know about this source (copies, uncertainty, missing original)."""
    id: SourceId = Field(default="", exclude=True, json_schema_extra={"readOnly": True})
    """The file stem; set by the loader, never written in YAML."""

    @property
    def display_title(self) -> str:
        """The headline, or a description when the headline is not known."""
        return self.title or f"Untitled report by {self.publisher}"


# --- Incident parts ------------------------------------------------------------------------


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


class Claim(Record):
    """One source's figure: a value or a min/max range, who said it and when."""

    value: Count | None = None
    min: Count | None = None
    max: Count | None = None
    qualifier: Qualifier = "exact"
    text: Line | None = None
    """The words as reported ('six or seven', 'dozens'); alone, the claim is unquantified."""
    stated_by: Line
    as_of: Moment | None = None
    source: SourceId
    locator: Line | None = None
    quote: Text | None = None
    uncertain: Annotated[bool, Field(strict=True)] = False
    """Only in a secondary or low-reliability source: shown as uncertain."""
    note: Text | None = None

    @property
    def low(self) -> float | None:
        """The smallest number this claim allows, or None when unquantified."""
        return self.value if self.value is not None else self.min

    @property
    def high(self) -> float | None:
        """The largest number this claim allows (at-least claims have no upper bound)."""
        if self.qualifier == "at-least":
            return None
        return self.value if self.value is not None else self.max

    @property
    def is_quantified(self) -> bool:
        """The claim gives a number or a range."""
        return self.value is not None or self.min is not None

    @property
    def display(self) -> str:
        """The claim's number as a reader sees it: '6', '6-7', 'at least 37', 'dozens'."""
        if not self.is_quantified:
            return self.text or "unquantified"
        number = (
            _number(self.value)
            if self.value is not None
            else f"{_number(self.min)}–{_number(self.max)}"
        )
        prefix = {"exact": "", "about": "about ", "at-least": "at least ", "at-most": "at most "}
        return prefix[self.qualifier] + number


class Estimate(Record):
    """The curated best/low/high value of a figure and the rule that chose it."""

    best: Count
    low: Count
    high: Count
    rule: Rule
    rationale: Text | None = None

    @property
    def display(self) -> str:
        """'6' when low, best and high agree; otherwise '6 (3–8)'."""
        if self.low == self.best == self.high:
            return _number(self.best)
        return f"{_number(self.best)} ({_number(self.low)}–{_number(self.high)})"


class Figure(Record):
    """A count for one role (killed civilians, say): every source's claim and the estimate."""

    figure: Slug
    """A figure id from the vocabulary: killed, injured, hostages, duration..."""
    role: Role = "total"
    claims: tuple[Claim, ...] = Field(min_length=1)
    estimate: Estimate | None = None
    note: Text | None = None

    @property
    def key(self) -> tuple[str, str]:
        """(figure, role), unique within an incident."""
        return (self.figure, self.role)

    @property
    def quantified(self) -> tuple[Claim, ...]:
        """Claims that give a number or a range."""
        return tuple(claim for claim in self.claims if claim.is_quantified)

    @property
    def claimed_low(self) -> float | None:
        """The smallest number any source claimed."""
        lows = [c.low for c in self.quantified if c.low is not None]
        return min(lows) if lows else None

    @property
    def claimed_high(self) -> float | None:
        """The largest number any source claimed (an 'at least' claim counts its value)."""
        highs = [c.high if c.high is not None else c.low for c in self.quantified]
        values = [h for h in highs if h is not None]
        return max(values) if values else None

    @property
    def spread(self) -> float:
        """Highest claim minus lowest claim: 0 when sources agree."""
        if self.claimed_low is None or self.claimed_high is None:
            return 0
        return self.claimed_high - self.claimed_low

    @property
    def is_disputed(self) -> bool:
        """Sources give different numbers."""
        return len({(c.low, c.high, c.qualifier) for c in self.quantified}) > 1


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

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Every source the record cites, in order of first citation."""
        return tuple(dict.fromkeys(_cited_sources(self)))

    def figure(self, name: str, role: str = "total") -> Figure | None:
        """The figure with this name and role, if recorded."""
        return next((f for f in self.figures if f.key == (name, role)), None)

    def best(self, name: str, role: str = "total") -> float | None:
        """The best estimate of a figure, if there is one."""
        found = self.figure(name, role)
        return found.estimate.best if found and found.estimate else None


def _cited_sources(value: Any) -> list[str]:
    """Walk a model and collect every source id it cites."""
    found: list[str] = []
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if name == "source" and isinstance(item, str):
                found.append(item)
            elif name == "sources" and isinstance(item, tuple):
                found.extend(item)
            elif name != "id":
                found.extend(_cited_sources(item))
    elif isinstance(value, tuple):
        for item in value:
            found.extend(_cited_sources(item))
    return found


def _number(value: float | None) -> str:
    """Format a count without a trailing '.0'."""
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# --- Vocabulary ----------------------------------------------------------------------------


class Term(Record):
    """A controlled-vocabulary entry."""

    id: Slug
    label: Line
    description: Text | None = None


class FigureTerm(Term):
    """A figure that records may count, and its unit."""

    unit: Literal["people", "hours"]


class Region(Record):
    """A first-level division (oblast or city of republican significance)."""

    name: Line
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    kind: Literal["region", "city"]
    former_names: tuple[Line, ...] = ()


class Vocabulary(Record):
    """The controlled vocabularies in ``content/vocabulary.yaml``."""

    incident_types: tuple[Term, ...]
    tactics: tuple[Term, ...]
    figures: tuple[FigureTerm, ...]
    regions: tuple[Region, ...]

    def unit(self, figure: str) -> str:
        """The unit of a figure id ('people' when unknown)."""
        return next((term.unit for term in self.figures if term.id == figure), "people")

    def label(self, kind: str, term_id: str) -> str:
        """Human label of a vocabulary id, falling back to the id."""
        terms: tuple[Term, ...] = getattr(self, kind)
        return next((term.label for term in terms if term.id == term_id), term_id)


class Dataset(Record):
    """Everything a build renders: incidents in id order, sources by id, the vocabulary."""

    incidents: tuple[Incident, ...]
    sources: dict[str, Source]
    vocabulary: Vocabulary

    @property
    def published(self) -> tuple[Incident, ...]:
        """Incidents with status 'published'."""
        return tuple(i for i in self.incidents if i.status == "published")
